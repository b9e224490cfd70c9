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

from home import page_clock
from search.breaker import EngineSkipped, engine_breaker
from search.client import shared_client
from search.contract import (
    EVENT_BOOST_LATER,
    EVENT_BOOST_NEAR,
    EVENT_NEAR,
    FACETS_BY_NAME,
    FEW,
    MARK_END,
    MARK_START,
    RANK_LOWER,
    WEIGHT_OWN_LANGUAGE,
    Hit,
    SearchRequest,
    SearchResults,
    Suggestion,
    facet_results,
    marked_html,
    source_labels,
)
from search.text import expand_synonyms, fold, query_stems, searchable_text, stem, words
from search.vocabulary import corrected, vocabulary

logger = logging.getLogger(__name__)

# Field weights, tuned on the relevance set (search/README.md, "Field weights"); each
# field's folded and compound-part subfields count half as much as its analysed words.
FIELD_WEIGHTS = {"title": 4.0, "summary": 2.0, "body": 0.5}


def text_fields(weights: dict[str, float]) -> list[str]:
    return [f"{name}{suffix}^{weight * share:g}" for name, weight in weights.items()
            for suffix, share in (("", 1), (".en", 1), (".folded", 0.5), (".parts", 0.5))]


TEXT_FIELDS = text_fields(FIELD_WEIGHTS)
# Typo tolerance: on the folded words only, well below exact matches.
FUZZY_FIELDS = [field for field in TEXT_FIELDS if ".folded" in field]
FUZZY_BOOST = 0.3
# The database backend's stems and compound parts (index.py: `terms`).
TERMS_BOOST = 1.0
# The relaxed any-word fallback ranks below every all-words match.
RELAXED_BOOST = 0.1
HIGHLIGHTED = ["title", "title.en", "title.folded", "title.parts", "summary", "summary.en",
               "summary.folded", "summary.parts", "body", "body.en", "body.folded",
               "body.parts"]
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

    def text_query(self, request: SearchRequest, *, relaxed: bool = False) -> Q:
        """Every word of the query (or of a synonym's phrasing) in some field; the same
        with typos tolerated, lower; with `relaxed`, any word, lower still."""
        query = searchable_text(request.query)
        if not query or not words(query):
            return Q("match_all")
        phrasings = [query, *expand_synonyms(query, other_languages(request.language))]
        should = [Q("multi_match", query=text, fields=TEXT_FIELDS, type="best_fields",
                    operator="and") for text in phrasings]
        should += [Q("match", terms={"query": " ".join(query_stems(text)), "operator": "and",
                                     "boost": TERMS_BOOST})
                   for text in phrasings if query_stems(text)]
        should.append(Q("multi_match", query=query, fields=FUZZY_FIELDS, type="best_fields",
                        operator="and", fuzziness="AUTO", prefix_length=2,
                        boost=FUZZY_BOOST))
        if relaxed:
            should += [Q("multi_match", query=text, fields=TEXT_FIELDS, type="best_fields",
                         operator="or", boost=RELAXED_BOOST) for text in phrasings]
            should.append(Q("match", terms={"query": " ".join(query_stems(query)),
                                            "boost": RELAXED_BOOST}))
        return Q("bool", minimum_should_match=1, should=should)

    @staticmethod
    def permission_filter(principals: tuple[str, ...]) -> Q:
        return Q("terms", visible_to=list(principals))

    @staticmethod
    def facet_filter(name: str, values: tuple[str, ...]) -> Q:
        return Q("terms", **{FACETS_BY_NAME[name].field: list(values)})

    @staticmethod
    def boosted(query: Q, language: str) -> Q:
        """The reader's language first (a weight no match score reaches), and upcoming
        events a little higher: more while they are near, never more than
        EVENT_BOOST_NEAR. The moment is compared when the query is asked, so an event
        that has ended needs no re-index to drop back. "Now" is the platform's clock (to
        the minute, so the engine can cache the filter), not the engine's: the database
        backend judges by the same clock, and so do the tests."""
        now = timezone.now().replace(second=0, microsecond=0)
        page_clock.changes_with_clock()  # the ranking of events changes as they draw near
        near = now + EVENT_NEAR
        return Q("function_score", query=query, functions=[
            {"filter": Q("term", locale=language), "weight": WEIGHT_OWN_LANGUAGE},
            {"filter": Q("range", boost_until={"gt": now.isoformat(),
                                               "lte": near.isoformat()}),
             "weight": EVENT_BOOST_NEAR},
            {"filter": Q("range", boost_until={"gt": near.isoformat()}),
             "weight": EVENT_BOOST_LATER},
            {"filter": Q("term", rank_lower=True), "weight": RANK_LOWER},
        ], score_mode="multiply", boost_mode="multiply")

    def base_search(self, request: SearchRequest, *, relaxed: bool = False) -> Search:
        return Search().query(self.boosted(Q(
            "bool", must=[self.text_query(request, relaxed=relaxed)],
            filter=[self.permission_filter(request.principals)]), request.language))

    # --- the contract ----------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResults:
        results = self.search_once(request, relaxed=False)
        if results.total < FEW and len(words(searchable_text(request.query))) > 1:
            # One unmatched word must not empty the result: any word, ranked lower.
            results = self.search_once(request, relaxed=True)
        return results

    def search_once(self, request: SearchRequest, *, relaxed: bool) -> SearchResults:
        search = self.base_search(request, relaxed=relaxed)
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
        search = search.source(excludes=["body", "suggest", "content_hash", "visible_to",
                                         "terms", "title_terms"])
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
        suggestion = self.did_you_mean(request) if request.query else ""
        results = SearchResults(request=request, hits=hits, total=total,
                                facets=facet_results(request, counts), suggestion=suggestion,
                                engine_ms=self.engine_seconds * 1000, backend=self.name)
        results.took_ms = (time.perf_counter() - started) * 1000
        return results

    @staticmethod
    def hit(item: Any, labels: dict[str, str]) -> Hit:
        highlight = item.meta.to_dict().get("highlight", {})

        def best(field: str) -> str:
            for name in (field, f"{field}.en", f"{field}.folded", f"{field}.parts"):
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
        """Each misspelt word replaced by its closest word of the whole vocabulary (the
        documents table's, shared with the database backend), in its usual spelling,
        offered only when the corrected query finds something this user may see."""
        candidate = corrected(request.query, vocabulary())
        if not candidate:
            return ""
        check = self.base_search(SearchRequest(query=candidate, principals=request.principals,
                                               language=request.language)).extra(size=0)
        try:
            found = self.run(check.extra(track_total_hits=True)).hits.total.value
        except EngineUnavailable:
            return ""
        return candidate if found else ""

    def suggest(self, prefix: str, *, language: str, principals: tuple[str, ...],
                limit: int) -> list[Suggestion]:
        """Titles in the reader's language with words or compound parts that start with
        the typed words (the last one as typed, a prefix); best matches, then newest."""
        typed = words(prefix)
        if not typed:
            return []
        as_terms = " ".join([*(stem(word) for word in typed[:-1]), fold(typed[-1])])
        search = Search().query(Q(
            "bool", minimum_should_match=1,
            should=[Q("match_bool_prefix", suggest=prefix),
                    Q("match_bool_prefix", title_terms=as_terms)],
            filter=[self.permission_filter(principals), Q("term", locale=language)]))
        search = search.source(["title", "url", "source"]).extra(size=limit).sort(
            "_score", {"date": {"order": "desc", "missing": "_last"}})
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
        search = search.source(excludes=["body", "suggest", "terms", "title_terms"]).extra(
            size=limit)
        labels = source_labels()
        return [self.hit(item, labels) for item in self.run(search).hits]
