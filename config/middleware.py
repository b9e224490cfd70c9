"""Language handling around Django's LocaleMiddleware."""

import re

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
