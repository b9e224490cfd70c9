"""The reporting rounds' snippets in the admin, under one "Reporting" menu: rounds (the
office opens one by adding it), indicators per field of action, and the roles in the
model-project teams. Registered in repository.wagtail_hooks."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from repository.models import Indicator, ReportingRound, TeamMember

REPORTING_MENU_HOOK = "register_reporting_menu_item"


class ReportingRoundViewSet(SnippetViewSet):
    model = ReportingRound
    icon = "date"
    menu_label = _("Reporting rounds")
    menu_order = 10
    add_to_admin_menu = False
    menu_hook = REPORTING_MENU_HOOK
    list_display = ["title", "opens_on", "due_on", "closed"]
    ordering = ["-opens_on"]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "order"
    menu_label = _("Indicators")
    menu_order = 20
    add_to_admin_menu = False
    menu_hook = REPORTING_MENU_HOOK
    list_display = ["name", "unit", "target", "topic"]
    list_filter = ["topic"]
    search_fields = ["name", "description"]


class TeamMemberViewSet(SnippetViewSet):
    """The office assigns member accounts to a model project's team as lead or
    contributor; the project's group (its rights in the admin) follows."""

    model = TeamMember
    icon = "group"
    menu_label = _("Project team members")
    menu_order = 30
    add_to_admin_menu = False
    menu_hook = REPORTING_MENU_HOOK
    list_display = ["user", "project", "role"]
    list_filter = ["role"]
    search_fields = ["user__email", "project__title"]

    def get_queryset(self, request):
        return TeamMember.objects.select_related("user", "project")
