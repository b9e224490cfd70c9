"""The newsletter: double opt-in in both languages, sign-ups that reveal nothing and
change nothing without the inbox, one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.utils import translation

from events.models import EventFormat, NewsletterSubscription
from events.newsletter import service as newsletter
from tests.events.newsletter_helpers import csrf_post, link_in, sign_up, subscribe, url

pytestmark = pytest.mark.django_db


# -- signing up ------------------------------------------------------------------------


def test_sign_up_form_offers_the_topics_in_the_readers_language(client, topics):
    german = client.get(url("newsletter", "de")).content.decode()
    with translation.override("en"):
        english = client.get(url("newsletter", "en")).content.decode()

    assert "Mobilität" in german
    assert "Mobility" in english
    assert "Mobilität" not in english
    # Topics and formats are groups of checkboxes, each group named by its legend.
    assert english.count("<fieldset") == 2
    assert re.search(r"<legend[^>]*>Topics\b", english)
    assert re.search(r"<legend[^>]*>Formats\b", english)
    with translation.override("en"):
        assert str(EventFormat.PEER_LEARNING.label) in english


def test_sign_up_in_german_asks_for_confirmation_and_subscribes_nobody(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == url("newsletter_thanks", "de")
    assert [message.to for message in mailbox] == [["erika@ulm.example"]]
    assert link_in(mailbox[0]).startswith("/de/")
    subscription = NewsletterSubscription.objects.get()
    assert subscription.language == "de"
    assert not subscription.is_subscribed
    assert list(newsletter.subscribers()) == []


def test_sign_up_in_english_writes_in_english(client, topics, mailbox,
                                              django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, language="en",
                       email="Jane@Example.org ")

    assert response["Location"] == url("newsletter_thanks", "en")
    message = mailbox[0]
    assert message.to == ["jane@example.org"]
    assert message.subject == "Please confirm your newsletter subscription"
    assert "Until you confirm, you will receive no newsletter." in message.body
    assert link_in(message).startswith("/en/")
    with translation.override("en"):
        thanks = client.get(response["Location"])
    assert "Please check your inbox" in thanks.content.decode()


def test_confirming_subscribes_with_the_chosen_topics_and_formats(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks, language="en",
            topics=["mobilitaet", "energie"], formats=["kickoff", "peer-learning"])

    with translation.override("en"):
        response = client.get(link_in(mailbox[0]))

    assert response.status_code == 200
    assert "Newsletter subscription confirmed" in response.content.decode()
    subscription = NewsletterSubscription.objects.get()
    assert subscription.is_subscribed
    assert subscription.language == "en"
    assert subscription.name == "Erika Muster"
    assert {t.slug for t in subscription.topics.all()} == {"mobilitaet", "energie"}
    assert subscription.formats == ["kickoff", "peer-learning"]
    assert list(newsletter.subscribers()) == [subscription]


def test_a_sign_up_without_consent_or_with_a_broken_address_is_refused(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    with translation.override("en"):
        no_consent = sign_up(client, django_capture_on_commit_callbacks, language="en",
                             consent=False)
        broken = sign_up(client, django_capture_on_commit_callbacks, language="en",
                         email="erika-at-ulm")
        unknown_topic = sign_up(client, django_capture_on_commit_callbacks, language="en",
                                topics=["no-such-topic"])

    assert no_consent.status_code == 400
    assert "Please agree, so that we may send you the newsletter." in (
        no_consent.content.decode())
    assert broken.status_code == 400
    assert "Enter a valid email address." in broken.content.decode()
    assert unknown_topic.status_code == 400
    with translation.override("en"):
        empty = client.post(url("newsletter", "en"), {})
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert NewsletterSubscription.objects.count() == 0
    assert mailbox == []


# -- signing up again ------------------------------------------------------------------


def test_signing_up_again_does_not_tell_whether_the_address_is_subscribed(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    subscribe("erika@ulm.example", topics=[topics["mobilitaet"]], formats=["kickoff"])

    known = sign_up(client, django_capture_on_commit_callbacks, email="erika@ulm.example",
                    topics=["energie"], formats=["theme-workshop"], name="Someone Else",
                    language="en")
    new = sign_up(client, django_capture_on_commit_callbacks, email="neu@ulm.example",
                  language="en")

    # The same answer for both; only the owner's inbox learns more.
    assert (known.status_code, known["Location"]) == (new.status_code, new["Location"])
    assert [(message.to, message.subject) for message in mailbox] == [
        (["erika@ulm.example"], "Please confirm the changes to your newsletter subscription"),
        (["neu@ulm.example"], "Please confirm your newsletter subscription"),
    ]
    # Nothing changed without the inbox.
    subscription = NewsletterSubscription.objects.get(email="erika@ulm.example")
    assert [t.slug for t in subscription.topics.all()] == ["mobilitaet"]
    assert subscription.formats == ["kickoff"]
    assert subscription.name == ""
    assert subscription.language == "de"

    # The owner opens the link: now the new choices apply, still subscribed since then.
    confirmed_at = subscription.confirmed_at
    client.get(link_in(mailbox[0]))
    subscription.refresh_from_db()
    assert [t.slug for t in subscription.topics.all()] == ["energie"]
    assert subscription.formats == ["theme-workshop"]
    assert subscription.language == "en"
    assert subscription.confirmed_at == confirmed_at


def test_signing_up_again_before_confirming_sends_the_link_again(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks, formats=["kickoff"])
    sign_up(client, django_capture_on_commit_callbacks, formats=["regional-conference"],
            name="Erika M.")

    assert len(mailbox) == 2
    subscription = NewsletterSubscription.objects.get()
    assert not subscription.is_subscribed
    assert subscription.formats == ["kickoff"]

    client.get(link_in(mailbox[1]))
    subscription.refresh_from_db()
    assert subscription.is_subscribed
    assert subscription.formats == ["regional-conference"]
    assert subscription.name == "Erika M."


def test_sign_ups_for_one_address_send_at_most_three_mails_an_hour(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    responses = [sign_up(client, django_capture_on_commit_callbacks) for _ in range(5)]

    assert {response.status_code for response in responses} == {302}
    assert len(mailbox) == newsletter.OPT_IN_MAILS_PER_HOUR


# -- links that cannot be used ---------------------------------------------------------


def test_forged_confirmation_links_are_refused(client, topics, mailbox,
                                               django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    link = link_in(mailbox[0])
    token = link.rstrip("/").rsplit("/", 1)[1]
    tampered = link.replace(token, token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB"))

    with translation.override("en"):
        responses = [client.get(tampered),
                     client.get(url("newsletter_confirm", "en", ["nonsense"]))]

    # The tampered link is the German one from the e-mail; the other is English.
    expected = ["Dieser Bestätigungslink ist nicht gültig.",
                "This confirmation link is not valid."]
    for response, message in zip(responses, expected, strict=True):
        assert response.status_code == 400
        assert message in response.content.decode()
    assert not NewsletterSubscription.objects.get().is_subscribed


def test_an_expired_confirmation_link_is_refused(client, topics, monkeypatch):
    subscription = NewsletterSubscription.objects.create(email="erika@ulm.example")
    choices = newsletter.NewsletterChoices(email=subscription.email, language="en")
    four_days_ago = time.time() - 4 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(time, "time", lambda: four_days_ago)
        token = newsletter.confirmation_token(subscription, choices)

    with translation.override("en"):
        response = client.get(url("newsletter_confirm", "en", [token]))

    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


# -- unsubscribing ---------------------------------------------------------------------


def test_opening_the_unsubscribe_link_only_asks(client, topics):
    subscription = subscribe("erika@ulm.example", language="en")

    with translation.override("en"):
        response = client.get(url("newsletter_unsubscribe", "en", [subscription.token]))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'<button[^>]*type="submit"><span class="kern-label">Unsubscribe<', html)
    subscription.refresh_from_db()
    assert subscription.is_subscribed


def test_the_unsubscribe_button_unsubscribes(topics):
    subscription = subscribe("erika@ulm.example", language="en")
    client = Client(enforce_csrf_checks=True)

    with translation.override("en"):
        response = csrf_post(client, url("newsletter_unsubscribe", "en",
                                         [subscription.token]))

    assert response.status_code == 200
    assert "You have unsubscribed" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert list(newsletter.subscribers()) == []


def test_a_form_post_without_csrf_token_changes_nothing(topics):
    subscription = subscribe("erika@ulm.example")
    client = Client(enforce_csrf_checks=True)

    response = client.post(url("newsletter_unsubscribe", "de", [subscription.token]),
                           {"List-Unsubscribe": "Something-Else"})

    assert response.status_code == 403
    subscription.refresh_from_db()
    assert subscription.is_subscribed


def test_one_click_unsubscribe_from_the_mail_client_needs_no_csrf_token(topics):
    subscription = subscribe("erika@ulm.example")
    headers = newsletter.newsletter_headers(subscription)
    address = headers["List-Unsubscribe"].strip("<>")
    mail_client = Client(enforce_csrf_checks=True)

    # What RFC 8058 prescribes: a POST to the List-Unsubscribe address whose body is the
    # List-Unsubscribe-Post header's value, with no cookies.
    response = mail_client.post(address.removeprefix("http://testserver"),
                                headers["List-Unsubscribe-Post"],
                                content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_newsletter_headers_point_at_the_subscribers_own_link_in_their_language(topics):
    subscription = subscribe("jane@example.org", language="en")

    headers = newsletter.newsletter_headers(subscription)

    assert headers["List-Unsubscribe"] == (
        f"<http://testserver{url('newsletter_unsubscribe', 'en', [subscription.token])}>")
    assert set(headers) == {"List-Unsubscribe", "List-Unsubscribe-Post"}


def test_a_forged_unsubscribe_link_is_not_found(client, topics):
    subscribe("erika@ulm.example")

    with translation.override("en"):
        opened = client.get(url("newsletter_unsubscribe", "en", ["forged-token"]))
        one_click = Client(enforce_csrf_checks=True).post(
            url("newsletter_unsubscribe", "en", ["forged-token"]),
            "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    assert opened.status_code == one_click.status_code == 404
    assert "This unsubscribe link is not valid." in opened.content.decode()
    assert NewsletterSubscription.objects.get().is_subscribed


def test_unsubscribing_twice_is_harmless(client, topics):
    subscription = subscribe("erika@ulm.example")
    newsletter.unsubscribe(subscription)
    first = NewsletterSubscription.objects.get().unsubscribed_at

    with translation.override("en"):
        again = client.get(url("newsletter_unsubscribe", "en", [subscription.token]))

    assert again.status_code == 200
    assert "The newsletter is no longer sent to erika@ulm.example." in again.content.decode()
    newsletter.unsubscribe(NewsletterSubscription.objects.get())
    assert NewsletterSubscription.objects.get().unsubscribed_at == first


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    sign_up(client, django_capture_on_commit_callbacks)
    old_link = link_in(mailbox[0])
    client.get(old_link)
    subscription = NewsletterSubscription.objects.get()
    newsletter.unsubscribe(subscription)

    # The old link does not undo the unsubscription.
    with translation.override("en"):
        stale = client.get(old_link)
    assert stale.status_code == 400
    assert "Sie haben sich abgemeldet, nachdem dieser Link verschickt wurde." in (
        stale.content.decode())
    assert not NewsletterSubscription.objects.get().is_subscribed

    sign_up(client, django_capture_on_commit_callbacks, topics=["energie"])
    assert not NewsletterSubscription.objects.get().is_subscribed
    assert mailbox[-1].subject  # a new opt-in went out
    assert client.get(link_in(mailbox[-1])).status_code == 200
    subscription.refresh_from_db()
    assert subscription.is_subscribed
    assert subscription.unsubscribed_at is None
    assert [t.slug for t in subscription.topics.all()] == ["energie"]
