"""The admin's moderation queue: open reports grouped by post, in context, worked with
POST actions (dismiss, hide, lock, warn, note) that are checked, logged, and refuse bad
input with a message; resolved reports in the history tab; nothing to add or edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from community.models import Post, Report, Thread
from tests.community.factories import as_user, make_user

pytestmark = pytest.mark.django_db

QUEUE = "/admin/moderation/"
# Includes the admin menu's four waiting-queue counts (one COUNT each).
QUEUE_QUERIES = 19


@pytest.fixture
def reported(groups, people):
    """A post by the member reported twice, and an earlier report on another of theirs."""
    thread = Thread.objects.create(group=groups["public"], title="Ausschreibung Datenplattform",
                                   author=people["member"])
    earlier = Post.objects.create(thread=thread, author=people["member"], body="Erster Beitrag")
    post = Post.objects.create(thread=thread, author=people["member"],
                               body="Kauft **PortalPro** mit Rabatt")
    Report.objects.create(post=earlier, reporter=people["moderator"], reason="Ton",
                          status="dismissed")
    Report.objects.create(post=post, reporter=people["outsider"], reason="Werbung")
    Report.objects.create(post=post, reporter=people["pending"], reason="Spam-Link")
    return post


@pytest.fixture
def moderator(db):
    user = make_user("queue-moderator")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def act(client, post, action: str, **data):
    return client.post(reverse("community_moderation:act", args=[post.pk]),
                       {"action": action, **data}, HTTP_ACCEPT_LANGUAGE="en")


def test_the_queue_shows_the_post_in_context(client, moderator, reported):
    html = as_user(client, moderator).get(QUEUE, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("Ausschreibung Datenplattform", "Gruppe public", "<strong>PortalPro</strong>",
                 "Werbung", "Spam-Link", "Outsider", "2 reports",
                 "1 earlier report against this author"):
        assert text in html, text
    assert "Erster Beitrag" not in html  # the dismissed one is history
    assert "/add/" not in html


def test_the_queue_costs_the_same_queries_for_more_posts(client, moderator, reported, people):
    as_user(client, moderator)
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    for number in range(5):
        post = Post.objects.create(thread=reported.thread, author=people["outsider"],
                                   body=f"Beitrag {number}")
        Report.objects.create(post=post, reporter=people["member"], reason="Ton")
    with CaptureQueriesContext(connection) as many:
        client.get(QUEUE)
    assert len(many) == len(few), [q["sql"][:80] for q in many]
    assert len(few) == QUEUE_QUERIES


def test_hide_and_warn_resolve_the_reports_and_tell_the_author(client, moderator, reported):
    as_user(client, moderator)
    response = act(client, reported, "warn", message="Bitte keine Werbung in den Gruppen.")
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["member@demo.example"]
    assert "Bitte keine Werbung" in mail.outbox[0].body
    assert act(client, reported, "hide", note="Werbung").status_code == 302
    reported.refresh_from_db()
    assert reported.is_hidden
    reports = Report.objects.filter(post=reported)
    assert {report.status for report in reports} == {"hidden"}
    assert all(report.author_warned_at and report.resolved_by == moderator
               for report in reports)
    assert "Werbung" in reports.first().moderator_note
    assert set(ModelLogEntry.objects.filter(object_id=str(reported.pk))
               .values_list("action", flat=True)) == {"community.report.warn",
                                                      "community.report.hide"}
    history = client.get(f"{QUEUE}?tab=history", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "post hidden, author warned" in history
    # The admin's one list table, as the membership requests use it.
    assert 'aria-labelledby="report-history-caption"' in history
    assert 'data-label="Outcome"' in history


def test_dismiss_and_lock(client, moderator, reported):
    as_user(client, moderator)
    assert act(client, reported, "lock").status_code == 302
    assert Thread.objects.get(pk=reported.thread_id).is_locked
    assert act(client, reported, "dismiss").status_code == 302
    reported.refresh_from_db()
    assert not reported.is_hidden
    assert set(Report.objects.filter(post=reported).values_list("status", flat=True)) == {
        "dismissed"}


@pytest.mark.parametrize(("action", "data", "message"), [
    ("warn", {"message": " "}, "Please write the warning the author receives."),
    ("note", {}, "Please write the note."),
    ("delete", {}, "Select a valid choice."),
])
def test_bad_input_is_refused_with_a_message(client, moderator, reported, action, data,
                                             message):
    response = act(as_user(client, moderator), reported, action, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not mail.outbox
    assert Report.objects.filter(post=reported, status="open").count() == 2


def test_a_post_without_open_reports_is_refused(client, moderator, reported):
    as_user(client, moderator)
    act(client, reported, "dismiss")
    response = act(client, reported, "hide")
    assert response.status_code == 400
    assert "no open reports" in response.content.decode()


def test_others_cannot_see_or_work_the_queue(client, people, reported):
    translator = make_user("translator")
    translator.groups.add(Group.objects.get(name="Translators"))
    as_user(client, translator)
    assert client.get(QUEUE).status_code in (302, 403)
    assert act(client, reported, "hide").status_code in (302, 403)
    reported.refresh_from_db()
    assert not reported.is_hidden


def test_actions_need_post_and_csrf(moderator, reported):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator)
    assert client.get(reverse("community_moderation:act", args=[reported.pk])).status_code == 405
    assert act(client, reported, "hide").status_code == 403
