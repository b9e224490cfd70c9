"""The newsletter in the office's admin: the export of the confirmed list (CSV, XLSX,
never cached) and the subscriptions listing, where nobody adds one."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from events.models import NewsletterSubscription
from events.newsletter import service as newsletter
from tests.community.factories import make_user
from tests.events.newsletter_helpers import subscribe

pytestmark = pytest.mark.django_db


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
