"""The expression-of-interest form on the site, its thank-you page and the requester's
status page (reached by the secret link in every e-mail about the request)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from events.interest import service
from events.interest.forms import ExpressionOfInterestForm
from events.models import ExpressionOfInterest, InterestStatus

# The token of the request just sent, so that the thank-you page can link to its status
# page without putting the secret into an address that browsers keep in their history.
SESSION_KEY = "events:interest-token"


def _member_initial(user: Any) -> dict[str, Any]:
    """A signed-in member's details, so that they need not type them again."""
    if not user.is_authenticated:
        return {}
    initial: dict[str, Any] = {"email": user.email}
    profile = getattr(user, "member_profile", None)
    if profile is not None:
        initial.update(contact_name=profile.display_name, contact_role=profile.role,
                       phone=profile.phone, municipality=profile.municipality_id)
    return initial


def _no_store(response: HttpResponse) -> HttpResponse:
    """Pages that show a request's details: never cached, never indexed, and their
    secret address never sent on as a referrer."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# What a link may fill in (the self-assessment's next steps link here with the answers).
PREFILLED = ("kind", "municipality", "federal_state", "starting_situation", "topics")


def _prefilled(params: Any) -> dict[str, Any]:
    """The query's values for the fields a link may fill in. Only a starting point: what
    does not fit is left out here and checked as usual when the form is sent."""
    form = ExpressionOfInterestForm()
    initial: dict[str, Any] = {}
    for name in PREFILLED:
        field = form.fields[name]
        values = params.getlist(name)
        if not values or not all(values):
            continue
        try:
            initial[name] = field.clean(values if name == "topics" else values[0])
        except ValidationError:
            continue
    return initial


@require_http_methods(["GET", "POST"])
def interest_form(request: HttpRequest) -> HttpResponse:
    initial = {**_member_initial(request.user), **_prefilled(request.GET)}
    form = ExpressionOfInterestForm(request.POST or None, initial=initial)
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return render(request, "events/interest/form.html", context)
    if not form.is_valid():
        return render(request, "events/interest/form.html", context, status=400)
    try:
        made = service.submit(form.cleaned_data, translation.get_language(),
                              user=request.user, request=request)
    except service.InterestError as error:
        for field, messages in error.errors.items():
            form.add_error(field if field in form.fields else None, messages)
        context["error"] = error.message
        return render(request, "events/interest/form.html", context, status=error.status)
    request.session[SESSION_KEY] = made.token
    return redirect("events:interest_thanks")


@require_GET
def interest_thanks(request: HttpRequest) -> HttpResponse:
    token = request.session.get(SESSION_KEY)
    interest = ExpressionOfInterest.objects.filter(token=token).first() if token else None
    return _no_store(render(request, "events/interest/thanks.html", {"interest": interest}))


@require_GET
def interest_status(request: HttpRequest, token: str) -> HttpResponse:
    interest = (ExpressionOfInterest.objects.select_related("municipality")
                .filter(token=token).first())
    if interest is None:
        return _no_store(render(request, "events/interest/not_found.html", {
            "message": _("There is no request with this link. Please check that you "
                         "copied the whole link from our e-mail.")}, status=404))
    event = service.scheduled_event(interest, request)
    return _no_store(render(request, "events/interest/status.html", {
        "interest": interest,
        "explanation": service.explanation(interest.status, event),
        "history": service.status_history(interest),
        "topics": service.topic_names(interest, translation.get_language()),
        "event": event,
        "declined": interest.status == InterestStatus.DECLINED,
    }))
