"""Events in Wagtail's page explorer show their date and how full they are; a series has
a registrations view of its own (sessions with their places, people registered through
the series), titled with the series."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from events.models import EventSeriesPage
from events.registrations.service import Registrant, register, register_for_series
from tests.community.factories import make_user
from tests.events.factories import in_days, make_event, make_series
from tests.home.factories import translate

pytestmark = pytest.mark.django_db


def person_in(role: str):
    user = get_user_model().objects.create_user(role, f"{role}@kts.example", "pw")
    if role != "nobody":
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def office(client):
    client.force_login(person_in("Editors"))
    return client


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def programme(calendar):
    kickoff = make_event(calendar, title="Kick-off Nord", start=in_days(3, hour=9), capacity=2)
    for name in ("anna", "bernd", "clara"):
        register(kickoff, Registrant.member(make_user(name)), confirmed=True)
    open_workshop = make_event(calendar, title="Themenworkshop Daten", start=in_days(20),
                               capacity=None)
    series = make_series(calendar, sessions=3, capacity=1, first_in_days=30)
    register_for_series(series, Registrant.member(make_user("dora")), confirmed=True)
    register_for_series(series, Registrant.member(make_user("emil")), confirmed=True)
    return {"kickoff": kickoff, "open": open_workshop, "series": series}


def test_the_calendar_lists_events_with_date_and_places(office, calendar, programme):
    response = office.get(f"/admin/pages/{calendar.pk}/")
    assert response.status_code == 200
    html = re.sub(r"\s+", " ", response.content.decode())
    assert re.search(r"> Datum </a>.*<th > Plätze </th>", html)
    text = text_of(response)
    start = programme["kickoff"].start.astimezone().strftime("%d.%m.%Y %H:%M")
    assert f"{start} 2 von 2 Plätzen belegt · 1 auf der Warteliste" in text
    assert "0 angemeldet, ohne Begrenzung" in text
    sessions = programme["series"].sessions()
    first = sessions.first().start.astimezone().strftime("%d.%m.%Y")
    last = sessions.last().start.astimezone().strftime("%d.%m.%Y")
    assert f"{first} – {last} (3 Termine) 2 für die Reihe angemeldet" in text


def test_a_series_lists_its_sessions_with_date_and_places(office, programme):
    response = office.get(f"/admin/pages/{programme['series'].pk}/")
    text = text_of(response)
    assert text.count("1 von 1 Plätzen belegt · 1 auf der Warteliste") == 3


def test_the_english_calendar_counts_the_originals_registrations(office, calendar, programme):
    english_calendar = Page.objects.get(translation_key=calendar.translation_key,
                                        locale__language_code="en")
    translate(programme["kickoff"], "en", title="Kick-off North", slug="kick-off-north")
    response = office.get(f"/admin/pages/{english_calendar.pk}/")
    assert "Kick-off North" in text_of(response)
    assert "2 von 2 Plätzen belegt · 1 auf der Warteliste" in text_of(response)


def test_the_calendar_orders_by_date(office, calendar, programme):
    response = office.get(f"/admin/pages/{calendar.pk}/?ordering=-event_start")
    titles = [page.title for page in response.context["object_list"]]
    assert titles == ["Peer-Learning Mobilität", "Themenworkshop Daten", "Kick-off Nord"]


def test_the_date_and_places_columns_ask_no_query_per_row(office, calendar, programme):
    def explore() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert office.get(f"/admin/pages/{calendar.pk}/").status_code == 200
        return len(queries)

    explore()
    before = explore()
    for number in range(4):
        event = make_event(calendar, title=f"Regionalkonferenz {number}",
                           start=in_days(40 + number), capacity=5)
        register(event, Registrant.member(make_user(f"gast{number}")), confirmed=True)
    make_series(calendar, title="Zweite Reihe", slug="zweite-reihe", sessions=2)
    explore()
    # Five rows more (four events, one series). wagtail-localize's "Translate this page"
    # button asks two queries per row (upstream, in every explorer); the date and places
    # come with the listing's query and add none.
    assert explore() == before + 2 * 5


def test_the_series_has_a_registrations_view(office, programme):
    series = programme["series"]
    response = office.get(f"/admin/events/{series.pk}/registrations/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Termine (3)" in text and "Für die Reihe angemeldet (2)" in text
    sessions = series.sessions()
    first = sessions.first().start.astimezone().strftime("%d.%m.%Y")
    last = sessions.last().start.astimezone().strftime("%d.%m.%Y")
    assert f"Peer-Learning Mobilität · {first} – {last}" in text
    assert "dora@demo.example" in text and "emil@demo.example" in text
    # dora came first and holds the places; emil waits for each session.
    assert "3 mit Platz, 0 auf der Warteliste, 0 unbestätigt" in text
    assert "0 mit Platz, 3 auf der Warteliste, 0 unbestätigt" in text
    session = series.sessions().first()
    assert f'href="/admin/events/{session.pk}/registrations/"' in response.content.decode()


def test_the_series_registrations_are_titled_with_the_series(office, programme):
    series = programme["series"]
    response = office.get(f"/admin/events/{series.pk}/registrations/")
    assert "<title>Anmeldungen: Peer-Learning Mobilität" in response.content.decode()
    trail = [item["label"] for item in response.context["breadcrumbs_items"]]
    assert trail[1:] == ["Peer-Learning Mobilität", "Anmeldungen"]
    event = programme["kickoff"]
    response = office.get(f"/admin/events/{event.pk}/registrations/")
    assert "<title>Anmeldungen: Kick-off Nord" in response.content.decode()


def test_the_series_page_links_to_its_registrations(office, programme):
    series = programme["series"]
    response = office.get(f"/admin/pages/{series.pk}/edit/")
    assert f"/admin/events/{series.pk}/registrations/" in response.content.decode()


@pytest.mark.parametrize(("role", "allowed"), [
    # As for an event's registrations: whoever may edit the page (translators may).
    ("Editors", True), ("Event managers", True), ("Translators", True),
    ("Moderators", False), ("nobody", False),
])
def test_who_sees_a_series_registrations(client, programme, role, allowed):
    client.force_login(person_in(role))
    response = client.get(f"/admin/events/{programme['series'].pk}/registrations/")
    if allowed:
        assert response.status_code == 200
        assert "dora@demo.example" in text_of(response)
    else:
        assert response.status_code in (302, 403)
        assert "dora@demo.example" not in text_of(response)


def test_a_page_that_is_no_event_has_no_registrations(office, calendar):
    assert office.get(f"/admin/events/{calendar.pk}/registrations/").status_code == 404
    assert office.get("/admin/events/999999/registrations/").status_code == 404


def test_the_english_series_shows_the_originals_registrations(office, calendar, programme):
    english = translate(EventSeriesPage.objects.get(pk=programme["series"].pk), "en",
                        title="Peer learning mobility", slug="peer-learning-mobility")
    response = office.get(f"/admin/events/{english.pk}/registrations/")
    assert response.status_code == 200
    assert "dora@demo.example" in text_of(response)
