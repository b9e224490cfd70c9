"""Registering, confirming and cancelling from the site."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from events import ical
from events.models import EventPage, EventSeriesPage, Registration, RegistrationStatus
from events.registrations.forms import CancelForm, GuestRegistrationForm
from events.registrations.pages import own_registration
from events.registrations.service import (
    Registrant,
    RegistrationError,
    cancel,
    cancel_series,
    confirm_opt_in,
    register,
    register_for_series,
    registration_for_token,
)
from home.limits import exceeded
from home.signed_links import LinkError, link_error_page


def _live_page(model: type, page_id: int) -> Any:
    page = model.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404(_("There is no such event."))
    return page


def _page_with_error(request: HttpRequest, page: Any, *, form: Any = None,
                     error: str = "", status: int = 400) -> HttpResponse:
    """The event or series page again, with what went wrong; nothing was stored."""
    context = page.get_context(request)
    if form is not None:
        context["guest_form"] = form
    context["registration_error"] = error
    return TemplateResponse(request, page.get_template(request), context, status=status)


# Guests sign up for any address they type: this many an hour per client (per address,
# events.registrations caps the e-mails).
GUEST_REGISTRATIONS_PER_CLIENT_AND_HOUR = 10


def _guest_over_limit(request: HttpRequest, page: Any, form: Any) -> HttpResponse | None:
    if request.user.is_authenticated or not exceeded(
            "events:guest-registration", f"{GUEST_REGISTRATIONS_PER_CLIENT_AND_HOUR}/h",
            request=request):
        return None
    return _page_with_error(request, page, form=form, status=429, error=_(
        "We have received many registrations from your connection in the last hour. "
        "Please wait a while before registering again."))


def _report(request: HttpRequest, registrations: list[Registration], *, guest: bool) -> None:
    if guest:
        messages.success(request, _(
            "Almost done: we have sent you an e-mail. Please confirm your registration "
            "with the link in it within three days."))
        return
    confirmed = [r for r in registrations if r.status == RegistrationStatus.CONFIRMED]
    if confirmed and len(confirmed) == len(registrations):
        messages.success(request, _(
            "You are registered. We have sent you a confirmation with a calendar file."))
    elif confirmed:
        messages.success(request, _(
            "You are registered for %(places)s sessions and on the waiting list for "
            "%(waiting)s. We have sent you a confirmation with a calendar file.")
            % {"places": len(confirmed), "waiting": len(registrations) - len(confirmed)})
    else:
        messages.info(request, _(
            "Every place is taken, so you are on the waiting list. We will write to you "
            "as soon as a place becomes free."))


def _registrant(request: HttpRequest, page: Any) -> tuple[Registrant | None, Any]:
    if request.user.is_authenticated:
        return Registrant.member(request.user), None
    form = GuestRegistrationForm(request.POST)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    return Registrant(name=data["name"], email=data["email"],
                      municipality=data.get("municipality"),
                      organisation=data.get("organisation", "")), form


def _register(request: HttpRequest, page: Any,
              make: Callable[[Any, Registrant, bool], list[Registration]]) -> HttpResponse:
    """What registering for an event and for a whole series share: the registrant (a
    member, or a guest from the form, within the guests' limit), the refusal on the
    page, the message, and back to the page."""
    registrant, form = _registrant(request, page)
    if registrant is None:
        return _page_with_error(request, page, form=form)
    limited = _guest_over_limit(request, page, form)
    if limited:
        return limited
    guest = not request.user.is_authenticated
    try:
        made = make(page, registrant, not guest)
    except RegistrationError as error:
        return _page_with_error(request, page, form=form, error=str(error))
    _report(request, made, guest=guest)
    return redirect(page.url)


@require_POST
def register_for_event(request: HttpRequest, page_id: int) -> HttpResponse:
    return _register(request, _live_page(EventPage, page_id),
                     lambda event, registrant, confirmed: [
                         register(event, registrant, confirmed=confirmed)])


@require_POST
def register_for_whole_series(request: HttpRequest, page_id: int) -> HttpResponse:
    return _register(request, _live_page(EventSeriesPage, page_id),
                     lambda series, registrant, confirmed: register_for_series(
                         series, registrant, confirmed=confirmed))


def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        registrations = confirm_opt_in(token)
    except LinkError as error:
        return link_error_page(request, error)
    return render(request, "events/confirmed.html", {"registrations": registrations})


@require_http_methods(["GET", "POST"])
def cancel_by_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every e-mail: shows what it cancels and asks before doing it, so
    that a mail scanner opening the link cancels nothing."""
    try:
        registration = registration_for_token(token)
    except LinkError as error:
        return link_error_page(request, error)
    form = CancelForm(request.POST or None)
    context = {"registration": registration, "form": form,
               "event": registration.event.localized}
    if registration.status == RegistrationStatus.CANCELLED:
        return render(request, "events/cancelled.html", {**context, "already": True})
    if request.method == "POST":
        if not form.is_valid():
            return render(request, "events/cancel.html", context, status=400)
        try:
            if form.cleaned_data["scope"] == "series" and registration.series_id:
                cancel_series(registration)
            else:
                cancel(registration)
        except RegistrationError as error:
            return render(request, "events/cancel.html", {**context, "error": str(error)},
                          status=400)
        return render(request, "events/cancelled.html", context)
    return render(request, "events/cancel.html", context)


def event_calendar(request: HttpRequest, page_id: int) -> HttpResponse:
    """One event as a calendar file; a confirmed participant's copy has the joining
    link."""
    event = _live_page(EventPage, page_id)
    registration = own_registration(event, request.user)
    private = bool(registration and registration.status == RegistrationStatus.CONFIRMED)
    response = HttpResponse(ical.calendar([event], private=private,
                                          request=request),
                            content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    if private:
        response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def cancel_own(request: HttpRequest, page_id: int) -> HttpResponse:
    """A signed-in member cancels from the event page."""
    event = _live_page(EventPage, page_id)
    registration = own_registration(event, request.user)
    if registration is None:
        messages.error(request, _("You are not registered for this event."))
        return redirect(event.url)
    try:
        cancel(registration)
    except RegistrationError as error:
        return _page_with_error(request, event, error=str(error))
    messages.success(request, _("Your registration has been cancelled."))
    return redirect(event.url)
