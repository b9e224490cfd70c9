"""The programme's endpoints: events, series, the iCalendar feed and the member's
registrations (see the package's docstring)."""

from __future__ import annotations

from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any, TypeVar

from django.db.models import QuerySet
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Locale

from community.discussions_api import PersonalTokenAuthentication
from events import ical
from events.api import schema
from events.api.querysets import prepare_events, prepare_series
from events.api.serializers import prepared, registration_data
from events.listing import FEED_LIMIT, EventFilters
from events.models import (
    ACTIVE_STATES,
    EventIndexPage,
    EventPage,
    EventSeriesPage,
    Registration,
)
from events.registrations.pages import own_registration
from events.registrations.service import (
    Registrant,
    RegistrationError,
    cancel,
    cancel_registrations,
    register,
    register_for_series,
)
from home.api import MemberActionsMixin
from home.images import IMAGE_API_FIELDS

# The calendar page's filters (events.listing.EventFilters reads them).
EVENT_FILTER_PARAMETERS = ("when", "format", "mode", "topic", "month")
T = TypeVar("T")
COMMON_PARAMETERS = frozenset({"limit", "offset", "fields", "locale", "site",
                               "rich_text_format", "_"})


class FormatIsAFilter(DefaultContentNegotiation):
    """On these endpoints ``?format=`` is the event format, as on the calendar page.
    Django REST framework reads it as the name of a renderer and answers 404 for
    ``?format=kickoff``; this negotiation goes by the Accept header alone."""

    # The only setting the negotiation reads.
    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)



class MemberAPIMixin(MemberActionsMixin):
    # The token class first: its WWW-Authenticate header turns "not signed in" into a
    # 401 that names the scheme, rather than a bare 403 (as in the community's API).
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    # The requester's own registration: to read, make or cancel.
    member_actions = frozenset({"registration_view", "register_view", "cancel_view"})
    content_negotiation_class = FormatIsAFilter

    @staticmethod
    def signed_in(request: Request) -> Any:
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated
        return request.user

    @staticmethod
    def live_page(model: type[T], pk: int, missing: str) -> T:
        """The live, public page ``pk`` of ``model``, or a 404 that says ``missing``."""
        page = model.objects.live().public().filter(pk=pk).first()
        if page is None:
            raise exceptions.NotFound(missing)
        return page

    def handle_exception(self, exc: Exception) -> Response:
        # What the registration rules refuse (full, closed, already registered, …) is
        # the client's to read: a 400 with the rule's own sentence.
        if isinstance(exc, RegistrationError):
            return Response({"message": str(exc)}, status=400)
        return super().handle_exception(exc)

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
    "cancellation_note", prepared("series"), prepared("outcomes"), prepared("joining_link"),
    *IMAGE_API_FIELDS,
]


def field_names(fields: Iterable[Any]) -> list[str]:
    return [getattr(field, "name", field) for field in fields]


class EventsAPIViewSet(MemberAPIMixin, PagesAPIViewSet):
    model = EventPage
    name = "events"
    filter_backends = [LocaleFilter]
    known_query_parameters = COMMON_PARAMETERS.union(EVENT_FILTER_PARAMETERS)
    body_fields = [*PagesAPIViewSet.body_fields, *EVENT_FIELDS]
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "outcomes", "joining_link"]
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
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
            path("<int:pk>/registration/", cls.as_view({
                "get": "registration_view", "post": "register_view",
                "delete": "cancel_view"}), name="registration"),
        ]

    def get_queryset(self) -> QuerySet[EventPage]:
        return (EventPage.objects.live().public()
                .select_related("locale", "host__locale", "image")
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
        language = self.request.GET.get("locale")
        # The cached locales (home.content_cache); LocaleFilter has refused any other.
        locale = Locale.objects.get_for_language(language) if language else Locale.get_default()
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

    @schema.events_listing
    def listing_view(self, request: Request) -> Response:
        filters = self.event_filters()
        if filters.errors:
            return self.filter_errors(filters)
        events = list(self.paginate_queryset(filters.results))
        prepare_events(events, request)
        serializer = self.get_serializer(events, many=True)
        return self.get_paginated_response(serializer.data)

    @schema.event_detail
    def detail_view(self, request: Request, pk: int) -> Response:
        event = self.get_object()
        prepare_events([event], request, detail=True)
        response = Response(self.get_serializer(event).data)
        if event.api_prepared["joining_link"]:
            response["Cache-Control"] = "private, no-store"
        return response

    @schema.events_feed
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
        body = ical.calendar(list(filters.results[:FEED_LIMIT]), name=name, language=language,
                             request=request)
        response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
        response["Content-Disposition"] = 'inline; filename="events.ics"'
        response["Cache-Control"] = "public, max-age=900"
        return response

    # -- the member's registration ---------------------------------------------------

    def members_registration(self, request: Request, pk: int) -> Registration:
        """The signed-in member's registration for event ``pk``, or a 404 that says
        which of the two is missing."""
        user = self.signed_in(request)
        event = self.live_page(EventPage, pk, _("There is no such event."))
        registration = own_registration(event, user)
        if registration is None:
            raise exceptions.NotFound(_("You are not registered for this event."))
        return registration

    @schema.registration_get
    def registration_view(self, request: Request, pk: int) -> Response:
        return Response(registration_data(self.members_registration(request, pk)))

    @schema.registration_post
    def register_view(self, request: Request, pk: int) -> Response:
        user = self.signed_in(request)
        event = self.live_page(EventPage, pk, _("There is no such event."))
        registration = register(event, Registrant.member(user), confirmed=True)
        return Response(registration_data(registration), status=201)

    @schema.registration_delete
    def cancel_view(self, request: Request, pk: int) -> Response:
        cancel(self.members_registration(request, pk))
        return Response(status=204)


# -- series --------------------------------------------------------------------------

SERIES_FIELDS = [
    "format", prepared("format_label"), "summary", "description", "target_group",
    prepared("host"), prepared("speakers"), prepared("topics"), prepared("sessions"),
    *IMAGE_API_FIELDS,
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
                .select_related("locale", "host__locale", "image")
                .prefetch_related("topics", "speakers").order_by("title", "pk"))

    @schema.series_listing
    def listing_view(self, request: Request) -> Response:
        self.check_query_parameters(self.get_queryset())
        series_pages = list(self.paginate_queryset(self.filter_queryset(self.get_queryset())))
        prepare_series(series_pages, request)
        return self.get_paginated_response(self.get_serializer(series_pages, many=True).data)

    @schema.series_detail
    def detail_view(self, request: Request, pk: int) -> Response:
        series = self.get_object()
        prepare_series([series], request)
        return Response(self.get_serializer(series).data)

    # -- the member's registrations for the series' sessions ------------------------

    @staticmethod
    def own_registrations(series: EventSeriesPage, user: Any) -> QuerySet[Registration]:
        sessions = [session.registration_event().pk for session in series.sessions()]
        return (Registration.objects.filter(event_id__in=sessions, email=user.email.lower(),
                                            status__in=ACTIVE_STATES)
                .order_by("event__start"))

    def series_and_user(self, request: Request, pk: int) -> tuple[EventSeriesPage, Any]:
        user = self.signed_in(request)
        return self.live_page(EventSeriesPage, pk, _("There is no such series.")), user

    @schema.series_registration_get
    def registration_view(self, request: Request, pk: int) -> Response:
        series, user = self.series_and_user(request, pk)
        registrations = list(self.own_registrations(series, user))
        if not registrations:
            raise exceptions.NotFound(_("You are not registered for this series."))
        return Response({"series": series.pk,
                         "registrations": [registration_data(r) for r in registrations]})

    @schema.series_registration_post
    def register_view(self, request: Request, pk: int) -> Response:
        series, user = self.series_and_user(request, pk)
        made = register_for_series(series, Registrant.member(user), confirmed=True)
        return Response({"series": series.pk,
                         "registrations": [registration_data(r) for r in made]}, status=201)

    @schema.series_registration_delete
    def cancel_view(self, request: Request, pk: int) -> Response:
        """Cancel every registration for the series' sessions still ahead."""
        series, user = self.series_and_user(request, pk)
        ahead = self.own_registrations(series, user).filter(event__end__gt=timezone.now())
        if not ahead.exists():
            raise exceptions.NotFound(_("You are not registered for this series."))
        # Those made through the series and those made one by one, in one transaction
        # that locks their sessions once, in the global order.
        cancel_registrations(list(ahead))
        return Response(status=204)
