"""The admin menu's open-count badges: each item with work waiting carries the count and
says it in words to screen readers; the Start Smart submenu carries the sum of its
items' counts, so that new expressions of interest are seen with the submenu closed."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from community.models import Post, Report, Thread
from tests.community.factories import MunicipalityFactory, as_user, make_user
from tests.events.interest_helpers import make_interest

pytestmark = pytest.mark.django_db


def menu_items(html: str) -> dict[str, dict]:
    """The sidebar's items (and those of its submenus) by name, as Wagtail serialises
    them for its menu script."""
    props = json.loads(re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html,
        re.S).group(1))
    found: dict[str, dict] = {}

    def walk(value):
        if isinstance(value, dict):
            if isinstance(value.get("name"), str) and isinstance(value.get("attrs"), dict):
                found[value["name"]] = value
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
    walk(props)
    return found


@pytest.fixture
def editor(groups, people):
    thread = Thread.objects.create(group=groups["public"], title="Rufbus", author=people["member"])
    post = Post.objects.create(thread=thread, author=people["member"], body="Werbung")
    Report.objects.create(post=post, reporter=people["outsider"], reason="Werbung")
    ulm = MunicipalityFactory(name="Ulm")
    for _ in range(3):
        make_interest(ulm)
    user = make_user("redaktion")
    user.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "de"
    profile.save()
    return user


def test_badges_carry_the_count_and_say_it_in_words(client, editor):
    items = menu_items(as_user(client, editor).get("/admin/").content.decode())
    interests = items["expressions-of-interest"]
    assert interests["attrs"]["data-open-count"] == "3"
    assert interests["attrs"]["aria-label"] == f"{interests['label']}, 3 offen"
    assert items["reported-posts"]["attrs"] == {
        "data-open-count": "1", "aria-label": "Gemeldete Beiträge, 1 offen"}
    # Three pending requests (the groups fixture's), under a long German label.
    assert items["membership-requests"]["attrs"] == {
        "data-open-count": "3", "aria-label": "Beitrittsanfragen, 3 offen"}


def test_the_start_smart_submenu_shows_the_sum_of_its_items(client, editor):
    items = menu_items(as_user(client, editor).get("/admin/").content.decode())
    assert items["start-smart"]["attrs"] == {
        "data-open-count": "3", "aria-label": "Start Smart, 3 offen"}


def test_nothing_open_no_badge(client, db):
    user = make_user("uebersetzung")
    user.groups.add(Group.objects.get(name="Translators"))
    items = menu_items(as_user(client, user).get("/admin/").content.decode())
    assert all("data-open-count" not in item["attrs"] for item in items.values())
