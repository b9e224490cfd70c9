"""Property-style permission check: random groups, members and restricted pages; for
every user, nothing they may not see shows up anywhere the search answers: hits,
totals, facet counts, highlights, type-ahead, "did you mean" and similar content."""

from __future__ import annotations

import random

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import PageViewRestriction

from search import service
from search.models import SearchDocument
from search.service import SearchRequest, principals_for
from search.sources import page_key
from tests.home.factories import publish
from tests.repository.factories import SolutionPageFactory
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

WORDS = ["Quartier", "Sensor", "Radweg", "Klimabaum", "Datenraum", "Ladepunkt"]


@pytest.fixture
def world(knowledge, backend):
    rng = random.Random(20261121)
    groups = [Group.objects.create(name=f"Gruppe {number}") for number in range(6)]
    allowed_groups: dict[str, set[int] | None] = {}
    tags: dict[str, str] = {}
    for number in range(24):
        words = rng.sample(WORDS, 2)
        page = SolutionPageFactory(
            parent=knowledge["ulm"], model_project=knowledge["ulm"],
            title=f"{words[0]} {words[1]} {number}", slug=f"s-{number}",
            summary=f"Gemeinsamer Begriff {words[0]} und {words[1]}.",
            maturity=rng.choice(["idea", "pilot", "operation", "transferred"]))
        page.tags.add(f"Schlagwort-{number}")
        tags[page_key(page.pk)] = f"schlagwort-{number}"
        publish(page)
        chosen = rng.sample(groups, rng.randint(0, 2)) if rng.random() < 0.6 else []
        if chosen:
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(*chosen)
        allowed_groups[page_key(page.pk)] = {group.pk for group in chosen} or None
    users = [AnonymousUser()]
    for number in range(8):
        user = get_user_model().objects.create_user(f"person{number}", password="x")
        user.groups.add(*rng.sample(groups, rng.randint(0, 3)))
        users.append(user)
    index_now()
    return allowed_groups, users, tags


def visible_keys(user, allowed_groups, knowledge) -> set[str]:
    """What the user may see, worked out independently of the search code."""
    member_of = set(user.groups.values_list("pk", flat=True)) if user.is_authenticated else set()
    keys = {key for key, groups in allowed_groups.items()
            if groups is None or groups & member_of}
    public = [knowledge[name] for name in ("parking", "voting", "handout", "english_handout",
                                          "bamberg", "ulm")]
    return keys | {page_key(page.pk) for page in public}


def test_nobody_sees_what_they_may_not(world, knowledge):
    allowed_groups, users, tags = world
    urls = dict(SearchDocument.objects.values_list("url", "key"))
    for user in users:
        principals = principals_for(user)
        visible = visible_keys(user, allowed_groups, knowledge)
        for word in WORDS:
            results = service.search(SearchRequest(query=word, principals=principals,
                                                   page_size=50))
            keys = {hit.key for hit in results.hits}
            assert keys <= visible, (user, word)
            assert results.total == len(keys)
            for suggestion in service.suggest(word[:5], language="de", principals=principals):
                assert urls[suggestion.url] in visible
        everything = service.search(SearchRequest(principals=principals, page_size=50))
        assert {hit.key for hit in everything.hits} == visible
        assert everything.total == len(visible)
        facets = {facet.name: {value.value: value.count for value in facet.values}
                  for facet in everything.facets}
        shown_tags = {tag for tag in facets["tag"] if tag.startswith("schlagwort-")}
        assert shown_tags == {tags[key] for key in visible if key in tags}
        assert "vertraulich" not in facets["tag"]
        visible_solutions = len(visible & set(allowed_groups)) + 2  # + parking and voting
        assert facets["type"]["solution"] == visible_solutions
        assert sum(facets["maturity"].values()) == visible_solutions
        similar = service.similar(page_key(knowledge["voting"].pk), principals=principals,
                                  sources=(), language="de", limit=50)
        assert {hit.key for hit in similar} <= visible
