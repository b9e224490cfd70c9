"""The office runs an event's registrations from the admin."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from openpyxl import load_workbook

from events.models import Registration, RegistrationStatus
from events.registrations.service import Registrant, register
from tests.community.factories import MunicipalityFactory, make_user
from tests.events.factories import in_days, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client):
    user = get_user_model().objects.create_user("buero", "buero@kts.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def full_event(calendar):
    event = make_event(calendar, capacity=2)
    town = MunicipalityFactory(name="Bad Beispiel")
    people = [make_user(name) for name in ("anna", "bernd", "clara")]
    people[0].member_profile.municipality = town
    people[0].member_profile.save()
    for person in people:
        register(event, Registrant.member(person), confirmed=True)
    register(event, Registrant(name="=HYPERLINK(\"x\")", email="formel@kommune.example",
                               organisation="Formelstadt"), confirmed=True)
    return event


def test_the_event_page_in_the_admin_links_to_its_registrations(office, full_event):
    response = office.get(f"/admin/pages/{full_event.pk}/edit/")
    assert f"/admin/events/{full_event.pk}/registrations/" in response.content.decode()


def test_the_office_sees_who_is_registered_and_who_waits(office, full_event):
    response = office.get(f"/admin/events/{full_event.pk}/registrations/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Angemeldet (2)" in html and "Auf der Warteliste (2)" in html
    assert "anna@demo.example" in html and "Bad Beispiel" in html
    assert "2 von 2 Plätzen belegt" in html


def test_the_registrations_header_names_the_event_not_home(office, full_event):
    response = office.get(f"/admin/events/{full_event.pk}/registrations/")
    trail = [item["label"] for item in response.context["breadcrumbs_items"]]
    assert trail[1:] == [full_event.title, "Anmeldungen"]


def test_the_registrations_name_the_event_and_its_tables_scroll_on_a_phone(office, full_event):
    """The header says only "Anmeldungen": the event's title stands above its date, and
    each list scrolls within its own region instead of being cut off at 390 px."""
    html = office.get(f"/admin/events/{full_event.pk}/registrations/").content.decode()
    assert f"<p><strong>{full_event.title}</strong> · " in html
    assert html.count('<div class="admin-table-scroll" role="region"') == 2  # registered, waiting
    assert '<p class="admin-actions">' in html


def test_exports_list_active_registrations_as_csv_and_xlsx(office, full_event):
    response = office.get(f"/admin/events/{full_event.pk}/registrations/export.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    # Personal data: no cache keeps a copy (home.exports, for every export).
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Name", "E-Mail-Adresse", "Kommune"]
    assert [row[1] for row in rows[1:]] == ["anna@demo.example", "bernd@demo.example",
                                           "clara@demo.example", "formel@kommune.example"]
    assert rows[1][2] == "Bad Beispiel"
    # A name that a spreadsheet would run as a formula stays text.
    assert rows[4][0].startswith("'=")

    response = office.get(f"/admin/events/{full_event.pk}/registrations/export.xlsx")
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "E-Mail-Adresse"
    assert {row[5] for row in values[1:]} == {"Angemeldet", "Auf der Warteliste"}
    assert office.get(f"/admin/events/{full_event.pk}/registrations/export.pdf"
                      ).status_code == 404


def test_the_office_messages_participants_in_their_language(
        office, full_event, mailbox):
    english = Registration.objects.get(email="anna@demo.example")
    english.language = "en"
    english.save()
    mailbox.clear()
    url = f"/admin/events/{full_event.pk}/registrations/message/"
    response = office.post(url, {"recipients": "confirmed", "subject": "Neuer Raum",
                                 "text": "Wir treffen uns im Raum B."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailbox) == ["anna@demo.example", "bernd@demo.example"]
    assert all("Wir treffen uns im Raum B." in m.body for m in mailbox)
    anna = next(m for m in mailbox if m.to == ["anna@demo.example"])
    assert "Cancel your registration:" in anna.body
    # Missing subject: told, nothing sent.
    mailbox.clear()
    response = office.post(url, {"recipients": "waitlisted", "subject": "", "text": "x"})
    assert response.status_code == 400
    assert not mailbox


def test_the_office_cancels_for_someone_and_the_next_person_moves_up(
        office, full_event, mailbox, django_capture_on_commit_callbacks):
    anna = Registration.objects.get(email="anna@demo.example")
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = office.post(f"/admin/events/{full_event.pk}/registrations/",
                               {"cancel": anna.pk}, follow=True)
    assert "Nachgerückt von der Warteliste: Clara." in response.content.decode()
    assert Registration.objects.get(email="clara@demo.example").status == "confirmed"
    assert {m.to[0] for m in mailbox} == {"anna@demo.example", "clara@demo.example"}
    anna_mail = next(m for m in mailbox if m.to == ["anna@demo.example"])
    assert "Geschäftsstelle hat Ihre Anmeldung storniert" in anna_mail.body


def test_attendance_is_recorded_after_the_event_has_begun(office, calendar, member):
    event = make_event(calendar, start=in_days(-1), hours=2)
    other = make_user("zweite")
    for person in (member, other):
        Registration.objects.create(event=event, name=person.email, email=person.email,
                                    status=RegistrationStatus.CONFIRMED)
    present = Registration.objects.get(email=member.email)
    response = office.post(f"/admin/events/{event.pk}/registrations/",
                           {"attendance": "1", "attended": [present.pk]}, follow=True)
    assert "1 von 2 waren da." in response.content.decode()
    assert dict(Registration.objects.values_list("email", "attended")) == {
        member.email: True, other.email: False}


def test_attendance_cannot_be_recorded_before_the_event(office, full_event):
    anna = Registration.objects.get(email="anna@demo.example")
    office.post(f"/admin/events/{full_event.pk}/registrations/",
                {"attendance": "1", "attended": [anna.pk]})
    assert Registration.objects.get(pk=anna.pk).attended is None


def test_a_foreign_registration_id_changes_nothing(office, full_event, calendar, member):
    other_event = make_event(calendar, title="Andere", start=in_days(30))
    foreign = register(other_event, Registrant.member(member), confirmed=True)
    response = office.post(f"/admin/events/{full_event.pk}/registrations/",
                           {"cancel": foreign.pk}, follow=True)
    assert "Diese Anmeldung gibt es nicht." in response.content.decode()
    assert Registration.objects.get(pk=foreign.pk).status == "confirmed"


@pytest.mark.parametrize("who", ["anonymous", "member"])
def test_people_who_may_not_edit_the_event_see_no_registrations(client, full_event, who):
    if who == "member":
        client.force_login(make_user("neugierig"))
    for suffix in ("", "export.csv", "message/"):
        response = client.get(f"/admin/events/{full_event.pk}/registrations/{suffix}")
        assert response.status_code in (302, 403)
        assert b"anna@demo.example" not in response.content


def test_a_moved_date_in_the_admin_checks_the_order_of_start_and_end(office, full_event):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    start = full_event.start + timedelta(days=1)
    response = office.post(f"/admin/pages/{full_event.pk}/edit/", nested_form_data({
        "title": full_event.title, "slug": full_event.slug, "format": "kickoff",
        "summary": full_event.summary, "description": rich_text(""),
        "start": start.strftime("%Y-%m-%d %H:%M"),
        "end": (start - timedelta(hours=1)).strftime("%Y-%m-%d %H:%M"),
        "mode": "virtual", "capacity": "1", "registration_open": "on",
        "outcomes": streamfield([]),
    }))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Veranstaltung muss nach ihrem Beginn enden." in html
    assert "2 Personen sind bereits angemeldet" in html


def test_forged_admin_input_is_refused_without_an_error_page(office, full_event, mailbox):
    response = office.post(f"/admin/events/{full_event.pk}/registrations/",
                           {"cancel": "alle"}, follow=True)
    assert response.status_code == 200
    assert "Diese Anmeldung gibt es nicht." in response.content.decode()
    mailbox.clear()
    response = office.post(f"/admin/events/{full_event.pk}/registrations/message/", {
        "recipients": "confirmed", "subject": "Hallo\r\nBcc: alle@example.org", "text": "x"})
    assert response.status_code == 400
    assert "Der Betreff muss in eine Zeile passen." in response.content.decode()
    assert not mailbox
