"""What plugins contribute to the index, and the page plumbing that all page sources share.

A plugin lists search sources on its AppConfig (``search_sources = ["app.module.Source"]``).
The search plugin knows no model by name: a source is any object with

- ``name``: the content type (a facet value), ``label``: how people call it;
- ``model`` and ``queryset()``: the live, public objects, with what ``document()``
  needs selected and prefetched, so that a chunk costs the same queries whatever its size;
- ``document(obj) -> dict``: title, summary, body and the facet fields (``topics``,
  ``topic_labels``, ``tags``, ``federal_state``, ``size_class``, ``funding_phase``,
  ``maturity``, ``year``, ``event_format``, ``event_mode``, ``event_month``, ``date``),
  and optionally ``boost_until`` (an aware datetime: the document ranks higher until
  then, judged when the query runs, such as an upcoming event) and ``rank_lower``
  (True: the document ranks below equal ones, such as a solution no longer in operation);

and optionally

- ``prepare(objs)``: batch work for one chunk before ``document()`` runs on each object;
- ``facet_labels``: ``{facet: callable(values, language) -> {value: label}}``;
- ``dependencies``: ``{Model: callable(instance) -> ids of this source's objects}`` that
  need reindexing when such an instance changes (a renamed topic or tag);
- for sources that are not pages: ``url(obj)``, ``locale(obj)`` and ``visible_to(obj)``
  (principals: "public", "members", or group principals). Their documents are keyed
  ``<name>:<pk>``.

For pages, the search plugin supplies key, URL, language and visibility (Wagtail view
restrictions become principals).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.utils.module_loading import import_string
from wagtail.models import Page, PageViewRestriction

PUBLIC = "public"
MEMBERS = "members"


def group_principal(group_id: int) -> str:
    return f"group:{group_id}"


@dataclass
class RegisteredSource:
    source: Any
    is_page: bool = field(init=False)

    def __post_init__(self) -> None:
        self.is_page = issubclass(self.source.model, Page)

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def label(self) -> str:
        return str(self.source.label)

    @property
    def model(self) -> type[Model]:
        return self.source.model

    def key(self, obj: Model) -> str:
        return self.key_for_id(obj.pk)

    def key_for_id(self, object_id: Any) -> str:
        return page_key(object_id) if self.is_page else f"{self.name}:{object_id}"

    def queryset(self) -> QuerySet:
        queryset = self.source.queryset()
        return queryset.select_related("locale") if self.is_page else queryset

    def documents(self, objects: list[Model]) -> list[tuple[str, dict[str, Any] | None]]:
        """(key, document) for each object; None where the object must not be found."""
        if not objects:
            return []
        if hasattr(self.source, "prepare"):
            self.source.prepare(objects)
        restrictions = page_restrictions() if self.is_page else []
        built = []
        for obj in objects:
            if self.is_page:
                visible_to = page_principals(obj, restrictions)
                url = obj.get_url()
                locale = obj.locale.language_code
            else:
                visible_to = list(self.source.visible_to(obj))
                url = self.source.url(obj)
                locale = self.source.locale(obj)
            if not visible_to or not url:
                built.append((self.key(obj), None))
                continue
            document = dict(self.source.document(obj))
            document.update(source=self.name, locale=locale, url=url, visible_to=visible_to)
            built.append((self.key(obj), document))
        return built

    def dependencies(self) -> dict[type[Model], Callable[[Model], Iterable[Any]]]:
        return getattr(self.source, "dependencies", {})

    def facet_labels(self) -> dict[str, Callable[[list[str], str], dict[str, str]]]:
        return getattr(self.source, "facet_labels", {})


def page_key(page_id: Any) -> str:
    return f"page:{page_id}"


def object_id(key: str) -> str:
    return key.split(":", 1)[1]


@cache
def _sources() -> tuple[RegisteredSource, ...]:
    found = []
    for config in apps.get_app_configs():
        if not getattr(config, "platform_plugin", False):
            continue
        for dotted in getattr(config, "search_sources", ()):
            declared = import_string(dotted)
            found.append(RegisteredSource(declared() if isinstance(declared, type) else declared))
    return tuple(found)


def registered_sources() -> tuple[RegisteredSource, ...]:
    return _sources()


def source_named(name: str) -> RegisteredSource | None:
    return next((source for source in registered_sources() if source.name == name), None)


def source_for_model(model: type[Model]) -> RegisteredSource | None:
    return next((source for source in registered_sources() if source.model is model), None)


def reset_sources() -> None:
    """Forget the registry (tests that switch plugins on and off)."""
    _sources.cache_clear()


def page_restrictions() -> list[PageViewRestriction]:
    """All view restrictions with their groups: two queries, however many pages."""
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def page_principals(page: Page, restrictions: list[PageViewRestriction]) -> list[str]:
    """Who may find a page: everyone, members (log-in restriction) or the members of the
    restricting groups. A page behind a password is found by no one (a search result
    cannot ask for a password). Nested restrictions all apply, so groups intersect."""
    applying = [r for r in restrictions if page.path.startswith(r.page.path)]
    if not applying:
        return [PUBLIC]
    if any(r.restriction_type == PageViewRestriction.PASSWORD for r in applying):
        return []
    group_sets = [
        {group.pk for group in r.groups.all()}
        for r in applying if r.restriction_type == PageViewRestriction.GROUPS
    ]
    if not group_sets:
        return [MEMBERS]
    allowed = set.intersection(*group_sets)
    return sorted(group_principal(group_id) for group_id in allowed)
