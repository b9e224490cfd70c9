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

- ``values(queryset) -> list[dict]``: the chunk as plain values (one dict per object,
  with ``pk``; for pages also ``path``, ``url_path`` and ``language``), built in one
  query; ``document()`` then receives these dicts instead of model instances, which
  saves building a page instance per document (most of a chunk's time);
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

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string
from wagtail.coreutils import WAGTAIL_APPEND_SLASH
from wagtail.models import Page, PageViewRestriction, Site

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

    def documents(self, objects: list[Any], frame: PageFrame | None = None
                  ) -> list[tuple[str, dict[str, Any] | None]]:
        """(key, document) for each object; None where the object must not be found.
        `frame` holds the view restrictions and site roots (one query), shared by the
        chunks of a rebuild or sync."""
        return [(key, document) for _pk, key, document in self.build(objects, frame)]

    def build(self, objects: QuerySet | list[Any], frame: PageFrame | None = None
              ) -> list[tuple[Any, str, dict[str, Any] | None]]:
        """(pk, key, document) for a chunk: of a queryset of this source's objects (as
        plain values where the source offers them), or of a list of objects."""
        if hasattr(self.source, "values"):
            if not isinstance(objects, QuerySet):
                objects = self.queryset().filter(pk__in=[obj.pk for obj in objects])
            items = self.source.values(objects.prefetch_related(None))
        else:
            items = list(objects)
            if items and hasattr(self.source, "prepare"):
                self.source.prepare(items)
        if not items:
            return []
        if self.is_page and frame is None:
            frame = PageFrame()
        built = []
        for item in items:
            pk = item["pk"] if isinstance(item, dict) else item.pk
            if self.is_page:
                if isinstance(item, dict):
                    path, url_path, locale = item["path"], item["url_path"], item["language"]
                else:
                    path, url_path, locale = item.path, item.url_path, item.locale.language_code
                visible_to = frame.principals(path)
                url = frame.url(self.model, url_path, item)
            else:
                visible_to = list(self.source.visible_to(item))
                url = self.source.url(item)
                locale = self.source.locale(item)
            key = self.key_for_id(pk)
            if not visible_to or not url:
                built.append((pk, key, None))
                continue
            document = dict(self.source.document(item))
            document.update(source=self.name, locale=locale, url=url, visible_to=visible_to)
            built.append((pk, key, document))
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


@dataclass(frozen=True)
class Restriction:
    path: str
    kind: str
    groups: frozenset[int]


def page_restrictions() -> list[Restriction]:
    """All view restrictions with their groups: one query, however many pages."""
    found: dict[int, tuple[str, str, set[int]]] = {}
    for pk, path, kind, group in PageViewRestriction.objects.values_list(
            "pk", "page__path", "restriction_type", "groups__id"):
        found.setdefault(pk, (path, kind, set()))[2].update([group] if group else [])
    return [Restriction(path, kind, frozenset(groups)) for path, kind, groups in found.values()]


def page_principals(page: Page, restrictions: list[Restriction]) -> list[str]:
    return principals_for_path(page.path, restrictions)


def principals_for_path(path: str, restrictions: list[Restriction]) -> list[str]:
    """Who may find a page: everyone, members (log-in restriction) or the members of the
    restricting groups. A page behind a password is found by no one (a search result
    cannot ask for a password). Nested restrictions all apply, so groups intersect."""
    applying = [r for r in restrictions if path.startswith(r.path)]
    if not applying:
        return [PUBLIC]
    if any(r.kind == PageViewRestriction.PASSWORD for r in applying):
        return []
    group_sets = [set(r.groups) for r in applying if r.kind == PageViewRestriction.GROUPS]
    if not group_sets:
        return [MEMBERS]
    allowed = set.intersection(*group_sets)
    return sorted(group_principal(group_id) for group_id in allowed)


# What `reverse` leaves unchanged in a page path: word characters of ASCII, "-" and "/".
PLAIN_PATH = re.compile(r"[A-Za-z0-9_\-/]*")


class PageFrame:
    """What a page's document needs beyond the page: the view restrictions (one query)
    and the sites' root paths (Wagtail caches them), read once for many chunks."""

    def __init__(self) -> None:
        self.restrictions = page_restrictions()
        self.root_paths = Site.get_site_root_paths()
        self.single_site = len({root.site_id for root in self.root_paths}) == 1
        self.prefixes: dict[str, str] = {}

    def principals(self, path: str) -> list[str]:
        return principals_for_path(path, self.restrictions) if self.restrictions else [PUBLIC]

    def url(self, model: type[Model], url_path: str, page: Any) -> str | None:
        """The page's URL as `Page.get_url()` gives it, without a `reverse()` per page:
        the site root's prefix is reversed once per language, and a plain path is
        appended as `reverse` would quote it (not at all). Pages with their own routing,
        paths with other characters and anything unusual ask Wagtail."""
        root = next((root for root in self.root_paths if url_path.startswith(root.root_path)),
                    None)
        own_routing = model.get_url_parts is not Page.get_url_parts
        if root is None or own_routing or not WAGTAIL_APPEND_SLASH:
            instance = page if isinstance(page, Page) else model.objects.get(pk=page["pk"])
            return instance.get_url()
        rest = url_path[len(root.root_path):]
        if not PLAIN_PATH.fullmatch(rest):
            with translation.override(root.language_code):
                path = reverse("wagtail_serve", args=(rest,))
        else:
            prefix = self.prefixes.get(root.language_code)
            if prefix is None:
                with translation.override(root.language_code):
                    prefix = self.prefixes[root.language_code] = reverse(
                        "wagtail_serve", args=("",))
            path = prefix + rest
        return path if self.single_site else root.root_url + path
