"""The learner's progress page, the certificate download (the holder's alone) and the
public verification of a certificate by its code."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.models import Locale

from academy.certificates import certificate_pdf, verification_url
from academy.models import AcademyIndexPage, Certificate
from academy.progress import courses_of_learner, progress_of
from home.limits import exceeded
from repository.models.base import in_locale

# Verification is public; beyond this a client waits (HTTP 429), so trying codes at
# random is slow as well as hopeless (80 bits, academy.models.certificates).
VERIFICATIONS_PER_CLIENT_AND_MINUTE = 20
CODE_PATTERN = re.compile(r"^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$")


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_GET
def progress(request: HttpRequest) -> HttpResponse:
    courses = courses_of_learner(request.user, translation.get_language())
    entries = progress_of(request.user, courses)
    language = translation.get_language()
    academy = AcademyIndexPage.objects.live().filter(locale__language_code=language).first()
    return _private(render(request, "academy/progress.html", {
        "entries": entries, "academy": academy}))


@login_required
@require_GET
def download(request: HttpRequest, code: str) -> HttpResponse:
    """The PDF, for its holder; anyone else is told there is no such certificate (404),
    as for a code that does not exist."""
    certificate = Certificate.objects.filter(code=code, learner=request.user).first()
    if certificate is None:
        raise Http404(_("There is no such certificate in your account."))
    response = HttpResponse(certificate_pdf(certificate, request),
                            content_type="application/pdf")
    name = slugify(f"{certificate.course_title} {certificate.code}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return _private(response)


@require_GET
def verify(request: HttpRequest, code: str) -> HttpResponse:
    if exceeded("academy:verify", f"{VERIFICATIONS_PER_CLIENT_AND_MINUTE}/m", request=request):
        return render(request, "academy/verify.html", {"limited": True, "code": code},
                      status=429)
    certificate = (Certificate.objects.filter(code=code.upper()).select_related("course")
                   .first() if CODE_PATTERN.match(code.upper()) else None)
    if certificate is None:
        return render(request, "academy/verify.html", {"code": code}, status=404)
    course = certificate.course
    if course is not None:  # the course's title in the reader's language, if translated
        course = in_locale([course], Locale.objects.get_for_language(
            translation.get_language()).pk)[0]
    return render(request, "academy/verify.html", {
        "certificate": certificate, "course": course,
        "url": verification_url(certificate, request)})
