"""Questions to the implementers: whom a question reaches, who reads and answers it
before the office promotes it (page, e-mail, notifications), the asker's choice of the
most helpful answer, and bad input."""

import pytest
from django.conf import settings
from django.core import mail
from django.shortcuts import resolve_url

from community.models import EmailFrequency, Notification
from community.notifications import send_digests
from home.page_cache import HIT_HEADER
from repository.models import Answer, Question
from tests.repository.question_helpers import (
    answer_url,
    ask_url,
    asking_setup,
    helpful_url,
    question_url,
)

pytestmark = pytest.mark.django_db

ASKED = "Wie viele Sensoren braucht ein Parkhaus mit 400 Stellplätzen?"


@pytest.fixture
def asking(site):
    return asking_setup(site)


@pytest.fixture
def question(asking):
    return Question.objects.create(solution=asking.solution, asker=asking.reporter, text=ASKED)


def test_a_question_reaches_the_team_and_the_adopters_who_answer(
        client, asking, django_capture_on_commit_callbacks):
    client.force_login(asking.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(ask_url(asking.english), {"text": ASKED})
    question = Question.objects.get()
    assert sent.status_code == 302 and sent["Location"] == question_url(question)
    # Recorded against the original, whichever language it was asked in.
    assert (question.solution_id, question.asker) == (asking.solution.pk, asking.reporter)
    told = {notice.recipient: notice.text for notice in Notification.objects.all()}
    assert set(told) == {asking.team_member, asking.adopter}
    # Each in their language: the team member reads English, the adopter German.
    assert told[asking.team_member].startswith(
        "A municipality asks about “Free parking spaces in real time”: Wie viele")
    assert told[asking.adopter].startswith(
        "Eine Kommune fragt zu „Freie Parkplätze in Echtzeit“: Wie viele")
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [asking.team_member.email, asking.adopter.email])
    assert ASKED in mail.outbox[0].body


def test_a_member_with_a_digest_hears_of_the_question_in_the_digest(
        client, asking, django_capture_on_commit_callbacks):
    profile = asking.adopter.member_profile
    profile.email_frequency = EmailFrequency.DAILY
    profile.save()
    client.force_login(asking.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ask_url(asking.solution), {"text": ASKED})
    assert [message.to for message in mail.outbox] == [[asking.team_member.email]]
    assert send_digests(EmailFrequency.DAILY) == 1
    assert mail.outbox[-1].to == [asking.adopter.email] and ASKED in mail.outbox[-1].body


@pytest.mark.parametrize("who, status", [
    (None, 404), ("plain_member", 404), ("other_team", 404), ("silent_adopter", 404),
    ("ulm_member", 404), ("reporter", 200), ("team_member", 200), ("adopter", 200),
    ("editor", 200)])
def test_before_promotion_only_the_circle_reads_the_question(client, asking, question,
                                                             who, status):
    if who:
        client.force_login(getattr(asking, who))
    page = client.get(question_url(question))
    assert page.status_code == status
    assert (ASKED in page.text) == (status == 200)
    solution_page = client.get(asking.solution.url).text
    assert (ASKED[:40] in solution_page) == (status == 200 and who is not None)


@pytest.mark.parametrize("who, status", [
    ("plain_member", 404), ("other_team", 404), ("silent_adopter", 404)])
def test_outside_the_circle_nobody_answers(client, asking, question, who, status):
    client.force_login(getattr(asking, who))
    assert client.post(answer_url(question), {"text": "Frag mich!"}).status_code == status
    assert not Answer.objects.exists()


def test_anonymous_readers_are_sent_to_sign_in(client, asking, question):
    for url in (answer_url(question), ask_url(asking.solution)):
        answer = client.post(url, {"text": "Hallo"})
        assert answer.status_code == 302
        assert answer["Location"].startswith(resolve_url(settings.LOGIN_URL))
    assert Question.objects.count() == 1 and not Answer.objects.exists()


def test_team_answers_the_asker_hears_and_marks_it_helpful(
        client, asking, question, django_capture_on_commit_callbacks):
    client.force_login(asking.team_member)
    with django_capture_on_commit_callbacks(execute=True):
        posted = client.post(answer_url(question), {"text": "Einen je *Stellplatz*."})
    answer = Answer.objects.get()
    assert posted.status_code == 302 and posted["Location"].endswith(f"#answer-{answer.pk}")
    # The asker and the adopter hear of it; the one who answered does not.
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        asking.reporter.username, asking.adopter.username}
    assert {message.to[0] for message in mail.outbox} == {asking.reporter.email,
                                                          asking.adopter.email}
    # Only the asker chooses the most helpful answer.
    assert client.post(helpful_url(question), {"answer": answer.pk}).status_code == 403
    client.force_login(asking.reporter)
    page = client.get(question_url(question))
    assert "<em>Stellplatz</em>" in page.text  # the posts' Markdown, sanitised
    assert client.post(helpful_url(question), {"answer": answer.pk}).status_code == 302
    question.refresh_from_db()
    assert question.helpful_answer == answer


def test_the_asker_answers_too_and_the_circle_hears(client, asking, question):
    client.force_login(asking.reporter)
    assert client.post(answer_url(question), {"text": "Noch eine Frage dazu."}).status_code \
        == 302
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        asking.team_member.username, asking.adopter.username}


@pytest.mark.parametrize("body", [{}, {"text": "   "}, {"text": "x" * 2001}])
def test_a_bad_question_is_refused_and_changes_nothing(client, asking, body):
    client.force_login(asking.reporter)
    answer = client.post(ask_url(asking.solution), body)
    assert answer.status_code == 400
    assert not Question.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize("choice", ["", "x", "99999", "²"])
def test_a_bad_choice_of_answer_is_refused(client, asking, question, choice):
    client.force_login(asking.reporter)
    answer = client.post(helpful_url(question), {"answer": choice})
    assert answer.status_code == 302
    question.refresh_from_db()
    assert question.helpful_answer is None


def test_bad_addresses_are_not_found(client, asking, question):
    client.force_login(asking.editor)
    assert client.get("/de/loesungen/99999/fragen/").status_code == 404
    assert client.post(ask_url(asking.solution).replace(str(asking.solution.pk), "99999"),
                       {"text": ASKED}).status_code == 404
    assert client.get(question_url(question).replace(str(question.pk), "99999")) \
        .status_code == 404


def test_questions_are_rate_limited_as_posts_are(client, asking):
    client.force_login(asking.reporter)
    statuses = [client.post(ask_url(asking.solution), {"text": f"{ASKED} {number}"})
                .status_code for number in range(7)]
    assert statuses == [302] * 6 + [429]
    assert Question.objects.count() == 6


def test_a_hidden_question_is_read_by_editors_only(client, asking, question):
    Question.objects.filter(pk=question.pk).update(is_hidden=True)
    for who, status in ((asking.reporter, 404), (asking.team_member, 404),
                        (asking.editor, 200)):
        client.force_login(who)
        assert client.get(question_url(question)).status_code == status


def test_the_solution_page_offers_the_form_to_members_only(client, asking, settings):
    settings.PAGE_CACHE_SECONDS = 60  # on, as in production
    client.get(asking.solution.url)  # the site's first request creates its settings
    anonymous = client.get(asking.solution.url)
    assert f'action="{ask_url(asking.solution)}"' not in anonymous.text
    assert "csrfmiddlewaretoken" not in anonymous.text
    assert client.get(asking.solution.url)[HIT_HEADER] == "hit"
    client.force_login(asking.plain_member)
    page = client.get(asking.solution.url)
    assert f'action="{ask_url(asking.solution)}"' in page.text
    assert page.get(HIT_HEADER) is None


def test_an_editor_without_a_member_profile_reads_and_answers(client, asking, question):
    # The office's editors need no member profile; the page names the asker anyway.
    client.force_login(asking.editor)
    page = client.get(question_url(question))
    assert page.status_code == 200 and "Gefragt von Augsburg" in page.text
    assert client.post(answer_url(question), {"text": "Die Geschäftsstelle hilft."}) \
        .status_code == 302
    assert Answer.objects.get().author == asking.editor
