"""The office takes a question into the solution's FAQ: who may, what the page, the API
and search then show in both languages, the office's dashboard of questions nobody
answered within a week, and the API's rules and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from repository.models import Answer, FaqEntry, Question
from search import service
from search.contract import SearchRequest
from tests.queries import warm_query_count
from tests.repository.question_helpers import PROMOTION, asking_setup, promote_url
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

API = "/api/v2/questions/"
ASKED = "Wie viele Sensoren braucht ein Parkhaus mit 400 Stellplätzen?"


@pytest.fixture
def asking(site):
    return asking_setup(site)


@pytest.fixture
def answered(asking):
    question = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                       text=ASKED)
    answer = Answer.objects.create(question=question, author=asking.team_member,
                                   text="Einen je Stellplatz.")
    question.helpful_answer = answer
    question.save()
    return question


def api_texts(client, solution) -> list[str]:
    return [item["text"] for item in client.get(API, {"solution": solution.pk}).json()["items"]]


@pytest.mark.parametrize("who", ["team_member", "adopter", "reporter", "plain_member"])
def test_only_the_office_promotes(client, asking, answered, who):
    client.force_login(getattr(asking, who))
    assert client.get(promote_url(answered)).status_code in (302, 403)
    assert client.post(promote_url(answered), PROMOTION).status_code in (302, 403)
    assert not FaqEntry.objects.exists()


def test_the_promoted_question_is_public_in_both_languages(client, asking, answered):
    # Before: the public sees nothing, on the page, in the API, in search.
    assert ASKED not in client.get(asking.solution.url).text
    assert api_texts(client, asking.solution) == []

    client.force_login(asking.editor)
    form = client.get(promote_url(answered))
    assert form.status_code == 200 and "Einen je Stellplatz." in form.text
    promoted = client.post(promote_url(answered), PROMOTION)
    assert promoted.status_code == 302
    answered.refresh_from_db()
    assert answered.promoted_at is not None
    entries = {entry.locale.language_code: entry for entry in FaqEntry.objects.all()}
    assert set(entries) == {"de", "en"}
    assert entries["de"].translation_key == entries["en"].translation_key
    # A second promotion is refused and changes nothing.
    assert client.post(promote_url(answered), PROMOTION).status_code == 400
    assert FaqEntry.objects.count() == 2

    client.logout()
    german = client.get(asking.solution.url).text
    english = client.get(asking.english.url).text
    assert PROMOTION["question_de"] in german and PROMOTION["answer_de"] in german
    assert PROMOTION["question_en"] in english and PROMOTION["question_de"] not in english
    for page in (asking.solution, asking.english):
        [item] = client.get(API, {"solution": page.pk}).json()["items"]
        assert item["promoted"] and item["helpful_answer"] == answered.helpful_answer_id
        assert sorted((text["language"], text["question"]) for text in item["faq"]) == [
            ("de", PROMOTION["question_de"]), ("en", PROMOTION["question_en"])]

    index_now()
    for language, words, text in (("de", "Sensoren Parkhaus", PROMOTION["question_de"]),
                                  ("en", "sensors car park", PROMOTION["question_en"])):
        hits = service.search(SearchRequest(query=words, language=language)).hits
        # Both entries may match; the reader's language ranks first.
        faq = [hit for hit in hits if hit.source == "faq"]
        assert faq[0].title.replace("<mark>", "").replace("</mark>", "") == text, language
        page = asking.solution if language == "de" else asking.english
        assert faq[0].url.startswith(page.url) and "#faq-" in faq[0].url


def test_an_unanswered_question_is_not_promoted(client, asking):
    question = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                       text=ASKED)
    client.force_login(asking.editor)
    assert client.post(promote_url(question), PROMOTION).status_code == 400
    assert not FaqEntry.objects.exists()


@pytest.mark.parametrize("change", [{"question_de": ""}, {"answer_en": "  "},
                                    {"question_en": "x" * 2001}])
def test_a_bad_promotion_is_refused(client, asking, answered, change):
    client.force_login(asking.editor)
    assert client.post(promote_url(answered), {**PROMOTION, **change}).status_code == 400
    assert not FaqEntry.objects.exists()


def test_no_search_finds_a_question_before_promotion(asking, answered):
    index_now()
    hits = service.search(SearchRequest(query="Sensoren Parkhaus",
                                        principals=("public", "members"))).hits
    assert [hit for hit in hits if hit.source == "faq"] == []


def test_hiding_a_promoted_question_takes_it_out_of_the_faq(client, asking, answered):
    client.force_login(asking.editor)
    client.post(promote_url(answered), PROMOTION)
    hide = reverse("repository_questions:hide", args=[answered.pk])
    assert client.post(hide, {"hidden": "1"}).status_code == 302
    assert not FaqEntry.objects.exists()
    client.logout()
    assert PROMOTION["question_de"] not in client.get(asking.solution.url).text
    assert api_texts(client, asking.solution) == []


@pytest.mark.parametrize("who, seen", [
    (None, False), ("plain_member", False), ("other_team", False), ("team_member", True),
    ("adopter", True), ("reporter", True), ("editor", True)])
def test_api_before_promotion_the_circle_reads(client, asking, answered, who, seen):
    if who:
        client.force_login(getattr(asking, who))
    assert api_texts(client, asking.solution) == ([ASKED] if seen else [])


def test_api_members_ask_with_clear_refusals(client, asking):
    body = {"solution": asking.english.pk, "text": ASKED}
    assert client.post(API, body, content_type="application/json").status_code in (401, 403)
    client.force_login(asking.plain_member)
    for bad in ({**body, "text": ""}, {**body, "text": "x" * 2001},
                {**body, "solution": "zwei"}, {"text": ASKED}, {**body, "text": 5}):
        answer = client.post(API, bad, content_type="application/json")
        assert answer.status_code == 400 and answer.json()["message"], bad
    assert client.post(API, {**body, "solution": 99_999},
                       content_type="application/json").status_code == 404
    assert not Question.objects.exists()
    created = client.post(API, body, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["solution"], created.json()["text"]) == (asking.solution.pk, ASKED)
    assert client.get(API, {"solution": "x"}).status_code == 400
    assert client.get(API, {"page": "0"}).status_code == 400


def promoted_questions(asking, count: int) -> None:
    for number in range(count):
        question = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                           text=f"{ASKED} {number}",
                                           promoted_at=timezone.now())
        Answer.objects.create(question=question, author=asking.team_member, text="Ja.")
        FaqEntry.objects.create(solution=asking.solution, question=question,
                                locale=asking.solution.locale, question_text="F", answer_text="A")


@pytest.mark.parametrize("who", [None, "reporter", "editor"])
def test_api_list_costs_a_fixed_number_of_queries(client, asking, who):
    if who:
        client.force_login(getattr(asking, who))
    url = f"{API}?solution={asking.solution.pk}"
    promoted_questions(asking, 1)
    few = warm_query_count(client, url)
    promoted_questions(asking, 4)
    assert warm_query_count(client, url) == few <= 8


def test_solution_page_queries_stay_within_the_ceiling(client, asking):
    promoted_questions(asking, 1)
    anonymous = warm_query_count(client, asking.solution.url)
    client.force_login(asking.reporter)
    member = warm_query_count(client, asking.solution.url)
    promoted_questions(asking, 4)
    Question.objects.create(solution=asking.solution, asker=asking.reporter, text="offen")
    assert warm_query_count(client, asking.solution.url) == member <= 16
    client.logout()
    assert warm_query_count(client, asking.solution.url) == anonymous <= 12


def test_the_office_sees_questions_nobody_answered_for_a_week(client, asking, answered):
    waiting = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                      text="Wer wartet die Sensoren?")
    Question.objects.filter(pk__in=[waiting.pk, answered.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=8))
    fresh = Question.objects.create(solution=asking.solution, asker=asking.reporter,
                                    text="Eine neue Frage von heute")
    assert list(Question.objects.waiting_too_long()) == [waiting]
    client.force_login(asking.editor)
    html = client.get("/admin/").content.decode()
    assert 'id="unanswered-questions-section"' in html
    assert "Wer wartet die Sensoren?" in html and fresh.text not in html
    client.force_login(asking.team_member)
    assert 'id="unanswered-questions-section"' not in client.get("/admin/").content.decode()
