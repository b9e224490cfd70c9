"""What the knowledge repository contributes to the search index.

The search plugin reads these through the contract described in `search/sources.py`
(duck-typed: this module imports nothing from `search`). Each source gives the live
pages of one type and turns a page into a document; `prepare()` resolves the topic
names of a whole chunk in one query, so that a chunk costs the same queries whatever
its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from wagtail.models import Page

from community.models import FederalState, Municipality, SizeClass
from repository.models import (
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


def html_text(markup: str) -> str:
    return " ".join(strip_tags(markup or "").split())


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

    def queryset(self) -> QuerySet:
        return (self.model.objects.live().select_related("locale")
                .prefetch_related("topics", "tagged_items__tag"))

    def prepare(self, pages: list[Page]) -> None:
        """Topic names in each page's language (choices point at the German topics)."""
        keys = {topic.translation_key for page in pages for topic in page.topics.all()}
        names = {
            (key, locale_id): name
            for key, locale_id, name in Topic.objects.filter(translation_key__in=keys)
            .values_list("translation_key", "locale_id", "name")
        }
        for page in pages:
            page.search_topic_labels = [
                names.get((topic.translation_key, page.locale_id), topic.name)
                for topic in page.topics.all()
            ]

    def common(self, page: Page) -> dict[str, Any]:
        tags = sorted(page.tagged_items.all(), key=lambda item: item.tag.name.lower())
        return {
            "title": page.title,
            "topics": [topic.slug for topic in page.topics.all()],
            "topic_labels": getattr(page, "search_topic_labels", []),
            "tags": [item.tag.slug for item in tags],
            "tag_labels": [item.tag.name for item in tags],
            "date": (page.last_published_at or page.first_published_at),
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

    def queryset(self) -> QuerySet:
        return super().queryset().select_related("municipality")

    def document(self, page: ModelProjectPage) -> dict[str, Any]:
        body_field = ModelProjectPage._meta.get_field("body")
        return {
            **self.common(page),
            "summary": page.summary,
            "body": " ".join([page.municipality.name,
                              *map(html_text, body_field.get_searchable_content(page.body))]),
            "federal_state": page.municipality.federal_state,
            "size_class": page.municipality.size_class,
            "funding_phase": str(page.funding_phase),
            "year": page.funding_start,
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

    def queryset(self) -> QuerySet:
        return super().queryset().select_related("model_project__municipality")

    def document(self, page: SolutionPage) -> dict[str, Any]:
        municipality = page.model_project.municipality
        body = [page.problem, page.approach, page.results, page.lessons_learned,
                page.prerequisites]
        return {
            **self.common(page),
            "summary": page.summary,
            "body": " ".join([municipality.name, page.model_project.title,
                              *map(html_text, body)]),
            "federal_state": municipality.federal_state,
            "size_class": municipality.size_class,
            "funding_phase": str(page.model_project.funding_phase),
            "maturity": page.maturity,
            # Ended solutions stay findable, below the ones still in operation.
            "rank_lower": page.ended_on is not None,
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

    def document(self, page: PublicationPage) -> dict[str, Any]:
        return {
            **self.common(page),
            "summary": page.summary,
            "body": page.publisher,
            "year": page.year,
            "publication_kind": page.kind,
        }
