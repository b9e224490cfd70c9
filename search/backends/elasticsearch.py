"""The Elasticsearch backend of the search service (elasticsearch.dsl queries on the
alias). Engine failures become `EngineUnavailable`; nothing the engine says reaches
the user."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, TransportError
from elasticsearch.dsl import Q, Search

from search.breaker import EngineSkipped, engine_breaker
from search.client import shared_client
from search.contract import (
    BOOST_FACTOR,
    FACETS_BY_NAME,
    MARK_END,
    MARK_START,
    Hit,
    SearchRequest,
    SearchResults,
    Suggestion,
    facet_results,
    marked_html,
    source_labels,
)
from search.text import expand_synonyms, searchable_text, words

logger = logging.getLogger(__name__)

TEXT_FIELDS = ["title^4", "title.en^4", "title.folded^2", "summary^2", "summary.en^2",
               "summary.folded", "body", "body.en", "body.folded^0.5"]
HIGHLIGHTED = ["title", "title.en", "title.folded", "summary", "summary.en",
               "summary.folded", "body", "body.en", "body.folded"]
FACET_SIZE = 50


class EngineUnavailable(RuntimeError):
    pass


def other_languages(language: str) -> list[str]:
    return [language] + [code for code in ("de", "en") if code != language]


class ElasticsearchSearchBackend:
    name = "elasticsearch"

    def __init__(self) -> None:
        self.alias = settings.SEARCH_INDEX_ALIAS
        # Round trips to the engine for this answer (what Django adds is the rest).
        self.engine_seconds = 0.0

    def run(self, search: Search) -> Any:
        with self.asking_engine():
            return search.using(shared_client()).index(self.alias).execute()

    @contextmanager
    def asking_engine(self) -> Iterator[None]:
        """Every request to the engine goes through the circuit breaker: while it is
        open the engine is not asked and the caller falls back at once."""
        started = time.perf_counter()
        try:
            with engine_breaker.guard():
                yield
        except EngineSkipped:
            raise EngineUnavailable from None
        except (TransportError, ApiError) as error:
            logger.warning("Search engine error: %s", error)
            raise EngineUnavailable from None
        finally:
            self.engine_seconds += time.perf_counter() - started

    # --- query parts ---------------------------------------------------------------------

    def text_query(self, request: SearchRequest) -> Q:
        query = searchable_text(request.query)
        if not query or not words(query):
            return Q("match_all")
        phrasings = [query, *expand_synonyms(query, other_languages(request.language))]
        return Q("bool", minimum_should_match=1, should=[
            Q("multi_match", query=text, fields=TEXT_FIELDS, type="best_fields",
              operator="and") for text in phrasings
        ])

    @staticmethod
    def permission_filter(principals: tuple[str, ...]) -> Q:
        return Q("terms", visible_to=list(principals))

    @staticmethod
    def facet_filter(name: str, values: tuple[str, ...]) -> Q:
        return Q("terms", **{FACETS_BY_NAME[name].field: list(values)})

    @staticmethod
    def boosted(query: Q) -> Q:
        """Documents whose `boost_until` lies ahead (upcoming events) rank higher. The
        moment is compared when the query is asked, so an event that has ended needs no
        re-index to drop back; a factor keeps much better matches first. "Now" is the
        platform's clock (to the minute, so the engine can cache the filter), not the
        engine's: the database backend judges by the same clock, and so do the tests."""
        now = timezone.now().replace(second=0, microsecond=0).isoformat()
        return Q("function_score", query=query, functions=[
            {"filter": Q("range", boost_until={"gt": now}), "weight": BOOST_FACTOR}],
            score_mode="multiply", boost_mode="multiply")

    def base_search(self, request: SearchRequest) -> Search:
        return Search().query(self.boosted(Q(
            "bool", must=[self.text_query(request)],
            filter=[self.permission_filter(request.principals)])))

    # --- the contract ----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        search = self.base_search(request)
        filters = {name: self.facet_filter(name, values)
                   for name, values in request.filters.items()}
        if filters:
            search = search.post_filter(Q("bool", filter=list(filters.values())))
        for name in request.facets:
            others = [query for other, query in filters.items() if other != name]
            search.aggs.bucket(name, "filter", filter=Q("bool", filter=others)).bucket(
                "values", "terms", field=FACETS_BY_NAME[name].field, size=FACET_SIZE)
        search = search.highlight(*HIGHLIGHTED, fragment_size=180, number_of_fragments=1,
                                  no_match_size=0)
        search = search.highlight_options(pre_tags=[MARK_START], post_tags=[MARK_END])
        search = search.source(excludes=["body", "suggest", "content_hash", "visible_to"])
        if request.effective_sort == "newest":
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
        else:
            search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}})
        search = search.extra(from_=request.offset, size=request.page_size,
                              track_total_hits=True)
        started = time.perf_counter()
        response = self.run(search)
        labels = source_labels()
        hits = [self.hit(item, labels) for item in response.hits]
        counts = {
            name: [(str(bucket.key), bucket.doc_count)
                   for bucket in getattr(response.aggregations, name).values.buckets]
            for name in request.facets
        }
        total = response.hits.total.value
        suggestion = self.did_you_mean(request) if request.query and total == 0 else ""
        results = SearchResults(request=request, hits=hits, total=total,
                                facets=facet_results(request, counts), suggestion=suggestion,
                                engine_ms=self.engine_seconds * 1000, backend=self.name)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    @staticmethod
    def hit(item: Any, labels: dict[str, str]) -> Hit:
        highlight = item.meta.to_dict().get("highlight", {})

        def best(field: str) -> str:
            for name in (field, f"{field}.en", f"{field}.folded"):
                if highlight.get(name):
                    return highlight[name][0]
            return ""

        source = item.to_dict()
        title = best("title") or source.get("title", "")
        snippet = best("summary") or best("body") or source.get("summary", "")[:300]
        topics = list(zip(source.get("topics", []), source.get("topic_labels", []),
                          strict=False))
        return Hit(key=item.meta.id, source=source.get("source", ""),
                   source_label=labels.get(source.get("source", ""), ""),
                   title=marked_html(title), url=source.get("url", ""),
                   language=source.get("locale", ""), snippet=marked_html(snippet),
                   date=source.get("date"), topics=topics, score=item.meta.score)

    def did_you_mean(self, request: SearchRequest) -> str:
        """Each misspelt word replaced by its closest indexed spelling, offered only when
        the corrected query finds something this user may see (the suggester itself
        knows no permissions)."""
        search = Search().extra(size=0).suggest(
            "spelling", request.query, term={"field": "title.folded", "suggest_mode": "missing"})
        try:
            response = self.run(search)
        except EngineUnavailable:
            return ""
        corrected = []
        changed = False
        for entry in response.suggest.spelling:
            if entry.options:
                corrected.append(entry.options[0].text)
                changed = True
            else:
                corrected.append(entry.text)
        if not changed:
            return ""
        candidate = " ".join(corrected)
        check = self.base_search(SearchRequest(query=candidate, principals=request.principals,
                                               language=request.language)).extra(size=0)
        try:
            found = self.run(check.extra(track_total_hits=True)).hits.total.value
        except EngineUnavailable:
            return ""
        return candidate if found else ""

    def suggest(self, prefix: str, *, language: str, principals: tuple[str, ...],
                limit: int) -> list[Suggestion]:
        search = Search().query(Q("bool", must=[Q(
            "multi_match", query=prefix, type="bool_prefix",
            fields=["suggest", "suggest._2gram", "suggest._3gram"])],
            filter=[self.permission_filter(principals)],
            should=[Q("term", locale=language)]))
        search = search.source(["title", "url", "source"]).extra(size=limit)
        labels = source_labels()
        return [Suggestion(title=item.title, url=item.url, source=item.source,
                           source_label=labels.get(item.source, ""))
                for item in self.run(search).hits]

    def similar(self, key: str, *, principals: tuple[str, ...], sources: tuple[str, ...],
                language: str, limit: int) -> list[Hit]:
        with self.asking_engine():
            found = shared_client().options(ignore_status=404).get(index=self.alias, id=key)
        if not found.body.get("found"):
            return []
        source = found.body["_source"]
        like = " ".join([source.get("title", ""), source.get("summary", ""),
                         " ".join(source.get("topic_labels", [])),
                         " ".join(source.get("tags", []))])
        filters = [self.permission_filter(principals), Q("term", locale=language)]
        if sources:
            filters.append(Q("terms", source=list(sources)))
        search = Search().query(Q("bool", must=[Q(
            "more_like_this", fields=["title", "summary", "body"], like=like,
            min_term_freq=1, min_doc_freq=1, max_query_terms=30)],
            filter=filters, must_not=[Q("ids", values=[key])]))
        search = search.source(excludes=["body", "suggest"]).extra(size=limit)
        labels = source_labels()
        return [self.hit(item, labels) for item in self.run(search).hits]
