"""Language handling around Django's LocaleMiddleware, and the admin's own
Content-Security-Policy."""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

# Paths outside the language prefix: a 404 there is final, never a redirect into /de/.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/")
_LANGUAGE_PREFIX = re.compile(r"^/(?P<code>[a-z]{2}(?:-[a-z]{2,4})?)(?:/|$)", re.IGNORECASE)


def unknown_language_prefix(path: str) -> str | None:
    """The language code a path starts with when it is not one we serve (`/fr/…`)."""
    match = _LANGUAGE_PREFIX.match(path)
    if not match:
        return None
    code = match.group("code").lower()
    return None if code in dict(settings.LANGUAGES) else code


class PlatformLocaleMiddleware(LocaleMiddleware):
    """LocaleMiddleware that answers 404 where Django would redirect a miss into the
    default language: for the API, admin and files (so clients see the real status),
    and for unknown language prefixes such as /fr/ (which would become /de/fr/)."""

    def process_response(self, request, response):
        path = request.path_info
        if response.status_code == 404 and (
            path.startswith(UNPREFIXED_PATHS) or unknown_language_prefix(path)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", get_language())
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CSP_DIRECTIVES under /admin/.

    Works around an upstream gap: Wagtail's admin (8.0) still writes inline scripts (the
    date and time widgets, inline panels) and style attributes, which the site's policy
    refuses. tests/config/test_security_headers.py fails once the admin runs without
    'unsafe-inline', so this relaxation can go."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(
                "/admin/"):
            parts.config = default_config(settings.ADMIN_CSP_DIRECTIVES)
            parts.nonce = None  # a nonce would make browsers ignore 'unsafe-inline'
        return parts
