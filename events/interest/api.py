"""The expression-of-interest form as JSON: POST /api/v2/interest/.

Partner sites and other front ends send the same fields as the site's form (typed and
bounded by :class:`InterestRequestSerializer`, which /api/v2/schema/ describes): a
municipality by its id, or a new one by name and federal state; topics by slug;
``consent: true``. The same form validates both, and the same service stores the request
and sends the confirmation, so a request reads the same in the admin whichever way it
came. Anyone may send one (no account needed); a signed-in
member's request is linked to the member.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community.discussions_api import PersonalTokenAuthentication
from community.models import FederalState
from events.interest import service
from events.interest.forms import ExpressionOfInterestForm
from events.interest.models import InterestKind, PreferredFormat, StartingSituation
from events.models import ExpressionOfInterest
from home.api import (
    LARGEST_ID,
    ErrorSerializer,
    JSONObjectParser,
    StrictBooleanField,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
)

TEXT_FIELDS = ("kind", "new_municipality_name", "federal_state", "contact_name",
               "contact_role", "email", "phone", "starting_situation", "situation_details",
               "preferred_format", "preferred_dates", "language")


def _text(max_length: int, **kwargs: Any) -> StrictCharField:
    return StrictCharField(max_length=max_length, required=False, allow_blank=True,
                                 allow_null=True, trim_whitespace=False, **kwargs)


class InterestRequestSerializer(serializers.Serializer):
    """The JSON types and limits of an expression of interest. The site's form then
    checks what needs the database (municipality, topics, rate limits) for both ways in."""

    kind = StrictChoiceField(choices=InterestKind.choices)
    municipality = StrictIntegerField(
        min_value=1, max_value=LARGEST_ID, required=False, allow_null=True,
        help_text="Id from /municipalities/. Without it, give new_municipality_name and "
                  "federal_state.")
    new_municipality_name = _text(200)
    federal_state = StrictChoiceField(
        choices=FederalState.choices, required=False, allow_null=True, allow_blank=True,
        help_text="Key of the federal state; taken from the municipality when one is given.")
    contact_name = StrictCharField(max_length=200)
    contact_role = _text(200)
    email = serializers.EmailField(max_length=254)
    phone = _text(40)
    topics = serializers.ListField(child=StrictCharField(max_length=100),
                                   required=False, allow_null=True, max_length=50,
                                   help_text="Topic slugs (the same in every language).")
    starting_situation = StrictChoiceField(choices=StartingSituation.choices)
    situation_details = _text(2000)
    preferred_format = StrictChoiceField(choices=PreferredFormat.choices,
                                               required=False, allow_null=True)
    preferred_dates = _text(300)
    consent = StrictBooleanField(
        help_text="The requester agrees to the consent text shown with the form; the "
                  "request is refused without.")
    language = StrictChoiceField(
        choices=settings.LANGUAGES, required=False, allow_null=True,
        help_text="Language of the e-mails and the status page; by default the request's "
                  "Accept-Language.")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


class InterestCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=ExpressionOfInterest._meta.get_field(
        "status").choices)
    status_url = serializers.URLField(help_text="The requester's status page (secret: "
                                                "share it with care).")


def _flat(messages: Any) -> list[str]:
    """A field's messages as a list of text (a list field's come per item)."""
    if isinstance(messages, dict):
        return [text for item in messages.values() for text in _flat(item)]
    if isinstance(messages, list):
        return [text for item in messages for text in _flat(item)]
    return [str(messages)]


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


def invalid(errors: dict[str, list[str]], message: str | None = None,
            status: int = 400) -> Response:
    return Response({"message": message or _("The request could not be sent."),
                     "errors": errors}, status=status)


class InterestAPIViewSet(BaseAPIViewSet):
    model = ExpressionOfInterest
    name = "interest"
    # JSON only: a form-encoded or multipart body answers 415 Unsupported Media Type.
    parser_classes = [JSONObjectParser]
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"post": "create_view"}), name="listing")]

    @extend_schema(
        summary="Send an expression of interest (no account needed)",
        description="Stores the request, e-mails the requester a confirmation with the link "
                    "to the status page, and answers with that link. No account is needed; "
                    "a signed-in member's request is linked to the member.",
        request=InterestRequestSerializer,
        responses={
            201: OpenApiResponse(InterestCreatedSerializer, description="Received"),
            400: _error("Missing consent, unknown municipality or topic, invalid e-mail "
                        "address, a wrong type or an unknown field"),
            403: _error("Signed in with a session but without the CSRF token"),
            415: _error("The body is not JSON"),
            429: _error("Too many requests for this e-mail address or client"),
        },
    )
    def create_view(self, request: Request) -> Response:
        body = InterestRequestSerializer(data=request.data)  # JSON objects only (parser)
        if not body.is_valid():
            return invalid({name: _flat(messages) for name, messages in body.errors.items()})
        data = {name: value for name, value in body.validated_data.items()
                if value is not None}
        language = data.get("language") or translation.get_language()
        with translation.override(service.request_language(language)):
            form = ExpressionOfInterestForm({
                **{name: data[name] for name in TEXT_FIELDS if name in data},
                "municipality": data.get("municipality"),
                "topics": data.get("topics") or [],
                "consent": data.get("consent") is True,
            })
            if not form.is_valid():
                return invalid({name: [str(message) for message in messages]
                                for name, messages in form.errors.items()})
            try:
                made = service.submit(form.cleaned_data, translation.get_language(),
                                      user=request.user, request=request)
            except service.InterestError as error:
                return invalid(error.errors, error.message, error.status)
        url = service.status_url(made)
        return Response({"id": made.pk, "status": made.status, "status_url": url},
                        status=201, headers={"Location": url})
