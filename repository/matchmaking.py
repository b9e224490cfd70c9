"""Matchmaking in the weekly digest: "3 municipalities like yours are introducing X,
which you run", for adopters and project teams.

A recipient hears of a solution X when municipalities like theirs (the same or a
neighbouring size class on BBSR's scale, community.similarity) are introducing it: a
confirmed entry in the reuse ledger with the status "in progress" that became public
within :data:`WINDOW`; and the recipient's municipality runs X (a confirmed adoption
in operation) or the recipient's model project's team built it. The reference is the
recipient's own municipality (their profile's), for a team member without one the
project's. A line comes only when at least one of those municipalities is new since the
last weekly digest (:data:`NEW_SINCE`), so that the same news does not come every week.

Registered on community.notifications' weekly digest hook (repository.wagtail_hooks);
a fixed number of queries whatever the number of recipients.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.models import Page

from community.models import Municipality
from community.notifications import DigestLine, language_of
from community.similarity import size_distance
from repository.models import Adoption, AdoptionStatus, SolutionPage
from repository.reporting.models import TeamMember

# "In the last weeks": the introductions counted in a line.
WINDOW = timedelta(weeks=4)
# A line needs one introduction newer than the last weekly digest.
NEW_SINCE = timedelta(days=7)
# Municipalities "like yours": the same size class or its neighbours on the scale.
LIKE_YOURS = 1


def _introductions(now: Any) -> list[tuple[Any, int, str, Any]]:
    """(solution key, municipality, size class, since when public) of the confirmed
    introductions of the window."""
    return list(
        Adoption.objects.public().filter(status=AdoptionStatus.IN_PROGRESS)
        .annotate(public_since=Coalesce("decided_at", "created_at"))
        .filter(public_since__gte=now - WINDOW)
        .values_list("solution__translation_key", "municipality_id",
                     "municipality__size_class", "public_since"))


def lines_for_recipients(recipients: QuerySet) -> dict[int, list[DigestLine]]:
    """Each recipient's matchmaking lines, in their language (the digest hook)."""
    now = timezone.now()
    introductions = _introductions(now)
    if not introductions:
        return {}
    keys = {key for key, *_rest in introductions}
    # Who runs the solutions: municipalities in operation with them.
    runners: dict[int, set[Any]] = defaultdict(set)
    for key, municipality_id in (Adoption.objects.public()
                                 .filter(status=AdoptionStatus.IN_OPERATION,
                                         solution__translation_key__in=keys)
                                 .values_list("solution__translation_key",
                                              "municipality_id")):
        runners[municipality_id].add(key)
    # Who built them: the developing project's team (with the project's municipality).
    solutions = (SolutionPage.objects.filter(translation_key__in=keys)
                 .values_list("translation_key", "locale__language_code", "title",
                              "url_path", "model_project__translation_key"))
    titles: dict[tuple[Any, str], tuple[str, str]] = {}
    built_by_project: dict[Any, set[Any]] = defaultdict(set)
    for key, language, title, url_path, project_key in solutions:
        titles[(key, language)] = (title, url_path)
        built_by_project[project_key].add(key)
    teams: dict[int, list[tuple[Any, int]]] = defaultdict(list)
    for user_id, project_key, home in TeamMember.objects.filter(
            project__translation_key__in=list(built_by_project),
            user__in=recipients).values_list(
            "user_id", "project__translation_key", "project__municipality_id"):
        teams[user_id].append((project_key, home))
    wanted = recipients.filter(
        member_profile__municipality_id__in=list(runners)) | recipients.filter(
        pk__in=list(teams))
    people = list(wanted.select_related("member_profile__municipality").distinct())
    homes = {home for entries in teams.values() for _key, home in entries}
    sizes = dict(Municipality.objects.filter(pk__in=homes).values_list("pk", "size_class")) \
        if homes else {}
    lines: dict[int, list[DigestLine]] = {}
    for user in people:
        found = _lines(user, introductions, runners, teams.get(user.pk, []),
                       built_by_project, sizes, titles, now)
        if found:
            lines[user.pk] = found
    return lines


def _lines(user: Any, introductions: list, runners: dict, team: list, built_by_project: dict,
           sizes: dict, titles: dict, now: Any) -> list[DigestLine]:
    profile = user.member_profile
    own = profile.municipality
    runs = runners.get(own.pk, set()) if own else set()
    built = {key for project_key, _home in team for key in built_by_project[project_key]}
    if own is not None:
        reference = (own.pk, own.size_class)
    elif team:
        home = team[0][1]
        reference = (home, sizes.get(home, ""))
    else:
        return []
    language = language_of(user)
    found = []
    for key in sorted(runs | built, key=str):
        alike = [(municipality, since) for solution, municipality, size, since in introductions
                 if solution == key and municipality != reference[0]
                 and size_distance(reference[1], size) <= LIKE_YOURS]
        if not alike or max(since for _m, since in alike) < now - NEW_SINCE:
            continue
        count = len({municipality for municipality, _since in alike})
        title, url_path = titles.get((key, language)) or titles.get(
            (key, settings.LANGUAGE_CODE), ("", ""))
        with translation.override(language):
            if key in runs:
                text = ngettext(
                    "%(count)s municipality like yours is introducing “%(solution)s”, "
                    "which you run.",
                    "%(count)s municipalities like yours are introducing “%(solution)s”, "
                    "which you run.", count)
            else:
                text = ngettext(
                    "%(count)s municipality like yours is introducing “%(solution)s”, "
                    "which your project built.",
                    "%(count)s municipalities like yours are introducing “%(solution)s”, "
                    "which your project built.", count)
            url = _url(url_path)
        found.append(DigestLine(text % {"count": count, "solution": title}, url))
    return found


def _url(url_path: str) -> str:
    """The page's path on its site (the digest puts the site's address before it)."""
    parts = Page(url_path=url_path).get_url_parts() if url_path else None
    return parts[2] if parts and parts[2] else "/"
