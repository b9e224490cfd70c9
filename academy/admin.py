"""The office's view of the Akademie in the admin: each course's cohort with its
completion rate, each learner's progress, and the exports (CSV or XLSX, home.exports).

Only holders of ``academy.view_cohorts`` (editors and event managers, academy 0002) see
them; everyone else is refused (403), as for the admin's other lists."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from academy.models import CoursePage
from academy.progress import LearnerRow, cohort
from home.exports import export_response

PERMISSION = "academy.view_cohorts"

EXPORT_COLUMNS = [
    ("name", gettext_lazy("Name")),
    ("email", gettext_lazy("E-mail address")),
    ("modules", gettext_lazy("Modules completed")),
    ("hours", gettext_lazy("Hours completed")),
    ("sessions", gettext_lazy("Sessions attended")),
    ("certificate", gettext_lazy("Certificate")),
    ("issued_on", gettext_lazy("Issued on")),
]


def may_see_cohorts(user: Any) -> bool:
    return user.is_active and user.has_perm(PERMISSION)


def _office_only(request: HttpRequest) -> None:
    if not may_see_cohorts(request.user):
        raise PermissionDenied


def _course(page_id: int) -> CoursePage:
    course = CoursePage.objects.filter(pk=page_id).first()
    if course is None:
        raise Http404(_("There is no such course."))
    return course.original()


def _rate(rows: list[LearnerRow]) -> int | None:
    return round(100 * sum(row.complete for row in rows) / len(rows)) if rows else None


class CohortsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "academy/admin/cohorts.html"
    header_icon = "group"
    page_title = gettext_lazy("Akademie: cohorts")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _office_only(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        courses = [course for course in CoursePage.objects.order_by("path")
                   if course.original().pk == course.pk]
        summary = []
        for course in courses:
            rows = cohort(course)
            summary.append({"course": course, "learners": len(rows),
                            "completed": sum(row.complete for row in rows),
                            "rate": _rate(rows),
                            "url": reverse("academy_admin:cohort", args=[course.pk])})
        context["courses"] = summary
        return context


class CohortView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "academy/admin/cohort.html"
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        _office_only(request)
        self.course = _course(kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return _("Cohort")

    def get_page_subtitle(self) -> str:
        return self.course.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = cohort(self.course)
        context.update({"course": self.course, "rows": rows, "rate": _rate(rows),
                        "completed": sum(row.complete for row in rows)})
        return context


def _export_row(row: LearnerRow) -> dict[str, Any]:
    profile = getattr(row.learner, "member_profile", None)
    return {
        "name": profile.display_name if profile else row.learner.get_full_name(),
        "email": row.learner.email,
        "modules": f"{row.modules_done}/{row.modules_total}",
        "hours": row.hours_done,
        "sessions": row.sessions_attended,
        "certificate": row.certificate.code if row.certificate else "",
        "issued_on": row.certificate.issued_on.isoformat() if row.certificate else "",
    }


def export_cohort(request: HttpRequest, page_id: int, file_format: str) -> HttpResponse:
    _office_only(request)
    course = _course(page_id)
    return export_response(
        [_export_row(row) for row in cohort(course)], EXPORT_COLUMNS,
        file_format=file_format, sheet_title=str(_("Cohort")),
        filename=f"{slugify(course.title) or 'course'}-{timezone.localdate():%Y-%m-%d}")
