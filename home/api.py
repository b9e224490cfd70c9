"""Building blocks every plugin's API and URLs share: one id converter, one JSON body
parser, one way to read an id from a parameter or a body.

They live in the home plugin, the shared layer any plugin may import, so that a bad id
or a bad body meets the same answer (a 4xx with a ``message``) everywhere.
"""

from __future__ import annotations

import json
from typing import Any

from django.urls import register_converter
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import BasePermission, IsAuthenticated

# Primary keys are 64-bit signed integers on PostgreSQL and SQLite alike: a larger
# number overflows in the database driver, which would end in a 500.
LARGEST_ID = 2**63 - 1

# How deep a JSON body may nest. Our bodies are flat objects with lists of strings;
# Python's own parser would give up with a RecursionError at about 1,000 levels.
MAX_JSON_DEPTH = 20


class IdConverter:
    """``<id:pk>``: a database id, 1 to 2^63 - 1, in ASCII digits. Anything else does not
    match the route, so the answer is a 404 rather than an overflow in the database."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= LARGEST_ID:
            # Django reads a ValueError as "this route does not match".
            raise ValueError(value)
        return number

    def to_url(self, value: Any) -> str:
        return str(int(value))


register_converter(IdConverter, "id")


def parse_id(value: Any) -> int | None:
    """An id from a query parameter or a JSON body: ``None`` unless it is a whole number
    (an ``int`` that is no ``bool``, or ASCII digits) in the database's range.
    ``str.isdigit()`` would also take ``²`` or ``٣``, which ``int()`` then refuses."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        number = int(value)
    else:
        return None
    return number if 1 <= number <= LARGEST_ID else None


def _unstorable(text: str) -> bool:
    """A NUL or a lone surrogate (``"\\ud800"``): no database column takes them."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_body(value: Any) -> None:
    """Walk the parsed body once (without recursion): depth, and text that cannot be
    stored."""
    level = [(value, 1)]
    while level:
        item, depth = level.pop()
        if depth > MAX_JSON_DEPTH:
            raise ParseError(_("The JSON body is nested too deeply."))
        if isinstance(item, dict):
            for key, child in item.items():
                level.append((key, depth))
                level.append((child, depth + 1))
        elif isinstance(item, list):
            level.extend((child, depth + 1) for child in item)
        elif isinstance(item, str) and _unstorable(item):
            raise ParseError(_("The body contains characters that cannot be stored "
                               "(NUL or a lone surrogate)."))


def _no_constant(name: str) -> None:
    raise ValueError(name)


class JSONObjectParser(JSONParser):
    """JSON bodies as the API takes them: an object, not nested deeper than
    :data:`MAX_JSON_DEPTH`, without ``NaN``, ``Infinity`` or numbers beyond a float
    (``1e999``). Anything else is a 400 with a message, never a 500 later on."""

    def parse(self, stream: Any, media_type: str | None = None,
              parser_context: dict | None = None) -> dict[str, Any]:
        try:
            text = stream.read().decode((parser_context or {}).get("encoding", "utf-8"))
            data = json.loads(text, parse_constant=_no_constant,
                              parse_float=_finite_float)
        except RecursionError as error:
            raise ParseError(_("The JSON body is nested too deeply.")) from error
        except (ValueError, UnicodeDecodeError) as error:
            raise ParseError(_("The body is not valid JSON.")) from error
        if not isinstance(data, dict):
            raise ParseError(_("Send a JSON object with the request's fields."))
        _check_body(data)
        return data


def _finite_float(text: str) -> float:
    number = float(text)
    if number in (float("inf"), float("-inf")):
        raise ValueError(text)
    return number


class ErrorSerializer(serializers.Serializer):
    """What every API error answers (4xx and 5xx): a sentence in the request's language,
    and for invalid input the messages per field or parameter."""

    message = serializers.CharField(help_text="What is wrong, in the request's language.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False,
        help_text="Field or parameter → messages (or the values it allows).")


class JSONTypeMixin:
    """A serializer field that takes, from a JSON body, only its own JSON type: DRF turns
    ``5`` into ``"5"``, ``"yes"`` into ``True`` and ``"7"`` into ``7``, which the schema
    does not promise. Form-encoded bodies (plain text throughout) are read as before."""

    json_types: tuple[type, ...] = ()

    def to_internal_value(self, data: Any) -> Any:
        if type(getattr(self.root, "initial_data", None)) is dict and (
                isinstance(data, bool) != (bool in self.json_types)
                or not isinstance(data, self.json_types)):
            self.refuse(data)
        return super().to_internal_value(data)

    def refuse(self, data: Any) -> None:
        if "invalid" in self.error_messages:
            self.fail("invalid")
        self.fail("invalid_choice", input=str(data)[:40])


class StrictCharField(JSONTypeMixin, serializers.CharField):
    json_types = (str,)


class StrictIntegerField(JSONTypeMixin, serializers.IntegerField):
    """An integer; as text (query strings, forms) in ASCII digits only: ``int()`` also
    reads ``"٣"`` as 3."""

    json_types = (int,)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, str) and not (data.isascii() and data.lstrip("-").isdigit()):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(JSONTypeMixin, serializers.BooleanField):
    json_types = (bool,)


class StrictChoiceField(JSONTypeMixin, serializers.ChoiceField):
    json_types = (str,)


class QuerySerializer(serializers.Serializer):
    """Query-string parameters. REST framework reads an optional field given blank
    (``?topic=``) as left out, as HTML forms with an empty select need; the API's contract
    (minLength, pattern, enum) says a parameter that is given has a value, so a blank one
    is refused with the other errors instead of widening the search silently."""

    def to_internal_value(self, data: Any) -> Any:
        if hasattr(data, "getlist"):
            blank = {name: [_("Give this parameter a value or leave it out.")]
                     for name, field in self.fields.items()
                     if name in data and not getattr(field, "allow_blank", False)
                     and any(not value.strip() for value in data.getlist(name))}
            if blank:
                raise serializers.ValidationError(blank)
        return super().to_internal_value(data)


class MemberActionsMixin:
    """For a viewset whose ``member_actions`` need a signed-in member (a token or a
    session). REST framework's ``IsAuthenticated`` refuses anyone else with a 401 before
    the action runs, and drf-spectacular reads the same permission: those operations are
    documented as requiring the token or the session, without the anonymous ``{}`` that
    the others carry, so the contract says what the code enforces (and schemathesis's
    ``ignored_auth`` check tests it)."""

    member_actions: frozenset[str] = frozenset()

    def get_permissions(self) -> list[BasePermission]:
        if getattr(self, "action", None) in self.member_actions:
            return [IsAuthenticated()]
        return super().get_permissions()  # type: ignore[misc]
