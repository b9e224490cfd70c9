"""OpenAPI 3.1 descriptions of the Start Smart endpoints."""

from __future__ import annotations

from typing import Any

INTEREST_ERROR = {"type": "object", "properties": {
    "message": {"type": "string", "description": "What went wrong, in the request's "
                                                 "language."},
    "errors": {"type": "object", "description": "Field name → messages.",
               "additionalProperties": {"type": "array", "items": {"type": "string"}}}}}


def interest_paths() -> dict[str, Any]:
    """POST /interest/: the expression-of-interest form as JSON."""

    def error(description: str) -> dict[str, Any]:
        return {"description": description,
                "content": {"application/json": {"schema": INTEREST_ERROR}}}

    text = {"type": "string"}
    request_schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "contact_name", "email", "starting_situation", "consent"],
        "properties": {
            "kind": {"type": "string", "enum": ["consultation", "peer-learning",
                                                "keep-informed"],
                     "description": "An initial consultation, a place in a peer-learning "
                                    "series, or to be kept informed."},
            "municipality": {"type": ["integer", "null"],
                             "description": "Id from /municipalities/. Without it, give "
                                            "new_municipality_name and federal_state."},
            "new_municipality_name": {**text, "maxLength": 200},
            "federal_state": {"type": "string", "pattern": "^(0[1-9]|1[0-6])$",
                              "description": "Two-digit key of the federal state; taken "
                                             "from the municipality when one is given."},
            "contact_name": {**text, "maxLength": 200},
            "contact_role": {**text, "maxLength": 200},
            "email": {"type": "string", "format": "email", "maxLength": 254},
            "phone": {**text, "maxLength": 40},
            "topics": {"type": "array", "items": {"type": "string"},
                       "description": "Topic slugs (the same in every language)."},
            "starting_situation": {"type": "string", "enum": [
                "first-steps", "strategy", "adopted", "implementing"]},
            "situation_details": {**text, "maxLength": 2000},
            "preferred_format": {"type": "string", "enum": ["virtual", "on-site", "either"],
                                 "default": "either"},
            "preferred_dates": {**text, "maxLength": 300},
            "consent": {"type": "boolean", "const": True,
                        "description": "The requester agrees to the consent text shown "
                                       "with the form; the request is refused without."},
            "language": {"type": "string", "enum": ["de", "en"],
                         "description": "Language of the e-mails and the status page; "
                                        "by default the request's Accept-Language."},
        },
    }
    return {
        "/interest/": {"post": {
            "summary": "Send an expression of interest (no account needed)",
            "description": "Stores the request, e-mails the requester a confirmation with "
                           "the link to the status page, and answers with that link. At "
                           "most 5 requests an hour per e-mail address. No account is "
                           "needed; a signed-in member (session cookie with the "
                           "X-CSRFToken header, or `Authorization: Token sct_…`) is linked "
                           "to the request.",
            "security": [],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": request_schema}}},
            "responses": {
                "201": {"description": "Received", "headers": {
                    "Location": {"schema": {"type": "string", "format": "uri"}}},
                    "content": {"application/json": {"schema": {
                        "type": "object", "properties": {
                            "id": {"type": "integer"},
                            "status": {"type": "string", "enum": [
                                "new", "contacted", "scheduled", "done", "declined"]},
                            "status_url": {"type": "string", "format": "uri",
                                           "description": "The requester's status page "
                                                          "(secret: share it with care)."},
                        }}}}},
                "400": error("Missing consent, unknown municipality or topic, invalid "
                             "e-mail address, a wrong type or an unknown field"),
                "403": error("Signed in with a session but without the CSRF token"),
                "415": error("The body is not JSON"),
                "429": error("Too many requests for this e-mail address"),
            },
        }},
    }


# -- events, series and registrations (events/api.py) ---------------------------------

ERROR = {"type": "object", "required": ["message"], "properties": {
    "message": {"type": "string", "description": "What is wrong, in the request's language"}}}
FILTER_ERROR = {"type": "object", "required": ["message", "errors"], "properties": {
    "message": {"type": "string"},
    "errors": {"type": "object", "description": "Filter → the values it allows.",
               "additionalProperties": {"type": "array", "items": {"type": "string"}}}}}
AUTH = [{"session": []}, {"token": []}]
SECURITY_SCHEMES = {
    "session": {"type": "apiKey", "in": "cookie", "name": "sessionid",
                "description": "Signed-in session; unsafe methods need the X-CSRFToken "
                               "header."},
    "token": {"type": "apiKey", "in": "header", "name": "Authorization",
              "description": "Personal API token: `Token sct_…` (created and revoked in "
                             "the member's account)."},
}
BERLIN_TIME = {"type": "string", "format": "date-time",
               "description": "ISO 8601 in Berlin time, with its offset (+01:00 or +02:00)"}
NULLABLE_TIME = {**BERLIN_TIME, "type": ["string", "null"]}
PAGE_ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
TOPIC = {"type": "object", "properties": {"slug": {"type": "string"},
                                          "name": {"type": "string"}}}
SESSION = {"type": "object", "properties": {
    "id": {"type": "integer"}, "title": {"type": "string"}, "start": BERLIN_TIME,
    "end": BERLIN_TIME, "is_cancelled": {"type": "boolean"}}}
REGISTRATION = {"type": "object", "properties": {
    "event": {"type": "integer"},
    "series": {"type": ["integer", "null"],
               "description": "Set when the registration was made for the whole series"},
    "status": {"type": "string", "enum": ["pending", "confirmed", "waitlisted"]},
    "status_label": {"type": "string"},
    "created_at": BERLIN_TIME}}
DETAILS = {
    "id": {"type": "integer"},
    "title": {"type": "string"},
    "meta": {"type": "object", "description": "type, detail_url, html_url, slug, locale, "
                                              "first_published_at"},
    "format": {"type": "string"},
    "format_label": {"type": "string", "description": "In the page's language"},
    "summary": {"type": "string"},
    "description": {"type": "string", "description": "Rich text (see rich_text_format)"},
    "target_group": {"type": "string"},
    "host": {"type": ["object", "null"], "description": "The hosting model project; null "
             "when the coordination and transfer office hosts",
             "properties": {"id": {"type": "integer"}, "title": {"type": "string"},
                            "url": {"type": ["string", "null"], "format": "uri"}}},
    "speakers": {"type": "array", "items": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"},
        "organisation": {"type": "string"}}}},
    "topics": {"type": "array", "items": TOPIC, "description": "In the page's language"},
}
EVENT = {"type": "object", "properties": {
    **DETAILS,
    "start": BERLIN_TIME, "end": BERLIN_TIME,
    "mode": {"type": "string"}, "mode_label": {"type": "string"},
    "place": {"type": "string"},
    "capacity": {"type": ["integer", "null"], "description": "null: no limit"},
    "places_left": {"type": ["integer", "null"], "description": "null: no limit"},
    "waiting": {"type": "integer", "description": "People on the waiting list"},
    "registration_deadline": NULLABLE_TIME,
    "registration_open": {"type": "boolean",
                          "description": "Whether registering is possible now"},
    "by_invitation": {"type": "boolean",
                      "description": "The event takes no registrations at all"},
    "closed_reason": {"type": "string", "description": "Why registering is not possible "
                                                       "now (empty while it is), in the "
                                                       "page's language"},
    "is_cancelled": {"type": "boolean"},
    "cancellation_note": {"type": "string"},
    "series": {"type": ["object", "null"], "properties": {"id": {"type": "integer"},
                                                          "title": {"type": "string"}}},
    "outcomes": {"type": "array", "description": "Documents and links into the knowledge "
                                                 "repository, after the event"},
    "joining_link": {"type": ["string", "null"], "format": "uri",
                     "description": "Detail only, and only for the requester's confirmed "
                                    "registration; null otherwise. Never in the listing."},
}}
SERIES = {"type": "object", "properties": {
    **DETAILS, "sessions": {"type": "array", "items": SESSION}}}


def _listing(item: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": {
        "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
        "items": {"type": "array", "items": item}}}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def event_filter_parameters(*, feed: bool = False) -> list[dict[str, Any]]:
    """The calendar page's filters; built from the models' choices so that they cannot
    drift from what the endpoints accept."""
    from django.conf import settings

    from events.listing import WHEN
    from events.models import EventFormat, EventMode

    def repeatable(name: str, items: dict[str, Any], description: str) -> dict[str, Any]:
        return {"name": name, "in": "query", "style": "form", "explode": True,
                "schema": {"type": "array", "items": items},
                "description": description + " Repeat for several values (any of them)."}

    when = ("Default: upcoming events and those of the last 180 days, so that a "
            "subscribed calendar keeps recent ones." if feed else "Default: upcoming.")
    return [
        {"name": "when", "in": "query", "schema": {"type": "string", "enum": list(WHEN)},
         "description": when},
        repeatable("format", {"type": "string", "enum": list(EventFormat.values)},
                   "Event format."),
        repeatable("mode", {"type": "string", "enum": list(EventMode.values)},
                   "Virtual, on site or hybrid."),
        repeatable("topic", {"type": "string"},
                   "Topic slug (the same in every language), see /topics/."),
        repeatable("month", {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
                   "Month of the start in Berlin time (YYYY-MM); a 400 lists the months "
                   "that have events."),
        {"name": "locale", "in": "query",
         "schema": {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
         "description": "Only events in this language (default: every language)."},
    ]


def event_paths() -> dict[str, Any]:
    """/events/ and /event-series/ with the member's registrations."""
    paging = [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}},
              {"name": "fields", "in": "query", "schema": {"type": "string"},
               "description": "Wagtail's field selection, e.g. `fields=description` or "
                              "`fields=*`"}]
    unknown = _json(FILTER_ERROR, "An unknown filter value; `errors` lists the allowed ones")
    not_signed_in = _json(ERROR, "Not signed in (WWW-Authenticate: Token)")
    return {
        "/events/": {"get": {
            "summary": "Events, filtered like the event calendar",
            "description": "Upcoming events in start order; past ones (`when=past`) newest "
                           "first. The joining link is never listed.",
            "parameters": [*event_filter_parameters(), *paging],
            "responses": {"200": _json(_listing(EVENT), "Events"), "400": unknown}}},
        "/events/{id}/": {"get": {
            "summary": "One event",
            "description": "A confirmed participant (signed in by session or token) sees "
                           "the joining link.",
            "security": [{}, *AUTH],
            "parameters": [PAGE_ID],
            "responses": {"200": _json(EVENT, "The event"), "404": _json(ERROR, "Not found")}}},
        "/events/feed.ics": {"get": {
            "summary": "The filtered calendar as iCalendar (RFC 5545) to subscribe to",
            "parameters": event_filter_parameters(feed=True),
            "responses": {"200": {"description": "The calendar", "content": {
                "text/calendar": {"schema": {"type": "string"}}}}, "400": unknown}}},
        "/events/{id}/registration/": {
            "get": {"summary": "The requester's registration for the event",
                    "security": AUTH, "parameters": [PAGE_ID],
                    "responses": {"200": _json(REGISTRATION, "The registration"),
                                  "401": not_signed_in,
                                  "404": _json(ERROR, "No such event, or not registered")}},
            "post": {"summary": "Register (members, in one step)",
                     "description": "A place while there is one, else the waiting list; "
                                    "the confirmation e-mail carries a calendar file.",
                     "security": AUTH, "parameters": [PAGE_ID],
                     "responses": {
                         "201": _json(REGISTRATION, "Registered: status confirmed or "
                                                    "waitlisted"),
                         "400": _json(ERROR, "Registered already, registration closed, "
                                             "the event is over, cancelled or by "
                                             "invitation"),
                         "401": not_signed_in,
                         "403": _json(ERROR, "Session without the CSRF token"),
                         "404": _json(ERROR, "No such event")}},
            "delete": {"summary": "Cancel the registration; the first person waiting "
                                  "moves up",
                       "security": AUTH, "parameters": [PAGE_ID],
                       "responses": {"204": {"description": "Cancelled"},
                                     "400": _json(ERROR, "The event is over"),
                                     "401": not_signed_in,
                                     "403": _json(ERROR, "Session without the CSRF token"),
                                     "404": _json(ERROR, "No such event, or not "
                                                         "registered")}}},
        "/event-series/": {"get": {
            "summary": "Series (such as a peer-learning series) with their sessions",
            "parameters": [event_filter_parameters()[-1], *paging],
            "responses": {"200": _json(_listing(SERIES), "Series")}}},
        "/event-series/{id}/": {"get": {
            "summary": "One series with its sessions", "parameters": [PAGE_ID],
            "responses": {"200": _json(SERIES, "The series"),
                          "404": _json(ERROR, "Not found")}}},
        "/event-series/{id}/registration/": {
            "get": {"summary": "The requester's registrations for the series' sessions",
                    "security": AUTH, "parameters": [PAGE_ID],
                    "responses": {"200": _json({"type": "object", "properties": {
                        "series": {"type": "integer"},
                        "registrations": {"type": "array", "items": REGISTRATION}}},
                        "The registrations"),
                        "401": not_signed_in,
                        "404": _json(ERROR, "No such series, or not registered")}},
            "post": {"summary": "Register for every session that still takes "
                                "registrations",
                     "security": AUTH, "parameters": [PAGE_ID],
                     "responses": {
                         "201": _json({"type": "object", "properties": {
                             "series": {"type": "integer"},
                             "registrations": {"type": "array", "items": REGISTRATION}}},
                             "One registration per session (confirmed or waitlisted)"),
                         "400": _json(ERROR, "No session takes registrations, or "
                                             "registered for all already"),
                         "401": not_signed_in,
                         "403": _json(ERROR, "Session without the CSRF token"),
                         "404": _json(ERROR, "No such series")}},
            "delete": {"summary": "Cancel the registrations for the sessions still ahead",
                       "security": AUTH, "parameters": [PAGE_ID],
                       "responses": {"204": {"description": "Cancelled"},
                                     "401": not_signed_in,
                                     "403": _json(ERROR, "Session without the CSRF token"),
                                     "404": _json(ERROR, "No such series, or not "
                                                         "registered")}}},
    }


def openapi_document(base_url: str) -> dict[str, Any]:
    """The Start Smart endpoints (events, series, registrations, expressions of
    interest), served at /api/v2/events/schema/."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Smart Cities knowledge platform: Start Smart", "version": "2"},
        "servers": [{"url": base_url}],
        "components": {"securitySchemes": SECURITY_SCHEMES},
        "paths": {**event_paths(), **interest_paths()},
    }
