"""The office corrects and translates the solutions' FAQ in the admin after promoting:
only editors may, nobody adds an entry there, the listing searches and costs the same
queries for more entries, and an edit shows on the solution page, in the API and in
search in its language."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from repository.models import Answer, FaqEntry, Question
from search import service
from search.contract import SearchRequest
from tests.community.factories import make_user
from tests.repository.question_helpers import PROMOTION, asking_setup, promote_url
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

LIST = reverse("wagtailsnippets_repository_faqentry:list")
API = "/api/v2/questions/"
CORRECTED = "Ein Sensor je Stellplatz; die Schranke zählt nur die Ein- und Ausfahrten."


@pytest.fixture
def asking(site):
    return asking_setup(site)


@pytest.fixture
def promoted(client, asking):
    question = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                       text="Wie viele Sensoren?")
    Answer.objects.create(question=question, author=asking.team_member, text="Einen.")
    client.force_login(asking.editor)
    assert client.post(promote_url(question), PROMOTION).status_code == 302
    client.logout()
    return {entry.locale.language_code: entry for entry in FaqEntry.objects.all()}


def edit_url(entry: FaqEntry) -> str:
    return reverse("wagtailsnippets_repository_faqentry:edit", args=[entry.pk])


def test_an_editors_correction_shows_on_the_page_in_the_api_and_in_search(
        client, asking, promoted):
    client.force_login(asking.editor)
    form = client.get(edit_url(promoted["de"]))
    assert form.status_code == 200 and PROMOTION["answer_de"] in form.text
    saved = client.post(edit_url(promoted["de"]), {
        "question_text": "Wie viele Sensoren braucht ein Parkhaus wirklich?",
        "answer_text": CORRECTED})
    assert saved.status_code == 302
    entry = FaqEntry.objects.get(pk=promoted["de"].pk)
    # The texts changed; where the entry belongs did not.
    assert (entry.answer_text, entry.solution, entry.locale.language_code) == (
        CORRECTED, asking.solution, "de")

    client.logout()
    german = client.get(asking.solution.url).text
    assert CORRECTED in german and PROMOTION["answer_de"] not in german
    english = client.get(asking.english.url).text
    assert PROMOTION["answer_en"] in english and CORRECTED not in english
    [item] = client.get(API, {"solution": asking.solution.pk}).json()["items"]
    assert {text["language"]: text["answer"] for text in item["faq"]} == {
        "de": CORRECTED, "en": PROMOTION["answer_en"]}
    index_now()
    hits = [hit for hit in service.search(SearchRequest(query="Schranke Ausfahrten",
                                                        language="de")).hits
            if hit.source == "faq"]
    assert hits and "wirklich" in hits[0].title


def test_a_bad_correction_is_refused_and_changes_nothing(client, asking, promoted):
    client.force_login(asking.editor)
    response = client.post(edit_url(promoted["de"]), {"question_text": "",
                                                      "answer_text": "x" * 5001})
    assert response.status_code == 200  # the form again, with its errors
    assert FaqEntry.objects.get(pk=promoted["de"].pk).answer_text == PROMOTION["answer_de"]


@pytest.mark.parametrize("who", [None, "reporter", "team_member", "plain_member",
                                 "moderator", "translator"])
def test_only_editors_see_and_edit_the_faq(client, asking, promoted, who):
    if who in ("moderator", "translator"):
        user = make_user(who)
        user.groups.add(Group.objects.get(name=f"{who.capitalize()}s"))
        client.force_login(user)
    elif who:
        client.force_login(getattr(asking, who))
    assert client.get(LIST).status_code in (302, 403)
    assert client.post(edit_url(promoted["de"]), {"question_text": "Gehackt",
                                                  "answer_text": "Gehackt"}).status_code \
        in (302, 403)
    assert FaqEntry.objects.get(pk=promoted["de"].pk).question_text == PROMOTION["question_de"]


def test_the_listing_searches_and_nobody_adds_an_entry(client, asking, promoted):
    client.force_login(asking.editor)
    listing = client.get(LIST, {"q": "Parkhaus"}, HTTP_ACCEPT_LANGUAGE="de")
    assert listing.status_code == 200
    assert PROMOTION["question_de"] in listing.text and "FAQ-Einträge" in listing.text
    assert PROMOTION["question_de"] not in client.get(LIST, {"q": "Radweg"}).text
    add = reverse("wagtailsnippets_repository_faqentry:add")
    assert add not in listing.text
    assert client.get(add).status_code in (302, 403)


def test_the_listing_costs_our_queries_once_and_localize_two_a_row(client, asking,
                                                                   promoted):
    """Our part of the listing (entries, solutions, locales) is a fixed number of queries;
    wagtail-localize's row buttons (Translate, Sync) ask two per row of the page
    (``register_snippet_listing_buttons``: the entry's missing locales and its translation
    source), bounded by the page size. This fails when upstream batches them."""
    client.force_login(asking.editor)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for number in range(5):
        FaqEntry.objects.create(solution=asking.solution, locale=promoted["de"].locale,
                                question_text=f"Frage {number}", answer_text="Antwort")
    client.get(LIST)  # writing emptied the site's caches; both counts are warm
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    per_row = [query["sql"] for query in many
               if "wagtail_localize_translatableobject" in query["sql"]
               or 'FROM "wagtailcore_locale" WHERE NOT' in query["sql"]]
    assert len(per_row) == 2 * FaqEntry.objects.count()
    assert len(many) - len(few) == 2 * 5, [query["sql"][:80] for query in many]
