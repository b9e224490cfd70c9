"""Threads and posts: writing, editing, reporting and moderating, refused where the
rules say so with nothing stored; the XSS corpus; search and query counts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.markup import ALLOWED_TAGS, render_markdown
from community.models import Membership, MembershipState, Post, Report, Thread
from search import service
from search.service import SearchRequest, principals_for
from search.sync import sync_search_index_now
from tests.community.factories import as_user
from tests.community.xss_corpus import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


class Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_harmless(html: str) -> None:
    parsed = Markup()
    parsed.feed(html)
    for tag, attributes in parsed.tags:
        assert tag in ALLOWED_TAGS, (tag, html)
        allowed = {"href", "rel"} if tag == "a" else set()
        assert set(attributes) <= allowed, (tag, attributes, html)
        if tag == "a" and "href" in attributes:
            assert attributes["href"].split(":")[0].lower() in {"http", "https", "mailto"} \
                or ":" not in attributes["href"], html
            assert attributes["rel"] == "nofollow ugc"
    lowered = html.lower()
    assert "<script" not in lowered and "javascript:" not in lowered and "<!--" not in lowered


def test_the_corpus_is_big_enough():
    assert len(XSS_PAYLOADS) >= 50


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_payload_survives_rendering(payload):
    assert_harmless(render_markdown(payload))


def test_markdown_keeps_what_people_write():
    html = render_markdown("**Fett** und *kursiv*\n\n- eins\n- zwei\n\n"
                           "[BBSR](https://www.bbsr.bund.de) `code`")
    assert "<strong>Fett</strong>" in html and "<em>kursiv</em>" in html
    assert '<a href="https://www.bbsr.bund.de" rel="nofollow ugc">BBSR</a>' in html
    assert "<li>eins</li>" in html and "<code>code</code>" in html


def start_thread(client, group, title="Datenplattform-Ausschreibung", body="Wer hat Erfahrung?"):
    return client.post(f"/de/gruppen/{group.pk}/themen/neu/", {"title": title, "body": body})


def test_members_start_threads_and_reply(client, people, groups):
    closed = groups["closed"]
    as_user(client, people["member"])
    response = start_thread(client, closed)
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/gruppen/{closed.pk}/themen/{thread.pk}/")
    as_user(client, people["moderator"])
    client.post(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/antworten/",
                {"body": "Wir, in **Ulm**."})
    html = client.get(response["Location"]).content.decode()
    assert "Wer hat Erfahrung?" in html and "<strong>Ulm</strong>" in html
    assert "Member" in html and "Moderator" in html


@pytest.mark.parametrize("who", [None, "outsider", "pending"])
def test_outsiders_neither_read_nor_write_a_closed_group(client, people, groups, who):
    closed = groups["closed"]
    as_user(client, people["member"])
    start_thread(client, closed)
    thread = Thread.objects.get()
    client.logout()
    as_user(client, people.get(who))
    assert client.get(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/").status_code in (404, 302)
    response = client.post(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/antworten/",
                           {"body": "Hallo"})
    assert response.status_code in (404, 302)
    assert start_thread(client, closed).status_code in (403, 302)
    assert Post.objects.count() == 1


def test_secret_group_threads_are_404_for_outsiders(client, people, groups):
    secret = groups["secret"]
    as_user(client, people["member"])
    start_thread(client, secret)
    thread = Thread.objects.get()
    as_user(client, people["outsider"])
    assert client.get(f"/de/gruppen/{secret.pk}/themen/{thread.pk}/").status_code == 404


@pytest.mark.parametrize("body, status", [("", 400), ("   ", 400), ("x" * 100_000, 400)])
def test_empty_and_oversized_posts_are_refused(client, people, groups, body, status):
    as_user(client, people["member"])
    response = start_thread(client, groups["public"], body=body)
    assert response.status_code == status
    assert not Thread.objects.exists() and not Post.objects.exists()


def test_locked_threads_and_former_members_cannot_post(client, people, groups):
    public = groups["public"]
    as_user(client, people["member"])
    start_thread(client, public)
    thread = Thread.objects.get()
    as_user(client, people["moderator"])
    client.post(f"/de/gruppen/{public.pk}/themen/{thread.pk}/moderieren/", {"action": "lock"})
    as_user(client, people["member"])
    locked = client.post(f"/de/gruppen/{public.pk}/themen/{thread.pk}/antworten/",
                         {"body": "Noch etwas"})
    assert locked.status_code == 403 and "gesperrt" in locked.content.decode()
    thread.is_locked = False
    thread.save()
    client.post(f"/de/gruppen/{public.pk}/verlassen/")
    left = client.post(f"/de/gruppen/{public.pk}/themen/{thread.pk}/antworten/",
                       {"body": "Noch etwas"})
    assert left.status_code == 403
    assert Post.objects.count() == 1


def test_authors_edit_with_history_that_moderators_see(client, people, groups):
    public = groups["public"]
    as_user(client, people["member"])
    start_thread(client, public, body="Erste Fassung")
    post = Post.objects.get()
    as_user(client, people["outsider"])
    assert client.post(f"/de/beitraege/{post.pk}/bearbeiten/",
                       {"body": "Fremd"}).status_code == 403
    as_user(client, people["member"])
    client.post(f"/de/beitraege/{post.pk}/bearbeiten/", {"body": "Zweite Fassung"})
    post.refresh_from_db()
    assert post.body == "Zweite Fassung" and post.revisions.get().body == "Erste Fassung"
    url = f"/de/gruppen/{public.pk}/themen/{post.thread_id}/"
    assert "Erste Fassung" not in client.get(url).content.decode()
    as_user(client, people["moderator"])
    assert "Erste Fassung" in client.get(url).content.decode()


def test_report_queue_and_hiding(client, people, groups, admin_user):
    public = groups["public"]
    as_user(client, people["member"])
    start_thread(client, public, body="Werbung für ein Produkt")
    post = Post.objects.get()
    as_user(client, people["outsider"])
    client.post(f"/de/beitraege/{post.pk}/melden/", {"reason": "Werbung"})
    client.post(f"/de/beitraege/{post.pk}/melden/", {"reason": "Werbung"})
    assert Report.objects.count() == 1
    as_user(client, admin_user)
    queue = client.get("/admin/moderation/").content.decode()
    assert "Werbung" in queue
    as_user(client, people["moderator"])
    client.post(f"/de/beitraege/{post.pk}/moderieren/", {"action": "hide", "note": "Werbung"})
    post.refresh_from_db()
    assert post.is_hidden and Report.objects.get().status == "hidden"
    as_user(client, people["outsider"])
    html = client.get(f"/de/gruppen/{public.pk}/themen/{post.thread_id}/").content.decode()
    assert "Werbung für ein Produkt" not in html


def test_moderators_pin_and_move_threads(client, people, groups):
    as_user(client, people["member"])
    start_thread(client, groups["public"], title="Erstes Thema")
    start_thread(client, groups["public"], title="Zweites Thema")
    first = Thread.objects.get(title="Erstes Thema")
    as_user(client, people["moderator"])
    base = f"/de/gruppen/{groups['public'].pk}/themen/{first.pk}/moderieren/"
    client.post(base, {"action": "pin"})
    html = client.get(groups["public"].url).content.decode()
    assert html.index("Erstes Thema") < html.index("Zweites Thema")
    page = client.get(f"/de/gruppen/{groups['public'].pk}/themen/{first.pk}/").content.decode()
    assert f'<option value="{groups["closed"].pk}">{groups["closed"].title}</option>' in page
    client.post(base, {"action": "move", "target": groups["closed"].pk})
    first.refresh_from_db()
    assert first.group_id == groups["closed"].pk


def test_posting_is_rate_limited(client, people, groups):
    as_user(client, people["member"])
    statuses = [start_thread(client, groups["public"], title=f"Thema {n}").status_code
                for n in range(8)]
    assert statuses[:6] == [302] * 6 and statuses[-1] == 429
    assert Thread.objects.count() == 6


def test_search_finds_closed_group_posts_only_for_members(client, people, groups, settings):
    settings.SEARCH_BACKEND = "database"
    as_user(client, people["member"])
    start_thread(client, groups["closed"], title="Vergabe Datenplattform",
                 body="Die Ausschreibung für die Datenplattform läuft.")
    sync_search_index_now()
    for who, expected in (("outsider", 0), ("member", 2)):
        found = service.search(SearchRequest(query="Ausschreibung",
                                             principals=principals_for(people[who])))
        assert found.total == expected, who
    Membership.objects.filter(user=people["member"], group=groups["closed"]).update(
        state=MembershipState.LEFT)
    people["member"].groups.remove(groups["closed"].access_group)
    assert service.search(SearchRequest(query="Ausschreibung", principals=principals_for(
        people["member"]))).total == 0


def test_thread_page_queries_do_not_grow_with_posts(client, people, groups):
    public = groups["public"]
    as_user(client, people["member"])
    start_thread(client, public)
    thread = Thread.objects.get()
    url = f"/de/gruppen/{public.pk}/themen/{thread.pk}/"

    def count() -> int:
        client.get(url)
        client.get(url)  # twice: a new site's first page retires the cached frame
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    Post.objects.bulk_create([Post(thread=thread, author=people["moderator"], body=f"Nr. {n}",
                                   body_html=f"<p>Nr. {n}</p>") for n in range(120)])
    assert count() == few


def test_group_and_notification_pages_do_not_grow_with_their_items(client, people, groups):
    from community.models import Notification

    public = groups["public"]
    as_user(client, people["member"])

    def count(url: str) -> int:
        # Two warm-up requests: bulk_create sends no signal, so the content cache may still
        # hold what the first one filled, and the second refills what it dropped.
        client.get(url)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    start_thread(client, public)
    Notification.objects.create(recipient=people["member"], kind="reply", text="Eine",
                                url="/de/")
    few = (count(public.url), count("/de/konto/benachrichtigungen/"))
    Thread.objects.bulk_create([Thread(group=public, title=f"T{n}", author=people["moderator"])
                                for n in range(45)])
    Notification.objects.bulk_create([Notification(recipient=people["member"], kind="reply",
                                                   text=f"N{n}", url="/de/")
                                      for n in range(80)])
    assert (count(public.url), count("/de/konto/benachrichtigungen/")) == few


@pytest.mark.parametrize("reply_to", ["abc", "²", "9" * 30, "-1", "999999"])
def test_a_reply_to_no_post_of_the_thread_is_refused_and_stores_nothing(
        client, people, groups, reply_to):
    closed = groups["closed"]
    as_user(client, people["member"])
    start_thread(client, closed)
    thread = Thread.objects.get()
    response = client.post(f"/de/gruppen/{closed.pk}/themen/{thread.pk}/antworten/",
                           {"body": "Gerne.", "reply_to": reply_to})
    assert response.status_code == 400
    assert "nicht in diesem Thema" in response.content.decode()
    assert Post.objects.count() == 1


@pytest.mark.parametrize("path", ["/de/mitglieder/9223372036854775808/",
                                  "/en/members/9223372036854775808/",
                                  "/de/gruppen/99999999999999999999999/themen/neu/",
                                  "/de/beitraege/18446744073709551616/bearbeiten/"])
def test_ids_beyond_the_database_range_are_not_found(client, people, path):
    as_user(client, people["member"])
    response = client.get(path)
    assert response.status_code == 404
    assert ("Seite nicht gefunden" if path.startswith("/de/") else "Page not found") in (
        response.content.decode())
