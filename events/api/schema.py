"""How /api/v2/schema/ describes the programme's endpoints: serializers for what they
answer, and the calendar's filters built from the models' choices, so that the
description cannot drift from what the endpoints accept."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from events.listing import WHEN
from events.models import EventFormat, EventMode, RegistrationStatus
from home.api import ErrorSerializer
from home.images import PageImageSerializer


class BerlinTimeField(serializers.DateTimeField):
    """ISO 8601 in Berlin time, with its offset (+01:00 or +02:00)."""


class EventTopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SpeakerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    role = serializers.CharField(allow_blank=True)
    organisation = serializers.CharField(allow_blank=True)


class HostSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.URLField(allow_null=True)


class SeriesLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["document", "results", "repository_link"])
    value = serializers.JSONField(help_text=(
        "document: id, title, label, url, file_extension; results: rich text (see "
        "rich_text_format); repository_link: id, title, type (repository.SolutionPage, "
        "repository.PublicationPage or repository.ModelProjectPage), label and url of the "
        "linked page in the event's language. Links to pages the public may not see are "
        "left out."))


class ProgrammeItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = serializers.JSONField(help_text="type, detail_url, html_url, slug, locale, "
                                           "first_published_at")
    title = serializers.CharField()
    format = serializers.ChoiceField(choices=EventFormat.choices, required=False)
    format_label = serializers.CharField(required=False, help_text="In the page's language")
    summary = serializers.CharField(allow_blank=True, required=False)
    description = serializers.CharField(allow_blank=True, required=False,
                                        help_text="Rich text (detail; see rich_text_format)")
    target_group = serializers.CharField(allow_blank=True, required=False)
    host = HostSerializer(allow_null=True, required=False,
                          help_text="The hosting model project; null when the office hosts")
    speakers = SpeakerSerializer(many=True, required=False)
    topics = EventTopicSerializer(many=True, required=False, help_text="In the page's language")
    image = PageImageSerializer(allow_null=True, required=False)


class EventSerializer(ProgrammeItemSerializer):
    start = BerlinTimeField(required=False)
    end = BerlinTimeField(required=False)
    mode = serializers.ChoiceField(choices=EventMode.choices, required=False)
    mode_label = serializers.CharField(required=False)
    place = serializers.CharField(allow_blank=True, required=False)
    capacity = serializers.IntegerField(allow_null=True, required=False,
                                        help_text="null: no limit")
    places_left = serializers.IntegerField(allow_null=True, required=False,
                                           help_text="null: no limit")
    waiting = serializers.IntegerField(min_value=0, required=False)
    registration_deadline = BerlinTimeField(allow_null=True, required=False)
    registration_open = serializers.BooleanField(required=False)
    by_invitation = serializers.BooleanField(required=False)
    closed_reason = serializers.CharField(allow_blank=True, required=False)
    is_cancelled = serializers.BooleanField(required=False)
    cancellation_note = serializers.CharField(allow_blank=True, required=False)
    series = SeriesLinkSerializer(allow_null=True, required=False)
    outcomes = OutcomeSerializer(many=True, required=False,
                                 help_text="Documents, results and links into the "
                                           "knowledge repository, after the event (detail)")
    joining_link = serializers.URLField(
        allow_null=True, required=False,
        help_text="Detail only, and only for the requester's confirmed registration.")


class SessionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    start = BerlinTimeField()
    end = BerlinTimeField()
    is_cancelled = serializers.BooleanField()


class SeriesSerializer(ProgrammeItemSerializer):
    sessions = SessionSerializer(many=True, required=False)


class ListingMetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField(min_value=0)


class EventListSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = EventSerializer(many=True)


class SeriesListSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = SeriesSerializer(many=True)


class RegistrationSerializer(serializers.Serializer):
    event = serializers.IntegerField()
    series = serializers.IntegerField(allow_null=True, help_text="Set when the registration "
                                                                 "was made for the series")
    status = serializers.ChoiceField(choices=RegistrationStatus.choices)
    status_label = serializers.CharField()
    created_at = BerlinTimeField()


class SeriesRegistrationsSerializer(serializers.Serializer):
    series = serializers.IntegerField()
    registrations = RegistrationSerializer(many=True)


def _error(description: str, serializer: type = ErrorSerializer) -> OpenApiResponse:
    return OpenApiResponse(serializer, description=description)


def _repeatable(name: str, items: dict[str, Any], description: str) -> OpenApiParameter:
    return OpenApiParameter(name, {"type": "array", "items": items}, explode=True,
                            description=f"{description} Repeat for several values.")


def filter_parameters(*, feed: bool = False) -> list[OpenApiParameter]:
    """The calendar page's filters (events.listing.EventFilters reads them)."""
    when = ("Default: upcoming events and those of the last 180 days." if feed
            else "Default: upcoming.")
    return [
        OpenApiParameter("when", {"type": "string", "enum": list(WHEN)}, description=when),
        _repeatable("format", {"type": "string", "enum": list(EventFormat.values)},
                    "Event format."),
        _repeatable("mode", {"type": "string", "enum": list(EventMode.values)},
                    "Virtual, on site or hybrid."),
        _repeatable("topic", {"type": "string"}, "Topic slug (400 with the allowed ones)."),
        _repeatable("month", {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
                    "A month with events, YYYY-MM (400 with the allowed ones)."),
        OpenApiParameter("locale", {"type": "string",
                                    "enum": [code for code, _name in settings.LANGUAGES]},
                         description="Only events in this language (default: every "
                                     "language)."),
    ]


_MEMBER_ERRORS = {401: _error("Not signed in (session or `Authorization: Token …`)."),
                  404: _error("No such event, or no registration for it.")}

events_listing = extend_schema(
    summary="Events, filtered like the event calendar",
    parameters=filter_parameters(),
    responses={200: EventListSerializer,
               400: _error("A filter value outside the allowed ones.", ErrorSerializer),
               404: _error("`site` names no site.")},
)
event_detail = extend_schema(
    summary="One event; its joining link only for the requester's confirmed registration",
    responses={200: EventSerializer, 404: _error("No such event.")},
)
events_feed = extend_schema(
    summary="The filtered calendar as iCalendar (RFC 5545) to subscribe to",
    parameters=filter_parameters(feed=True),
    responses={(200, "text/calendar"): OpenApiTypes.STR,
               (400, "application/json"): _error("A filter value outside the allowed ones.",
                                                 ErrorSerializer)},
)
registration_get = extend_schema(
    summary="The requester's registration for the event",
    responses={200: RegistrationSerializer, **_MEMBER_ERRORS},
)
registration_post = extend_schema(
    summary="Register (members, in one step): a place while there is one, else the "
            "waiting list",
    request=None,
    responses={201: RegistrationSerializer, 400: _error("Registration is closed."),
               **_MEMBER_ERRORS},
)
registration_delete = extend_schema(
    summary="Cancel the registration; the first person waiting moves up",
    request=None,
    responses={204: None, 400: _error("Cannot be cancelled any more."), **_MEMBER_ERRORS},
)
series_listing = extend_schema(
    summary="Series (such as a peer-learning series) with their sessions",
    parameters=[OpenApiParameter("locale", {"type": "string", "enum": [
        code for code, _name in settings.LANGUAGES]})],
    responses={200: SeriesListSerializer, 400: _error("A parameter is not understood."),
               404: _error("`site` names no site.")},
)
series_detail = extend_schema(
    summary="One series with its sessions",
    responses={200: SeriesSerializer, 404: _error("No such series.")},
)
series_registration_get = extend_schema(
    summary="The requester's registrations for the series' sessions",
    responses={200: SeriesRegistrationsSerializer, **_MEMBER_ERRORS},
)
series_registration_post = extend_schema(
    summary="Register for every session that still takes registrations",
    request=None,
    responses={201: SeriesRegistrationsSerializer, 400: _error("Registration is closed."),
               **_MEMBER_ERRORS},
)
series_registration_delete = extend_schema(
    summary="Cancel the registrations for the sessions still ahead",
    request=None,
    responses={204: None, 400: _error("Cannot be cancelled any more."), **_MEMBER_ERRORS},
)
