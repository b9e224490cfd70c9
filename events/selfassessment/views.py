"""The self-assessment on the site: the questionnaire on one page (it works without
JavaScript; the municipality picker has its search step) and the result with the next
steps. The result is the asker's: kept in a member's account, or for an anonymous
visitor only in the session, and never cached or indexed."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from events.models import EventIndexPage
from events.selfassessment import service
from events.selfassessment.forms import SelfAssessmentForm

# An anonymous visitor's answers, for the result page that follows the form.
SESSION_KEY = "events:self-assessment"


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _initial(user: Any) -> dict[str, Any]:
    """A member's municipality from the profile, so that they need not look it up."""
    profile = getattr(user, "member_profile", None) if user.is_authenticated else None
    if profile is None or profile.municipality_id is None:
        return {}
    return {"municipality": profile.municipality_id}


@require_http_methods(["GET", "POST"])
def questionnaire(request: HttpRequest) -> HttpResponse:
    form = SelfAssessmentForm(request.POST or None, initial=_initial(request.user))
    if request.method != "POST":
        return render(request, "events/selfassessment/form.html", {"form": form})
    if not form.is_valid():
        return render(request, "events/selfassessment/form.html", {"form": form},
                      status=400)
    assessment = service.Assessment.from_form(form.cleaned_data)
    if request.user.is_authenticated:
        stage = service.stage_for(assessment.score, translation.get_language())
        service.keep_for_member(request.user, assessment, stage)
    else:
        request.session[SESSION_KEY] = assessment.stored()
    return redirect("events:self_assessment_result")


@require_GET
def result(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        assessment = service.member_assessment(request.user)
    else:
        assessment = service.Assessment.from_stored(request.session.get(SESSION_KEY) or {})
    if assessment is None:
        return redirect("events:self_assessment")
    language = translation.get_language()
    stage = service.stage_for(assessment.score, language)
    calendar = EventIndexPage.objects.live().filter(locale__language_code=language).first()
    return _private(render(request, "events/selfassessment/result.html", {
        "assessment": assessment, "stage": stage,
        "steps": service.next_steps(assessment, stage, language),
        "calendar_url": calendar.url if calendar else "",
        "kept_in_account": request.user.is_authenticated,
    }))
