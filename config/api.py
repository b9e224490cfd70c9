"""The headless API (Wagtail API v2 at /api/v2/): pages, images, documents, and every
endpoint the enabled plugins declare."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.urls import URLPattern, URLResolver, path
from django.urls.resolvers import RoutePattern
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from drf_spectacular import renderers
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.fields import Field
from rest_framework.metadata import SimpleMetadata
from rest_framework.request import Request
from rest_framework.response import Response
from taggit.managers import _TaggableManager
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from config.plugins import api_endpoints

# Wagtail's API writes its error messages in English only and does not mark them for
# translation. These patterns map the ones a client is most likely to meet onto our
# own translatable sentences; anything else gets a general sentence, and Wagtail's
# text stays under "detail". tests/config/test_api.py fails when Wagtail starts
# translating them itself.
_KNOWN_ERRORS: list[tuple[re.Pattern[str], Callable[[dict[str, str]], str]]] = [
    (
        re.compile(r"^query parameter is not an operation or a recognised field: (?P<names>.+)$"),
        lambda v: _("Unknown query parameter: %(names)s.") % v,
    ),
    (
        re.compile(r"^(?P<name>offset|limit) must be a positive integer$"),
        lambda v: _("%(name)s must be a whole number of zero or more.") % v,
    ),
    (
        re.compile(r"^limit cannot be higher than (?P<limit>\d+)$"),
        lambda v: _("The limit must not be higher than %(limit)s.") % v,
    ),
    (
        re.compile(r"^query parameters must not contain NUL characters$"),
        lambda v: _("Query parameters must not contain NUL characters."),
    ),
    (re.compile(r"^type doesn't exist$"), lambda v: _("This content type does not exist.")),
    (
        re.compile(r"^(?P<name>\w+) must be a positive integer$"),
        lambda v: _("%(name)s must be a positive whole number.") % v,
    ),
    (
        re.compile(r"^cannot order by '(?P<name>[^']*)' \(unknown field\)$"),
        lambda v: _("Cannot sort by “%(name)s”: there is no such field.") % v,
    ),
    (
        re.compile(r"^unknown fields?: (?P<names>.+)$"),
        lambda v: _("Unknown field: %(names)s.") % v,
    ),
    (
        re.compile(r"^(?P<name>\w+) must be one of: (?P<values>.+)$"),
        lambda v: _("%(name)s must be one of: %(values)s.") % v,
    ),
    (
        re.compile(r"^search_operator must be 'and' or 'or'$"),
        lambda v: _("search_operator must be “and” or “or”."),
    ),
    (
        re.compile(r"^unknown locale (?P<code>.*)$"),
        lambda v: _("There is no content language “%(code)s”; use one of: %(codes)s.")
        % {**v, "codes": ", ".join(code for code, _name in settings.LANGUAGES)},
    ),
    (
        re.compile(r"^html_path must start with a language prefix$"),
        lambda v: _("html_path must start with a language prefix: %(prefixes)s.")
        % {"prefixes": ", ".join(f"/{code}/" for code, _name in settings.LANGUAGES)},
    ),
]


def translated_error(message: str) -> str:
    """A reader-facing sentence, in the active language, for one of Wagtail's API errors."""
    for pattern, sentence in _KNOWN_ERRORS:
        match = pattern.match(message)
        if match:
            return sentence(match.groupdict())
    return _("The request could not be understood.")


# Wagtail passes these to the database unchecked: a non-number or a number beyond the
# column's range ends in a 500 (ValueError, or an overflow on SQLite and PostgreSQL).
_NUMBER_PARAMETERS = {
    "offset": 2**31 - 1,
    "limit": 2**31 - 1,
    "id": 2**63 - 1,
    "child_of": 2**63 - 1,
    "descendant_of": 2**63 - 1,
    "ancestor_of": 2**63 - 1,
    "translation_of": 2**63 - 1,
}


def check_query(request: Request) -> None:
    """Refuse, as a 400, the parameter values that Wagtail would turn into a 500."""
    if any("\x00" in value for values in request.GET.lists() for value in values[1]):
        # No database takes a NUL in a query (SQLite stops, PostgreSQL refuses).
        raise BadRequestError("query parameters must not contain NUL characters")
    for name, largest in _NUMBER_PARAMETERS.items():
        raw = request.GET.get(name)
        if raw is not None and not (raw.isascii() and raw.isdigit() and int(raw) <= largest):
            raise BadRequestError(f"{name} must be a positive integer")
    if request.GET.get("search_operator", "and") not in {"and", "or"}:
        raise BadRequestError("search_operator must be 'and' or 'or'")
    locale = request.GET.get("locale")
    if locale is not None and locale not in dict(settings.LANGUAGES):
        raise BadRequestError(f"unknown locale {locale[:20]}")


class EndpointMetadata(SimpleMetadata):
    """``OPTIONS``: the endpoint's name, description and media types. DRF's default also
    describes the serializer's fields, which Wagtail's viewsets build only for a GET
    (it ends in a 500); the schema at /api/v2/schema/ describes them instead."""

    def determine_actions(self, request: Request, view: Any) -> dict[str, Any]:
        return {}


class LocalizedErrorsMixin:
    """Checked query parameters, and error bodies with a `message` in the request's
    language (Wagtail's original text under `detail`), for every endpoint mounted here."""

    metadata_class = EndpointMetadata

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        check_query(request)

    def get_base_queryset(self) -> QuerySet:
        """The public pages, worked out once per request: Wagtail works them out (every
        view restriction, its groups, the site's translations: five queries and more) each
        time a page endpoint asks, which is three times for a listing."""
        if not hasattr(self, "_public_pages"):
            # An anonymous client's pages come from the function the site frame declares
            # (PUBLIC_PAGES_FUNCTION: cached restrictions and root translations, no
            # query); None, or no such function, means Wagtail's own rule.
            public_pages = getattr(settings, "PUBLIC_PAGES_FUNCTION", "")
            pages = import_string(public_pages)(self.request) if public_pages else None
            self._public_pages = pages if pages is not None else super().get_base_queryset()
        return self._public_pages.all()

    def find_view(self, request: Request) -> Any:
        """The redirect names a path only: Wagtail writes the Site's root URL into it,
        which in development is not the host and port that answered; a client resolves
        a path against the one it asked."""
        response = super().find_view(request)
        location = urlsplit(response["Location"])
        response["Location"] = location.path + (f"?{location.query}" if location.query else "")
        return response

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, Http404):
            return Response(
                {"message": _("Not found."), "detail": str(exc)},
                status=status.HTTP_404_NOT_FOUND,
            )
        if isinstance(exc, BadRequestError):
            return Response(
                {"message": translated_error(str(exc)), "detail": str(exc)},
                status=status.HTTP_400_BAD_REQUEST,
            )
        response = super().handle_exception(exc)
        if isinstance(exc, APIException):
            # DRF translates its own messages (405, 406, throttling, …) itself.
            response.data = {"message": str(exc.detail)}
        return response


class LocalizedPagesAPIViewSet(PagesAPIViewSet):
    """Pages, where `find/?html_path=` understands the language prefix of public URLs.

    Wagtail routes `html_path` from the site's root page, which is the German home
    page; public paths start with `/de/` or `/en/`, so the prefix picks the locale's
    home page to route from.
    """

    def get_queryset(self) -> QuerySet:
        # Every item's meta names its locale; without this, one query per item.
        return super().get_queryset().select_related("locale")

    def find_object(self, queryset: QuerySet, request: Request) -> Page | None:
        html_path = request.GET.get("html_path")
        site = Site.find_for_request(request)
        if html_path is None or site is None:
            return super().find_object(queryset, request)

        components = [component for component in html_path.split("/") if component]
        languages = dict(settings.LANGUAGES)
        if not components or components[0] not in languages:
            raise BadRequestError("html_path must start with a language prefix")
        with translation.override(components[0]):
            root = site.root_page.localized.specific
            try:
                page, _args, _kwargs = root.route(request, components[1:])
            except Http404:
                return None
        return queryset.filter(id=page.id).first()


# Wagtail's fields that give an absolute URL, built from WAGTAILAPI_BASE_URL or the
# served Site's root URL, which in development is not the host and port that answered.
_URL_FIELDS = frozenset({"detail_url", "html_url", "download_url"})


@functools.cache
def _on_served_site(field_class: type[Field]) -> type[Field]:
    """The field, with its URL on the site that is served (the rule of the function the
    site frame declares as ``SERVED_URL_FUNCTION``)."""

    def to_representation(self: Field, value: Any) -> Any:
        url = field_class.to_representation(self, value)
        if not url:
            return url
        return import_string(settings.SERVED_URL_FUNCTION)(url, self.context.get("request"))

    return type(field_class.__name__, (field_class,), {
        "to_representation": to_representation, "__module__": __name__})


@functools.cache
def _served_urls(serializer: type) -> type:
    fields = {name: _on_served_site(type(field))(read_only=True)
              for name, field in serializer._declared_fields.items() if name in _URL_FIELDS}
    return type(serializer.__name__, (serializer,), {**fields, "__module__": __name__})


def _localized(viewset: type) -> type:
    return type(viewset.__name__, (LocalizedErrorsMixin, viewset), {
        "__doc__": viewset.__doc__, "__module__": viewset.__module__,
        "base_serializer_class": _served_urls(viewset.base_serializer_class)})


@functools.cache
def _has_detail_route(endpoint: type) -> bool:
    return any(getattr(pattern, "name", None) == "detail"
               for pattern in endpoint.get_urlpatterns())


def _bounded_ids(patterns: list) -> list:
    """The same routes with ``<id:…>`` for every ``<int:…>``: Wagtail's own endpoints
    (and any plugin's) take ids as ``<int:pk>``, which lets 2^63 reach the database."""
    bounded = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = _bounded_ids(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern):
            route = str(pattern.pattern._route)
            if "<int:" in route:
                pattern = path(route.replace("<int:", "<id:"), pattern.callback,
                               pattern.default_args, pattern.name)
        bounded.append(pattern)
    return bounded


class PlatformAPIRouter(WagtailAPIRouter):
    """Wagtail's router with bounded ids on every endpoint, and the schema and its
    documentation page beside the endpoints.

    It also links an object to the most specific endpoint that has a detail route for
    it: Wagtail takes the first endpoint whose model the object derives from, which for
    every page is ``pages/`` (only id, meta and title for an event). So an event listed
    under ``pages/`` has ``meta.detail_url`` at ``events/<id>/``, with all its fields.
    """

    def get_model_endpoint(self, model: type) -> tuple[str, type] | None:
        found: tuple[str, type] | None = None
        for name, endpoint in self._endpoints.items():
            if not (issubclass(model, endpoint.model) and _has_detail_route(endpoint)):
                continue
            if found is None or issubclass(endpoint.model, found[1].model):
                found = (name, endpoint)
        return found

    def get_urlpatterns(self) -> list[URLPattern | URLResolver]:
        patterns = _bounded_ids(super().get_urlpatterns())
        return [*schema_urlpatterns(), *patterns]


def schema_urlpatterns() -> list[URLPattern]:
    """/api/v2/schema/ (JSON by default, ``?format=yaml`` or ``Accept:
    application/yaml`` for YAML) and /api/v2/docs/ (Swagger UI, served locally)."""
    # JSON first: what a client gets without asking.
    json_then_yaml = [renderers.OpenApiJsonRenderer2, renderers.OpenApiJsonRenderer,
                      renderers.OpenApiYamlRenderer2, renderers.OpenApiYamlRenderer]
    return [
        path("schema/", SpectacularAPIView.as_view(renderer_classes=json_then_yaml),
             name="schema"),
        path("docs/", SpectacularSwaggerSplitView.as_view(url_name="wagtailapi:schema"),
             name="docs"),
    ]


class PrefetchedTagsField(TagsField):
    """Tag names in order, from the prefetched tags: Wagtail's field orders them in the
    database, one query per item even when they are prefetched."""

    def to_representation(self, value: Any) -> list[str]:
        return sorted(tag.name for tag in value.all())


@functools.cache
def _prefetched_tags(serializer: type) -> type:
    def build_property_field(self: Any, field_name: str, model_class: type) -> Any:
        if isinstance(getattr(model_class, field_name), _TaggableManager):
            return PrefetchedTagsField, {}
        return serializer.build_property_field(self, field_name, model_class)

    return type(serializer.__name__, (serializer,), {
        "build_property_field": build_property_field, "__module__": __name__})


class TaggedImagesAPIViewSet(ImagesAPIViewSet):
    """Wagtail's images, with every item's tags in one query (Wagtail asks once per
    image: 20 queries for a page of the list)."""

    base_serializer_class = _prefetched_tags(ImagesAPIViewSet.base_serializer_class)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("tags")


class TaggedDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Wagtail's documents, with every item's tags in one query."""

    base_serializer_class = _prefetched_tags(DocumentsAPIViewSet.base_serializer_class)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("tags")


def build_router() -> WagtailAPIRouter:
    router = PlatformAPIRouter("wagtailapi")
    router.register_endpoint("pages", _localized(LocalizedPagesAPIViewSet))
    router.register_endpoint("images", _localized(TaggedImagesAPIViewSet))
    router.register_endpoint("documents", _localized(TaggedDocumentsAPIViewSet))
    for name, viewset in api_endpoints():
        router.register_endpoint(name, _localized(viewset))
    return router


api_router = build_router()
