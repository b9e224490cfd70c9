"""Repository benchmark: query count and render time of the solution listing, a solution
page and the solutions API as the number of solutions grows.

Creates a throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL is
set), loads the demo content, makes sure a model project index and a solution index
exist under the German home page, adds 50 municipalities with one model project each,
N solutions spread over them (maturities, one or two topics, a few tags) and some
adoptions, then requests the listing, a solution page and the API through the full
Django stack with the test client.

    .venv/bin/python tests/bench/bench_repository.py --solutions 10000 [--requests 200]

The query count of a request must not depend on the number of solutions; compare the
output of two runs with different --solutions values.

Not a pytest module (pytest collects only test_*.py): run it directly.
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

# The script's own directory is first on sys.path when it runs as a script.
from common import measure, report, run_in_test_database

PROJECTS = 50
TAG_NAMES = ["Open Source", "App", "Sensorik", "Datenplattform", "Künstliche Intelligenz"]
MIN_TOPICS = 10
PROGRESS_EVERY = 1000
# Fixed, so that two runs seed the same mix and differ only in the number of solutions.
SEED = 2019
FILTER_MATURITY = "pilot"
# Issue 18: the listings and the solution page answer within these (p95) on PostgreSQL
# with 10,000 solutions, rendered afresh and from the page cache.
UNCACHED_P95_MS = 100
CACHED_P95_MS = 10


@dataclass(frozen=True)
class Seeded:
    listing_url: str
    solution_url: str
    filter_topic: str
    solutions: int
    projects: int
    adoptions: int
    seconds: float


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--solutions", type=int, default=10_000,
                        help="number of solutions to add (default: 10000)")
    parser.add_argument("--requests", type=int, default=200,
                        help="timed requests per URL (default: 200)")
    parser.add_argument("--show-queries", action="store_true",
                        help="also print the SQL of the counted request of each URL")
    args = parser.parse_args(argv)
    if args.solutions < 1:
        parser.error("--solutions must be at least 1")
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    return args


def published(page_class, **fields):
    """A page to add with add_child(): live with publication dates, as publishing would
    leave it, but without a revision, which keeps seeding fast."""
    from django.utils import timezone

    now = timezone.now()
    return page_class(live=True, first_published_at=now, last_published_at=now, **fields)


@contextmanager
def without_index_updates(*models) -> Iterator[None]:
    """Neither the search index nor Wagtail's reference index follows the saves of these
    models: nothing measured reads them, and keeping them up to date would double the
    seeding time."""
    from django.db.models.signals import post_save
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import disable_reference_index_auto_update

    disconnected = [model for model in models
                    if post_save.disconnect(post_save_signal_handler, sender=model)]
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_page(home, page_class, slug: str, title: str):
    """The demo's index of this type under the home page, or a new one."""
    existing = page_class.objects.child_of(home).live().first()
    if existing is not None:
        return existing
    return home.add_child(instance=published(page_class, title=title, slug=slug,
                                             locale=home.locale))


def seed_municipalities():
    """PROJECTS municipalities over all federal states and the four size classes of a
    municipality, with keys (state code, 99, number) that the demo does not use."""
    from community.models import FederalState, Municipality, MunicipalityKind, SizeClass

    sizes = [(SizeClass.LANDGEMEINDE, 3_000), (SizeClass.KLEINSTADT, 12_000),
             (SizeClass.MITTELSTADT, 45_000), (SizeClass.GROSSSTADT, 250_000)]
    states = FederalState.values
    municipalities = []
    for number in range(1, PROJECTS + 1):
        state = states[number % len(states)]
        size_class, population = sizes[number % len(sizes)]
        municipality = Municipality(
            name=f"Benchstadt {number}", ags=f"{state}99{number:04d}", federal_state=state,
            kind=MunicipalityKind.MUNICIPALITY, size_class=size_class,
            population=population + number,
            latitude=Decimal(f"{47.5 + (number * 0.37) % 7.4:.6f}"),
            longitude=Decimal(f"{6.0 + (number * 0.53) % 8.8:.6f}"),
            website=f"https://www.benchstadt-{number}.example",
        )
        municipality.full_clean()
        municipalities.append(municipality)
    return Municipality.objects.bulk_create(municipalities)


def seed_topics(locale) -> list:
    """The demo's German topics, topped up to MIN_TOPICS."""
    from repository.models import Topic

    topics = list(Topic.objects.filter(locale=locale).order_by("sort_order", "name"))
    for number in range(len(topics) + 1, MIN_TOPICS + 1):
        topics.append(Topic.objects.create(locale=locale, name=f"Benchmark-Thema {number}",
                                           slug=f"bench-thema-{number}", sort_order=number))
    return topics


def topic_rows(field, page_id: int, topics) -> list:
    """Rows of a page's ParentalManyToManyField through table, for bulk_create."""
    through = field.remote_field.through
    own, other = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    return [through(**{own: page_id, other: topic.pk}) for topic in topics]


def seed(count: int) -> Seeded:
    from django.db import connection, transaction
    from wagtail.models import Site

    from repository.models import (
        Adoption,
        AdoptionStatus,
        FundingPhase,
        Maturity,
        ModelProjectIndexPage,
        ModelProjectPage,
        ProjectStatus,
        SolutionIndexPage,
        SolutionPage,
        SolutionTag,
        TaggedSolution,
    )

    started = time.perf_counter()
    rng = random.Random(SEED)
    home = Site.objects.get(is_default_site=True).root_page.specific
    with transaction.atomic(), without_index_updates(ModelProjectPage, SolutionPage):
        project_index = index_page(home, ModelProjectIndexPage, "bench-projekte",
                                   "Benchmark-Projekte")
        solution_index = index_page(home, SolutionIndexPage, "bench-loesungen",
                                    "Benchmark-Lösungen")
        topics = seed_topics(home.locale)
        tags = [SolutionTag.objects.filter(name=name).first()
                or SolutionTag.objects.create(name=name) for name in TAG_NAMES]
        municipalities = seed_municipalities()

        projects, topic_links = [], []
        project_topics = ModelProjectPage._meta.get_field("topics")
        for number, municipality in enumerate(municipalities, 1):
            phase = FundingPhase.values[number % len(FundingPhase.values)]
            project = project_index.add_child(instance=published(
                ModelProjectPage,
                title=f"Benchmark-Modellprojekt {number}", slug=f"bench-projekt-{number}",
                locale=project_index.locale, municipality=municipality,
                funding_phase=phase, funding_start=2018 + phase, funding_end=2025 + phase,
                status=ProjectStatus.values[number % len(ProjectStatus.values)],
                summary=f"{municipality.name} erprobt digitale Werkzeuge.",
            ))
            projects.append(project)
            topic_links += topic_rows(project_topics, project.pk, rng.sample(topics, 2))
        project_topics.remote_field.through.objects.bulk_create(topic_links)

        solution_topics = SolutionPage._meta.get_field("topics")
        topic_links, tag_links, adoptions = [], [], []
        adopted = 0
        for number in range(1, count + 1):
            project = projects[(number - 1) % len(projects)]
            solution = project.add_child(instance=published(
                SolutionPage,
                title=f"Benchmark-Lösung {number}", slug=f"bench-loesung-{number}",
                locale=project.locale, model_project=project,
                maturity=rng.choice(Maturity.values),
                summary=f"Eine übertragbare Lösung Nummer {number}.",
                problem=f"<p>Problem der Lösung {number}.</p>",
                approach=f"<p>Ansatz der Lösung {number}.</p>",
            ))
            topic_links += topic_rows(solution_topics, solution.pk,
                                      rng.sample(topics, rng.choice((1, 2))))
            tag_links += [TaggedSolution(tag=tag, content_object_id=solution.pk)
                          for tag in rng.sample(tags, rng.randint(0, 2))]
            if number % 10 == 1:  # every tenth solution, the first among them
                adopters = [m for m in rng.sample(municipalities, 3)
                            if m.pk != project.municipality_id][:rng.choice((1, 2))]
                adoptions += [
                    Adoption(solution=solution, municipality=municipality,
                             status=rng.choice(AdoptionStatus.values),
                             adopted_on=datetime.date(2023, 1, 1)
                             + datetime.timedelta(days=rng.randrange(700)))
                    for municipality in adopters
                ]
            if number % PROGRESS_EVERY == 0 or number == count:
                solution_topics.remote_field.through.objects.bulk_create(topic_links)
                TaggedSolution.objects.bulk_create(tag_links)
                adopted += len(Adoption.objects.bulk_create(adoptions))
                topic_links, tag_links, adoptions = [], [], []
                print(f"  seeded {number}/{count} solutions", file=sys.stderr, flush=True)
        first_solution = SolutionPage.objects.get(slug="bench-loesung-1")
    if connection.vendor == "postgresql":
        # The planner's statistics still describe the tables before seeding (autovacuum
        # has had no time to notice); with them it estimates a handful of solutions and
        # picks nested loops over thousands. A live database has been analysed.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    return Seeded(
        listing_url=solution_index.url,
        solution_url=first_solution.url,
        filter_topic=topics[0].slug,
        solutions=count,
        projects=len(projects),
        adoptions=adopted,
        seconds=time.perf_counter() - started,
    )


def cold_client(client_class, hostname: str):
    """A test client that asks as a visitor right after an editor published something:
    the content generation is bumped before each request, so nothing derived from
    content is cached (what a page cache miss costs after a change)."""
    from home.content_cache import bump_generation

    class ColdClient(client_class):
        def get(self, *args, **kwargs):
            bump_generation()
            return super().get(*args, **kwargs)

    return ColdClient(HTTP_HOST=hostname)


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client, override_settings
    from wagtail.models import Site

    from repository.models import SolutionPage

    call_command("load_demo", stdout=io.StringIO())
    print(f"  demo content loaded; seeding {args.solutions} solutions", file=sys.stderr,
          flush=True)
    seeded = seed(args.solutions)

    site = Site.objects.get(is_default_site=True)
    solutions_in_site = SolutionPage.objects.live().count()
    client = Client(HTTP_HOST=site.hostname)

    listing = seeded.listing_url
    targets = [
        ("solution listing", listing),
        ("listing page 50", f"{listing}?page=50"),
        ("filtered listing", f"{listing}?maturity={FILTER_MATURITY}&topic={seeded.filter_topic}"),
        ("solution page", seeded.solution_url),
        ("API list", "/api/v2/solutions/?limit=20"),
        ("API filtered", f"/api/v2/solutions/?maturity={FILTER_MATURITY}&limit=20"),
    ]
    pages = targets[:4]  # the API is never kept by the page cache (home/page_cache.py)
    print(f"database: {connection.vendor}  site: {site.hostname}:{site.port}  "
          f"seeded: {seeded.solutions} solutions, {seeded.projects} model projects, "
          f"{seeded.adoptions} adoptions in {seeded.seconds:.1f} s  "
          f"requests per URL: {args.requests}")
    failed = 0
    for heading, page_cache_seconds, each_client, urls in (
        ("uncached: page cache off, content cache warm", 0, client, targets),
        ("cold: page cache off, content generation bumped before each request", 0,
         cold_client(Client, site.hostname), pages),
        ("cached: page cache on, after a warm-up request", 60, client, pages),
    ):
        print(f"\n-- {heading} (target p95: "
              f"{CACHED_P95_MS if page_cache_seconds else UNCACHED_P95_MS} ms)")
        with override_settings(PAGE_CACHE_SECONDS=page_cache_seconds):
            results = [measure(each_client, label, url, args.requests)
                       for label, url in urls]
        failed |= report(results, "solutions", solutions_in_site, args.show_queries
                         and not page_cache_seconds and each_client is client)
    return failed


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_repository")


if __name__ == "__main__":
    sys.exit(main())
