"""The database backend of the search service: the embedded default, and the fallback
when Elasticsearch does not answer. It reads the same documents (`SearchDocument`),
so it answers with the same shape. On PostgreSQL words match through full-text search
with the German (or English) configuration; on SQLite through the stems that
`search.text` makes of documents and queries alike."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
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

from home import page_clock
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
from search.models import SearchDocument, SearchTerm
from search.text import (
    WORD,
    expand_synonyms,
    fold,
    query_stems,
    searchable_text,
    stem,
    words,
)
from search.vocabulary import Vocabulary, corrected, vocabulary

FACET_SIZE = 50
SNIPPET_LENGTH = 220
POSTGRES_CONFIGURATIONS = ("german", "english")
# A half-typed word this long may match inside a title word (type-ahead).
MIN_INSIDE = 4
# Rank parts of the database backend (see QueryPlan.rank); title and text weights tuned
# on the relevance set (search/README.md, "Field weights").
WEIGHT_ALL_WORDS = 8.0
WEIGHT_CORRECTED = 3.0
WEIGHT_TITLE = 2.0
WEIGHT_TEXT = 0.5


def has_term(field: str, values: Iterable[str]) -> Exists:
    return Exists(SearchTerm.objects.filter(document=OuterRef("pk"), field=field,
                                            value__in=list(values)))


def contains_stem(field: str, word_stem: str) -> Q:
    return Q(**{f"{field}__contains": f" {word_stem}"})


def all_of(stems: list[str]) -> Q:
    condition = Q()
    for word_stem in stems:
        condition &= contains_stem("text_terms", word_stem)
    return condition


def any_of(stems: list[str]) -> Q:
    condition = Q()
    for word_stem in stems:
        condition |= contains_stem("text_terms", word_stem)
    return condition


def flag(condition: Q, weight: float) -> Case:
    return Case(When(condition, then=Value(weight)), default=Value(0.0),
                output_field=FloatField())


def event_boost() -> Case:
    """Upcoming events rank a little higher, the more the nearer they are, and never by
    more than EVENT_BOOST_NEAR (the engine's function score does the same). Documents
    store `boost_until` as UTC ISO 8601 text, which sorts like the moments it names."""
    now = timezone.now().astimezone(UTC)
    page_clock.changes_with_clock()  # the ranking of events changes as they draw near
    near = (now + EVENT_NEAR).isoformat(timespec="seconds")
    now_text = now.isoformat(timespec="seconds")
    return Case(When(Q(boost_until__gt=now_text, boost_until__lte=near),
                     then=Value(EVENT_BOOST_NEAR)),
                When(Q(boost_until__gt=near), then=Value(EVENT_BOOST_LATER)),
                default=Value(1.0), output_field=FloatField())


@dataclass
class QueryPlan:
    """What a query looks for: its own stems and those of its synonyms' phrasings
    (all words of one phrasing must match), the phrasings with misspelt words
    corrected from the vocabulary (at a lower rank), and the stems to highlight."""

    stems: list[str]
    phrasings: list[list[str]]
    corrected: list[list[str]]

    @classmethod
    def of(cls, query: str, vocab: Vocabulary) -> QueryPlan:
        texts = [query, *expand_synonyms(query, ["de", "en"])]
        phrasings = [found for found in (query_stems(text) for text in texts) if found]
        corrected = []
        for text in texts:
            close = [vocab.closest(word) for word in words(text)]
            if any(close):
                fixed = " ".join(found[0] if found else word
                                 for word, found in zip(words(text), close, strict=True))
                corrected.append(query_stems(fixed))
        highlighted = list(dict.fromkeys(
            word_stem for phrasing in phrasings + corrected for word_stem in phrasing))
        return cls(stems=highlighted, phrasings=phrasings,
                   corrected=[found for found in corrected if found])

    def strict(self) -> Q:
        condition = Q()
        for phrasing in self.phrasings + self.corrected:
            condition |= all_of(phrasing)
        return condition

    def relaxed(self) -> Q:
        return any_of(self.stems)

    def rank(self, language: str) -> ExpressionWrapper:
        """Exact phrasings first, then corrected ones, then single words (the relaxed
        fallback); title matches count most; the reader's language comes first."""
        score = Value(0.0, output_field=FloatField())
        for phrasing in self.phrasings:
            score = score + flag(all_of(phrasing), WEIGHT_ALL_WORDS)
        for phrasing in self.corrected:
            score = score + flag(all_of(phrasing), WEIGHT_CORRECTED)
        for word_stem in self.stems:
            score = score + flag(contains_stem("title_terms", word_stem), WEIGHT_TITLE)
            score = score + flag(contains_stem("text_terms", word_stem), WEIGHT_TEXT)
        own = flag(Q(locale=language), WEIGHT_OWN_LANGUAGE)
        lowered = Case(When(Q(fields__rank_lower=True), then=Value(RANK_LOWER)),
                       default=Value(1.0), output_field=FloatField())
        return ExpressionWrapper((score * event_boost() * lowered) + own,
                                 output_field=FloatField())


def postgres_query(query: str) -> SearchQuery:
    """The query and its synonyms' phrasings in PostgreSQL's German and English
    configurations (any of them)."""
    combined = SearchQuery(query, config=POSTGRES_CONFIGURATIONS[0], search_type="plain")
    for text in [query, *expand_synonyms(query, ["de", "en"])]:
        for configuration in POSTGRES_CONFIGURATIONS:
            combined = combined | SearchQuery(text, config=configuration, search_type="plain")
    return combined


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

    def matching(self, request: SearchRequest, vocab: Vocabulary | None = None
                 ) -> tuple[QuerySet[SearchDocument], QueryPlan | None]:
        """The documents the query finds (unranked: counting them needs no rank), and
        the plan that ranks them and names the stems to mark."""
        documents = self.visible(request.principals)
        query = searchable_text(request.query)
        if not query or not query_stems(query):
            return documents, None
        plan = QueryPlan.of(query, vocab or vocabulary())
        condition = plan.strict()
        if connection.vendor == "postgresql":
            # PostgreSQL's German and English stemmers add the word forms ours misses.
            condition |= Q(search_vector=postgres_query(query))
        matched = documents.filter(condition)
        if len(query_stems(query)) > 1 and matched[:FEW].count() < FEW:
            matched = documents.filter(condition | plan.relaxed())
        return matched, plan

    @staticmethod
    def ranked(documents: QuerySet[SearchDocument], plan: QueryPlan,
               language: str) -> QuerySet[SearchDocument]:
        # As text: a JSON key's own lookups would parse the compared value as JSON.
        documents = documents.alias(boost_until=Cast(KT("fields__boost_until"), TextField()))
        return documents.annotate(rank=plan.rank(language))

    @staticmethod
    def filtered(documents: QuerySet[SearchDocument], filters: dict[str, tuple[str, ...]],
                 skip: str = "") -> QuerySet[SearchDocument]:
        for name, values in filters.items():
            if name != skip:
                documents = documents.filter(has_term(FACETS_BY_NAME[name].field, values))
        return documents

    def search(self, request: SearchRequest) -> SearchResults:
        started = time.perf_counter()
        # Read once per search (one query while no document changes).
        vocab = vocabulary()
        documents, plan = self.matching(request, vocab)
        stems = plan.stems if plan else []
        filters = dict(request.filters)
        results_qs = self.filtered(documents, filters)
        if request.effective_sort == "newest" or plan is None:
            ordered = results_qs.order_by(F("date").desc(nulls_last=True), "pk")
        else:
            ordered = (self.ranked(results_qs, plan, request.language)
                       .order_by(F("rank").desc(), F("date").desc(nulls_last=True), "pk"))
        total = results_qs.count()
        page = list(ordered.defer("body", "text_terms", "title_terms", "search_vector")
                    [request.offset:request.offset + request.page_size])
        bodies = dict(SearchDocument.objects.filter(pk__in=[doc.pk for doc in page])
                      .values_list("pk", "body")) if stems else {}
        counts = self.facet_counts(request, documents, results_qs, filters)
        labels = source_labels()
        hits = [self.hit(doc, stems, labels, bodies.get(doc.pk, "")) for doc in page]
        suggestion = self.did_you_mean(request, vocab) if request.query else ""
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

    def did_you_mean(self, request: SearchRequest, vocab: Vocabulary) -> str:
        """The query with misspelt words replaced by the closest word of the whole
        vocabulary, in its usual spelling, offered only when it finds something."""
        candidate = corrected(request.query, vocab)
        if not candidate:
            return ""
        documents, _ = self.matching(SearchRequest(query=candidate,
                                                   principals=request.principals), vocab)
        return candidate if documents.exists() else ""

    def suggest(self, prefix: str, *, language: str, principals: tuple[str, ...],
                limit: int) -> list[Suggestion]:
        """Titles in the reader's language whose words (or compound parts) start with
        the typed words; the last, half-typed word is folded but not stemmed, and from
        four letters on it may sit inside a word ("verk" in "Nahverkehr"). Titles whose
        word starts with it come first, then the newest."""
        typed = words(prefix)
        if not typed:
            return []
        condition = Q()
        for word in typed[:-1]:
            condition &= contains_stem("title_terms", stem(word))
        last = fold(typed[-1])
        starts = contains_stem("title_terms", last) | contains_stem("title_terms", stem(last))
        inside = Q(title_terms__contains=last) if len(last) >= MIN_INSIDE else starts
        documents = (self.visible(principals).filter(condition & inside, locale=language)
                     .annotate(starts=flag(starts, 1.0))
                     .order_by("-starts", F("date").desc(nulls_last=True), "title")
                     .values("title", "url", "source")[:limit])
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
