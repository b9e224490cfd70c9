"""The Akademie's endpoints: ``courses/`` (public course data, with the modules in the
detail) and ``certificates/<code>/`` (public verification: the holder's name, the course
and the date, or 404)."""

from __future__ import annotations

from django.db.models import IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.urls import re_path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale

from academy.models import Certificate, CourseModulePage, CoursePage
from academy.views import CODE_PATTERN, VERIFICATIONS_PER_CLIENT_AND_MINUTE
from home.api import ErrorSerializer
from home.limits import exceeded
from repository.models.base import in_locale


def with_hours(courses: QuerySet[CoursePage]) -> QuerySet[CoursePage]:
    """Each course's hours (its live modules' sum) in the same query."""
    hours = (CourseModulePage.objects.live()
             .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
             .order_by().values("depth").annotate(total=Sum("hours")).values("total"))
    return courses.annotate(module_hours=Subquery(hours, output_field=IntegerField()))


class CoursesAPIViewSet(PagesAPIViewSet):
    model = CoursePage
    name = "courses"
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "summary", "hours",
                              "target_group", "prerequisite_course_id"]
    # One query per course for its modules: the detail has them, the listing does not.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "modules"]

    def get_queryset(self) -> QuerySet:
        return with_hours(super().get_queryset().select_related("locale", "image"))


class CertificateSerializer(serializers.Serializer):
    code = serializers.CharField()
    holder_name = serializers.CharField()
    course = serializers.DictField(help_text="id and title (in the request's language, "
                                             "when translated); id null for a course "
                                             "deleted since")
    issued_on = serializers.DateField()
    hours = serializers.IntegerField()


class CertificatesAPIViewSet(BaseAPIViewSet):
    model = Certificate
    name = "certificates"
    permission_classes = [AllowAny]

    @classmethod
    def get_urlpatterns(cls) -> list:
        # Only what is shaped like a code: other paths below the endpoint (such as
        # ``schema/``) stay free, and a malformed code is a 404 like an unknown one.
        return [re_path(r"^(?P<code>[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){3})/$",
                        cls.as_view({"get": "verify_view"}), name="detail")]

    @extend_schema(
        summary="Verify a certificate of the Smart City Akademie",
        description="Public: the holder's name, the course and the date of a certificate "
                    "with this verification code.",
        responses={
            200: OpenApiResponse(CertificateSerializer, description="The certificate"),
            404: OpenApiResponse(ErrorSerializer, description="No certificate has this code"),
            429: OpenApiResponse(ErrorSerializer, description="Too many verifications "
                                 "from this client; wait a minute"),
        })
    def verify_view(self, request: Request, code: str) -> Response:
        if exceeded("academy:verify", f"{VERIFICATIONS_PER_CLIENT_AND_MINUTE}/m",
                    request=request):
            raise exceptions.Throttled(detail=_("Too many certificates were checked from "
                                                "your address. Please wait a minute."))
        code = code.upper()
        certificate = (Certificate.objects.filter(code=code).select_related("course").first()
                       if CODE_PATTERN.match(code) else None)
        if certificate is None:
            raise exceptions.NotFound(_("This certificate is unknown: no certificate has "
                                        "the code %(code)s.") % {"code": code[:40]})
        course = certificate.course
        if course is not None:
            course = in_locale([course], Locale.objects.get_for_language(
                translation.get_language()).pk)[0]
        return Response({
            "code": certificate.code, "holder_name": certificate.holder_name,
            "course": {"id": course.pk if course else None,
                       "title": course.title if course else certificate.course_title},
            "issued_on": certificate.issued_on, "hours": certificate.hours})
