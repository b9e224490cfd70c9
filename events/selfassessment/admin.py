"""The maturity path in the admin (Start Smart menu; registered in
``events.wagtail_hooks``): the stages as a translatable snippet the office edits, and a
report that counts members' self-assessments per stage and size class. No view shows
anyone's answers: they are the member's own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.snippets import SnippetViewSet

from community.models import SizeClass
from events.selfassessment.models import MaturityStage, SelfAssessment

REPORT_PERMISSION = "events.view_selfassessment"


class MaturityStageViewSet(SnippetViewSet):
    model = MaturityStage
    icon = "list-ol"
    menu_label = gettext_lazy("Maturity path")
    menu_name = "maturity-path"
    menu_order = 400
    add_to_admin_menu = False
    list_display = ["code", "name", "threshold"]


def stage_counts() -> dict[str, Any]:
    """Members' self-assessments counted per stage (rows) and size class (columns), in
    one grouped query; a size class nobody named is "not given"."""
    rows = (SelfAssessment.objects.values_list("stage_code", "size_class")
            .annotate(total=Count("pk")).order_by())
    counted: dict[tuple[str, str], int] = {(stage, size): total for stage, size, total in rows}
    columns = [*SizeClass.choices, ("", gettext_lazy("not given"))]
    stages = list(MaturityStage.objects.filter(locale__language_code="de")
                  .order_by("threshold").values_list("code", "name"))
    known = {code for code, _name in stages}
    stages += sorted({(stage, "") for stage, _size in counted if stage not in known})
    table = []
    for code, name in stages:
        cells = [counted.get((code, value), 0) for value, _label in columns]
        table.append({"code": code, "name": name, "cells": cells, "total": sum(cells)})
    return {"columns": [label for _value, label in columns], "rows": table,
            "total": sum(counted.values())}


class SelfAssessmentReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/self_assessment_report.html"
    page_title = gettext_lazy("Self-assessments by stage")
    header_icon = "list-ol"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "report": stage_counts()}

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class ReportMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request.user.has_perm(REPORT_PERMISSION)


def report_menu_item() -> MenuItem:
    return ReportMenuItem(gettext_lazy("Self-assessments by stage"),
                          reverse("events_self_assessment_report"),
                          name="self-assessment-report", icon_name="list-ol", order=410)


def admin_urls() -> list:
    return [path("start-smart/self-assessments/", SelfAssessmentReportView.as_view(),
                 name="events_self_assessment_report")]
