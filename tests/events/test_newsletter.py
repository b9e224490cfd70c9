"""The newsletter: double opt-in in both languages, sign-ups that reveal nothing and
change nothing without the inbox, one-click unsubscribe (RFC 8058), and the office's
export of the confirmed list."""

from __future__ import annotations

import csv
import io
import re
import time

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from events.models import EventFormat, NewsletterSubscription
from events.newsletter import service as newsletter
from tests.community.conftest import make_user
from tests.repository.factories import TopicFactory, english_topic

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/(?:de|en)/\S+)")


# -- fixtures and helpers --------------------------------------------------------------


@pytest.fixture
def topics(site):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet", sort_order=1)
    energy = TopicFactory(name="Energie", slug="energie", sort_order=2)
    english_topic(mobility, "Mobility")
    english_topic(energy, "Energy")
    return {"mobilitaet": mobility, "energie": energy}


@pytest.fixture
def office(db):
    """Someone at the office who looks after the newsletter list, with the admin in
    English."""
    user = make_user("redaktion")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_newslettersubscription"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def url(name: str, language: str = "de", args: list | None = None) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", args=args or [])


def sign_up(client, captured, *, email: str = "erika@ulm.example", language: str = "de",
            topics: list[str] = ("mobilitaet",), formats: list[str] = ("kickoff",),
            name: str = "Erika Muster", consent: bool = True):
    data = {"email": email, "name": name, "topics": list(topics), "formats": list(formats)}
    if consent:
        data["consent"] = "on"
    with translation.override(language), captured(execute=True):
        return client.post(url("newsletter", language), data)


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


def subscribe(email: str, *, topics: list = (), formats: list[str] = ("kickoff",),
              language: str = "de", name: str = "") -> NewsletterSubscription:
    """A confirmed subscriber, the way the service makes one."""
    choices = newsletter.NewsletterChoices(
        email=email, name=name, topic_ids=tuple(t.pk for t in topics),
        formats=tuple(formats), language=language)
    subscription, _ = NewsletterSubscription.objects.get_or_create(email=email)
    return newsletter.confirm(newsletter.confirmation_token(subscription, choices))


def csrf_post(client: Client, path: str, data: dict | None = None):
    """A form post the way a browser sends it: with the token from the page."""
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return client.post(path, {**(data or {}), "csrfmiddlewaretoken": token.group(1)})


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
    assert "<legend>Topics</legend>" in english
    assert "<legend>Formats</legend>" in english
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
    assert '<button class="button" type="submit">Unsubscribe</button>' in html
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


# -- the office's export ---------------------------------------------------------------


@pytest.fixture
def mixed_list(topics):
    """A confirmed subscriber, one who has not confirmed, and one who unsubscribed."""
    confirmed = subscribe("anna@kiel.example", name="Anna Kiel", language="en",
                          topics=[topics["mobilitaet"], topics["energie"]],
                          formats=["kickoff", "peer-learning"])
    formula = subscribe("bernd@ulm.example", name="=HYPERLINK(\"http://x.example\")")
    NewsletterSubscription.objects.create(email="waiting@ulm.example", name="Wartend")
    gone = subscribe("gone@ulm.example", name="Gegangen")
    newsletter.unsubscribe(gone)
    return {"confirmed": confirmed, "formula": formula}


def export_url(file_format: str) -> str:
    return reverse(NewsletterSubscription.snippet_viewset.get_url_name("export_confirmed"),
                   args=[file_format])


def test_csv_export_lists_only_confirmed_subscribers(client, office, mixed_list):
    client.force_login(office)
    response = client.get(export_url("csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert [row["E-mail address"] for row in rows] == ["anna@kiel.example",
                                                       "bernd@ulm.example"]
    anna = rows[0]
    assert anna["Name"] == "Anna Kiel"
    assert anna["Language"] == "en"
    assert anna["Topics"].split(", ") == ["energie", "mobilitaet"]
    assert anna["Formats"].split(", ") == ["kickoff", "peer-learning"]
    confirmed = timezone.localtime(mixed_list["confirmed"].confirmed_at)
    assert anna["Confirmed on"] == confirmed.strftime("%Y-%m-%d %H:%M")
    # A name that a spreadsheet would run as a formula stays text.
    assert rows[1]["Name"] == "'=HYPERLINK(\"http://x.example\")"


def test_xlsx_export_lists_only_confirmed_subscribers(client, office, mixed_list):
    client.force_login(office)
    response = client.get(export_url("xlsx"))

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("E-mail address", "Name", "Language", "Topics", "Formats",
                       "Confirmed on")
    assert [row[0] for row in rows[1:]] == ["anna@kiel.example", "bernd@ulm.example"]
    assert rows[1][1:5] == ("Anna Kiel", "en", "energie, mobilitaet", "kickoff, peer-learning")
    confirmed = timezone.localtime(mixed_list["confirmed"].confirmed_at)
    assert rows[1][5].replace(second=0, microsecond=0) == confirmed.replace(
        tzinfo=None, second=0, microsecond=0)
    assert sheet.cell(row=3, column=2).data_type == "s"


def test_export_is_refused_to_anyone_who_may_not_see_subscriptions(client, mixed_list):
    member = make_user("mitglied")
    admin_without_rights = make_user("andere-redaktion")
    admin_without_rights.user_permissions.add(Permission.objects.get(codename="access_admin"))

    for user in (None, member, admin_without_rights):
        client.logout()
        if user:
            client.force_login(user)
        for file_format in ("csv", "xlsx"):
            response = client.get(export_url(file_format))
            assert response.status_code == 302, user
            assert "attachment" not in response.get("Content-Disposition", "")


def test_an_unknown_export_format_is_not_found(client, office, mixed_list):
    client.force_login(office)

    assert client.get(export_url("pdf")).status_code == 404


def test_office_finds_subscribers_by_state_and_address_and_sees_the_export(
        client, office, mixed_list):
    client.force_login(office)
    list_url = reverse(NewsletterSubscription.snippet_viewset.get_url_name("list"))

    subscribed = client.get(list_url, {"state": "subscribed"}).content.decode()
    waiting = client.get(list_url, {"state": "waiting"}).content.decode()
    found = client.get(list_url, {"q": "kiel"}).content.decode()

    assert "anna@kiel.example" in subscribed
    assert "waiting@ulm.example" not in subscribed
    assert "gone@ulm.example" not in subscribed
    assert "waiting@ulm.example" in waiting
    assert "anna@kiel.example" not in waiting
    assert "anna@kiel.example" in found
    assert "bernd@ulm.example" not in found
    assert export_url("csv") in subscribed
    assert export_url("xlsx") in subscribed
    by_format = client.get(list_url, {"formats": "peer-learning"}).content.decode()
    assert "anna@kiel.example" in by_format
    assert "bernd@ulm.example" not in by_format


def test_office_corrects_formats_and_records_an_unsubscription_by_phone(
        client, office, mixed_list):
    office.user_permissions.add(
        Permission.objects.get(codename="change_newslettersubscription"))
    client.force_login(office)
    anna = mixed_list["confirmed"]
    edit_url = reverse(NewsletterSubscription.snippet_viewset.get_url_name("edit"),
                       args=[anna.pk])

    page = client.get(edit_url)
    assert page.status_code == 200
    assert 'type="checkbox" name="formats" value="kickoff"' in page.content.decode()
    response = client.post(edit_url, {
        "name": "Anna Kiel", "language": "en", "topics": [anna.topics.first().pk],
        "formats": ["theme-workshop"], "unsubscribed_at": "2030-01-02 10:00"})

    assert response.status_code == 302
    anna.refresh_from_db()
    assert anna.formats == ["theme-workshop"]
    assert anna.email == "anna@kiel.example"
    assert anna.unsubscribed_at is not None
    assert "anna@kiel.example" not in [row["email"] for row in newsletter.export_rows()]


def test_nobody_adds_a_subscription_in_the_admin(client, office):
    office.user_permissions.add(Permission.objects.get(codename="add_newslettersubscription"))
    client.force_login(office)

    add_url = reverse(NewsletterSubscription.snippet_viewset.get_url_name("add"))
    response = client.get(add_url)

    assert response.status_code == 302
    assert NewsletterSubscription.objects.count() == 0
