"""The office's side of the newsletter: the subscriptions in the admin (listing, filters,
search, a small edit form) and the export of the confirmed list as CSV or XLSX.

Registered in ``events.wagtail_hooks``. Whoever may view or change subscriptions (the
snippet's model permissions) sees the list and exports it; nobody else
(:func:`may_see_subscriptions`).
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import DateColumn
from wagtail.admin.widgets import Button
from wagtail.models import Locale
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from events.models import EventFormat, NewsletterSubscription
from events.newsletter import service as newsletter
from home.admin_policies import never_added_in_admin
from home.exports import export_response
from repository.models import Topic

EXPORT_COLUMNS = [
    ("email", gettext_lazy("E-mail address")),
    ("name", gettext_lazy("Name")),
    ("language", gettext_lazy("Language")),
    ("topics", gettext_lazy("Topics")),
    ("formats", gettext_lazy("Formats")),
    ("confirmed", gettext_lazy("Confirmed on")),
]


# Subscriptions come from their subscribers, with their consent and a confirmed address:
# the office looks after them but never adds one in the admin.
subscription_permission_policy = never_added_in_admin(NewsletterSubscription)


def may_see_subscriptions(user: Any) -> bool:
    return subscription_permission_policy.user_has_any_permission(user, ["view", "change"])


# -- the export ------------------------------------------------------------------------


def _export_rows() -> list[dict[str, Any]]:
    return [{**row, "topics": ", ".join(row["topics"]), "formats": ", ".join(row["formats"])}
            for row in newsletter.export_rows()]


def export_confirmed(request: HttpRequest, file_format: str) -> HttpResponse:
    """The confirmed list, without anyone who has unsubscribed: what the office mails to."""
    if not may_see_subscriptions(request.user):
        raise PermissionDenied
    return export_response(_export_rows(), EXPORT_COLUMNS, file_format=file_format,
                           filename=f"newsletter-{timezone.localdate():%Y-%m-%d}",
                           sheet_title=str(_("Newsletter")))


# -- the listing -----------------------------------------------------------------------


class SubscriptionState(django_filters.ChoiceFilter):
    STATES = {
        "waiting": {"confirmed_at__isnull": True, "unsubscribed_at__isnull": True},
        "subscribed": {"confirmed_at__isnull": False, "unsubscribed_at__isnull": True},
        "unsubscribed": {"unsubscribed_at__isnull": False},
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=[
            ("waiting", gettext_lazy("Waiting for confirmation")),
            ("subscribed", gettext_lazy("Subscribed")),
            ("unsubscribed", gettext_lazy("Unsubscribed")),
        ], **kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        return qs.filter(**self.STATES[value]) if value in self.STATES else qs


def german_topics() -> QuerySet[Topic]:
    """Subscriptions, like requests, are filed under the default language's topics."""
    return Topic.objects.filter(locale=Locale.get_default()).order_by("sort_order", "name")


class SubscriptionFilterSet(WagtailFilterSet):
    state = SubscriptionState(label=gettext_lazy("State"))
    topics = django_filters.ModelChoiceFilter(
        label=gettext_lazy("topic"), field_name="topics",
        queryset=lambda request: german_topics())
    formats = django_filters.ChoiceFilter(
        label=gettext_lazy("format"), choices=EventFormat.choices,
        method="filter_format")

    class Meta:
        model = NewsletterSubscription
        fields = ["state", "language", "topics", "formats"]

    def filter_format(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The formats are a JSON list of codes. SQLite has no JSON containment lookup,
        # so match the quoted code in the list's text (codes never contain quotes).
        return queryset.filter(formats__icontains=f'"{value}"')


class SubscriptionIndexView(IndexView):
    @cached_property
    def header_more_buttons(self) -> list:
        buttons = list(super().header_more_buttons)
        if may_see_subscriptions(self.request.user):
            for priority, file_format in enumerate(("csv", "xlsx"), start=90):
                buttons.append(Button(
                    _("Export the confirmed list (%(format)s)") % {
                        "format": file_format.upper()},
                    url=reverse(self.viewset_export_url_name, args=[file_format]),
                    icon_name="download", priority=priority))
        return buttons

    @property
    def viewset_export_url_name(self) -> str:
        return NewsletterSubscription.snippet_viewset.get_url_name("export_confirmed")


class SubscriptionAdminForm(WagtailAdminModelForm):
    """Formats as checkboxes (they are stored as a list of codes), and only the default
    language's topics, which subscriptions are filed under."""

    formats = forms.MultipleChoiceField(
        label=gettext_lazy("formats"), required=False, choices=EventFormat.choices,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "topics" in self.fields:
            self.fields["topics"].queryset = german_topics()


edit_handler = ObjectList([
    FieldPanel("email", read_only=True),
    FieldPanel("name"),
    FieldPanel("language"),
    FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    FieldPanel("formats"),
    MultiFieldPanel([
        FieldPanel("created_at", read_only=True),
        FieldPanel("confirmed_at", read_only=True),
        FieldPanel("unsubscribed_at",
                   help_text=gettext_lazy("Set when someone asks to be taken off the list "
                                          "by other means than the link.")),
    ], heading=gettext_lazy("Consent")),
], base_form_class=SubscriptionAdminForm)


class NewsletterSubscriptionViewSet(SnippetViewSet):
    model = NewsletterSubscription
    icon = "mail"
    menu_label = gettext_lazy("Newsletter subscriptions")
    menu_name = "newsletter-subscriptions"
    menu_order = 300
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = SubscriptionIndexView
    list_display = [
        "email", "name", "language",
        DateColumn("confirmed_at", label=gettext_lazy("Confirmed"), sort_key="confirmed_at"),
        DateColumn("unsubscribed_at", label=gettext_lazy("Unsubscribed"),
                   sort_key="unsubscribed_at"),
        DateColumn("created_at", label=gettext_lazy("Signed up"), sort_key="created_at"),
    ]
    filterset_class = SubscriptionFilterSet
    search_fields = ["email", "name"]
    search_backend_name = None  # not in the search index; the database finds them
    edit_handler = edit_handler
    ordering = ["-created_at"]

    def get_urlpatterns(self) -> list:
        return [
            *super().get_urlpatterns(),
            path("export/<str:file_format>/", export_confirmed, name="export_confirmed"),
        ]
