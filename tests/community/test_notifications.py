"""Following and notifications: in the site with an unread count, by e-mail at once or
as a digest, one-click unsubscribe without signing in."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from community.models import Follow, MemberProfile, Notification
from tests.community.factories import as_user

pytestmark = pytest.mark.django_db


def post_thread(client, group, title="Neue Förderrichtlinie", body="Wer hat sie gelesen?"):
    return client.post(f"/de/gruppen/{group.pk}/themen/neu/", {"title": title, "body": body})


def test_followers_hear_of_new_threads_and_replies(client, people, groups,
                                                   django_capture_on_commit_callbacks):
    public = groups["public"]
    as_user(client, people["outsider"])
    client.post(f"/de/gruppen/{public.pk}/beitreten/")  # joining follows the group
    assert Follow.objects.filter(user=people["outsider"], group=public).exists()
    as_user(client, people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(client, public)
    [note] = Notification.objects.filter(recipient=people["outsider"])
    assert note.kind == "new_thread" and "Neue Förderrichtlinie" in note.text
    [message] = mail.outbox
    assert message.to == ["outsider@demo.example"] and "Neue Förderrichtlinie" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    as_user(client, people["outsider"])
    header = client.get("/de/peergruppen/").content.decode()
    assert re.search(r'kern-badge[^>]*><span class="kern-label">1<', header)  # one unread
    thread_url = re.search(r'href="(/de/gruppen/\d+/themen/\d+/)', client.get(
        public.url).content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(thread_url + "antworten/", {"body": "Ich! @Member, schau mal."})
    kinds = dict(Notification.objects.filter(recipient=people["member"])
                 .values_list("kind", "recipient__username"))
    assert "mention" in kinds  # the starter follows the thread; the mention wins
    client.post("/de/konto/benachrichtigungen/")
    assert not Notification.objects.filter(recipient=people["outsider"],
                                           read_at__isnull=True).exists()


def test_digest_groups_by_group_and_thread_and_sends_once(client, people, groups):
    MemberProfile.objects.filter(user=people["moderator"]).update(email_frequency="daily")
    for group in (groups["public"], groups["closed"]):
        Follow.objects.get_or_create(user=people["moderator"], group=group)
    as_user(client, people["member"])
    post_thread(client, groups["public"], title="Thema A")
    post_thread(client, groups["closed"], title="Thema B")
    mail.outbox.clear()
    call_command("send_digests", "daily", stdout=StringIO())
    [digest] = mail.outbox
    assert "Thema A" in digest.body and "Thema B" in digest.body
    assert digest.body.index("Gruppe public") < digest.body.index("Thema A")
    call_command("send_digests", "daily", stdout=StringIO())
    assert len(mail.outbox) == 1


def test_unsubscribe_needs_one_click_and_no_sign_in(client, people, groups,
                                                    django_capture_on_commit_callbacks):
    Follow.objects.create(user=people["outsider"], group=groups["public"])
    as_user(client, people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(client, groups["public"])
    link = re.search(r"https?://\S+/abbestellen/\S+/", mail.outbox[-1].body).group(0)
    client.logout()
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    assert MemberProfile.objects.get(user=people["outsider"]).email_frequency == "immediately"
    assert client.post(path).status_code == 200
    assert MemberProfile.objects.get(user=people["outsider"]).email_frequency == "never"
    assert client.get("/de/abbestellen/gefaelscht/").status_code == 400


def test_requester_hears_of_the_decision_with_its_reason(client, people, groups):
    closed = groups["closed"]
    as_user(client, people["outsider"])
    client.post(f"/de/gruppen/{closed.pk}/beitreten/")
    request_id = closed.memberships.get(user=people["outsider"]).pk
    as_user(client, people["moderator"])
    client.post(f"/de/gruppen/{closed.pk}/anfragen/{request_id}/",
                {"decision": "decline", "reason": "Nur Modellprojekte"})
    [note] = Notification.objects.filter(recipient=people["outsider"])
    assert note.kind == "membership" and "Nur Modellprojekte" in note.text


def test_no_notification_reaches_someone_who_may_no_longer_read(client, people, groups):
    secret = groups["secret"]
    Follow.objects.create(user=people["outsider"], group=secret)  # e.g. followed, then removed
    as_user(client, people["member"])
    post_thread(client, secret, title="Vertraulich")
    assert not Notification.objects.filter(recipient=people["outsider"]).exists()


def test_each_recipient_reads_in_their_own_language(client, people, groups,
                                                    django_capture_on_commit_callbacks):
    from wagtail.models import Locale

    from tests.home.factories import publish

    public = groups["public"]
    english = public.copy_for_translation(Locale.objects.get(language_code="en"),
                                          copy_parents=True)
    english.title = "Public group"
    publish(english)
    MemberProfile.objects.filter(user=people["moderator"]).update(language="en")
    MemberProfile.objects.filter(user=people["outsider"]).update(email_frequency="weekly")
    for user in (people["moderator"], people["outsider"]):
        Follow.objects.get_or_create(user=user, group=public)
    as_user(client, people["member"])
    with django_capture_on_commit_callbacks(execute=True):
        post_thread(client, public, title="Haushalt 2027")
    english_note = Notification.objects.get(recipient=people["moderator"])
    assert english_note.text == "Member started “Haushalt 2027” in Public group"
    assert english_note.url.startswith(f"/en/groups/{public.pk}/threads/")
    [message] = mail.outbox
    assert message.subject == english_note.text
    assert "No more e-mails from the platform?" in message.body
    assert "/en/unsubscribe/" in message.extra_headers["List-Unsubscribe"]
    german_note = Notification.objects.get(recipient=people["outsider"])
    assert german_note.text == f"Member hat „Haushalt 2027“ in {public.title} begonnen"
    assert german_note.url.startswith(f"/de/gruppen/{public.pk}/themen/")
    call_command("send_digests", "weekly", stdout=StringIO())
    assert mail.outbox[-1].subject.startswith("Ihre wöchentliche Zusammenfassung")


def test_invited_members_hear_of_it_in_the_site_and_get_one_email(
        client, people, groups, django_capture_on_commit_callbacks):
    secret = groups["secret"]
    MemberProfile.objects.filter(user=people["outsider"]).update(language="en")
    as_user(client, people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/de/gruppen/{secret.pk}/einladen/", {"email": "outsider@demo.example"})
    [note] = Notification.objects.filter(recipient=people["outsider"])
    assert note.kind == "invitation" and note.text.startswith("You are invited")
    assert note.url.startswith("/en/invitation/")
    [message] = mail.outbox
    assert message.subject.startswith("An invitation to the peer group")
    assert "/en/invitation/" in message.body
