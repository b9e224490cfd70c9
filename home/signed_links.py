"""Links in e-mails that carry what they are for, signed (django.core.signing): a sign-up
confirmation, an invitation, a guest's opt-in, a newsletter confirmation, an unsubscribe
link. One way to make them, one way to read them, one error and one page for a link that
cannot be used, whichever plugin sent it.

Links that name a row's own random token instead (a cancellation link, a status page)
use :func:`home.links.new_token` and answer with the same :class:`LinkError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class LinkError(ValueError):
    """A link that cannot be used; the message tells the person why and what to do.
    ``status`` is the HTTP status of the page that says so."""

    def __init__(self, message: Any, *, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def sign(payload: Mapping[str, Any], *, salt: str, compress: bool = False) -> str:
    """The token for a link; ``salt`` names what the link is for, so that a token made
    for one purpose never opens another."""
    return signing.dumps(dict(payload), salt=salt, compress=compress)


def read(token: str, *, salt: str, max_age: int | None, expired: Any,
         invalid: Any) -> dict[str, Any]:
    """What the link carries. Raises :class:`LinkError` with ``expired`` when it is
    older than ``max_age`` seconds, with ``invalid`` when it was not made here for
    ``salt`` or carries no mapping."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkError(expired) from None
    except signing.BadSignature:
        raise LinkError(invalid) from None
    if not isinstance(data, dict):
        raise LinkError(invalid)
    return data


def link_error_page(request: HttpRequest, error: LinkError,
                    links: Sequence[tuple[Any, str]] = ()) -> HttpResponse:
    """The page for a link that cannot be used, with the error's message and status and
    ``links`` (label, URL) to go on from there."""
    return render(request, "home/link_error.html",
                  {"message": str(error), "links": links}, status=error.status)
