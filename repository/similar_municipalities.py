""""Municipalities like yours" for the reader: given the reader's municipality (from the
profile, chosen on the page, or named by its AGS in the API), the solutions that
municipalities of the same or the nearest size classes adopted or built (the same
federal state and the reader's fields of action first), who to talk to about each, and
the model projects nearest to it.

The reader's fields of action are the topics of what the municipality adopted and of
its own model projects, and any topics the reader chose. A fixed number of queries,
read once per generation of content and municipality (home.content_cache), so the same
municipality costs nothing the second time, whoever asks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from community.models import Municipality
from community.similarity import distance_km, size_distance
from home.content_cache import remember
from repository.models import Adoption, AdoptionStatus, ModelProjectPage, SolutionPage

# Shown on a page; the API lists every solution within reach.
RECOMMENDED_SOLUTIONS = 4
NEARBY_PROJECTS = 3


@dataclass
class Adopter:
    name: str
    size_class: str
    same_state: bool
    contact_name: str


@dataclass
class Recommendation:
    solution: SolutionPage
    # Municipalities like the reader's that took the solution over, nearest first.
    adopters: list[Adopter] = field(default_factory=list)
    # The solution's own contact people (names, proper nouns in every language).
    contacts: list[str] = field(default_factory=list)
    # How near in size: 0 the same size class, 1 the nearest neighbour, …
    size_distance: int = 0
    same_state: bool = False
    shared_topics: int = 0


@dataclass
class NearbyProject:
    project: ModelProjectPage
    kilometres: int


@dataclass
class LikeYours:
    municipality: Municipality
    # The best fits with their pages: what a page shows (a solution page leaves itself
    # out, hence one more than it shows).
    solutions: list[Recommendation]
    nearby: list[NearbyProject]
    # Every solution within reach (the same size class and its neighbours, or the
    # nearest size that has any), the best fit first: ids only, which the API pages.
    ranked_ids: tuple[int, ...] = ()

    @property
    def top(self) -> list[Recommendation]:
        return self.solutions[:RECOMMENDED_SOLUTIONS]


def like_municipality(municipality: Municipality, locale_id: int,
                      topics: Iterable[str] = ()) -> LikeYours:
    """The recommendations for ``municipality`` in the language of ``locale_id``."""
    chosen = tuple(sorted(set(topics)))
    # Size and state in the key too: a municipality not in the list stands unsaved (no
    # key of its own) for its size class and state. "v2": the entry's shape changed
    # (ranked ids beside the shown pages); an entry kept by the previous release in a
    # shared cache must not answer.
    return remember(("like-municipality", "v2", municipality.pk, municipality.size_class,
                     municipality.federal_state, locale_id, chosen),
                    lambda: _compute(municipality, locale_id, chosen))


@dataclass
class _Candidate:
    """A solution as the ranking sees it: plain values, not a page. Ranking every
    solution as a page instance (with its StreamFields) and keeping them all in the cache
    cost seconds per request at 10,000 solutions, to compute and to read back."""

    solution_id: int
    title: str
    adopters: list[Adopter]
    size_distance: int
    same_state: bool
    shared_topics: int


def _compute(municipality: Municipality, locale_id: int,
             chosen_topics: tuple[str, ...]) -> LikeYours:
    adopted = list(
        Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED)
        .values_list("solution__translation_key", "municipality_id", "municipality__name",
                     "municipality__size_class", "municipality__federal_state",
                     "contact_name"))
    own_keys = {key for key, adopter, *_rest in adopted if adopter == municipality.pk}
    solutions = (SolutionPage.objects.live().public().filter(locale_id=locale_id)
                 .exclude(translation_key__in=own_keys)
                 .exclude(model_project__municipality_id=municipality.pk))
    rows = list(solutions.values_list(
        "pk", "translation_key", "title", "model_project__municipality__size_class",
        "model_project__municipality__federal_state"))
    topics: dict[int, set[str]] = {}
    for solution_id, slug in (SolutionPage.topics.through.objects
                              .filter(solutionpage__locale_id=locale_id)
                              .values_list("solutionpage_id", "topic__slug")):
        topics.setdefault(solution_id, set()).add(slug)
    interests = set(chosen_topics) | _fields_of_action(municipality, own_keys)

    by_key: dict[Any, list[Adopter]] = {}
    for key, adopter_id, name, size_class, state, contact in adopted:
        if adopter_id != municipality.pk:
            by_key.setdefault(key, []).append(Adopter(
                name, size_class, state == municipality.federal_state, contact))
    ranked = [
        _candidate(municipality, solution_id, title, home_size, home_state,
                   by_key.get(key, []), topics.get(solution_id, set()) & interests)
        for solution_id, key, title, home_size, home_state in rows]
    # The same size class and its neighbours, or else the nearest size that has any.
    reach = max(1, min((item.size_distance for item in ranked), default=0))
    ranked = sorted((item for item in ranked if item.size_distance <= reach),
                    key=lambda item: (item.size_distance, not item.same_state,
                                      -item.shared_topics, -len(item.adopters), item.title))
    return LikeYours(municipality, _with_pages(ranked[:RECOMMENDED_SOLUTIONS + 1]),
                     _nearby_projects(municipality, locale_id),
                     tuple(item.solution_id for item in ranked))


def _with_pages(candidates: list[_Candidate]) -> list[Recommendation]:
    """The shown candidates with their pages and contact people, in one query each."""
    pages = SolutionPage.objects.select_related("model_project__municipality").prefetch_related(
        "contacts").in_bulk([item.solution_id for item in candidates])
    return [Recommendation(
        solution=pages[item.solution_id], adopters=item.adopters[:3],
        contacts=[person.name for person in pages[item.solution_id].contacts.all()],
        size_distance=item.size_distance, same_state=item.same_state,
        shared_topics=item.shared_topics) for item in candidates]


def _fields_of_action(municipality: Municipality, adopted_keys: set[Any]) -> set[str]:
    """The topics of what the municipality adopted and of its own model projects."""
    return set(
        SolutionPage.objects.filter(
            Q(translation_key__in=adopted_keys)
            | Q(model_project__municipality_id=municipality.pk))
        .values_list("topics__slug", flat=True).exclude(topics__slug=None))


def _candidate(municipality: Municipality, solution_id: int, title: str, home_size: str,
               home_state: str, adopters: list[Adopter], shared_topics: set[str]
               ) -> _Candidate:
    adopters.sort(key=lambda item: (size_distance(municipality.size_class, item.size_class),
                                    not item.same_state, item.name))
    # What tells most about fit: the nearest municipality that runs it, built or adopted.
    sizes = [size_distance(municipality.size_class, home_size),
             *(size_distance(municipality.size_class, item.size_class) for item in adopters)]
    nearest = min(sizes)
    same_state = (home_state == municipality.federal_state and nearest == sizes[0]) or any(
        item.same_state and size_distance(municipality.size_class, item.size_class) == nearest
        for item in adopters)
    return _Candidate(solution_id, title, adopters, nearest, same_state, len(shared_topics))


def _nearby_projects(municipality: Municipality, locale_id: int) -> list[NearbyProject]:
    if municipality.latitude is None:
        return []
    projects = (ModelProjectPage.objects.live().public().filter(locale_id=locale_id)
                .exclude(municipality_id=municipality.pk)
                .exclude(municipality__latitude=None)
                .select_related("municipality"))
    measured = [(distance_km(municipality, project.municipality), project)
                for project in projects]
    measured.sort(key=lambda pair: (pair[0], pair[1].title))
    return [NearbyProject(project, round(km)) for km, project in measured[:NEARBY_PROJECTS]]
