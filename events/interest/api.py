"""The expression-of-interest form as JSON: POST /api/v2/interest/.

Partner sites and other front ends send the same fields as the site's form (see
``events.openapi.interest_paths``): a municipality by its id, or a new one by name and
federal state; topics by slug; ``consent: true``. The same form validates both, and the
same service stores the request and sends the confirmation, so a request reads the same
in the admin whichever way it came. Anyone may send one (no account needed); a signed-in
member's request is linked to the member.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community.discussions_api import PersonalTokenAuthentication
from events.interest import service
from events.interest.forms import ExpressionOfInterestForm
from events.models import ExpressionOfInterest
from home.api import JSONObjectParser

TEXT_FIELDS = ("kind", "new_municipality_name", "federal_state", "contact_name",
               "contact_role", "email", "phone", "starting_situation", "situation_details",
               "preferred_format", "preferred_dates", "language")
KNOWN_FIELDS = frozenset({*TEXT_FIELDS, "municipality", "topics", "consent"})


def type_errors(data: dict[str, Any]) -> dict[str, list[str]]:
    """What a form would misread: Django's fields turn a list or a number into text, so
    the JSON types are checked first."""
    errors: dict[str, list[str]] = {}
    for name in sorted(set(data) - KNOWN_FIELDS):
        errors[name] = [_("Unknown field.")]
    for name in TEXT_FIELDS:
        if data.get(name) is not None and not isinstance(data[name], str):
            errors[name] = [_("Send text.")]
    municipality = data.get("municipality")
    if municipality is not None and (isinstance(municipality, bool)
                                     or not isinstance(municipality, int)):
        errors["municipality"] = [_("Send the municipality's id as a number, or null.")]
    topics = data.get("topics")
    if topics is not None and not (isinstance(topics, list)
                                   and all(isinstance(slug, str) for slug in topics)):
        errors["topics"] = [_("Send a list of topic slugs.")]
    if "consent" in data and not isinstance(data["consent"], bool):
        errors["consent"] = [_("Send true or false.")]
    language = data.get("language")
    if isinstance(language, str) and language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Use one of: %(codes)s.") % {
            "codes": ", ".join(code for code, _name in settings.LANGUAGES)}]
    return errors


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

    def create_view(self, request: Request) -> Response:
        data = request.data  # 415 for another media type, 400 for anything but an object
        errors = type_errors(data)
        if errors:
            return invalid(errors)
        language = data.get("language") or translation.get_language()
        with translation.override(service.request_language(language)):
            form = ExpressionOfInterestForm({
                **{name: data[name] for name in TEXT_FIELDS if data.get(name) is not None},
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
