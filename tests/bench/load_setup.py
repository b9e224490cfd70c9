"""What tests/bench/bench_load.py serves and asks for: the database (demo content and N
seeded solutions, search documents mended), a signed-in member's session cookie, the
static files, the environment of the web processes and the deck of request paths.

The deck is the visitors' mix, drawn once from a fixed seed: the home pages, the
solution listing (first page, later pages, filtered by maturity, topic and federal
state), solution pages by popularity (Zipf: the most-read page is read twice as often as
the second, and so on, over all solutions), model projects, searches and the events
calendar (upcoming, past, by format) with its events. Not a pytest module.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

from common import PROJECT_ROOT, setup_django

DECK_SIZE = 20_000
SEED = 2019
SEARCH_WORDS = ["Mobilität", "Sensoren", "Daten", "Beteiligung", "Energie", "Parken",
                "Open Source", "Klimaanpassung", "Bürgerservice", "LoRaWAN", "Verkehr",
                "Plattform"]
# Shares of the deck (of 100).
WEIGHTS = {"home": 12, "listing": 20, "solution": 32, "project": 8, "search": 10,
           "events": 8, "event": 10}


@dataclass(frozen=True)
class Prepared:
    environment: dict[str, str]
    workdir: Path
    deck: Path
    deck_size: int
    member_cookie: str
    solutions: int


def env_example() -> dict[str, str]:
    values = {}
    for line in (PROJECT_ROOT / "platform" / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = value.strip().strip('"')
    return values


def with_key_prefix(cache_url: str, prefix: str) -> str:
    """A Redis CACHE_URL with this run's own key prefix (no page of an earlier run, or of
    anyone else's, can answer); other caches as they are."""
    if not cache_url.startswith(("redis://", "rediss://")) or "key_prefix=" in cache_url:
        return cache_url
    return f"{cache_url}{'&' if '?' in cache_url else '?'}key_prefix={prefix}"


def forget_cached(cache_url: str) -> None:
    """Delete this run's keys from Redis (the content generation never expires)."""
    if not cache_url.startswith(("redis://", "rediss://")):
        return
    import redis

    address, _mark, query = cache_url.partition("?")
    prefix = parse_qs(query)["key_prefix"][-1]
    client = redis.Redis.from_url(address)
    for key in client.scan_iter(f"{prefix}:*", count=1000):
        client.delete(key)


def create_database(stack: ExitStack, name: str, keep: bool) -> tuple[str, bool]:
    """DATABASE_URL of the benchmark's own database beside DATABASE_URL's, and whether it
    already existed (kept by an earlier run)."""
    import psycopg

    parts = urlsplit(os.environ["DATABASE_URL"])
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as admin:
        existed = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                (name,)).fetchone() is not None
        if not existed:
            admin.execute(f'CREATE DATABASE "{name}"')
    if not keep:
        def drop() -> None:
            with psycopg.connect(admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        stack.callback(drop)
    return urlunsplit(parts._replace(path=f"/{name}")), existed


def environment_for(args: argparse.Namespace, database_url: str, workdir: Path,
                    secret_key: str) -> dict[str, str]:
    example = env_example()
    return {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secret_key,
        "DEBUG": "false",
        "DATABASE_URL": database_url,
        "CACHE_URL": with_key_prefix(args.cache_url, f"bench-load-{secret_key[:8]}"),
        "PLATFORM_VAR_DIR": str(workdir),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        **{name: example[name] for name in (
            "GUNICORN_THREADS", "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER")},
        "PLATFORM_PLUGINS": example["PLATFORM_PLUGINS"],
    }


def progress(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def seed_content(solutions: int) -> None:
    from bench_repository import seed
    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
    progress(f"demo content loaded; seeding {solutions} solutions")
    seed(solutions)
    progress("seeded; mending the search documents (search_reconcile)")
    call_command("search_reconcile", "--database-only", stdout=io.StringIO())


def member_cookie() -> str:
    """The Cookie header of a signed-in demo member (a member of a peer group)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    member = get_user_model().objects.filter(
        is_staff=False, member_profile__isnull=False, memberships__isnull=False).first()
    client = Client()
    client.force_login(member)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def zipf_rank(rng: random.Random, count: int) -> int:
    """0 for the most popular of `count` items, popularity falling as 1/rank."""
    return min(int((count + 1) ** rng.random()) - 1, count - 1)


def listing_path(rng: random.Random, listing: str, topics: list[str]) -> str:
    from community.models import FederalState
    from repository.models import Maturity

    roll = rng.random()
    if roll < 0.4:
        return listing
    if roll < 0.6:
        return f"{listing}?page={rng.randint(2, 10)}"
    filters = rng.sample([("maturity", Maturity.values), ("topic", topics),
                          ("federal_state", FederalState.values)], rng.choice((1, 1, 2)))
    query = "&".join(f"{name}={rng.choice(values)}" for name, values in filters)
    return f"{listing}?{query}" if rng.random() < 0.8 else f"{listing}?{query}&page=2"


def events_path(rng: random.Random, calendars: list[str]) -> str:
    from events.models import EventFormat

    calendar = rng.choice(calendars)
    roll = rng.random()
    if roll < 0.6:
        return calendar
    if roll < 0.8:
        return f"{calendar}?when=past"
    return f"{calendar}?format={rng.choice(EventFormat.values)}"


def draw_deck() -> list[str]:
    from django.urls import reverse
    from django.utils import translation
    from wagtail.models import Locale, Site

    from events.models import EventIndexPage, EventPage
    from repository.models import ModelProjectPage, SolutionIndexPage, SolutionPage, Topic

    german = Locale.objects.get(language_code="de")
    homes = [page.url for page in Site.objects.get(is_default_site=True).root_page
             .get_translations(inclusive=True).live().order_by("locale_id")]
    listing = SolutionIndexPage.objects.live().get(locale=german, slug="loesungen").url
    topics = list(Topic.objects.filter(locale=german).values_list("slug", flat=True))
    solutions = [page.url for page in SolutionPage.objects.live().filter(locale=german)
                 .order_by("pk")]
    projects = [page.url for page in ModelProjectPage.objects.live().order_by("pk")]
    calendars = [page.url for page in EventIndexPage.objects.live().order_by("locale_id")]
    events = [page.url for page in EventPage.objects.live().order_by("pk")]
    with translation.override("de"):
        search = reverse("search:search")
    rng = random.Random(SEED)
    draw = {
        "home": lambda: homes[0] if rng.random() < 0.75 else rng.choice(homes),
        "listing": lambda: listing_path(rng, listing, topics),
        "solution": lambda: solutions[zipf_rank(rng, len(solutions))],
        "project": lambda: projects[zipf_rank(rng, len(projects))],
        "search": lambda: f"{search}?q={quote(rng.choice(SEARCH_WORDS))}",
        "events": lambda: events_path(rng, calendars),
        "event": lambda: rng.choice(events),
    }
    kinds = rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()), k=DECK_SIZE)
    return [draw[kind]() for kind in kinds]


def prepare(stack: ExitStack, args: argparse.Namespace, secret_key: str) -> Prepared:
    """Database, files and environment of the run (Django set up in this process with the
    web processes' settings, so that the member's session is valid there)."""
    workdir = PROJECT_ROOT / "var" / "bench-load" / args.database
    workdir.mkdir(parents=True, exist_ok=True)
    if not args.keep_database:
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
    database_url, existed = create_database(stack, args.database, args.keep_database)
    environment = environment_for(args, database_url, workdir, secret_key)
    stack.callback(forget_cached, environment["CACHE_URL"])
    # This process fills the database; its own cache is its own (the web processes'
    # cache starts empty under this run's key prefix).
    os.environ.update({**environment, "CACHE_URL": "locmem://bench-load-setup"})
    setup_django()
    from django.core.management import call_command

    from repository.models import SolutionPage

    progress(f"database {args.database} ({'kept from an earlier run' if existed else 'new'})"
             "; migrating")
    call_command("migrate", "--no-input", verbosity=0)
    if not SolutionPage.objects.filter(slug=f"bench-loesung-{args.solutions}").exists():
        seed_content(args.solutions)
    if not (workdir / "static" / "staticfiles.json").exists():
        progress("collecting static files")
        call_command("collectstatic", "--no-input", verbosity=0)
    deck = draw_deck()
    deck_file = workdir / "deck.txt"
    deck_file.write_text("\n".join(deck) + "\n")
    return Prepared(environment=environment, workdir=workdir, deck=deck_file,
                    deck_size=len(deck), member_cookie=member_cookie(),
                    solutions=SolutionPage.objects.live().count())
