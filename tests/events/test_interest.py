"""Expressions of interest: a municipality asks for a consultation, follows its request,
and the office triages it in the admin, by service, form and JSON alike."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from community.models import FederalState
from events.interest import service
from events.models import (
    EventFormat,
    EventMode,
    EventPage,
    ExpressionOfInterest,
    InterestKind,
    InterestNote,
    InterestStatus,
    PreferredFormat,
    StartingSituation,
)
from tests.community.conftest import make_user
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import TopicFactory, english_topic

pytestmark = pytest.mark.django_db

BERLIN = service.BERLIN


# -- fixtures and helpers --------------------------------------------------------------


@pytest.fixture
def ulm(db):
    return MunicipalityFactory(name="Ulm", ags="08421000",
                               federal_state=FederalState.BADEN_WUERTTEMBERG)


@pytest.fixture
def topics(site):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet", sort_order=1)
    energy = TopicFactory(name="Energie", slug="energie", sort_order=2)
    english_topic(mobility, "Mobility")
    english_topic(energy, "Energy")
    return {"mobilitaet": mobility, "energie": energy}


@pytest.fixture
def office(db):
    """A member of the office who triages requests (and nothing else)."""
    user = make_user("buero")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_expressionofinterest"),
        Permission.objects.get(codename="view_expressionofinterest"))
    return user


def url(name: str, language: str = "de", args: list | None = None) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", args=args or [])


def form_data(**overrides) -> dict:
    data = {
        "kind": InterestKind.CONSULTATION, "municipality": "", "new_municipality_name": "",
        "federal_state": "", "contact_name": "Erika Muster", "contact_role": "Digitalisierung",
        "email": "erika@ulm.example", "phone": "+49 731 161-0", "topics": ["mobilitaet"],
        "starting_situation": StartingSituation.FIRST_STEPS,
        "situation_details": "Wir fangen gerade an.",
        "preferred_format": PreferredFormat.ON_SITE, "preferred_dates": "März, vormittags",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_interest(municipality, topics=(), *, language="de", **fields) -> ExpressionOfInterest:
    values = {"kind": InterestKind.CONSULTATION, "municipality": municipality,
              "contact_name": "Erika Muster", "email": "erika@ulm.example",
              "starting_situation": StartingSituation.STRATEGY_IN_PROGRESS,
              "preferred_format": PreferredFormat.EITHER, "consent": True,
              "topics": list(topics), **fields}
    return service.submit(values, language)


def status_link(message) -> str:
    found = re.search(r"http://testserver(/\S+)", message.body)
    assert found, f"no link in:\n{message.body}"
    return found.group(1)


def admin_edit_url(interest) -> str:
    return reverse(ExpressionOfInterest.snippet_viewset.get_url_name("edit"), args=[interest.pk])


def admin_form(interest, *, status=None, assignee=None, notes=()) -> dict:
    existing = [{"id": note.pk, "text": note.text} for note in interest.notes.all()]
    return nested_form_data({
        "status": status or interest.status,
        "assignee": assignee.pk if assignee else "",
        "notes": inline_formset([*existing, *({"text": text} for text in notes)],
                                initial=len(existing)),
    })


# -- the form on the site --------------------------------------------------------------


def test_a_municipality_asks_for_a_consultation_in_german(
        client, ulm, topics, mailbox, django_capture_on_commit_callbacks):
    page = client.get(url("interest"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="de">' in html
    assert "Mobilität" in html and "Energie" in html
    # Radio and checkbox groups are fieldsets named by their legend.
    assert re.search(r"<fieldset[^>]*>\s*<legend>[^<]*", html)
    assert html.count("<fieldset") >= 6

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("interest"), form_data(municipality=ulm.pk,
                                                          federal_state="09"))
    assert response.status_code == 302
    assert response["Location"] == url("interest_thanks")
    interest = ExpressionOfInterest.objects.get()
    assert interest.municipality == ulm
    # The state comes from the list, not from the form.
    assert interest.federal_state == FederalState.BADEN_WUERTTEMBERG
    assert interest.language == "de"
    with translation.override("de"):
        assert interest.consent_text == str(service.CONSENT_TEXT)
    assert interest.consented_at is not None
    assert [t.slug for t in interest.topics.all()] == ["mobilitaet"]
    assert interest.status == InterestStatus.NEW

    assert len(mailbox) == 1
    assert mailbox[0].to == ["erika@ulm.example"]
    assert status_link(mailbox[0]) == url("interest_status", args=[interest.token])
    assert "Ulm" in mailbox[0].body and "Mobilität" in mailbox[0].body

    thanks = client.get(response["Location"]).content.decode()
    assert url("interest_status", args=[interest.token]) in thanks


def test_an_english_reader_sees_english_topics_and_is_answered_in_english(
        client, ulm, topics, mailbox, django_capture_on_commit_callbacks):
    html = client.get(url("interest", "en")).content.decode()
    assert '<html lang="en">' in html
    assert "Mobility" in html and "Mobilität" not in html
    assert "Ask for a consultation or a place in Start Smart" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("interest", "en"),
                               form_data(municipality=ulm.pk, topics=["mobilitaet", "energie"]))
    assert response.status_code == 302
    interest = ExpressionOfInterest.objects.get()
    assert interest.language == "en"
    with translation.override("en"):
        assert interest.consent_text == str(service.CONSENT_TEXT)
    assert interest.consent_text.startswith("I agree that the coordination and transfer office")
    # Filed under the German topics, which the office counts.
    assert {t.locale.language_code for t in interest.topics.all()} == {"de"}
    assert mailbox[0].subject == "We have received your request"
    assert "Mobility, Energy" in mailbox[0].body
    assert status_link(mailbox[0]).startswith("/en/")

    status_page = client.get(status_link(mailbox[0])).content.decode()
    assert "Status: New" in status_page
    assert "Mobility" in status_page


def test_a_request_without_consent_is_refused_and_nothing_is_kept(
        client, ulm, topics, mailbox, django_capture_on_commit_callbacks):
    data = form_data(municipality=ulm.pk)
    del data["consent"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("interest", "en"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Please agree to how we use your details" in html
    assert 'role="alert"' in html
    # What was typed stays in the form.
    assert "erika@ulm.example" in html
    assert not ExpressionOfInterest.objects.exists()
    assert mailbox == []


def test_a_municipality_not_in_the_list_names_itself_and_its_state(
        client, topics, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("interest"), form_data(
            new_municipality_name="Kleinhausen", federal_state=FederalState.BAYERN))
    assert response.status_code == 302
    interest = ExpressionOfInterest.objects.get()
    assert interest.municipality is None
    assert interest.new_municipality_name == "Kleinhausen"
    assert interest.federal_state == FederalState.BAYERN
    assert "Kleinhausen" in mailbox[0].body


def test_a_new_municipality_without_its_state_is_refused(client, topics):
    response = client.post(url("interest", "en"), form_data(new_municipality_name="Kleinhausen"))
    assert response.status_code == 400
    assert ("Choose the federal state of a municipality that is not in the list."
            in response.content.decode())
    assert not ExpressionOfInterest.objects.exists()


def test_an_invalid_address_or_unknown_topic_is_refused(client, ulm, topics):
    response = client.post(url("interest", "en"), form_data(municipality=ulm.pk,
                                                            email="erika(at)ulm"))
    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    response = client.post(url("interest", "en"), form_data(municipality=ulm.pk,
                                                            topics=["astrologie"]))
    assert response.status_code == 400
    assert "There is no topic “astrologie”." in response.content.decode()
    assert not ExpressionOfInterest.objects.exists()


def test_a_member_finds_their_details_filled_in(client, ulm, topics):
    member = make_user("kaemmerer")
    member.member_profile.municipality = ulm
    member.member_profile.save()
    client.force_login(member)
    html = client.get(url("interest")).content.decode()
    assert 'value="kaemmerer@demo.example"' in html
    assert 'value="Kaemmerer"' in html
    assert f'<option value="{ulm.pk}" selected>' in html


# -- the requester's status page -------------------------------------------------------


def test_the_status_page_shows_the_way_so_far_but_not_the_offices_notes(
        client, ulm, topics, office, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interest = make_interest(ulm, [topics["mobilitaet"]], language="en")
    interest.assignee = office
    interest.save()
    InterestNote.objects.create(interest=interest, text="Kämmerer skeptisch", author=office)
    with django_capture_on_commit_callbacks(execute=True):
        service.change_status(interest, InterestStatus.CONTACTED, by=office)

    response = client.get(url("interest_status", "en", [interest.token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    html = response.content.decode()
    assert "Status: Contacted" in html
    assert "We have been in touch with you" in html
    history = html.split('id="history-heading"')[1].split("</ol>")[0]
    assert "Request received" in history and "Contacted" in history
    assert "Ulm" in html and "An initial consultation" in html
    assert "Kämmerer skeptisch" not in html
    assert "buero" not in html.lower()


def test_a_forged_status_link_finds_nothing(client, ulm):
    make_interest(ulm)
    response = client.get(url("interest_status", "en", ["erfunden-" + "x" * 30]))
    assert response.status_code == 404
    assert "There is no request with this link." in response.content.decode()


# -- status changes --------------------------------------------------------------------


def test_a_status_change_tells_the_requester_once_in_their_language(
        ulm, office, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interest = make_interest(ulm, language="en")
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        service.change_status(interest, InterestStatus.CONTACTED, by=office)
        # Asking again for the state it is in changes and sends nothing.
        service.change_status(interest, InterestStatus.CONTACTED, by=office)
    assert len(mailbox) == 1
    assert mailbox[0].subject == "Your request: Contacted"
    assert status_link(mailbox[0]) == url("interest_status", "en", [interest.token])
    interest.refresh_from_db()
    assert interest.status == InterestStatus.CONTACTED
    assert interest.status_changed_at is not None


def test_a_step_the_flow_does_not_allow_is_refused_and_changes_nothing(
        ulm, office, mailbox, django_capture_on_commit_callbacks):
    interest = make_interest(ulm)
    mailbox.clear()
    refused = pytest.raises(service.InterestError,
                            match="A request that is “New” cannot become “Done”")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True), refused:
        service.change_status(interest, InterestStatus.DONE, by=office)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.NEW
    assert interest.status_changed_at is None
    assert mailbox == []


def test_a_status_saved_in_the_admin_tells_the_requester_exactly_once(
        client, ulm, office, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interest = make_interest(ulm)
    mailbox.clear()
    client.force_login(office)
    assert client.get(admin_edit_url(interest)).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_edit_url(interest), admin_form(
            interest, status=InterestStatus.CONTACTED, assignee=office,
            notes=["Telefonat vereinbart"]))
    assert response.status_code == 302, response.content.decode()[:3000]
    interest.refresh_from_db()
    assert interest.status == InterestStatus.CONTACTED
    assert interest.assignee == office
    assert interest.status_changed_at is not None
    note = interest.notes.get()
    assert note.text == "Telefonat vereinbart"
    assert note.author == office
    assert len(mailbox) == 1
    assert mailbox[0].to == ["erika@ulm.example"]

    # Saving again (a note, no new status) tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_edit_url(interest), admin_form(
            interest, assignee=office, notes=["Unterlagen geschickt"]))
    assert response.status_code == 302
    assert len(mailbox) == 1
    assert interest.notes.count() == 2
    assert service.status_history(interest)[-1]["status"] == InterestStatus.CONTACTED


def test_the_admin_refuses_a_step_the_flow_does_not_allow(
        client, ulm, office, mailbox, django_capture_on_commit_callbacks):
    interest = make_interest(ulm)
    mailbox.clear()
    client.force_login(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(admin_edit_url(interest), admin_form(
            interest, status=InterestStatus.DONE))
    assert response.status_code == 200
    assert "status" in response.context["form"].errors
    # Only the steps the flow allows are offered.
    offered = [value for value, _label in response.context["form"].fields["status"]
               .widget.choices]
    assert offered == ["new", "contacted", "scheduled", "declined"]
    interest.refresh_from_db()
    assert interest.status == InterestStatus.NEW
    assert mailbox == []


# -- from a request to a consultation event --------------------------------------------


@pytest.mark.clock
def test_a_request_becomes_a_draft_consultation_event_in_one_step(
        calendar, ulm, topics, office, mailbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        interest = make_interest(ulm, [topics["mobilitaet"], topics["energie"]],
                                 preferred_format=PreferredFormat.EITHER)
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        event = service.create_consultation_event(interest, by=office)

    event = EventPage.objects.get(pk=event.pk)
    assert not event.live
    assert event.get_parent().pk == calendar.pk
    assert event.format == EventFormat.CONSULTATION
    assert "Ulm" in event.title
    assert event.mode == EventMode.VIRTUAL  # "either" starts virtual
    assert event.registration_open is False
    start = timezone.localtime(event.start, BERLIN)
    assert start.weekday() < 5 and (start.hour, start.minute) == (9, 0)
    assert start.date() > timezone.localtime(timezone.now(), BERLIN).date()
    assert event.end - event.start == timedelta(hours=4)
    assert {t.slug for t in event.topics.all()} == {"mobilitaet", "energie"}
    assert event.get_latest_revision() is not None  # editors find it as a draft

    interest.refresh_from_db()
    assert interest.event_id == event.pk
    assert interest.status == InterestStatus.SCHEDULED
    assert len(mailbox) == 1  # told of "scheduled", once

    with pytest.raises(service.InterestError):
        service.create_consultation_event(interest, by=office)
    assert EventPage.objects.filter(format=EventFormat.CONSULTATION).count() == 1


def test_an_on_site_consultation_starts_at_the_municipality(calendar, ulm, office):
    interest = make_interest(ulm, preferred_format=PreferredFormat.ON_SITE)
    event = service.create_consultation_event(interest, by=office)
    assert event.mode == EventMode.ON_SITE
    assert event.place == "Ulm"


def test_the_requester_sees_the_consultation_only_once_it_is_published(
        client, calendar, ulm, office):
    interest = make_interest(ulm, language="en")
    event = service.create_consultation_event(interest, by=office)
    status_page = url("interest_status", "en", [interest.token])
    html = client.get(status_page).content.decode()
    assert "Status: Scheduled" in html
    assert event.title not in html  # a draft's date is only a placeholder

    publish(event)
    html = client.get(status_page).content.decode()
    assert "Your consultation has been arranged." in html
    assert f'href="{event.url}"' in html and event.title in html


def test_the_placeholder_date_skips_the_weekend():
    friday_evening = datetime(2030, 3, 8, 18, 0, tzinfo=BERLIN)
    assert service.next_weekday_morning(friday_evening) == datetime(2030, 3, 11, 9, 0,
                                                                    tzinfo=BERLIN)


def test_the_office_creates_the_event_from_the_admin_and_lands_in_the_page_editor(
        client, calendar, ulm, office, mailbox, django_capture_on_commit_callbacks):
    GroupPagePermission.objects.create(
        group=_group_with(office, "Start-Smart-Büro"), page=Page.objects.get(pk=calendar.pk),
        permission=Permission.objects.get(codename="add_page"))
    interest = make_interest(ulm)
    client.force_login(office)
    edit_page = client.get(admin_edit_url(interest)).content.decode()
    action = reverse(ExpressionOfInterest.snippet_viewset.get_url_name("create_event"),
                     args=[interest.pk])
    assert action in edit_page
    assert client.get(action).status_code == 200  # says what will happen

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(action)
    interest.refresh_from_db()
    assert interest.event is not None
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[interest.event_id])

    # A second time is refused, back on the request, and nothing new is made.
    response = client.post(action)
    assert response.status_code == 302
    assert response["Location"] == admin_edit_url(interest)
    assert EventPage.objects.count() == 1


def test_an_office_member_who_may_not_add_events_is_refused(client, calendar, ulm, office):
    interest = make_interest(ulm)
    client.force_login(office)
    action = reverse(ExpressionOfInterest.snippet_viewset.get_url_name("create_event"),
                     args=[interest.pk])
    response = client.post(action)
    assert response.status_code == 302
    assert not EventPage.objects.exists()
    interest.refresh_from_db()
    assert interest.event is None and interest.status == InterestStatus.NEW


def _group_with(user, name):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name=name)
    user.groups.add(group)
    return group


# -- the office's overview and permissions ---------------------------------------------


def test_the_overview_counts_requests_per_state_and_topic_by_status(
        client, ulm, topics, office, django_capture_on_commit_callbacks):
    munich = MunicipalityFactory(name="München", ags="09162000",
                                 federal_state=FederalState.BAYERN)
    make_interest(ulm, [topics["mobilitaet"]])
    make_interest(ulm, [topics["mobilitaet"], topics["energie"]])
    contacted = make_interest(munich, [topics["energie"]], email="anna@muenchen.example")
    service.change_status(contacted, InterestStatus.CONTACTED, by=office)

    client.force_login(office)
    # Both are in the office's "Start Smart" menu.
    menu = client.get("/admin/").content.decode()
    assert reverse("events_interest_overview") in menu
    assert reverse(ExpressionOfInterest.snippet_viewset.get_url_name("list")) in menu
    with translation.override("en"):
        response = client.get(reverse("events_interest_overview"))
    assert response.status_code == 200
    context = response.context
    states = {row["label"]: [cell["count"] for cell in row["cells"]] + [row["total"]]
              for row in context["states"]}
    statuses = InterestStatus.values
    new, contacted_at = statuses.index("new"), statuses.index("contacted")
    assert states["Baden-Württemberg"][new] == 2
    assert states["Baden-Württemberg"][-1] == 2
    assert states["Bayern"][contacted_at] == 1
    assert states["Hessen"][-1] == 0
    assert len(context["states"]) == 16
    by_topic = {row["label"]: [cell["count"] for cell in row["cells"]] + [row["total"]]
                for row in context["topics"]}
    assert by_topic["Mobilität"][new] == 2
    assert by_topic["Energie"][new] == 1 and by_topic["Energie"][contacted_at] == 1
    assert context["total"] == 3
    # Each count opens the listing filtered to it.
    html = response.content.decode()
    assert "?federal_state=08&amp;status=new" in html
    listing = client.get(reverse(ExpressionOfInterest.snippet_viewset.get_url_name("list")),
                         {"federal_state": "09"})
    assert listing.status_code == 200
    assert "München" in listing.content.decode() and "Ulm" not in listing.content.decode()


def test_the_listing_filters_by_topic_and_finds_by_address(client, ulm, topics, office):
    munich = MunicipalityFactory(name="München", ags="09162000",
                                 federal_state=FederalState.BAYERN)
    make_interest(ulm, [topics["mobilitaet"]])
    make_interest(munich, [topics["energie"]], email="anna@muenchen.example")
    client.force_login(office)
    list_url = reverse(ExpressionOfInterest.snippet_viewset.get_url_name("list"))
    listing = client.get(list_url).content.decode()
    assert "Ulm" in listing and "München" in listing
    by_topic = client.get(list_url, {"topics": topics["energie"].pk}).content.decode()
    assert "München" in by_topic and "Ulm" not in by_topic
    found = client.get(list_url, {"q": "anna@muenchen"}).content.decode()
    assert "München" in found and "Ulm" not in found


def test_the_listing_asks_the_database_the_same_number_of_times_for_more_requests(
        client, ulm, topics, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    list_url = reverse(ExpressionOfInterest.snippet_viewset.get_url_name("list"))
    client.force_login(office)

    def queries() -> int:
        client.get(list_url)  # warm caches (content types, permissions)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(list_url).status_code == 200
        return len(captured)

    first = make_interest(ulm, [topics["mobilitaet"]])
    ExpressionOfInterest.objects.filter(pk=first.pk).update(assignee=office)
    few = queries()
    for number in range(4):
        other = MunicipalityFactory(name=f"Ort {number}", ags=f"0916{number}000",
                                    federal_state=FederalState.BAYERN)
        made = make_interest(other, [topics["energie"]], email=f"ort{number}@example.org")
        ExpressionOfInterest.objects.filter(pk=made.pk).update(assignee=office)
    assert queries() == few


@pytest.mark.parametrize("who", ["anonymous", "member", "admin_only"])
def test_only_people_who_may_change_requests_triage_them(client, ulm, who):
    interest = make_interest(ulm)
    if who == "member":
        client.force_login(make_user("mitglied"))
    elif who == "admin_only":
        user = make_user("redakteur")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    viewset = ExpressionOfInterest.snippet_viewset
    for address in (reverse(viewset.get_url_name("list")), admin_edit_url(interest),
                    reverse("events_interest_overview"),
                    reverse(viewset.get_url_name("create_event"), args=[interest.pk])):
        response = client.get(address)
        assert response.status_code in (302, 403), address
        if response.status_code == 302:
            assert "/admin/login/" in response["Location"] or response["Location"] == "/admin/"
    response = client.post(admin_edit_url(interest), admin_form(
        interest, status=InterestStatus.CONTACTED))
    assert response.status_code in (302, 403)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.NEW


def test_nobody_adds_a_request_in_the_admin_where_no_consent_is_given(client, office):
    office.user_permissions.add(Permission.objects.get(codename="add_expressionofinterest"))
    client.force_login(office)
    response = client.get(reverse(ExpressionOfInterest.snippet_viewset.get_url_name("add")))
    assert response.status_code in (302, 403)


# -- the JSON API ----------------------------------------------------------------------


API = "/api/v2/interest/"


def post_json(client, body, **headers):
    return client.post(API, json.dumps(body), content_type="application/json", **headers)


def api_body(**overrides):
    body = {"kind": "consultation", "contact_name": "Erika Muster",
            "email": "erika@ulm.example", "topics": ["mobilitaet"],
            "starting_situation": "first-steps", "preferred_format": "virtual",
            "consent": True}
    body.update(overrides)
    return body


def test_the_api_takes_a_request_as_json(client, ulm, topics, mailbox,
                                         django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(client, api_body(municipality=ulm.pk, language="en"))
    assert response.status_code == 201, response.content
    data = response.json()
    interest = ExpressionOfInterest.objects.get()
    assert data["id"] == interest.pk
    assert data["status"] == "new"
    assert data["status_url"] == "http://testserver" + url("interest_status", "en",
                                                          [interest.token])
    assert response["Location"] == data["status_url"]
    assert interest.municipality == ulm and interest.language == "en"
    assert interest.federal_state == FederalState.BADEN_WUERTTEMBERG
    assert [t.slug for t in interest.topics.all()] == ["mobilitaet"]
    assert len(mailbox) == 1
    assert client.get(data["status_url"].removeprefix("http://testserver")).status_code == 200


def test_the_api_takes_a_new_municipality(client, topics):
    response = post_json(client, api_body(new_municipality_name="Kleinhausen",
                                          federal_state="09"))
    assert response.status_code == 201
    assert ExpressionOfInterest.objects.get().federal_state == "09"


@pytest.mark.parametrize(("change", "field"), [
    ({"consent": False}, "consent"),
    ({"consent": None}, "consent"),
    ({"municipality": 999999}, "municipality"),
    ({"topics": ["astrologie"]}, "topics"),
    ({"email": "erika(at)ulm"}, "email"),
    ({"municipality": None}, "new_municipality_name"),
    ({"topics": "mobilitaet"}, "topics"),
    ({"consent": "yes"}, "consent"),
    ({"favourite_colour": "blue"}, "favourite_colour"),
])
def test_the_api_refuses_bad_input_with_field_errors(client, ulm, topics, mailbox, change,
                                                     field):
    body = api_body(municipality=ulm.pk)
    body.update(change)
    body = {key: value for key, value in body.items() if value is not None}
    response = post_json(client, body, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    data = response.json()
    assert field in data["errors"]
    assert data["message"] == "The request could not be sent."
    assert not ExpressionOfInterest.objects.exists()
    assert mailbox == []


def test_the_api_says_which_consent_is_missing_in_english(client, ulm):
    response = post_json(client, api_body(municipality=ulm.pk, consent=False),
                         HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["errors"]["consent"] == [
        "Please agree to how we use your details: without that, we cannot take your "
        "request."]


def test_the_api_takes_json_only(client, ulm):
    response = client.post(API, {**api_body(municipality=ulm.pk), "consent": "on",
                                 "topics": "mobilitaet"})
    assert response.status_code == 415
    assert "message" in response.json()
    response = client.post(API, "{kaputt", content_type="application/json")
    assert response.status_code == 400
    response = post_json(client, ["eine", "Liste"])
    assert response.status_code == 400
    assert not ExpressionOfInterest.objects.exists()


def test_one_address_cannot_flood_an_inbox(client, ulm, mailbox,
                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post_json(client, api_body(municipality=ulm.pk, topics=[])).status_code
                   for _ in range(service.REQUESTS_PER_ADDRESS_AND_HOUR + 1)]
    assert answers[:-1] == [201] * service.REQUESTS_PER_ADDRESS_AND_HOUR
    assert answers[-1] == 429
    assert ExpressionOfInterest.objects.count() == service.REQUESTS_PER_ADDRESS_AND_HOUR
    assert len(mailbox) == service.REQUESTS_PER_ADDRESS_AND_HOUR


def test_one_client_cannot_write_to_many_addresses(client, ulm, mailbox,
                                                   django_capture_on_commit_callbacks):
    """Issue 24: the per-address cap let one client write to any number of addresses."""
    limit = service.REQUESTS_PER_CLIENT_AND_HOUR
    with django_capture_on_commit_callbacks(execute=True):
        answers = [post_json(client, api_body(municipality=ulm.pk, topics=[],
                                              email=f"opfer{n}@kommune.example")).status_code
                   for n in range(limit + 1)]
    assert answers == [201] * limit + [429]
    assert len(mailbox) == limit
    # Another client is not held up by this one.
    other = post_json(Client(REMOTE_ADDR="198.51.100.20"),
                      api_body(municipality=ulm.pk, topics=[], email="andere@kommune.example"))
    assert other.status_code == 201


def test_the_api_schema_names_the_fields_and_answers(client):
    schema = client.get("/api/v2/schema/").json()
    operation = schema["paths"]["/api/v2/interest/"]["post"]
    name = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    body = schema["components"]["schemas"][name.rsplit("/", 1)[1]]
    assert "consent" in body["required"]
    assert body["properties"]["contact_name"]["maxLength"] == 200
    assert {"201", "400", "415"} <= set(operation["responses"])
