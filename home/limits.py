"""Who the client is, how often it may do something, and the one sign-in lockout.

Two libraries, one place that configures them for every plugin:

- **Lockout** (django-axes, settings `AXES_*`): every way to prove who one is, member
  sign-in, `/admin/login/`, the password-reset link and personal API tokens, counts
  its failures in one table, per client address *and* account together, so an attacker
  elsewhere cannot lock the real owner out; a lock ends after a cool-off, and a
  password reset by e-mail ends it at once. `authenticate()` reports to axes by itself;
  entries that do not go through it (reset links, tokens) use `lockout_failed` and
  `is_locked_out` below.
- **Rate limits** (django-ratelimit's `is_ratelimited`): posting, opt-in mails,
  expressions of interest, guest registrations and sign-ups count in fixed windows in
  Django's cache. The library is used without its app: its system check refuses the
  per-process memory cache, which is the embedded default here (deployments with
  several processes set CACHE_URL to Redis so that limits are shared).
"""

from __future__ import annotations

import hashlib
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

# The lockout's name for an entry that has no account name, such as an unknown token.
API_TOKEN_ACCOUNT = "<api token>"


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer, or behind `TRUSTED_PROXY_COUNT` proxies the
    address the outermost of them saw (taken from X-Forwarded-For, counted from the
    right, so a client cannot choose it by sending the header itself)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
                if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def exceeded(scope: str, rate: str, *, request: HttpRequest | None = None,
             by: str | None = None) -> bool:
    """Counts one more in `scope` and says whether that goes beyond `rate` ("5/h",
    "6/m"). Counted per client address (`request`), or per `by` (an e-mail address, a
    member id), which is hashed and never stored."""
    if by is not None:
        key = "by:" + hashlib.sha256(by.strip().lower().encode()).hexdigest()
    elif request is not None:
        key = f"client:{client_address(request)}"
    else:
        raise ValueError("exceeded() counts per request or per `by`")
    return is_ratelimited(request, group=scope, key=lambda _group, _request: key, rate=rate,
                          increment=True)


# --- the lockout ----------------------------------------------------------------------

def account_name(request: HttpRequest | None, credentials: dict | None) -> str:
    """The account an attempt was for, as the lockout counts it: e-mail addresses in
    lower case, so `Anna@…` at the admin and `anna@…` at the sign-in are one account."""
    name = (credentials or {}).get("username")
    if name is None and request is not None:
        name = request.POST.get("username", "")
    return str(name or "").strip().lower()


def is_locked_out(request: HttpRequest, account: str) -> bool:
    return AxesProxyHandler.is_locked(request, {"username": account})


def lockout_failed(request: HttpRequest, account: str, sender: Any = None) -> None:
    """Report a failed proof (a wrong reset link, an unknown token) to the lockout, as
    Django's authenticate() reports a wrong password."""
    user_login_failed.send(sender=sender or __name__, credentials={"username": account},
                           request=request)


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Too many failed attempts. Please wait %(minutes)s minutes, or reset your "
             "password.") % {"minutes": minutes}


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict | None = None) -> HttpResponse:
    """What a locked-out client gets (429): JSON under /api/, else a page that offers the
    password reset."""
    if request.path.startswith("/api/"):
        return JsonResponse({"message": lockout_message()}, status=429)
    return render(request, "lockout.html", {"message": lockout_message()}, status=429)
