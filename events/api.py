"""The programme's headless API.

- ``/api/v2/events/``: live, public events, filtered exactly like the event calendar
  page (``when=upcoming|past``, ``format``, ``mode``, ``topic``, ``month=YYYY-MM``, each
  repeatable, through :class:`events.listing.EventFilters`) and by ``locale``; a value
  outside the allowed ones answers 400 with the allowed values.
- ``/api/v2/events/<id>/``: one event. Its joining link is shown to the event's
  confirmed participants only, and never in the listing.
- ``/api/v2/events/feed.ics``: the filtered calendar as iCalendar, for subscriptions.
- ``/api/v2/events/<id>/registration/``: the signed-in member's registration: GET it,
  POST to register (confirmed or on the waiting list), DELETE to cancel.
- ``/api/v2/event-series/`` with ``<id>/`` and ``<id>/registration/``: series with their
  sessions; registering for a series registers for every session still open.
- ``/api/v2/events/schema/``: the OpenAPI description of these endpoints.

Members write with their session (CSRF checked) or a personal API token
(``Authorization: Token sct_…``), as in the community's API. Dates are ISO 8601 in
Europe/Berlin with the offset; labels, topics and reasons are in the page's language.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.fields import Field
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, get_full_url
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale, Page

from community.discussions_api import PersonalTokenAuthentication
from events import ical
from events.listing import FEED_LIMIT, EventFilters
from events.models import (
    ACTIVE_STATES,
    EventIndexPage,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from events.registrations.service import (
    Registrant,
    RegistrationError,
    cancel,
    cancel_series,
    own_registration,
    register,
    register_for_series,
)
from home.models import ContactPerson
from repository.models import Topic

# The calendar page's filters (events.listing.EventFilters reads them).
EVENT_FILTER_PARAMETERS = ("when", "format", "mode", "topic", "month")
COMMON_PARAMETERS = frozenset({"limit", "offset", "fields", "locale", "site",
                               "rich_text_format", "_"})


# -- how values are written ----------------------------------------------------------

def berlin_time(moment: Any) -> str | None:
    """ISO 8601 with the offset of Berlin time (+01:00 or +02:00), as the office
    announces its dates."""
    return timezone.localtime(moment, ical.BERLIN).isoformat() if moment else None


def in_page_language(page: Page, text: Callable[[], Any]) -> str:
    """A label or sentence in the page's own language, whatever the request's."""
    with translation.override(page.locale.language_code):
        return str(text())


class FormatIsAFilter(DefaultContentNegotiation):
    """On these endpoints ``?format=`` is the event format, as on the calendar page.
    Django REST framework reads it as the name of a renderer and answers 404 for
    ``?format=kickoff``; this negotiation goes by the Accept header alone."""

    # The only setting the negotiation reads.
    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class PreparedField(Field):
    """A value that :func:`prepare_events` or :func:`prepare_series` worked out for the
    whole page of results, so that a listing costs the same queries however many items
    it shows."""

    def __init__(self, key: str, **kwargs: Any):
        self.key = key
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, page: Any) -> Any:
        return page.api_prepared[self.key]


def prepared(name: str) -> APIField:
    return APIField(name, serializer=PreparedField(name))


class EndpointDetailUrlField(Field):
    """``meta.detail_url`` on this endpoint. Wagtail's router links a page to the first
    endpoint whose model it derives from, which is /pages/: without the event's fields."""

    def get_attribute(self, instance: Any) -> Any:
        return instance

    def to_representation(self, page: Page) -> str:
        request = self.context["request"]
        url_path = reverse(f"{request.resolver_match.namespace}:detail", args=[page.pk])
        return get_full_url(request, url_path)


class ProgrammePageSerializer(PageSerializer):
    detail_url = EndpointDetailUrlField(read_only=True)


# -- batch work for a page of results -----------------------------------------------

def _translations(model: type, wanted: Iterable[tuple[Any, int]]) -> dict[tuple[Any, int], Any]:
    """Translations of snippets or pages, keyed (translation key, locale id), in one
    query."""
    wanted = set(wanted)
    if not wanted:
        return {}
    found = model.objects.filter(translation_key__in={key for key, _locale in wanted},
                                 locale_id__in={locale for _key, locale in wanted})
    return {(obj.translation_key, obj.locale_id): obj for obj in found
            if (obj.translation_key, obj.locale_id) in wanted}


def _localized(objects: Sequence[Any], locale_id: int,
               translations: dict[tuple[Any, int], Any]) -> list[Any]:
    # Editors choose topics, speakers and hosts on the German page; translations keep
    # pointing at the German ones (see repository.models.base.in_locale).
    return [translations.get((obj.translation_key, locale_id), obj) for obj in objects]


def _details(pages: Sequence[Any], request: Request) -> None:
    """Topics, speakers and host of events or series, in each page's language."""
    topics = _translations(Topic, ((topic.translation_key, page.locale_id)
                                   for page in pages for topic in page.topics.all()
                                   if topic.locale_id != page.locale_id))
    speakers = _translations(ContactPerson, (
        (person.translation_key, page.locale_id) for page in pages
        for person in page.speakers.all() if person.locale_id != page.locale_id))
    hosts = _translations(Page, ((page.host.translation_key, page.locale_id) for page in pages
                                 if page.host_id and page.host.locale_id != page.locale_id))
    for page in pages:
        host = _localized([page.host], page.locale_id, hosts)[0] if page.host_id else None
        page.api_prepared.update(
            format_label=in_page_language(page, page.get_format_display),
            topics=[topic.api_representation() for topic in
                    _localized(list(page.topics.all()), page.locale_id, topics)],
            speakers=[{"id": person.pk, "name": person.name, "role": person.role,
                       "organisation": person.organisation}
                      for person in _localized(list(page.speakers.all()), page.locale_id,
                                               speakers)],
            # None: the coordination and transfer office hosts.
            host={"id": host.pk, "title": host.title,
                  "url": host.get_full_url(request) if host.live else None}
            if host is not None else None,
        )


def _availability(events: Sequence[EventPage]) -> dict[int, dict[str, Any]]:
    """What :func:`events.registrations.service.availability` says for each event, for all of
    them in two queries: places belong to the default language's version."""
    default = Locale.get_default()
    foreign = {event.translation_key for event in events if event.locale_id != default.pk}
    sources = {key: (pk, capacity) for key, pk, capacity in EventPage.objects.filter(
        translation_key__in=foreign, locale=default).values_list(
        "translation_key", "pk", "capacity")}
    source_of = {event.pk: (event.pk, event.capacity) if event.locale_id == default.pk
                 else sources.get(event.translation_key, (event.pk, event.capacity))
                 for event in events}
    counts: dict[tuple[int, str], int] = {
        (event_id, status): total for event_id, status, total in
        Registration.objects.filter(
            event_id__in={pk for pk, _capacity in source_of.values()},
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        .order_by().values_list("event_id", "status").annotate(total=Count("pk"))}
    found = {}
    for event in events:
        source_pk, capacity = source_of[event.pk]
        taken = counts.get((source_pk, RegistrationStatus.CONFIRMED), 0)
        found[event.pk] = {
            "capacity": capacity, "taken": taken,
            "places_left": None if capacity is None else max(capacity - taken, 0),
            "waiting": counts.get((source_pk, RegistrationStatus.WAITLISTED), 0),
        }
    return found


def _parents(pages: Sequence[Page]) -> dict[str, EventSeriesPage]:
    paths = {page.path[:-Page.steplen] for page in pages}
    return {series.path: series for series in
            EventSeriesPage.objects.live().public().filter(path__in=paths)}


def prepare_events(events: Sequence[EventPage], request: Request, *,
                   detail: bool = False) -> None:
    """Everything the event fields show, worked out for all events at once."""
    now = timezone.now()
    for event in events:
        event.api_prepared = {}
    _details(events, request)
    places = _availability(events)
    parents = _parents(events)
    for event in events:
        series = parents.get(event.path[:-Page.steplen])
        reason = in_page_language(event, lambda e=event: e.registration_closed_reason(now))
        event.api_prepared.update(
            mode_label=in_page_language(event, event.get_mode_display),
            start=berlin_time(event.start), end=berlin_time(event.end),
            registration_deadline=berlin_time(event.registration_deadline),
            capacity=places[event.pk]["capacity"],
            places_left=places[event.pk]["places_left"],
            waiting=places[event.pk]["waiting"],
            registration_open=not reason, closed_reason=reason,
            by_invitation=not event.registration_open,
            series={"id": series.pk, "title": series.title} if series else None,
            joining_link=None,
        )
    if detail:
        for event in events:
            # The link is for confirmed participants only: not for the waiting list,
            # nor for an address that has not been confirmed.
            registration = own_registration(event, request.user)
            if registration and registration.status == RegistrationStatus.CONFIRMED:
                event.api_prepared["joining_link"] = event.joining_link or None


def prepare_series(series_pages: Sequence[EventSeriesPage], request: Request) -> None:
    for series in series_pages:
        series.api_prepared = {}
    _details(series_pages, request)
    if not series_pages:
        return
    children = Q()
    for series in series_pages:
        children |= Q(path__startswith=series.path, depth=series.depth + 1)
    sessions: dict[str, list[EventPage]] = {}
    for session in EventPage.objects.live().public().filter(children).order_by("start", "pk"):
        sessions.setdefault(session.path[:-Page.steplen], []).append(session)
    for series in series_pages:
        series.api_prepared["sessions"] = [{
            "id": session.pk, "title": session.title, "start": berlin_time(session.start),
            "end": berlin_time(session.end), "is_cancelled": session.is_cancelled,
        } for session in sessions.get(series.path, [])]


# -- registrations -------------------------------------------------------------------

def registration_data(registration: Registration) -> dict[str, Any]:
    return {
        "event": registration.event_id,
        "series": registration.series_id,
        "status": registration.status,
        "status_label": str(registration.get_status_display()),
        "created_at": berlin_time(registration.created_at),
    }


class MemberAPIMixin:
    # The token class first: its WWW-Authenticate header turns "not signed in" into a
    # 401 that names the scheme, rather than a bare 403 (as in the community's API).
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    content_negotiation_class = FormatIsAFilter
    base_serializer_class = ProgrammePageSerializer

    @staticmethod
    def signed_in(request: Request) -> Any:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated
        return request.user

    @staticmethod
    def not_found(message: str) -> Response:
        return Response({"message": message}, status=404)

    def check_query_parameters(self, queryset: QuerySet) -> None:
        """Only the parameters this endpoint understands: Wagtail would also take any
        field name as a filter, and with it the calendar's filters in its own way."""
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError("query parameter is not an operation or a recognised "
                                  "field: " + ", ".join(sorted(unknown)))


# -- events --------------------------------------------------------------------------

EVENT_FIELDS = [
    "format", prepared("format_label"), "summary", "description",
    prepared("start"), prepared("end"), "mode", prepared("mode_label"), "place",
    "target_group", prepared("host"), prepared("speakers"), prepared("topics"),
    prepared("capacity"), prepared("places_left"), prepared("waiting"),
    prepared("registration_deadline"), prepared("registration_open"),
    prepared("by_invitation"), prepared("closed_reason"), "is_cancelled",
    "cancellation_note", prepared("series"), "outcomes", prepared("joining_link"),
]


def field_names(fields: Iterable[Any]) -> list[str]:
    return [getattr(field, "name", field) for field in fields]


class EventsAPIViewSet(MemberAPIMixin, PagesAPIViewSet):
    model = EventPage
    name = "events"
    filter_backends = [LocaleFilter]
    known_query_parameters = COMMON_PARAMETERS.union(EVENT_FILTER_PARAMETERS)
    body_fields = [*PagesAPIViewSet.body_fields, *EVENT_FIELDS]
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "joining_link"]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        *(name for name in field_names(EVENT_FIELDS)
          if name not in ("description", "outcomes", "cancellation_note", "joining_link")),
    ]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("feed.ics", cls.as_view({"get": "feed_view"}), name="feed"),
            path("schema/", cls.as_view({"get": "schema_view"}), name="schema"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("<int:pk>/registration/", cls.as_view({
                "get": "registration_view", "post": "register_view",
                "delete": "cancel_view"}), name="registration"),
        ]

    def get_queryset(self) -> QuerySet[EventPage]:
        return (EventPage.objects.live().public().select_related("locale", "host__locale")
                .prefetch_related("topics", "speakers"))

    def perform_content_negotiation(self, request: Request, force: bool = False) -> Any:
        # Calendar clients ask for text/calendar, which no JSON renderer offers: the
        # feed answers them anyway (it writes its own response).
        return super().perform_content_negotiation(
            request, force=force or getattr(self, "action", "") == "feed_view")

    def event_filters(self, *, feed: bool = False) -> EventFilters:
        """The calendar page's filters over the events of the requested language (all
        languages when none is asked for; topic names then come in the default one)."""
        self.check_query_parameters(self.get_queryset())
        base = self.filter_queryset(self.get_queryset())
        locale = Locale.objects.filter(
            language_code=self.request.GET.get("locale") or "").first() or Locale.get_default()
        return EventFilters(base, self.request.GET, locale.pk, feed=feed)

    @staticmethod
    def filter_errors(filters: EventFilters) -> Response:
        problems = "; ".join(f"{error['param']}: {error['allowed']}"
                             for error in filters.error_list())
        return Response({
            "message": _("Unknown filter values. Allowed: %(problems)s")
            % {"problems": problems},
            "errors": {param: list(allowed) for param, allowed in filters.errors.items()},
        }, status=400)

    def listing_view(self, request: Request) -> Response:
        filters = self.event_filters()
        if filters.errors:
            return self.filter_errors(filters)
        events = list(self.paginate_queryset(filters.results))
        prepare_events(events, request)
        serializer = self.get_serializer(events, many=True)
        return self.get_paginated_response(serializer.data)

    def detail_view(self, request: Request, pk: int) -> Response:
        event = self.get_object()
        prepare_events([event], request, detail=True)
        response = Response(self.get_serializer(event).data)
        if event.api_prepared["joining_link"]:
            response["Cache-Control"] = "private, no-store"
        return response

    def feed_view(self, request: Request) -> HttpResponse | Response:
        filters = self.event_filters(feed=True)
        if filters.errors:
            return self.filter_errors(filters)
        language = request.GET.get("locale") or Locale.get_default().language_code
        calendar_page = (EventIndexPage.objects.live().public()
                         .filter(locale__language_code=language).first())
        with translation.override(language):
            name = calendar_page.title if calendar_page else _("Events")
        # Never private: a subscribed feed carries no joining link.
        body = ical.calendar(list(filters.results[:FEED_LIMIT]), name=name)
        response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="events.ics"'
        response["Cache-Control"] = "public, max-age=900"
        return response

    def schema_view(self, request: Request) -> Response:
        from events.openapi import openapi_document

        return Response(openapi_document(request.build_absolute_uri("/api/v2/")))

    # -- the member's registration ---------------------------------------------------

    @staticmethod
    def live_event(pk: int) -> EventPage | None:
        return EventPage.objects.live().public().filter(pk=pk).first()

    def registration_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        event = self.live_event(pk)
        if event is None:
            return self.not_found(_("There is no such event."))
        registration = own_registration(event, user)
        if registration is None:
            return self.not_found(_("You are not registered for this event."))
        return Response(registration_data(registration))

    def register_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        event = self.live_event(pk)
        if event is None:
            return self.not_found(_("There is no such event."))
        try:
            registration = register(event, Registrant.member(user), confirmed=True)
        except RegistrationError as error:
            return Response({"message": str(error)}, status=400)
        return Response(registration_data(registration), status=201)

    def cancel_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        event = self.live_event(pk)
        if event is None:
            return self.not_found(_("There is no such event."))
        registration = own_registration(event, user)
        if registration is None:
            return self.not_found(_("You are not registered for this event."))
        try:
            cancel(registration)
        except RegistrationError as error:
            return Response({"message": str(error)}, status=400)
        return Response(status=204)


# -- series --------------------------------------------------------------------------

SERIES_FIELDS = [
    "format", prepared("format_label"), "summary", "description", "target_group",
    prepared("host"), prepared("speakers"), prepared("topics"), prepared("sessions"),
]


class EventSeriesAPIViewSet(MemberAPIMixin, PagesAPIViewSet):
    model = EventSeriesPage
    name = "event-series"
    filter_backends = [LocaleFilter]
    known_query_parameters = COMMON_PARAMETERS
    body_fields = [*PagesAPIViewSet.body_fields, *SERIES_FIELDS]
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        *(name for name in field_names(SERIES_FIELDS) if name != "description"),
    ]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("<int:pk>/registration/", cls.as_view({
                "get": "registration_view", "post": "register_view",
                "delete": "cancel_view"}), name="registration"),
        ]

    def get_queryset(self) -> QuerySet[EventSeriesPage]:
        return (EventSeriesPage.objects.live().public()
                .select_related("locale", "host__locale")
                .prefetch_related("topics", "speakers").order_by("title", "pk"))

    def listing_view(self, request: Request) -> Response:
        self.check_query_parameters(self.get_queryset())
        series_pages = list(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        prepare_series(series_pages, request)
        return self.get_paginated_response(self.get_serializer(series_pages, many=True).data)

    def detail_view(self, request: Request, pk: int) -> Response:
        series = self.get_object()
        prepare_series([series], request)
        return Response(self.get_serializer(series).data)

    # -- the member's registrations for the series' sessions ------------------------

    @staticmethod
    def live_series(pk: int) -> EventSeriesPage | None:
        return EventSeriesPage.objects.live().public().filter(pk=pk).first()

    @staticmethod
    def own_registrations(series: EventSeriesPage, user: Any) -> QuerySet[Registration]:
        sessions = [session.registration_event().pk for session in series.sessions()]
        return (Registration.objects.filter(event_id__in=sessions, email=user.email.lower(),
                                            status__in=ACTIVE_STATES)
                .order_by("event__start"))

    def registration_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        series = self.live_series(pk)
        if series is None:
            return self.not_found(_("There is no such series."))
        registrations = list(self.own_registrations(series, user))
        if not registrations:
            return self.not_found(_("You are not registered for this series."))
        return Response({"series": series.pk,
                         "registrations": [registration_data(r) for r in registrations]})

    def register_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        series = self.live_series(pk)
        if series is None:
            return self.not_found(_("There is no such series."))
        try:
            made = register_for_series(series, Registrant.member(user), confirmed=True)
        except RegistrationError as error:
            return Response({"message": str(error)}, status=400)
        return Response({"series": series.pk,
                         "registrations": [registration_data(r) for r in made]}, status=201)

    def cancel_view(self, request: Request, pk: int) -> Response:
        """Cancel every registration for the series' sessions still ahead."""
        user = self.signed_in(request)
        series = self.live_series(pk)
        if series is None:
            return self.not_found(_("There is no such series."))
        ahead = self.own_registrations(series, user).filter(event__end__gt=timezone.now())
        if not ahead.exists():
            return self.not_found(_("You are not registered for this series."))
        try:
            with transaction.atomic():
                through_series = ahead.filter(series__isnull=False).first()
                if through_series is not None:
                    cancel_series(through_series)
                # Sessions the member registered for one by one, if any.
                for single in ahead.all():
                    cancel(single)
        except RegistrationError as error:
            return Response({"message": str(error)}, status=400)
        return Response(status=204)
