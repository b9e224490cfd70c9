"""Matchmaking for the office: likely pairs of a municipality that asked for help on a
topic and a model project whose team solved it, ranked, each with why, and as CSV.

A municipality asks on a topic with an open expression of interest (new, contacted or
scheduled) that names topics, or with a self-assessment a member saved with fields of
action. A model project (one that has a team) solved a topic when one of its live
solutions is filed under it. A pair scores by the topics it shares (each counts most),
the solutions on them, and how alike the two municipalities are (size class on BBSR's
scale, the same federal state): the office calls the best-fitting team first.

Start Smart menu; whoever may triage expressions of interest sees it (the requests'
contact details are theirs to see already). Registered in ``events.wagtail_hooks``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from community.models import FederalState
from community.similarity import size_distance
from events.interest.admin import can_triage
from events.interest.overview import TriageMenuItem
from events.models import ExpressionOfInterest, InterestStatus
from events.selfassessment.models import SelfAssessment
from home.exports import export_response
from repository.models import ModelProjectPage, SolutionPage, Topic

OPEN_STATUSES = (InterestStatus.NEW, InterestStatus.CONTACTED, InterestStatus.SCHEDULED)
# What a pair's score is made of: each shared topic counts most, then likeness.
TOPIC_WEIGHT = 10
SOLUTION_WEIGHT = 2
SAME_STATE_WEIGHT = 3
SIZE_WEIGHTS = {0: 4, 1: 2}
PAIRS_SHOWN = 200
STATES = dict(FederalState.choices)


@dataclass
class Ask:
    """A municipality's request for help: where it comes from and on which topics."""

    label: str
    source: str
    municipality_id: int | None
    federal_state: str
    size_class: str
    topics: set[str]
    url: str = ""


@dataclass
class Pair:
    ask: Ask
    project: ModelProjectPage
    topics: list[str]
    solutions: list[str]
    score: int
    reasons: list[str] = field(default_factory=list)


def asks() -> list[Ask]:
    """Open expressions of interest with topics, and saved self-assessments with fields
    of action and a municipality."""
    found = []
    interests = (ExpressionOfInterest.objects.filter(status__in=OPEN_STATUSES,
                                                     topics__isnull=False)
                 .distinct().select_related("municipality").prefetch_related("topics"))
    for interest in interests:
        town = interest.municipality
        found.append(Ask(
            interest.municipality_label, str(_("Expression of interest")),
            town.pk if town else None, interest.federal_state,
            town.size_class if town else "", {topic.slug for topic in interest.topics.all()},
            reverse(ExpressionOfInterest.snippet_viewset.get_url_name("edit"),
                    args=[interest.pk])))
    for assessment in SelfAssessment.objects.filter(municipality__isnull=False) \
            .select_related("municipality"):
        slugs = set((assessment.answers or {}).get("topics") or [])
        if slugs:
            town = assessment.municipality
            found.append(Ask(town.name, str(_("Self-assessment")), town.pk,
                             town.federal_state, town.size_class, slugs))
    return found


def likely_pairs() -> list[Pair]:
    """Every ask × every model project that solved one of its topics, best first."""
    german = Locale.get_default()
    names = dict(Topic.objects.filter(locale=german).values_list("slug", "name"))
    by_topic: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    for project_id, slug, title in (
            SolutionPage.objects.live().filter(locale=german, model_project__team__isnull=False)
            .values_list("model_project_id", "topics__slug", "title")
            .exclude(topics__slug=None)):
        by_topic[slug][project_id].append(title)
    solvers = {project for solved in by_topic.values() for project in solved}
    towns = {project.pk: project for project in ModelProjectPage.objects.filter(
        pk__in=solvers).select_related("municipality")}
    pairs = []
    for ask in asks():
        shared: dict[int, list[str]] = defaultdict(list)
        for slug in ask.topics:
            for project_id in by_topic.get(slug, {}):
                shared[project_id].append(slug)
        for project_id, slugs in shared.items():
            project = towns[project_id]
            if project.municipality_id == ask.municipality_id:
                continue
            pairs.append(_pair(ask, project, slugs, by_topic, names))
    pairs.sort(key=lambda pair: (-pair.score, pair.ask.label, pair.project.title))
    return pairs


def _pair(ask: Ask, project: ModelProjectPage, slugs: list[str],
          by_topic: dict[str, dict[int, list[str]]], names: dict[str, str]) -> Pair:
    solutions = sorted({title for slug in slugs for title in by_topic[slug][project.pk]})
    town = project.municipality
    score = TOPIC_WEIGHT * len(slugs) + SOLUTION_WEIGHT * len(solutions)
    topic_names = sorted(names.get(slug, slug) for slug in slugs)
    reasons = [_("asks about %(topics)s") % {"topics": ", ".join(topic_names)},
               _("solved it with %(solutions)s") % {"solutions": ", ".join(solutions)}]
    if ask.size_class:
        distance = size_distance(ask.size_class, town.size_class)
        if distance in SIZE_WEIGHTS:
            score += SIZE_WEIGHTS[distance]
            reasons.append(_("the same size class") if distance == 0
                           else _("a neighbouring size class"))
    if ask.federal_state and ask.federal_state == town.federal_state:
        score += SAME_STATE_WEIGHT
        reasons.append(_("in the same federal state"))
    return Pair(ask, project, topic_names, solutions, score, reasons)


COLUMNS = [("score", gettext_lazy("Score")), ("municipality", gettext_lazy("Municipality")),
           ("source", gettext_lazy("Asked through")),
           ("state", gettext_lazy("Federal state")), ("project", gettext_lazy("Model project")),
           ("topics", gettext_lazy("Shared topics")),
           ("solutions", gettext_lazy("Their solutions")), ("why", gettext_lazy("Why"))]


class LikelyPairsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/matchmaking/pairs.html"
    page_title = gettext_lazy("Matchmaking: who could help whom")
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_triage(request.user):
            raise PermissionDenied
        if request.GET.get("export"):
            return export_response(
                [{"score": pair.score, "municipality": pair.ask.label,
                  "source": pair.ask.source,
                  "state": str(STATES.get(pair.ask.federal_state, "")),
                  "project": pair.project.title, "topics": ", ".join(pair.topics),
                  "solutions": ", ".join(pair.solutions), "why": "; ".join(pair.reasons)}
                 for pair in likely_pairs()], COLUMNS,
                file_format=request.GET["export"], filename="matchmaking",
                sheet_title=str(self.page_title))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pairs = likely_pairs()
        context.update(pairs=pairs[:PAIRS_SHOWN], total=len(pairs),
                       export_url=reverse("events_matchmaking") + "?export=csv")
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


def menu_item() -> TriageMenuItem:
    return TriageMenuItem(gettext_lazy("Matchmaking"), reverse("events_matchmaking"),
                          name="matchmaking", icon_name="group", order=115)


def admin_urls() -> list:
    return [path("start-smart/matchmaking/", LikelyPairsView.as_view(),
                 name="events_matchmaking")]
