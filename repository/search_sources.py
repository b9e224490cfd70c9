"""What the knowledge repository contributes to the search index.

The search plugin reads these through the contract described in `search/sources.py`
(duck-typed: this module imports nothing from `search`). Each source gives the live
pages of one type and turns a page into a document; `prepare()` resolves the topic
names of a whole chunk in one query, so that a chunk costs the same queries whatever
its size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.db.models import (
    Aggregate,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    JSONField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, JSONArray
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Page, PageViewRestriction

from community.models import FederalState, Municipality, SizeClass
from repository.models import (
    FaqEntry,
    FundingPhase,
    Maturity,
    ModelProjectPage,
    ModelProjectTag,
    PublicationKind,
    PublicationPage,
    PublicationTag,
    SolutionPage,
    SolutionTag,
    Topic,
)

# A tag as rich text holds them: a name and double-quoted attributes without < or >.
PLAIN_TAG = re.compile(r'</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][-\w:.]*(?:="[^"<>]*")?)*\s*/?>')


def html_text(markup: str) -> str:
    """The words of rich text. strip_tags runs an HTML parser over every text; text
    without entities whose every "<" opens a plain tag loses just those tags, which a
    regular expression does in a fraction of the time."""
    text = markup or ""
    if "&" not in text:
        if "<" not in text:
            return " ".join(text.split())
        stripped, tags = PLAIN_TAG.subn("", text)
        if tags == text.count("<"):
            return " ".join(stripped.split())
    return " ".join(strip_tags(text).split())


class JSONList(Aggregate):
    """The aggregated values as one JSON list (SQLite's JSON_GROUP_ARRAY, PostgreSQL's
    JSONB_AGG), so that a page's topics and tags come with the page's row."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(compiler, connection, function="JSONB_AGG", **extra)


def listed(rows: QuerySet, owner: str, *fields: Any) -> Subquery:
    """The rows that point at the outer page (by `owner`), each as a JSON list of
    `fields`, gathered into one JSON list."""
    return Subquery(rows.filter(**{owner: OuterRef("pk")}).order_by().values(owner)
                    .annotate(items=JSONList(JSONArray(*fields))).values("items"))


def topic_rows(model: type[Page]) -> Subquery:
    """An annotation for a values() query of `model`: its topics as [slug, name in the
    page's language, sort order, name] (editors choose topics on the German page;
    translations keep pointing there)."""
    topics = model._meta.get_field("topics")
    translated = Subquery(Topic.objects.filter(
        translation_key=OuterRef("topic__translation_key"),
        locale_id=OuterRef(OuterRef("locale_id"))).values("name")[:1])
    return listed(topics.remote_field.through.objects.all(), f"{topics.m2m_field_name()}_id",
                  "topic__slug", Coalesce(translated, "topic__name"), "topic__sort_order",
                  "topic__name")


def sorted_topics(rows: list[list[Any]] | None) -> list[list[Any]]:
    """topic_rows in the order of Topic's Meta.ordering (sort order, name), as
    page.topics gives them."""
    return sorted(rows or [], key=lambda topic: (topic[2], topic[3]))


def topics_and_tags(model: type[Page]) -> dict[str, Subquery]:
    """Annotations for a values() query of `model`: its topics (topic_rows) and its tags
    as [slug, name]."""
    tagged = model._meta.get_field("tagged_items").related_model
    return {
        "topic_rows": topic_rows(model),
        "tag_rows": listed(tagged.objects.all(), "content_object_id", "tag__slug", "tag__name"),
    }


def topic_names(values: list[str], language: str) -> dict[str, str]:
    names = {}
    for slug, name, code in (Topic.objects.filter(slug__in=values)
                             .values_list("slug", "name", "locale__language_code")):
        if code == language or slug not in names:
            names[slug] = name
    return names


def choice_labels(choices: type) -> Any:
    def labels(values: list[str], language: str) -> dict[str, str]:
        with override(language):
            known = {str(value): str(label) for value, label in choices.choices}
        return {value: known[value] for value in values if value in known}
    return labels


def tag_names(values: list[str], language: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for model in (SolutionTag, ModelProjectTag, PublicationTag):
        names.update(model.objects.filter(slug__in=values).values_list("slug", "name"))
    return names


REPOSITORY_FACET_LABELS = {
    "topic": topic_names,
    "tag": tag_names,
    "federal_state": choice_labels(FederalState),
    "size_class": choice_labels(SizeClass),
    "funding_phase": choice_labels(FundingPhase),
    "maturity": choice_labels(Maturity),
}


class RepositoryPageSource:
    """What the three page types share: topics in the page's language, tags, dates."""

    model: type[Page]
    name: str
    label: Any
    facet_labels = REPOSITORY_FACET_LABELS

    # Columns document() reads besides the page's own ones (values() names).
    value_fields: tuple[str, ...] = ()

    def queryset(self) -> QuerySet:
        return self.model.objects.live()

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        """The chunk as plain values with its topics and tags: one query."""
        return list(queryset.values(
            "pk", "path", "url_path", "title", "summary", "last_published_at",
            "first_published_at", *self.value_fields, language=F("locale__language_code"),
            **topics_and_tags(self.model)))

    def common(self, page: dict[str, Any]) -> dict[str, Any]:
        topics = sorted_topics(page["topic_rows"])
        tags = sorted(page["tag_rows"] or [], key=lambda tag: tag[1].lower())
        return {
            "title": page["title"],
            "topics": [topic[0] for topic in topics],
            "topic_labels": [topic[1] for topic in topics],
            "tags": [tag[0] for tag in tags],
            "tag_labels": [tag[1] for tag in tags],
            "date": page["last_published_at"] or page["first_published_at"],
        }

    @staticmethod
    def tagged(model: type[Page]) -> Any:
        def pages(tag: Model) -> Iterable[int]:
            return model.objects.filter(tagged_items__tag=tag).values_list("pk", flat=True)
        return pages

    @staticmethod
    def with_topic(model: type[Page]) -> Any:
        def pages(topic: Topic) -> Iterable[int]:
            return model.objects.filter(
                topics__translation_key=topic.translation_key,
            ).values_list("pk", flat=True)
        return pages


class ModelProjectSource(RepositoryPageSource):
    name = "model_project"
    label = _("Model project")
    model = ModelProjectPage

    def __init__(self) -> None:
        self.dependencies = {
            Topic: self.with_topic(ModelProjectPage),
            ModelProjectTag: self.tagged(ModelProjectPage),
            Municipality: lambda municipality: ModelProjectPage.objects.filter(
                municipality=municipality).values_list("pk", flat=True),
        }

    value_fields = ("body", "funding_phase", "funding_start", "municipality__name",
                    "municipality__federal_state", "municipality__size_class")

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        body_field = ModelProjectPage._meta.get_field("body")
        return {
            **self.common(page),
            "summary": page["summary"],
            "body": " ".join([page["municipality__name"], *map(
                html_text, body_field.get_searchable_content(page["body"]))]),
            "federal_state": page["municipality__federal_state"],
            "size_class": page["municipality__size_class"],
            "funding_phase": str(page["funding_phase"]),
            "year": page["funding_start"],
        }


class SolutionSource(RepositoryPageSource):
    name = "solution"
    label = _("Solution")
    model = SolutionPage

    def __init__(self) -> None:
        self.dependencies = {
            Topic: self.with_topic(SolutionPage),
            SolutionTag: self.tagged(SolutionPage),
            Municipality: lambda municipality: SolutionPage.objects.filter(
                model_project__municipality=municipality).values_list("pk", flat=True),
            ModelProjectPage: lambda project: SolutionPage.objects.filter(
                model_project=project).values_list("pk", flat=True),
        }

    value_fields = ("problem", "approach", "results", "lessons_learned", "prerequisites",
                    "maturity", "ended_on", "model_project__title",
                    "model_project__funding_phase",
                    "model_project__municipality__name",
                    "model_project__municipality__federal_state",
                    "model_project__municipality__size_class")

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        body = [page[name] for name in ("problem", "approach", "results", "lessons_learned",
                                        "prerequisites")]
        return {
            **self.common(page),
            "summary": page["summary"],
            "body": " ".join([page["model_project__municipality__name"],
                              page["model_project__title"], *map(html_text, body)]),
            "federal_state": page["model_project__municipality__federal_state"],
            "size_class": page["model_project__municipality__size_class"],
            "funding_phase": str(page["model_project__funding_phase"]),
            "maturity": page["maturity"],
            # Ended solutions stay findable, below the ones still in operation.
            "rank_lower": page["ended_on"] is not None,
        }


class PublicationSource(RepositoryPageSource):
    name = "publication"
    label = _("Publication")
    model = PublicationPage
    facet_labels = {**REPOSITORY_FACET_LABELS, "publication_kind": choice_labels(PublicationKind)}

    def __init__(self) -> None:
        self.dependencies = {
            Topic: self.with_topic(PublicationPage),
            PublicationTag: self.tagged(PublicationPage),
        }

    value_fields = ("publisher", "year", "kind")

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        return {
            **self.common(page),
            "summary": page["summary"],
            "body": page["publisher"],
            "year": page["year"],
            "publication_kind": page["kind"],
        }


class FaqSource:
    """The solutions' FAQ entries (repository.questions), each found in its language and
    leading to its solution's page in that language. An entry of a solution that is not
    live and public is found by no one."""

    name = "faq"
    label = _("Question and answer")
    model = FaqEntry

    def __init__(self) -> None:
        self.dependencies = {
            SolutionPage: lambda page: FaqEntry.objects.filter(
                solution__translation_key=page.translation_key).values_list("pk", flat=True),
        }

    def queryset(self) -> QuerySet:
        return FaqEntry.objects.all()

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        """The chunk as plain values, each entry with its solution page in the entry's
        language, live and public, as [id, title, url_path, federal state, size class]
        (None when there is none): one query."""
        # Public as Wagtail's PageQuerySet.public() means it: under no view restriction
        # of any kind (which public() would read in a query of its own).
        restricted = PageViewRestriction.objects.annotate(page_path=ExpressionWrapper(
            OuterRef("path"), output_field=CharField())).filter(
            page_path__startswith=F("page__path"))
        page = (SolutionPage.objects.live()
                .filter(translation_key=OuterRef("solution__translation_key"),
                        locale_id=OuterRef("locale_id"))
                .exclude(Exists(restricted))
                .values(row=JSONArray("pk", "title", "url_path",
                                      "model_project__municipality__federal_state",
                                      "model_project__municipality__size_class"))[:1])
        return list(queryset.values(
            "pk", "question_text", "answer_text", "created_at", "translation_key",
            language=F("locale__language_code"),
            page=Subquery(page, output_field=JSONField())))

    def visible_to(self, entry: dict[str, Any]) -> list[str]:
        return ["public"] if entry["page"] else []

    def url(self, entry: dict[str, Any]) -> str:
        if not entry["page"]:
            return ""
        pk, _title, url_path = entry["page"][:3]
        # Page.get_url() reads the page's URL path and the (cached) site root paths.
        url = SolutionPage(pk=pk, url_path=url_path).get_url()
        return f"{url}#faq-{entry['translation_key']}" if url else ""

    def locale(self, entry: dict[str, Any]) -> str:
        return entry["language"]

    def document(self, entry: dict[str, Any]) -> dict[str, Any]:
        _pk, title, _url_path, federal_state, size_class = entry["page"]
        return {"title": entry["question_text"], "summary": entry["answer_text"][:300],
                "body": f"{title} {entry['answer_text']}",
                "federal_state": federal_state, "size_class": size_class,
                "date": entry["created_at"]}
