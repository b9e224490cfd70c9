"""Error pages: JSON for API clients, a page in the request's language for people."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token

from config.middleware import unknown_language_prefix


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"message": _("Not found.")}, status=404)
    template = loader.get_template("404.html")
    context = {"unknown_language": unknown_language_prefix(request.path_info)}
    return HttpResponse(template.render(context, request), status=404)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"message": _("Internal server error.")}, status=500)
    # No context processors: whatever broke may be what they need.
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico before reading any page; send them to the static one."""
    return HttpResponsePermanentRedirect(static("home/favicon.ico"))
