"""Who stands in the expert directory, how it is searched, and what a card shows.

Listed are active members who opted in (``MemberProfile.listed_as_expert``). A card
shows the expert's expertise, municipality, the solutions their model project's team
built, the solutions they run (confirmed, not dropped adoptions whose contact e-mail is
theirs, or that they reported without naming someone else), and the peer groups the
reader may see them in: public groups, and groups the reader belongs to. A membership in
a closed or secret group says who works together on something not public, so it shows
only to the group's own members (editors included: the directory is the members' view).

A page of cards costs the same queries whatever the number of experts on it: the
experts (with the total, as a window), their expertise, their teams, their adoptions,
the solutions of both in the reader's language, and their groups.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Window,
)
from django.db.models.functions import Coalesce, Lower
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

from community.models import (
    GroupVisibility,
    MemberProfile,
    Membership,
    MembershipState,
    PeerGroupPage,
    TaggedExpertise,
)
from repository.models import Adoption, AdoptionStatus, SolutionPage
from repository.reporting.models import TeamMember

EXPERTS_PER_PAGE = 20


@dataclass(frozen=True)
class ExpertFilters:
    """The directory's search: free text (name or expertise) and the facets."""

    text: str = ""
    tag: str = ""
    federal_state: str = ""
    size_class: str = ""
    topic: str = ""


@dataclass
class Link:
    """A solution or group on a card, in the reader's language."""

    id: int
    title: str
    url: str | None


@dataclass
class ExpertCard:
    profile: MemberProfile
    expertise: list[Any] = field(default_factory=list)
    built: list[Link] = field(default_factory=list)
    runs: list[Link] = field(default_factory=list)
    groups: list[Link] = field(default_factory=list)


@dataclass
class ExpertPage:
    cards: list[ExpertCard]
    total: int
    number: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // EXPERTS_PER_PAGE))


def listed_experts() -> QuerySet[MemberProfile]:
    """Every member who opted in, while their account is active."""
    return MemberProfile.objects.filter(listed_as_expert=True, user__is_active=True)


def _ledger_contacts() -> QuerySet[Adoption]:
    """Confirmed adoptions still standing: the solutions a municipality runs or is
    introducing (not those it decided against)."""
    return Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED)


def _runs(adoptions: QuerySet[Adoption]) -> Q:
    """Profiles named as contact of one of ``adoptions``: by their account's e-mail, or
    as the member who reported it without naming anyone else."""
    emails = (adoptions.exclude(contact_email="").annotate(email=Lower("contact_email"))
              .values("email"))
    reporters = adoptions.filter(contact_email="").values("reported_by_id")
    return Q(pk__in=MemberProfile.objects.annotate(email=Lower("user__email"))
             .filter(email__in=emails).values("pk")) | Q(user_id__in=reporters)


def search(experts: QuerySet[MemberProfile], filters: ExpertFilters) -> QuerySet[MemberProfile]:
    # Subqueries rather than joins: a join would repeat an expert per matching tag, and
    # the page's total is counted over the rows.
    if filters.text:
        experts = experts.filter(
            Q(display_name__icontains=filters.text)
            | Q(pk__in=TaggedExpertise.objects.filter(tag__name__icontains=filters.text)
                .values("content_object_id")))
    if filters.tag:
        experts = experts.filter(pk__in=TaggedExpertise.objects.filter(
            tag__slug=filters.tag).values("content_object_id"))
    if filters.federal_state:
        experts = experts.filter(municipality__federal_state=filters.federal_state)
    if filters.size_class:
        experts = experts.filter(municipality__size_class=filters.size_class)
    if filters.topic:
        on_topic = SolutionPage.objects.filter(topics__slug=filters.topic)
        builders = TeamMember.objects.filter(
            project__translation_key__in=on_topic.values("model_project__translation_key"))
        experts = experts.filter(
            Q(user_id__in=builders.values("user_id"))
            | _runs(_ledger_contacts().filter(
                solution__translation_key__in=on_topic.values("translation_key"))))
    return experts


def expert_page(viewer: Any, filters: ExpertFilters, number: int, language: str,
                request: Any = None) -> ExpertPage:
    """One page of the directory for ``viewer``; a number past the last page gives the
    last page (one more query, only then)."""
    experts = (search(listed_experts(), filters).select_related("user", "municipality")
               .annotate(total=Window(Count("pk")))
               .order_by(Lower("display_name"), "pk"))
    start = (number - 1) * EXPERTS_PER_PAGE
    profiles = list(experts.prefetch_related("expertise")[start:start + EXPERTS_PER_PAGE])
    if not profiles and number > 1:
        total = search(listed_experts(), filters).count()
        last = max(1, -(-total // EXPERTS_PER_PAGE))
        return expert_page(viewer, filters, last, language, request) if last < number \
            else ExpertPage([], total, number)
    total = profiles[0].total if profiles else 0
    return ExpertPage(expert_cards(viewer, profiles, language, request), total, number)


def expert_cards(viewer: Any, profiles: list[MemberProfile], language: str,
                 request: Any = None) -> list[ExpertCard]:
    """The cards of ``profiles`` (users selected, expertise prefetched) as ``viewer``
    sees them."""
    if not profiles:
        return []
    cards = {profile.user_id: ExpertCard(profile, sorted(profile.expertise.all(),
                                                         key=lambda tag: tag.name.lower()))
             for profile in profiles}
    ids = list(cards)
    teams: dict[Any, set[int]] = defaultdict(set)
    for user_id, project_key in TeamMember.objects.filter(user_id__in=ids).values_list(
            "user_id", "project__translation_key"):
        teams[project_key].add(user_id)
    emails = {profile.user.email.lower(): profile.user_id for profile in profiles
              if profile.user.email}
    runners: dict[Any, set[int]] = defaultdict(set)
    adoptions = _ledger_contacts().annotate(email=Lower("contact_email")).filter(
        Q(email__in=list(emails)) | Q(contact_email="", reported_by_id__in=ids))
    for key, email, reporter in adoptions.values_list(
            "solution__translation_key", "email", "reported_by_id"):
        runner = emails.get(email) if email else reporter
        if runner in cards:
            runners[key].add(runner)
    if teams or runners:
        solutions = (_shown_solutions(language)
                     .filter(Q(translation_key__in=list(runners))
                             | Q(model_project__translation_key__in=list(teams)))
                     .order_by("title")
                     .values_list("pk", "title", "url_path", "translation_key",
                                  "model_project__translation_key"))
        for pk, title, url_path, key, project_key in solutions:
            link = Link(pk, title, _url(url_path, request))
            for user_id in teams.get(project_key, ()):
                cards[user_id].built.append(link)
            for user_id in runners.get(key, ()):
                cards[user_id].runs.append(link)
    for user_id, pk, title, url_path in _visible_memberships(viewer, ids, language):
        cards[user_id].groups.append(Link(pk, title, _url(url_path, request)))
    return [cards[profile.user_id] for profile in profiles]


def _shown_solutions(language: str) -> QuerySet[SolutionPage]:
    """Live solutions in ``language`` that anyone may read: a view restriction on the
    page or an ancestor hides it (``PageQuerySet.public()`` in SQL, without its extra
    query for the restrictions)."""
    return (SolutionPage.objects.live().filter(locale__language_code=language)
            .exclude(Exists(PageViewRestriction.objects.filter(
                StartsWith(OuterRef("path"), F("page__path"))))))


def _visible_memberships(viewer: Any, ids: list[int], language: str) -> list[tuple]:
    """(member, group id, title, url path) of the members' active memberships that the
    viewer may see, each group in the reader's language where it is translated."""
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return []
    own = Membership.objects.filter(user=viewer, state=MembershipState.ACTIVE).values("group_id")
    translated = PeerGroupPage.objects.live().filter(
        translation_key=OuterRef("group__translation_key"), locale__language_code=language)
    return list(
        Membership.objects.filter(user_id__in=ids, state=MembershipState.ACTIVE,
                                  group__live=True)
        .filter(Q(group__visibility=GroupVisibility.PUBLIC) | Q(group_id__in=own))
        .annotate(reader_id=Coalesce(Subquery(translated.values("pk")[:1]), F("group_id"),
                                     output_field=IntegerField()),
                  reader_title=Coalesce(Subquery(translated.values("title")[:1]),
                                        F("group__title"), output_field=CharField()),
                  reader_path=Coalesce(Subquery(translated.values("url_path")[:1]),
                                       F("group__url_path"), output_field=TextField()))
        .order_by("reader_title")
        .values_list("user_id", "reader_id", "reader_title", "reader_path"))


def _url(url_path: str, request: Any) -> str | None:
    """A page's address from its ``url_path`` alone: Wagtail's own routing (site root
    paths are cached), without loading the page."""
    return Page(url_path=url_path).get_url(request)
