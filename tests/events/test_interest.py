"""Expressions of interest: a municipality asks for a consultation, follows its request,
and the office triages it in the admin, by service, form and JSON alike."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client
from django.utils import translation

from community.models import FederalState
from events.interest import service
from events.models import (
    ExpressionOfInterest,
    InterestNote,
    InterestStatus,
)
from tests.community.factories import make_user
from tests.events.interest_helpers import (
    form_data,
    make_interest,
    status_link,
    url,
)

pytestmark = pytest.mark.django_db


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
    # The picker shows the member's municipality, chosen.
    assert f'value="{ulm.pk}" checked>' in html and 'value="Ulm (Baden-Württemberg)"' in html


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
