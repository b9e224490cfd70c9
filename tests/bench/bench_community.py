"""Community benchmark: query count and render time of a peer group page, a thread of
500 posts (first and a middle page) and the notifications page, with G groups, T threads
and P posts in the database.

    .venv/bin/python tests/bench/bench_community.py --groups 2000 --threads 20000 \\
        --posts 200000 [--requests 200]

The query counts must not depend on the numbers; compare two runs. Not a pytest module.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from common import measure, report, run_in_test_database

SEED = 2026
LONG_THREAD_POSTS = 500


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=20000)
    parser.add_argument("--posts", type=int, default=200000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    if min(args.groups, args.threads, args.posts, args.requests) < 1:
        parser.error("all numbers must be at least 1")
    if args.posts < args.threads + LONG_THREAD_POSTS:
        parser.error("--posts must exceed --threads by at least 500 (the long thread)")
    return args


def seed(args: argparse.Namespace) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from community.models import (
        GroupVisibility,
        JoinPolicy,
        MemberProfile,
        Membership,
        MembershipState,
        Notification,
        NotificationKind,
        PeerGroupIndexPage,
        PeerGroupPage,
        Post,
        Thread,
    )
    from home.models import HomePage

    started = time.perf_counter()
    rng = random.Random(SEED)
    german = Locale.objects.get(language_code="de")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not isinstance(site.root_page.specific, HomePage):
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="Start", slug="start", locale=german,
                                                hero_title="Start"))
        Site.objects.all().delete()
        site = Site.objects.create(hostname="localhost", port=80, root_page=home,
                                   is_default_site=True)
    home = site.root_page
    now = timezone.now()
    users = get_user_model()
    reader = users.objects.create_user("leser@bench.example", "leser@bench.example", "x")
    MemberProfile.objects.create(user=reader, display_name="Lea Leser")
    authors = [users(username=f"autor{n}@bench.example", email=f"autor{n}@bench.example")
               for n in range(50)]
    users.objects.bulk_create(authors)
    authors = list(users.objects.filter(username__startswith="autor"))
    MemberProfile.objects.bulk_create([MemberProfile(user=user, display_name=f"Autor {n}")
                                       for n, user in enumerate(authors)])
    with transaction.atomic():
        index = home.add_child(instance=PeerGroupIndexPage(
            title="Benchmark-Gruppen", slug="bench-gruppen", locale=german, live=True))
        groups = []
        visibilities = list(GroupVisibility.values)
        for number in range(args.groups):
            groups.append(index.add_child(instance=PeerGroupPage(
                title=f"Gruppe {number}", slug=f"gruppe-{number}", topic="Daten",
                description="<p>Eine Benchmark-Gruppe.</p>", locale=german, live=True,
                visibility=visibilities[number % 3], join_policy=JoinPolicy.REQUEST,
                first_published_at=now, last_published_at=now)))
            if (number + 1) % 500 == 0:
                print(f"  seeded {number + 1}/{args.groups} groups", file=sys.stderr)
        Membership.objects.bulk_create([Membership(group=group, user=reader,
                                                   state=MembershipState.ACTIVE)
                                        for group in groups[:50]])
        reader.groups.add(*[group.access_group_id for group in groups[:50]])
        target = groups[1]  # closed, and the reader is a member
        threads = [Thread(group=target if n < 30 else rng.choice(groups),
                          title=f"Diskussion {n}", author=rng.choice(authors))
                   for n in range(args.threads)]
        Thread.objects.bulk_create(threads, batch_size=2000)
        threads = list(Thread.objects.order_by("pk").values_list("pk", flat=True))
        long_thread = threads[0]
        posts, written = [], 0
        for number in range(args.posts):
            thread_id = long_thread if number < LONG_THREAD_POSTS else (
                threads[number % len(threads)] if number < LONG_THREAD_POSTS + len(threads)
                else rng.choice(threads))
            posts.append(Post(thread_id=thread_id, author=rng.choice(authors),
                              body=f"Beitrag {number} mit **Markdown**.",
                              body_html=f"<p>Beitrag {number} mit <strong>Markdown</strong>.</p>"))
            if len(posts) == 5000:
                Post.objects.bulk_create(posts)
                written += len(posts)
                posts = []
                if written % 50000 == 0:
                    print(f"  seeded {written}/{args.posts} posts", file=sys.stderr)
        Post.objects.bulk_create(posts)
        Notification.objects.bulk_create([Notification(
            recipient=reader, kind=NotificationKind.REPLY, group=target, thread_id=long_thread,
            text=f"Antwort {n}", url="/de/") for n in range(1000)])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"reader": reader, "group": target, "thread": long_thread,
            "seconds": time.perf_counter() - started}


def run(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.test import Client

    seeded = seed(args)
    client = Client(HTTP_HOST="localhost")
    client.force_login(seeded["reader"])
    group = seeded["group"]
    thread_url = f"/de/gruppen/{group.pk}/themen/{seeded['thread']}/"
    targets = [
        ("group page", group.url),
        ("thread, 500 posts, page 1", thread_url),
        ("thread, 500 posts, page 5", f"{thread_url}?page=5"),
        ("notifications page", "/de/konto/benachrichtigungen/"),
        ("API thread", f"/api/v2/threads/{seeded['thread']}/"),
    ]
    results = [measure(client, label, url, args.requests) for label, url in targets]
    print(f"database: {connection.vendor}  seeded {args.groups} groups, {args.threads} threads, "
          f"{args.posts} posts in {seeded['seconds']:.1f} s  requests per URL: {args.requests}")
    return report(results, "posts", args.posts, False)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_community")


if __name__ == "__main__":
    sys.exit(main())
