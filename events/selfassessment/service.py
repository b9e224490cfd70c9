"""What a self-assessment gives back: the stage its score reaches, and the next steps in
the programme (formats, coming events and series of those formats, solutions that
similar municipalities adopted, peer groups, the expression of interest pre-filled).

A signed-in member's latest assessment is kept in the account; an anonymous one only in
the session (the site) or in the answer (the API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale

from community.models import GroupVisibility, Municipality, PeerGroupPage
from events.interest.models import InterestKind, StartingSituation
from events.models import EventFormat, EventPage, EventSeriesPage
from events.selfassessment.models import MaturityStage, SelfAssessment
from events.selfassessment.questionnaire import QUESTIONS, score
from home import page_clock
from repository.models import Topic
from repository.models.base import in_locale
from repository.similar_municipalities import like_municipality

UPCOMING_EVENTS = 3
PEER_GROUPS = 3

# Where the strategy answer puts a municipality in the expression of interest's terms.
STARTING_SITUATION = {
    "none": StartingSituation.FIRST_STEPS,
    "discussing": StartingSituation.FIRST_STEPS,
    "drafting": StartingSituation.STRATEGY_IN_PROGRESS,
    "adopted": StartingSituation.STRATEGY_ADOPTED,
    "implementing": StartingSituation.IMPLEMENTING,
}


@dataclass
class Assessment:
    """Checked answers: one value per question, where the municipality stands, and the
    fields of action of interest (topic slugs)."""

    answers: dict[str, str]
    municipality: Municipality | None = None
    size_class: str = ""
    federal_state: str = ""
    topics: list[str] = field(default_factory=list)

    @property
    def score(self) -> int:
        return score(self.answers)

    @classmethod
    def from_form(cls, cleaned: dict[str, Any]) -> Assessment:
        return cls(answers={question.key: cleaned[question.key] for question in QUESTIONS},
                   municipality=cleaned.get("municipality"),
                   size_class=cleaned.get("size_class") or "",
                   federal_state=cleaned.get("federal_state") or "",
                   topics=sorted(topic.slug for topic in cleaned.get("topics") or ()))

    def stored(self) -> dict[str, Any]:
        """As plain data, for the session and the account."""
        return {"answers": self.answers,
                "municipality": self.municipality.pk if self.municipality else None,
                "size_class": self.size_class, "federal_state": self.federal_state,
                "topics": self.topics}

    @classmethod
    def from_stored(cls, data: dict[str, Any]) -> Assessment | None:
        """What the session or the account kept; None when it no longer fits the
        questions (they changed since)."""
        answers = data.get("answers") or {}
        for question in QUESTIONS:
            if answers.get(question.key) not in {a.value for a in question.answers}:
                return None
        municipality = (Municipality.objects.filter(pk=data["municipality"]).first()
                        if data.get("municipality") else None)
        return cls(answers=answers, municipality=municipality,
                   size_class=data.get("size_class") or "",
                   federal_state=data.get("federal_state") or "",
                   topics=list(data.get("topics") or []))


def stage_for(points: int, language: str) -> MaturityStage | None:
    """The highest stage whose threshold the score reaches (the office's stages are
    kept in the default language), in the reader's language where translated."""
    stage = (MaturityStage.objects.filter(locale__language_code=settings.LANGUAGE_CODE,
                                          threshold__lte=points)
             .order_by("-threshold", "code").first())
    if stage is None:
        return None
    locale = Locale.objects.filter(language_code=language).first()
    return in_locale([stage], locale.pk)[0] if locale else stage


def keep_for_member(user: Any, assessment: Assessment, stage: MaturityStage | None) -> None:
    SelfAssessment.objects.update_or_create(user=user, defaults={
        "answers": assessment.stored(), "score": assessment.score,
        "stage_code": stage.code if stage else "",
        "municipality": assessment.municipality, "size_class": assessment.size_class,
        "federal_state": assessment.federal_state,
    })


def member_assessment(user: Any) -> Assessment | None:
    kept = SelfAssessment.objects.filter(user=user).first()
    return Assessment.from_stored(kept.answers) if kept else None


def fitting_formats(stage: MaturityStage | None) -> list[str]:
    known = set(EventFormat.values)
    return [value for value in (stage.formats if stage else []) if value in known]


def interest_query(assessment: Assessment, formats: list[str]) -> str:
    """The expression of interest's form pre-filled (the form reads these parameters)."""
    if EventFormat.CONSULTATION in formats:
        kind = InterestKind.CONSULTATION
    elif EventFormat.PEER_LEARNING in formats:
        kind = InterestKind.PEER_LEARNING
    else:
        kind = InterestKind.KEEP_INFORMED
    params: list[tuple[str, str]] = [
        ("kind", kind), ("starting_situation", STARTING_SITUATION[assessment.answers["strategy"]])]
    if assessment.municipality is not None:
        params.append(("municipality", str(assessment.municipality.pk)))
    elif assessment.federal_state:
        params.append(("federal_state", assessment.federal_state))
    params.extend(("topics", slug) for slug in assessment.topics)
    return urlencode(params)


def next_steps(assessment: Assessment, stage: MaturityStage | None,
               language: str) -> dict[str, Any]:
    """Formats, events, series, solutions, peer groups and the pre-filled request, in
    the reader's language."""
    locale = Locale.objects.get_for_language(language)
    formats = fitting_formats(stage)
    labels = dict(EventFormat.choices)
    events = list(EventPage.objects.live().public().filter(
        locale=locale, format__in=formats, start__gte=timezone.now(), is_cancelled=False)
        .order_by("start", "pk")[:UPCOMING_EVENTS])
    if events:  # the first of them starts and leaves the list
        page_clock.changes_at(events[0].start)
    series = list(EventSeriesPage.objects.live().public().filter(
        locale=locale, format__in=formats).order_by("title")[:UPCOMING_EVENTS])
    return {
        "formats": [{"value": value, "label": labels[value]} for value in formats],
        "events": events,
        "series": series,
        "solutions": _solutions(assessment, locale),
        "peer_groups": _peer_groups(assessment, locale),
        "interest_url": f"{reverse('events:interest')}?{interest_query(assessment, formats)}",
    }


def _solutions(assessment: Assessment, locale: Locale) -> list[Any]:
    municipality = assessment.municipality
    if municipality is None and assessment.size_class:
        # Not in the list: an unsaved municipality stands for its size and state.
        municipality = Municipality(pk=0, size_class=assessment.size_class,
                                    federal_state=assessment.federal_state)
    if municipality is None:
        return []
    return like_municipality(municipality, locale.pk, assessment.topics).top


def _peer_groups(assessment: Assessment, locale: Locale) -> list[PeerGroupPage]:
    """Groups anyone may see, on the fields of action of interest where they match."""
    groups = (PeerGroupPage.objects.live().public().filter(locale=locale)
              .exclude(visibility=GroupVisibility.SECRET))
    names = [topic.name for topic in in_locale(
        Topic.objects.filter(slug__in=assessment.topics,
                             locale__language_code=settings.LANGUAGE_CODE), locale.pk)]
    if names:
        matching = Q()
        for name in names:
            matching |= Q(topic__icontains=name) | Q(title__icontains=name)
        found = list(groups.filter(matching).order_by("title")[:PEER_GROUPS])
        if found:
            return found
    return list(groups.order_by("title")[:PEER_GROUPS])
