"""/api/v2/adoption-reports/: the public reads the confirmed self-reported adoptions;
signed-in members (session with CSRF, or a personal API token) report their
municipality's. The rules are the site form's (repository.adoption_reports.service)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community.api_schema import invalid
from community.discussions_api import CommunityAPIMixin
from home.api import MemberActionsMixin
from home.limits import exceeded
from repository.adoption_reports.api_schema import (
    REPORTS_PER_PAGE,
    ReportBodySerializer,
    ReportQuerySerializer,
    report_schema,
    reports_schema,
)
from repository.adoption_reports.forms import AdoptionReportForm
from repository.adoption_reports.permissions import reporting_municipality
from repository.adoption_reports.service import ReportRefused, report_adoption
from repository.adoption_reports.views import REPORTS_PER_HOUR
from repository.models import Adoption, SolutionPage
from repository.models.adoptions import AdoptionSource


def report_data(adoption: Adoption) -> dict[str, Any]:
    municipality = adoption.municipality
    return {"id": adoption.pk, "solution": adoption.solution_id,
            "solution_title": adoption.solution.title,
            "municipality": {"id": municipality.pk, "name": municipality.name,
                             "ags": municipality.ags},
            "status": adoption.status, "reason": adoption.reason,
            "contact_name": adoption.contact_name, "source": adoption.source,
            "review_state": adoption.review_state, "reported_at": adoption.created_at}


class AdoptionReportsAPIViewSet(MemberActionsMixin, CommunityAPIMixin, BaseAPIViewSet):
    model = Adoption
    name = "adoption-reports"
    member_actions = frozenset({"create_view"})

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "listing_view", "post": "create_view"}),
                     name="listing")]

    @reports_schema
    def listing_view(self, request: Request) -> Response:
        query = ReportQuerySerializer(data=request.GET)
        if not query.is_valid():
            return invalid(query)
        reports = (Adoption.objects.public().exclude(source=AdoptionSource.OFFICE)
                   .select_related("municipality", "solution").order_by("-created_at", "-pk"))
        if "solution" in query.validated_data:
            key = (SolutionPage.objects.filter(pk=query.validated_data["solution"])
                   .values("translation_key"))
            reports = reports.filter(solution__translation_key__in=key)
        page = Paginator(reports, REPORTS_PER_PAGE).get_page(query.validated_data.get("page"))
        return Response({"meta": {"total_count": page.paginator.count, "page": page.number,
                                  "pages": page.paginator.num_pages},
                         "items": [report_data(adoption) for adoption in page]})

    @report_schema
    def create_view(self, request: Request) -> Response:
        body = ReportBodySerializer(data=request.data)
        if not body.is_valid():
            return invalid(body, _("The report could not be saved."))
        data = body.validated_data
        solution = (SolutionPage.objects.live().public().select_related("model_project")
                    .filter(pk=data["solution"]).first())
        if solution is None:
            return Response({"message": _("There is no such solution.")}, status=404)
        if reporting_municipality(request.user) is None:
            return Response({"message": _("Only members who name their municipality in "
                                          "their profile report adoptions.")}, status=403)
        form = AdoptionReportForm({**{name: data.get(name, "") for name in
                                      ("status", "reason", "contact_name", "contact_email")},
                                   "answers_questions": data.get("answers_questions", False)})
        if not form.is_valid():
            return Response({"message": _("The report could not be saved."),
                             "errors": {name: [str(error) for error in errors]
                                        for name, errors in form.errors.items()}}, status=400)
        if exceeded("repository:adoption-reports", f"{REPORTS_PER_HOUR}/h",
                    by=f"member:{request.user.pk}"):
            raise exceptions.Throttled(detail=_("You have sent many reports. Please wait an "
                                                "hour and send again."))
        try:
            adoption = report_adoption(solution, request.user, **form.cleaned_data)
        except ReportRefused as refused:
            return Response({"message": refused.message}, status=400)
        return Response(report_data(adoption), status=201)
