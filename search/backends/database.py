"""The database backend of the search service: the embedded default, and the fallback
when Elasticsearch does not answer. It reads the same documents (`SearchDocument`),
so it answers with the same shape. On PostgreSQL words match through full-text search
with the German (or English) configuration; on SQLite through the stems that
`search.text` makes of documents and queries alike."""

from __future__ import annotations

import difflib
import time
from collections.abc import Iterable
from datetime import UTC

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone

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
from search.models import SearchDocument, SearchTerm
from search.text import WORD, expand_synonyms, fold, searchable_text, stem, words

FACET_SIZE = 50
SNIPPET_LENGTH = 220
STOP_WORDS = {
    "de": {"der", "die", "das", "und", "oder", "in", "im", "mit", "von", "für", "fur", "zu",
           "den", "dem", "des", "ein", "eine", "einer", "auf", "an", "am", "ist", "wie", "bei"},
    "en": {"the", "a", "an", "and", "or", "of", "in", "on", "for", "to", "with", "by", "is"},
}
POSTGRES_CONFIGURATIONS = ("german", "english")


def query_stems(text: str) -> list[str]:
    stop = STOP_WORDS["de"] | STOP_WORDS["en"]
    return [stem(word) for word in words(text) if fold(word) not in stop][:32]


def has_term(field: str, values: Iterable[str]) -> Exists:
    return Exists(SearchTerm.objects.filter(document=OuterRef("pk"), field=field,
                                            value__in=list(values)))


def boosted_rank() -> ExpressionWrapper:
    """The rank times BOOST_FACTOR while the document's `boost_until` lies ahead, as the
    engine's function score does. Documents store it as UTC ISO 8601 text, which sorts
    like the moments it names."""
    now = timezone.now().astimezone(UTC).isoformat(timespec="seconds")
    boost = Case(When(Q(boost_until__gt=now), then=Value(BOOST_FACTOR)), default=Value(1.0),
                 output_field=FloatField())
    return ExpressionWrapper(F("rank") * boost, output_field=FloatField())


def highlight(text: str, stems: list[str], *, length: int | None = None) -> str:
    """The text (or a window of it around the first match) with matches marked."""
    if not text:
        return ""
    matches = []
    for found in WORD.finditer(text):
        word_stem = stem(found.group())
        if any(word_stem.startswith(query)
               or (query.startswith(word_stem) and len(word_stem) >= 4) for query in stems):
            matches.append((found.start(), found.end()))
    window_start, window_end = 0, len(text)
    if length is not None and len(text) > length:
        first = matches[0][0] if matches else 0
        window_start = max(0, first - length // 3)
        window_end = min(len(text), window_start + length)
    out, cursor = [], window_start
    for start, end in matches:
        if start < window_start or end > window_end:
            continue
        out += [text[cursor:start], MARK_START, text[start:end], MARK_END]
        cursor = end
    out.append(text[cursor:window_end])
    snippet = "".join(out)
    if window_start > 0:
        snippet = "… " + snippet.lstrip()
    if window_end < len(text):
        snippet = snippet.rstrip() + " …"
    return snippet


class DatabaseSearchBackend:
    name = "database"

    @staticmethod
    def visible(principals: tuple[str, ...]) -> QuerySet[SearchDocument]:
        return SearchDocument.objects.filter(removed=False).exclude(content_hash="").filter(
            has_term("visible_to", principals))

    def matching(self, request: SearchRequest) -> tuple[QuerySet[SearchDocument], list[str]]:
        documents = self.visible(request.principals)
        query = searchable_text(request.query)
        stems = query_stems(query)
        if not query or not stems:
            return documents, []
        phrasings = [query, *expand_synonyms(query, ["de", "en"])]
        all_stems = list(dict.fromkeys(s for text in phrasings for s in query_stems(text)))
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchRank

            search_query = None
            for text in phrasings:
                for configuration in POSTGRES_CONFIGURATIONS:
                    part = SearchQuery(text, config=configuration, search_type="plain")
                    search_query = part if search_query is None else search_query | part
            documents = documents.filter(search_vector=search_query).annotate(
                rank=SearchRank(F("search_vector"), search_query))
            return documents, all_stems
        condition = Q()
        for text in phrasings:
            part = Q()
            for word_stem in query_stems(text):
                part &= Q(text_terms__contains=f" {word_stem}")
            condition |= part
        title_hits = [When(title_terms__contains=f" {word_stem}", then=Value(1))
                      for word_stem in stems]
        documents = documents.filter(condition).annotate(
            rank=Case(*title_hits, default=Value(0), output_field=IntegerField()))
        return documents, all_stems

    @staticmethod
    def filtered(documents: QuerySet[SearchDocument], filters: dict[str, tuple[str, ...]],
                 skip: str = "") -> QuerySet[SearchDocument]:
        for name, values in filters.items():
            if name != skip:
                documents = documents.filter(has_term(FACETS_BY_NAME[name].field, values))
        return documents

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        documents, stems = self.matching(request)
        filters = dict(request.filters)
        results_qs = self.filtered(documents, filters)
        if request.effective_sort == "newest" or not stems:
            ordered = results_qs.order_by(F("date").desc(nulls_last=True), "pk")
        else:
            # As text: a JSON key's own lookups would parse the compared value as JSON.
            ordered = (results_qs.alias(boost_until=Cast(KT("fields__boost_until"),
                                                         TextField()))
                       .order_by(boosted_rank().desc(), F("date").desc(nulls_last=True),
                                 "pk"))
        total = results_qs.count()
        page = list(ordered.defer("body", "text_terms", "title_terms", "search_vector")
                    [request.offset:request.offset + request.page_size])
        bodies = dict(SearchDocument.objects.filter(pk__in=[doc.pk for doc in page])
                      .values_list("pk", "body")) if stems else {}
        counts = self.facet_counts(request, documents, results_qs, filters)
        labels = source_labels()
        hits = [self.hit(doc, stems, labels, bodies.get(doc.pk, "")) for doc in page]
        suggestion = self.did_you_mean(request) if request.query and total == 0 else ""
        elapsed = (time.perf_counter() - started) * 1000
        return SearchResults(request=request, hits=hits, total=total,
                             facets=facet_results(request, counts), suggestion=suggestion,
                             engine_ms=elapsed, backend=self.name)

    def facet_counts(self, request: SearchRequest, documents: QuerySet[SearchDocument],
                     results_qs: QuerySet[SearchDocument],
                     filters: dict[str, tuple[str, ...]]) -> dict[str, list[tuple[str, int]]]:
        """Facets without a chosen value all count over the results, in one grouped
        query; a facet with chosen values counts over what the other facets let
        through (so its other values stay selectable), one query each."""
        groups: list[tuple[list[str], QuerySet[SearchDocument]]] = []
        shared = [name for name in request.facets if name not in filters]
        if shared:
            groups.append((shared, results_qs))
        groups += [([name], self.filtered(documents, filters, skip=name))
                   for name in request.facets if name in filters]
        counts: dict[str, list[tuple[str, int]]] = {name: [] for name in request.facets}
        for names, scope in groups:
            by_field = {FACETS_BY_NAME[name].field: name for name in names}
            rows = (SearchTerm.objects.filter(field__in=by_field,
                                              document__in=scope.values("pk"))
                    .values_list("field", "value").annotate(count=Count("document_id")))
            for field, value, count in rows:
                counts[by_field[field]].append((value, count))
        return {name: sorted(values, key=lambda item: (-item[1], item[0]))[:FACET_SIZE]
                for name, values in counts.items()}

    @staticmethod
    def hit(doc: SearchDocument, stems: list[str], labels: dict[str, str], body: str) -> Hit:
        summary_marked = highlight(doc.summary, stems, length=SNIPPET_LENGTH)
        if stems and MARK_START not in summary_marked and body:
            body_marked = highlight(body, stems, length=SNIPPET_LENGTH)
            if MARK_START in body_marked:
                summary_marked = body_marked
        fields = doc.fields
        topics = list(zip(fields.get("topics", []), fields.get("topic_labels", []),
                          strict=False))
        return Hit(key=doc.key, source=doc.source, source_label=labels.get(doc.source, ""),
                   title=marked_html(highlight(doc.title, stems)), url=doc.url,
                   language=doc.locale, snippet=marked_html(summary_marked),
                   date=doc.date, topics=topics, score=getattr(doc, "rank", None))

    def did_you_mean(self, request: SearchRequest) -> str:
        vocabulary = set()
        for title in self.visible(request.principals).values_list("title", flat=True)[:20000]:
            vocabulary.update(fold(word) for word in words(title) if len(word) > 3)
        corrected, changed = [], False
        for word in words(request.query):
            folded = fold(word)
            close = ([] if folded in vocabulary or len(folded) < 4
                     else difflib.get_close_matches(folded, vocabulary, n=1, cutoff=0.8))
            corrected.append(close[0] if close else folded)
            changed |= bool(close)
        if not changed:
            return ""
        candidate = " ".join(corrected)
        documents, _ = self.matching(SearchRequest(query=candidate,
                                                   principals=request.principals))
        return candidate if documents.exists() else ""

    def suggest(self, prefix: str, *, language: str, principals: tuple[str, ...],
                limit: int) -> list[Suggestion]:
        typed = words(prefix)
        if not typed:
            return []
        condition = Q()
        for word in typed[:-1]:
            condition &= Q(title_terms__contains=f" {stem(word)}")
        last = typed[-1]
        condition &= (Q(title_terms__contains=f" {fold(last)}")
                      | Q(title_terms__contains=f" {stem(last)}"))
        documents = (self.visible(principals).filter(condition)
                     .annotate(own=Case(When(locale=language, then=Value(0)), default=Value(1),
                                        output_field=IntegerField()))
                     .order_by("own", "title").values("title", "url", "source")[:limit])
        labels = source_labels()
        return [Suggestion(title=doc["title"], url=doc["url"], source=doc["source"],
                           source_label=labels.get(doc["source"], "")) for doc in documents]

    def similar(self, key: str, *, principals: tuple[str, ...], sources: tuple[str, ...],
                language: str, limit: int) -> list[Hit]:
        """Shared topics and tags, most first, then newest."""
        shared = list(SearchTerm.objects.filter(document__key=key, field__in=("topics", "tags"))
                      .values_list("field", "value"))
        if not shared:
            return []
        condition = Q()
        for field, value in shared:
            condition |= Q(field=field, value=value)
        overlap = (SearchTerm.objects.filter(condition).values("document_id")
                   .annotate(shared=Count("pk")))
        documents = self.visible(principals).filter(locale=language).exclude(key=key)
        if sources:
            documents = documents.filter(source__in=sources)
        scores = {row["document_id"]: row["shared"]
                  for row in overlap.filter(document__in=documents.values("pk"))
                  .order_by("-shared")[: limit * 5]}
        candidates = sorted(SearchDocument.objects.filter(pk__in=scores).defer("body"),
                            key=lambda doc: (-scores[doc.pk], -(doc.date.timestamp()
                                                                 if doc.date else 0)))
        labels = source_labels()
        return [self.hit(doc, [], labels, "") for doc in candidates[:limit]]
