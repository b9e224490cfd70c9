"""The admin dashboard tells each editor what needs them: with the demo content every
panel shows the right count and its oldest items, each only to the roles that may act
on it, the menu badges say the same numbers, and the page costs a fixed number of
queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from community.models import Membership, Post, Report
from events.interest.models import ExpressionOfInterest
from events.models import EventPage
from repository.freshness import unconfirmed
from repository.models import Adoption, Question, SolutionPage
from search.models import SearchDocument
from tests.demo import install_demo

pytestmark = pytest.mark.django_db

# The repository's three panels (reported adoptions, unconfirmed solutions, questions
# unanswered for a week) and the menu's count of reported adoptions cost 8 of these,
# whatever the number of rows.
DASHBOARD_QUERIES = 43
PANELS = ("open-reports", "membership-requests", "new-interests", "translations",
          "upcoming-events", "failed-search-sync", "adoption-reports",
          "unconfirmed-solutions", "unanswered-questions")
VISIBLE_TO = {
    "Editors": {"open-reports", "membership-requests", "new-interests", "translations",
                "upcoming-events", "adoption-reports", "unconfirmed-solutions",
                "unanswered-questions"},
    "Moderators": {"open-reports", "membership-requests"},
    # Translators edit every page (so the events, whose registrations follow the right
    # to edit them) and translate; they decide nothing in the community.
    "Translators": {"translations", "upcoming-events"},
    "Event managers": {"new-interests", "upcoming-events"},
}


@pytest.fixture
def demo(db):
    install_demo()
    # A reported post (the demo has none yet): the moderation queue's work.
    post = Post.objects.order_by("pk").last()
    for reporter in get_user_model().objects.exclude(pk=post.author_id).order_by("pk")[:2]:
        Report.objects.create(post=post, reporter=reporter, reason="Werbung")
    failing = SearchDocument.objects.order_by("pk").first()
    SearchDocument.objects.filter(pk=failing.pk).update(
        stale=False, removed=False, indexed_hash="", attempts=3,
        last_error="ConnectionError: engine down")
    return failing


def person(role: str | None):
    model = get_user_model()
    if role is None:
        return model.objects.create_superuser("operator", "operator@kts.example", "pw")
    user = model.objects.create_user(role, f"{role.split()[0].lower()}@kts.example", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def panels(html: str) -> dict[str, int]:
    """Each panel's name and the count it shows."""
    found = {}
    for name in PANELS:
        match = re.search(rf'id="{name}-section".*?data-open-count="(\d+)"', html, re.S)
        if match:
            found[name] = int(match.group(1))
    return found


def badges(html: str) -> dict[str, int]:
    return {name: int(count) for name, count in re.findall(
        r'"name": "([\w-]+)", "label": "[^"]*", "icon_name": "[\w-]*", "classname": "[^"]*", '
        r'"attrs": \{"data-open-count": "(\d+)"', html)}


def expected_counts() -> dict[str, int]:
    """What the panels must show, counted here straight from the demo's rows."""
    now = timezone.now()
    upcoming = {event.translation_key for event in EventPage.objects.live().filter(
        start__gte=now, start__lt=now + timedelta(days=14))}
    return {
        "open-reports": Post.objects.filter(reports__status="open").distinct().count(),
        "membership-requests": Membership.objects.filter(state="pending").count(),
        "new-interests": ExpressionOfInterest.objects.filter(status="new").count(),
        "upcoming-events": len(upcoming),
        "failed-search-sync": 1,
        "adoption-reports": Adoption.objects.exclude(source="office")
        .filter(review_state="pending").count(),
        "unconfirmed-solutions": unconfirmed(SolutionPage.objects.live().filter(
            locale__language_code="de")).count(),
        "unanswered-questions": Question.objects.waiting_too_long().count(),
    }


def test_with_the_demo_every_panel_shows_the_right_count_to_those_who_act_on_it(client, demo):
    """One test, as loading the demo takes long: the operator's counts, the badges, and
    what each role sees."""
    client.force_login(person(None))
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = panels(html)
    assert set(shown) == set(PANELS)
    expected = expected_counts()
    assert expected["open-reports"] == 1 and Report.objects.filter(status="open").count() == 2
    # Jonas Keller's request to join the working community, Sabine Hofmann's to a group.
    assert expected["membership-requests"] == 2 and expected["new-interests"] >= 1
    assert expected["upcoming-events"] >= 1
    assert expected["adoption-reports"] >= 1 and expected["unconfirmed-solutions"] >= 1
    assert expected["unanswered-questions"] >= 1
    for name, count in expected.items():
        assert shown[name] == count, name
    assert Post.objects.order_by("pk").last().thread.title in html
    assert "Jonas Keller (Modellprojekt Smart City Bamberg)" in html
    assert "ConnectionError: engine down" in html

    assert badges(html) == {"reported-posts": shown["open-reports"],
                            "membership-requests": shown["membership-requests"],
                            "expressions-of-interest": shown["new-interests"],
                            "adoption-reports": shown["adoption-reports"],
                            # the submenu's own item: the sum of its items' counts
                            "start-smart": shown["new-interests"]}

    for role, visible in VISIBLE_TO.items():
        client.force_login(person(role))
        response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="de")
        assert response.status_code == 200
        assert set(panels(response.content.decode())) == visible, role


def test_the_dashboard_costs_a_fixed_number_of_queries(client, demo):
    client.force_login(person(None))
    client.get("/admin/")
    with CaptureQueriesContext(connection) as first:
        client.get("/admin/")
    for number in range(8):
        Report.objects.create(post=Post.objects.order_by("pk")[number], reason="Spam")
    client.get("/admin/")  # as above: the first request after a change refills caches
    with CaptureQueriesContext(connection) as more:
        client.get("/admin/")
    assert len(more) == len(first), [query["sql"][:90] for query in more]
    assert len(first) == DASHBOARD_QUERIES
