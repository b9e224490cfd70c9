"""The relevance set: load the fixed corpus as pages, ask every judged query, and score
the answers. Used by the floor test (tests/search/test_relevance.py) and by the
benchmark (tests/bench/bench_relevance.py, `make bench-relevance`), which also scores
Wagtail's built-in search on the same pages.

A case passes when one of its expected documents is among the first five hits and none
of its forbidden ones ranks above it. hits@5 is the share of cases that pass; MRR the mean of
1/rank of the first expected document (0 beyond the first ten).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from wagtail.models import Locale, Page, Site

from community.models import (
    GroupVisibility,
    JoinPolicy,
    PeerGroupIndexPage,
    PeerGroupPage,
    Post,
    Thread,
)
from events.models import EventFormat
from search import service
from search.service import SearchRequest
from tests.events.factories import event_calendar, make_event
from tests.home.factories import publish, translate
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)
from tests.search.relevance_cases import CASES, Case
from tests.search.relevance_corpus import CORPUS, FORUM, Doc

TOP = 5
DEPTH = 10


def load_corpus(site: Site) -> dict[str, str]:
    """Create and publish every document of the corpus (and its English translation)
    and the discussions under the site; returns search key ("page:12", "post:3") →
    corpus key."""
    root = site.root_page
    projects = publish(ModelProjectIndexPageFactory(parent=root, slug="relevanz-projekte"))
    project = publish(ModelProjectPageFactory(parent=projects, title="Modellprojekt Musterstadt",
                                              slug="relevanz-musterstadt",
                                              summary="Ein Modellprojekt erprobt Lösungen."))
    publish(SolutionIndexPageFactory(parent=root, slug="relevanz-loesungen"))
    publications = publish(PublicationIndexPageFactory(parent=root, slug="relevanz-pub"))
    calendar = event_calendar(site)
    translate(projects, "en", title="Model projects", slug="relevance-projects")
    translate(project, "en", title="Model project Musterstadt", slug="relevance-musterstadt")
    translate(publications, "en", title="Publications", slug="relevance-pub")
    keys: dict[str, str] = {}
    for number, doc in enumerate(CORPUS):
        page = create(doc, number, project, publications, calendar)
        keys[f"page:{page.pk}"] = doc.key
        if doc.english:
            title, summary = doc.english
            english = translate(page, "en", title=title, summary=summary,
                                slug=f"{page.slug}-en")
            keys[f"page:{english.pk}"] = f"{doc.key}@en"
    keys.update(load_forum(root))
    return keys


def load_forum(root: Page) -> dict[str, str]:
    """A public and a closed peer group with the corpus's discussions."""
    index = publish(root.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="relevanz-peergruppen", locale_id=root.locale_id)))
    groups = {}
    keys: dict[str, str] = {}
    for public, title in ((True, "Peergruppe Sensorik und Daten"),
                          (False, "Arbeitsgruppe Haushalt")):
        group = index.add_child(instance=PeerGroupPage(
            title=title, slug=f"relevanz-{'offen' if public else 'geschlossen'}",
            topic="Daten", description="<p>Austausch der Kommunen.</p>",
            visibility=GroupVisibility.PUBLIC if public else GroupVisibility.CLOSED,
            join_policy=JoinPolicy.OPEN if public else JoinPolicy.REQUEST,
            locale_id=index.locale_id))
        groups[public] = publish(group)
        keys[f"page:{group.pk}"] = "forum-group" if public else "forum-group-closed"
    for discussion in FORUM:
        thread = Thread.objects.create(group=groups[discussion.public],
                                       title=discussion.title)
        keys[f"thread:{thread.pk}"] = discussion.key
        for number, text in enumerate(discussion.posts, start=1):
            post = Post.objects.create(thread=thread, body=text)
            keys[f"post:{post.pk}"] = f"{discussion.key}#{number}"
    return keys


def create(doc: Doc, number: int, project: Page, publications: Page, calendar: Page) -> Page:
    slug = f"r-{number}-{doc.key}"
    if doc.kind == "solution":
        return publish(SolutionPageFactory(
            parent=project, model_project=project, title=doc.title, slug=slug,
            summary=doc.summary, problem=f"<p>{doc.body}</p>",
            approach="<p>Erprobt im Modellprojekt.</p>", maturity="pilot"))
    if doc.kind == "publication":
        return publish(PublicationPageFactory(parent=publications, title=doc.title, slug=slug,
                                              summary=doc.summary, publisher=doc.body))
    start = (timezone.now() + timedelta(days=doc.days or 0)).replace(
        hour=10, minute=0, second=0, microsecond=0)
    return make_event(calendar, title=doc.title, start=start, summary=doc.summary,
                      format=EventFormat.THEME_WORKSHOP)


@dataclass
class Outcome:
    case: Case
    found: list[str]

    @property
    def rank(self) -> int | None:
        return next((place for place, key in enumerate(self.found[:DEPTH], start=1)
                     if key in self.case.expect), None)

    @property
    def passed(self) -> bool:
        """An expected document in the first five, and no forbidden one above it."""
        if self.rank is None or self.rank > TOP:
            return False
        return not any(key in self.case.forbid for key in self.found[:self.rank - 1])


@dataclass
class Score:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def hits_at_5(self) -> float:
        return sum(outcome.passed for outcome in self.outcomes) / len(self.outcomes)

    @property
    def mrr(self) -> float:
        return sum(1 / outcome.rank for outcome in self.outcomes
                   if outcome.rank) / len(self.outcomes)

    def failures(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if not outcome.passed]

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """kind → (passed, cases)."""
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for outcome in self.outcomes:
            counts[outcome.case.kind][0] += outcome.passed
            counts[outcome.case.kind][1] += 1
        return {kind: (passed, total) for kind, (passed, total) in counts.items()}


Searcher = Callable[[Case], list[str]]


def evaluate(searcher: Searcher, cases: Iterable[Case] = CASES) -> Score:
    return Score([Outcome(case, searcher(case)) for case in cases])


def platform_searcher(keys: dict[str, str]) -> Searcher:
    """The platform's search service (whichever backend the settings choose)."""
    def ask(case: Case) -> list[str]:
        results = service.search(SearchRequest(query=case.query, language=case.language,
                                               page_size=DEPTH, facets=()))
        return [keys.get(hit.key, hit.key) for hit in results.hits]
    return ask


def wagtail_searcher(keys: dict[str, str], *, by_locale: bool) -> Searcher:
    """Wagtail's built-in search as a site's search view uses it
    (`Page.objects.live().search(query)`, the configured backend, its default operator)
    over the same pages; with `by_locale` only the pages in the reader's language, as a
    bilingual site would ask (`.filter(locale=...)`), else both languages compete. It
    indexes pages only, so it cannot find the forum's threads and posts."""
    pages = {int(key.split(":", 1)[1]): name for key, name in keys.items()
             if key.startswith("page:")}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}

    def ask(case: Case) -> list[str]:
        found = Page.objects.live().filter(pk__in=list(pages))
        if by_locale:
            found = found.filter(locale=locales[case.language])
        return [pages[page.pk] for page in found.search(case.query)[:DEPTH]]
    return ask


def report(name: str, score: Score) -> list[str]:
    lines = [f"{name}: hits@5 {score.hits_at_5:.3f}  MRR {score.mrr:.3f}  "
             f"({sum(o.passed for o in score.outcomes)}/{len(score.outcomes)} cases)"]
    lines += [f"    {kind:<10} {passed:>3}/{total:<3}"
              for kind, (passed, total) in sorted(score.by_kind().items())]
    lines += [f"    FAIL [{outcome.case.kind}] {outcome.case.language} "
              f"{outcome.case.query!r}: expected {', '.join(outcome.case.expect)}; "
              f"got {', '.join(outcome.found[:TOP]) or 'nothing'}"
              for outcome in score.failures()]
    return lines
