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
    context = {"unknown_language": unknown_language_prefix(request.path_info), "error_page": True}
    return HttpResponse(template.render(context, request), status=404)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"message": _("You may not do this.")}, status=403)
    template = loader.get_template("403.html")
    return HttpResponse(template.render({"error_page": True}, request), status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its security token, usually from a page left open too long."""
    if _wants_json(request):
        return JsonResponse(
            {"message": _("The form's security token is missing or has expired.")}, status=403
        )
    template = loader.get_template("403_csrf.html")
    return HttpResponse(template.render({"error_page": True}, request), status=403)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # No context processors and no site lookup: a bad Host header is one way to get here,
    # and looking up the site would trip over it again.
    if _wants_json(request):
        return JsonResponse({"message": _("The request could not be understood.")}, status=400)
    return HttpResponse(loader.get_template("400.html").render(), status=400)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"message": _("Internal server error.")}, status=500)
    # No context processors: whatever broke may be what they need.
    template = loader.get_template("500.html")
    return HttpResponse(template.render(), status=500)


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico before reading any page; send them to the static one."""
    return HttpResponsePermanentRedirect(static("platform/favicon.ico"))
