"""The office's view of one event in the admin: who is registered and waiting, export,
a message to participants, cancelling for someone, and attendance after the event.

Whoever may edit the event page may run its registrations; nobody else sees them.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.models import EventPage, EventSeriesPage, Registration, RegistrationStatus
from events.registrations import emails
from events.registrations.service import RegistrationError, cancel
from events.registrations.signals import attendance_recorded
from home.exports import export_response

EXPORT_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("E-mail address")),
    ("municipality", gettext_lazy("Municipality")),
    ("federal_state", gettext_lazy("Federal state")),
    ("organisation", gettext_lazy("Organisation")),
    ("status", gettext_lazy("Status")),
    ("registered", gettext_lazy("Registered on")),
    ("waiting_since", gettext_lazy("On the waiting list since")),
    ("series", gettext_lazy("Through the series")),
    ("language", gettext_lazy("Language")),
    ("attended", gettext_lazy("Attended")),
]


def event_for_office(request: HttpRequest, page_id: int) -> EventPage:
    """The event (its registrations' language version), if the user may edit it."""
    page = EventPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(_("There is no such event."))
    source = page.registration_event()
    # The registrations belong to the original: whoever runs them must be able to edit
    # it, not only a translation.
    for version in {page, source}:
        if not version.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
    return source


def registrations_of(event: EventPage) -> Any:
    return (event.registrations.select_related("municipality", "series")
            .order_by("status", "waitlisted_at", "created_at", "pk"))


def _row(registration: Registration) -> dict[str, Any]:
    def local(moment: Any) -> str:
        return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""

    attended = {True: _("yes"), False: _("no"), None: ""}[registration.attended]
    return {
        "name": registration.name,
        "email": registration.email,
        "municipality": registration.municipality.name if registration.municipality else "",
        "federal_state": (registration.municipality.get_federal_state_display()
                          if registration.municipality else ""),
        "organisation": registration.organisation,
        "status": str(registration.get_status_display()),
        "registered": local(registration.created_at),
        "waiting_since": local(registration.waitlisted_at),
        "series": registration.series.title if registration.series else "",
        "language": registration.language,
        "attended": attended,
    }


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)


class OneEventAdminMixin(WagtailAdminTemplateMixin):
    """An admin view of one event or series (``page_id``) for the office, titled with it."""

    event: EventPage | EventSeriesPage

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.event = self.page_for_office(request, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def page_for_office(self, request: HttpRequest, page_id: int) -> Any:
        return event_for_office(request, page_id)

    def get_page_subtitle(self) -> str:
        return self.event.title

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        # Wagtail's default trail is "Home" alone, which the header then shows as this
        # view's title; the event and the view's own title say where the editor is.
        return [*self.breadcrumbs_items,
                {"url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
                 "label": self.event.title},
                {"url": "", "label": self.get_page_title()}]


class EventRegistrationsView(OneEventAdminMixin, TemplateView):
    template_name = "events/admin/registrations.html"
    header_icon = "group"

    def get_page_title(self) -> str:
        return _("Registrations")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        registrations = list(registrations_of(self.event))
        by_status = {status: [r for r in registrations if r.status == status]
                     for status in RegistrationStatus.values}
        context.update({
            "event": self.event,
            "groups": [(RegistrationStatus(status).label, status, by_status[status])
                       for status in (RegistrationStatus.CONFIRMED,
                                      RegistrationStatus.WAITLISTED,
                                      RegistrationStatus.PENDING,
                                      RegistrationStatus.CANCELLED)],
            "confirmed_count": len(by_status[RegistrationStatus.CONFIRMED]),
            "attendance_open": self.event.start <= timezone.now(),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
        })
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if "cancel" in request.POST:
            return self.cancel_for_someone(request)
        return self.record_attendance(request)

    def cancel_for_someone(self, request: HttpRequest) -> HttpResponse:
        chosen = request.POST.get("cancel", "")
        registration = (Registration.objects.filter(pk=int(chosen), event=self.event).first()
                        if chosen.isdigit() else None)
        if registration is None:
            messages.error(request, _("There is no such registration."))
            return redirect(request.path)
        try:
            promoted = cancel(registration, by_office=True)
        except RegistrationError as error:
            messages.error(request, str(error))
            return redirect(request.path)
        text = _("The registration of %(name)s has been cancelled and they have been told.") % {
            "name": registration.name}
        if promoted:
            text += " " + _("Moved up from the waiting list: %(names)s.") % {
                "names": ", ".join(r.name for r in promoted)}
        messages.success(request, text)
        return redirect(request.path)

    def record_attendance(self, request: HttpRequest) -> HttpResponse:
        if self.event.start > timezone.now():
            messages.error(request, _("Attendance can be recorded once the event has begun."))
            return redirect(request.path)
        confirmed = self.event.registrations.filter(status=RegistrationStatus.CONFIRMED)
        form = AttendanceForm(request.POST)
        form.fields["attended"].choices = [(r.pk, r.name) for r in confirmed]
        if not form.is_valid():
            messages.error(request, _("The attendance list did not match the registrations; "
                                      "nothing was changed. Please reload the page."))
            return redirect(request.path)
        present = set(form.cleaned_data["attended"])
        with transaction.atomic():
            confirmed.filter(pk__in=present).update(attended=True)
            confirmed.exclude(pk__in=present).update(attended=False)
            attendance_recorded.send(sender=EventPage, event=self.event,
                                     registrations=list(confirmed.all()))
        messages.success(request, _("Attendance saved: %(present)s of %(total)s were there.")
                         % {"present": len(present), "total": confirmed.count()})
        return redirect(request.path)


def series_for_office(request: HttpRequest, page_id: int) -> EventSeriesPage:
    """The series (the language version its registrations point at), if the user may
    edit it."""
    page = EventSeriesPage.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(_("There is no such series."))
    source = page.registration_series()
    for version in {page, source}:
        if not version.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
    return source


class SeriesRegistrationsView(OneEventAdminMixin, TemplateView):
    """A series at a glance: each session with its places and waiting list (each links to
    its own registrations), and the people registered through the series with how many
    sessions they hold a place for or wait for."""

    template_name = "events/admin/series_registrations.html"
    header_icon = "group"

    def page_for_office(self, request: HttpRequest, page_id: int) -> EventSeriesPage:
        return series_for_office(request, page_id)

    def get_page_title(self) -> str:
        return _("Registrations")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sessions = list(EventPage.objects.child_of(self.event).order_by("start", "pk"))
        counts: dict[tuple[int, str], int] = {
            (row["event_id"], row["status"]): row["n"]
            for row in Registration.objects.filter(event__in=sessions).order_by()
            .values("event_id", "status").annotate(n=Count("pk"))}
        people: dict[str, dict[str, Any]] = {}
        for registration in (self.event.registrations.exclude(
                status=RegistrationStatus.CANCELLED)
                .select_related("municipality").order_by("created_at", "pk")):
            person = people.setdefault(registration.email, {
                "registration": registration, "confirmed": 0, "waitlisted": 0, "pending": 0})
            person[registration.status] += 1
        context.update({
            "series": self.event,
            "sessions": [{
                "page": session,
                "confirmed": counts.get((session.pk, RegistrationStatus.CONFIRMED), 0),
                "waitlisted": counts.get((session.pk, RegistrationStatus.WAITLISTED), 0),
            } for session in sessions],
            "people": list(people.values()),
            "dates": series_dates(sessions),
            "edit_url": reverse("wagtailadmin_pages:edit", args=[self.event.pk]),
        })
        return context


def series_dates(sessions: list[EventPage]) -> str:
    """First to last session, as the series' line under the title says it."""
    if not sessions:
        return ""
    first, last = (formats.date_format(timezone.localtime(session.start), "SHORT_DATE_FORMAT")
                   for session in (sessions[0], sessions[-1]))
    return first if first == last else f"{first} – {last}"


def registrations(request: HttpRequest, page_id: int) -> HttpResponse:
    """The registrations of an event, or of a series (``/admin/events/<id>/registrations/``
    serves both, so that the page's "Registrations" button needs no type of its own)."""
    if EventSeriesPage.objects.filter(pk=page_id).exists():
        return SeriesRegistrationsView.as_view()(request, page_id=page_id)
    return EventRegistrationsView.as_view()(request, page_id=page_id)


def export_registrations(request: HttpRequest, page_id: int, file_format: str) -> HttpResponse:
    event = event_for_office(request, page_id)
    rows = [_row(r) for r in registrations_of(event).exclude(
        status=RegistrationStatus.CANCELLED)]
    return export_response(
        rows, EXPORT_COLUMNS, file_format=file_format, sheet_title=str(_("Registrations")),
        filename=f"{slugify(event.title) or 'event'}-{timezone.localdate():%Y-%m-%d}")


class MessageForm(forms.Form):
    recipients = forms.ChoiceField(
        label=gettext_lazy("To"), widget=forms.RadioSelect, initial="confirmed",
        choices=[("confirmed", gettext_lazy("Registered participants")),
                 ("waitlisted", gettext_lazy("People on the waiting list")),
                 ("both", gettext_lazy("Both"))])
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    text = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea,
                           max_length=5000)

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        if "\n" in subject or "\r" in subject:
            raise forms.ValidationError(_("The subject must fit on one line."))
        return subject


class MessageParticipantsView(OneEventAdminMixin, FormView):
    template_name = "events/admin/message.html"
    form_class = MessageForm
    header_icon = "mail"

    def get_page_title(self) -> str:
        return _("Message participants")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "event": self.event}

    def form_invalid(self, form: forms.Form) -> HttpResponse:
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form: MessageForm) -> HttpResponse:
        statuses = {"confirmed": [RegistrationStatus.CONFIRMED],
                    "waitlisted": [RegistrationStatus.WAITLISTED],
                    "both": [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
                    }[form.cleaned_data["recipients"]]
        recipients = list(self.event.registrations.filter(status__in=statuses)
                          .select_related("event"))
        if not recipients:
            form.add_error("recipients", _("Nobody is in this group yet."))
            return self.form_invalid(form)
        sent = emails.send_message(self.event, recipients, form.cleaned_data["subject"],
                                   form.cleaned_data["text"])
        messages.success(self.request, _("Your message has been sent to %(count)s people.")
                         % {"count": sent})
        return redirect("events_admin:registrations", self.event.pk)
