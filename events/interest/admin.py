"""The office's side of expressions of interest: the triage listing and edit form, the
one-step consultation event (the overview per federal state and topic is in
``events.interest.overview``).

Registered in ``events.wagtail_hooks``. Whoever may change requests triages them; the
overview and the consultation step ask the same permission (see
:data:`interest_permission_policy`).

A status saved through the edit form tells the requester through the edit view
(:meth:`InterestEditView.save_instance`) rather than a ``post_save`` handler: the service
saves statuses too (:func:`events.interest.service.change_status`), demo content and scripts
save requests in bulk, and a handler could not tell these apart from an editor's choice;
it would also run inside the transaction, before anything is certain. Here the view
knows it is an editor's change, and hands it to the service, which records it once and
sends the e-mail after the commit.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.models import Locale
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from events.interest import consultations, service
from events.models import EventPage, ExpressionOfInterest, InterestStatus
from home.admin_policies import never_added_in_admin
from repository.models import Topic

# Requests come from requesters, with their consent: the office triages (change) and may
# delete one, but never adds one in the admin.
interest_permission_policy = never_added_in_admin(ExpressionOfInterest)


def can_triage(user: Any) -> bool:
    return interest_permission_policy.user_has_permission(user, "change")


def triage_users(keep: int | None = None) -> QuerySet:
    """The people a request can be assigned to: those who may triage, and whoever has
    it now (so that saving does not fail when someone's rights changed)."""
    allowed = interest_permission_policy.users_with_permission("change").values("pk")
    return (get_user_model().objects.filter(Q(pk__in=allowed) | Q(pk=keep))
            .order_by("last_name", "first_name", "email"))


def german_topics() -> QuerySet[Topic]:
    """Requests are filed under the default language's topics."""
    return Topic.objects.filter(locale=Locale.get_default())


# -- the edit form ---------------------------------------------------------------------


class InterestAdminForm(WagtailAdminModelForm):
    """Status (only the steps the flow allows), assignee and notes; the notes written
    here are signed with the editor's account."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance._loaded_status or self.instance.status
        if "status" in self.fields:
            offered = {current, *service.allowed_statuses(current)}
            # Only the widget is narrowed: a forged value still reaches clean_status,
            # which says why it is refused.
            self.fields["status"].widget.choices = [
                (value, label) for value, label in InterestStatus.choices if value in offered]
        if "assignee" in self.fields:
            self.fields["assignee"].queryset = triage_users(self.instance.assignee_id)

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        current = self.instance._loaded_status
        if current:
            try:
                service.check_transition(current, status)
            except service.InterestError as error:
                raise ValidationError(error.message) from error
        return status

    def save(self, commit: bool = True) -> Any:
        notes = self.formsets.get("notes") if hasattr(self, "formsets") else None
        for form in (notes.forms if notes is not None else []):
            if form.instance.pk is None:
                form.instance.author = self.for_user
        return super().save(commit=commit)


class NoteByline(Panel):
    """Who wrote a note and when, above its text (nothing for a note being written)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/interest/admin/note_byline.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["note"] = self.instance if getattr(self.instance, "pk", None) else None
            return context


class ConsultationEventPanel(Panel):
    """The request's consultation event, or the way to create it."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "events/interest/admin/event_panel.html"

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            interest = self.instance
            event = (EventPage.objects.filter(pk=interest.event_id).first()
                     if interest.event_id else None)
            context.update(
                event=event,
                event_edit_url=(reverse("wagtailadmin_pages:edit", args=[event.pk])
                                if event else ""),
                create_url=(reverse(ExpressionOfInterest.snippet_viewset.get_url_name(
                    "create_event"), args=[interest.pk]) if interest.pk else ""),
                may_schedule=(interest.status == InterestStatus.SCHEDULED
                              or InterestStatus.SCHEDULED
                              in service.allowed_statuses(interest.status)),
            )
            return context


class RequestFieldPanel(FieldPanel):
    """One field of the request, shown as the requester sent it (read only).

    Works around an upstream gap: Wagtail shows an empty read-only field as the Python
    word "None" (a foreign key left empty, and, hard-coded, a many-to-many field with
    nothing chosen), untranslated; an optional field left blank is an empty box. The
    office reads "Not given" instead (tests/events/test_interest_admin.py fails when
    Wagtail stops writing "None")."""

    def format_value_for_display(self, value: Any) -> Any:
        if callable(getattr(value, "all", "")) and not value.all():
            value = None
        if value is None or value == "":
            return gettext_lazy("Not given")
        return super().format_value_for_display(value)


REQUEST_FIELDS = ["kind", "municipality", "new_municipality_name", "federal_state",
                  "contact_name", "contact_role", "email", "phone", "topics",
                  "starting_situation", "situation_details", "preferred_format",
                  "preferred_dates", "language", "created_at", "consent_text",
                  "consented_at"]

# The request first: an editor reads what was asked before deciding what to do with it.
edit_handler = ObjectList([
    # What the requester sent stays as they sent it: shown, not editable.
    MultiFieldPanel([RequestFieldPanel(name, read_only=True) for name in REQUEST_FIELDS],
                    heading=gettext_lazy("The request")),
    MultiFieldPanel([FieldPanel("status"), FieldPanel("assignee")],
                    heading=gettext_lazy("Triage")),
    ConsultationEventPanel(heading=gettext_lazy("Consultation event")),
    InlinePanel("notes", heading=gettext_lazy("Notes"), label=gettext_lazy("Note"),
                help_text=gettext_lazy("For the office only; the requester never sees "
                                       "them."),
                panels=[NoteByline(), FieldPanel("text")]),
], base_form_class=InterestAdminForm)


class InterestEditView(EditView):
    def form_invalid(self, form: Any) -> Any:
        response = super().form_invalid(form)
        # A step the flow does not allow can only be forged (the form offers none): it is
        # bad input, answered 400 with the form saying which steps are allowed.
        if "status" in form.errors:
            response.status_code = 400
        return response

    def save_instance(self) -> ExpressionOfInterest:
        instance = self.form.instance
        previous, changed = instance._loaded_status, instance.status_changed()
        if changed:
            instance.status_changed_at = timezone.now()
        saved = super().save_instance()
        if changed:
            service.announce_status_change(saved, previous, by=self.request.user)
            saved._loaded_status = saved.status
            self.requester_told = True
        return saved

    def get_success_message(self) -> str | None:
        message = super().get_success_message()
        if getattr(self, "requester_told", False):
            return f"{message} {_('The requester is told of the new status by e-mail.')}"
        return message

    @cached_property
    def header_more_buttons(self) -> list:
        buttons = list(super().header_more_buttons)
        if not self.object.event_id:
            buttons.append(Button(
                _("Create consultation event"),
                url=reverse(self.viewset_url_name("create_event"), args=[self.object.pk]),
                icon_name="calendar-alt", priority=5))
        return buttons

    @staticmethod
    def viewset_url_name(name: str) -> str:
        return ExpressionOfInterest.snippet_viewset.get_url_name(name)


# -- the listing -----------------------------------------------------------------------


class InterestFilterSet(WagtailFilterSet):
    topics = django_filters.ModelChoiceFilter(
        label=gettext_lazy("topic"), field_name="topics",
        queryset=lambda request: german_topics().order_by("sort_order", "name"))
    assignee = django_filters.ModelChoiceFilter(
        label=gettext_lazy("assigned to"), field_name="assignee",
        queryset=lambda request: get_user_model().objects.filter(
            assigned_interests__isnull=False).distinct().order_by("email"))

    class Meta:
        model = ExpressionOfInterest
        fields = ["status", "kind", "federal_state", "topics", "assignee"]


# -- one step from a request to a consultation event -----------------------------------


class CreateConsultationEventView(WagtailAdminTemplateMixin, TemplateView):
    """GET asks (it says what will happen, and that the requester is told); POST
    creates the draft event and opens it in the page editor."""

    template_name = "events/interest/admin/create_event.html"
    header_icon = "calendar-alt"
    page_title = gettext_lazy("Create a consultation event")
    viewset: Any = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_triage(request.user):
            raise PermissionDenied
        self.interest = get_object_or_404(
            ExpressionOfInterest.objects.select_related("municipality"), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def edit_url(self) -> str:
        return reverse(self.viewset.get_url_name("edit"), args=[self.interest.pk])

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items,
                {"url": reverse(self.viewset.get_url_name("list")),
                 "label": ExpressionOfInterest._meta.verbose_name_plural.capitalize()},
                {"url": self.edit_url(), "label": str(self.interest)},
                {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        calendar = consultations.consultation_calendar()
        context.update(interest=self.interest, edit_url=self.edit_url(), calendar=calendar,
                       start=consultations.next_weekday_morning(),
                       hours=consultations.CONSULTATION_HOURS)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        calendar = consultations.consultation_calendar()
        if calendar is not None and not calendar.permissions_for_user(
                request.user).can_add_subpage():
            messages.error(request, _("You may not add pages to the event calendar “%(title)s”; "
                                      "ask an administrator.") % {"title": calendar.title})
            return redirect(self.edit_url())
        try:
            event = consultations.create_consultation_event(self.interest, by=request.user)
        except service.InterestError as error:
            messages.error(request, error.message)
            return redirect(self.edit_url())
        messages.success(request, _(
            "Draft consultation event “%(title)s” created and the request set to "
            "“scheduled”. Its date is a placeholder: agree the real one with the "
            "municipality, then publish.") % {"title": event.title})
        return redirect("wagtailadmin_pages:edit", event.pk)


# -- the viewset -----------------------------------------------------------------------


class ExpressionOfInterestViewSet(SnippetViewSet):
    model = ExpressionOfInterest
    icon = "mail"
    menu_label = gettext_lazy("Expressions of interest")
    menu_name = "expressions-of-interest"
    menu_order = 100
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "created_at",
        Column("municipality", label=gettext_lazy("Municipality"),
               accessor="municipality_label"),
        "federal_state", "kind", "status", "assignee",
    ]
    filterset_class = InterestFilterSet
    search_fields = ["contact_name", "email", "new_municipality_name", "municipality__name"]
    search_backend_name = None  # requests are not in the search index; the database finds them
    list_export = ["created_at", "municipality_label", "federal_state", "kind", "status",
                   "assignee", "contact_name", "email", "phone", "starting_situation",
                   "preferred_format", "preferred_dates"]
    export_headings = {"municipality_label": gettext_lazy("Municipality")}
    edit_view_class = InterestEditView
    edit_handler = edit_handler
    ordering = ["-created_at"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ExpressionOfInterest]:
        return ExpressionOfInterest.objects.select_related("municipality", "assignee")

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("create-event/<int:pk>/",
                 CreateConsultationEventView.as_view(viewset=self), name="create_event"),
        ]


# -- the request's history in the admin ------------------------------------------------


def register_log_actions(actions: Any) -> None:
    @actions.register_action(service.STATUS_LOG_ACTION)
    class StatusChanged(LogFormatter):
        label = gettext_lazy("Change status of an expression of interest")

        def format_message(self, log_entry: Any) -> str:
            data = log_entry.data or {}
            labels = dict(InterestStatus.choices)
            return _("Status changed from “%(previous)s” to “%(new)s”") % {
                "previous": labels.get(data.get("from"), data.get("from")),
                "new": labels.get(data.get("to"), data.get("to"))}
