"""/api/v2/events/ and /api/v2/event-series/: the calendar's filters, the joining link
for confirmed participants only, registering and cancelling as a member (session with
CSRF, or a personal token), the iCalendar feed and the OpenAPI description."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from community.models import PersonalToken
from events.ical import BERLIN
from events.models import EventFormat, EventMode, Registration, RegistrationStatus
from events.registrations.pages import availability
from events.registrations.service import Registrant, register
from tests.community.factories import make_user
from tests.events.factories import in_days, make_event, make_series
from tests.home.factories import publish, translate
from tests.repository.factories import TopicFactory, english_topic

pytestmark = pytest.mark.django_db

EVENTS = "/api/v2/events/"
SERIES = "/api/v2/event-series/"
LINK = "https://konferenz.example/raum-42"


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


@pytest.fixture
def programme(calendar):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    english_topic(mobility, "Mobility")
    kickoff = make_event(calendar, title="Kick-off Nord", start=in_days(10), capacity=2)
    kickoff.topics.add(mobility)
    publish(kickoff)
    workshop = make_event(calendar, title="Themenwerkstatt Energie",
                          format=EventFormat.THEME_WORKSHOP, mode=EventMode.ON_SITE,
                          place="Rathaus Ulm", start=in_days(45), hours=3.5)
    past = make_event(calendar, title="Kick-off Süd", start=in_days(-20))
    return {"kickoff": kickoff, "workshop": workshop, "past": past, "mobility": mobility}


def month_of(event) -> str:
    return timezone.localtime(event.start, BERLIN).strftime("%Y-%m")


def csrf_client(user) -> Client:
    """A signed-in browser session that enforces CSRF, with the token its pages set."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/de/konto/")
    return browser


# -- reading -------------------------------------------------------------------------

def test_the_listing_filters_exactly_like_the_calendar_page(client, calendar, programme):
    queries = [
        "", "when=past", "format=kickoff", "format=kickoff&format=theme-workshop",
        "mode=on-site", "topic=mobilitaet", f"month={month_of(programme['workshop'])}",
        "when=past&format=kickoff", "format=kickoff&mode=hybrid",
    ]
    for query in queries:
        page = client.get(f"{calendar.url}?{query}")
        assert page.status_code == 200, query
        expected = [event.title for event in page.context["items"]]
        assert titles(client.get(f"{EVENTS}?locale=de&{query}")) == expected, query
    assert titles(client.get(EVENTS)) == ["Kick-off Nord", "Themenwerkstatt Energie"]
    assert titles(client.get(f"{EVENTS}?format=kickoff&format=theme-workshop&mode=on-site")
                  ) == ["Themenwerkstatt Energie"]


@pytest.mark.parametrize("query, param", [
    ("format=webinar", "format"), ("mode=underwater", "mode"), ("when=tomorrow", "when"),
    ("topic=nichts", "topic"), ("month=2020-13", "month"), ("month=1999-01", "month"),
])
def test_unknown_filter_values_answer_400_with_the_allowed_values(client, programme, query,
                                                                  param):
    for url in (EVENTS, f"{EVENTS}feed.ics"):
        response = client.get(f"{url}?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, (url, response.content)
        data = response.json()
        assert data["message"].startswith("Unknown filter values. Allowed:")
        assert param in data["errors"]
    allowed = client.get(f"{EVENTS}?format=webinar").json()["errors"]["format"]
    assert {"kickoff", "peer-learning", "theme-workshop"} <= set(allowed)
    months = client.get(f"{EVENTS}?month=1999-01").json()["errors"]["month"]
    assert month_of(programme["workshop"]) in months


@pytest.mark.parametrize("query", ["locale=fr", "joining_link=https://x.example",
                                   "order=joining_link", "search=Kick", "limit=abc",
                                   "fields=joining_link", "capacity=2"])
def test_other_bad_parameters_answer_400_never_500(client, programme, query):
    response = client.get(f"{EVENTS}?{query}")
    assert response.status_code == 400, response.content
    assert response.json()["message"]


def test_an_event_in_english_shows_labels_topics_and_berlin_times(client, calendar,
                                                                   programme):
    kickoff = programme["kickoff"]
    english = translate(kickoff, "en", title="Kick-off North", slug="kick-off-north")
    data = client.get(f"{EVENTS}?locale=en").json()
    assert [item["title"] for item in data["items"]] == ["Kick-off North"]
    item = data["items"][0]
    assert item["id"] == english.pk and item["meta"]["locale"] == "en"
    assert item["meta"]["detail_url"] == f"http://testserver{EVENTS}{english.pk}/"
    assert item["format"] == "kickoff" and item["format_label"] == "Kick-off workshop"
    assert item["mode"] == "virtual" and item["mode_label"] == "Virtual"
    assert item["topics"] == [{"name": "Mobility", "slug": "mobilitaet"}]
    start = timezone.localtime(kickoff.start, BERLIN)
    assert item["start"] == start.isoformat() and item["start"][-6:] in ("+01:00", "+02:00")
    assert item["host"] is None and item["series"] is None
    assert (item["capacity"], item["places_left"], item["waiting"]) == (2, 2, 0)
    assert item["registration_open"] is True and item["closed_reason"] == ""
    assert "joining_link" not in item
    german = client.get(f"{EVENTS}{kickoff.pk}/").json()
    with translation.override("de"):
        assert german["format_label"] == str(EventFormat.KICKOFF.label)
    assert german["topics"] == [{"name": "Mobilität", "slug": "mobilitaet"}]
    assert german["description"] == "" and german["outcomes"] == []


def test_past_events_say_why_registration_is_closed(client, programme):
    data = client.get(f"{EVENTS}?when=past", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["items"][0]["registration_open"] is False
    assert data["items"][0]["closed_reason"]  # in the page's language, German here


# -- the joining link ----------------------------------------------------------------

def test_the_joining_link_is_shown_to_confirmed_participants_only(client, calendar, member):
    event = make_event(calendar, capacity=1)
    waiting = make_user("wartende")
    register(event, Registrant.member(member), confirmed=True, notify=False)
    register(event, Registrant.member(waiting), confirmed=True, notify=False)
    detail = f"{EVENTS}{event.pk}/"

    assert client.get(detail).json()["joining_link"] is None
    client.force_login(waiting)
    assert client.get(detail).json()["joining_link"] is None
    client.force_login(member)
    response = client.get(detail)
    assert response.json()["joining_link"] == LINK
    assert "no-store" in response["Cache-Control"]
    # Never in the listing, not even for a participant, and not on request.
    assert LINK not in client.get(f"{EVENTS}?fields=*").content.decode()
    assert client.get(f"{EVENTS}?fields=joining_link").status_code == 400
    assert LINK not in client.get(f"{EVENTS}feed.ics").content.decode()
    _token, raw = PersonalToken.issue(member, "Kalender-Skript")
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get(detail).json()["joining_link"] == LINK


# -- registering and cancelling ----------------------------------------------------

def test_a_member_registers_and_cancels_with_the_session_and_its_csrf_token(
        calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=5)
    url = f"{EVENTS}{event.pk}/registration/"
    browser = csrf_client(member)
    assert browser.post(url).status_code == 403
    assert not Registration.objects.exists()

    token = {"HTTP_X_CSRFTOKEN": browser.cookies["csrftoken"].value,
             "HTTP_ACCEPT_LANGUAGE": "en"}
    with django_capture_on_commit_callbacks(execute=True):
        created = browser.post(url, **token)
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "confirmed" and created.json()["event"] == event.pk
    assert len(mailbox) == 1 and mailbox[0].to == [member.email]
    assert [a for a in mailbox[0].attachments if a[0].endswith(".ics")]
    assert browser.get(url).json()["status"] == "confirmed"
    assert browser.get(f"{EVENTS}{event.pk}/").json()["places_left"] == 4

    again = browser.post(url, **token)
    assert again.status_code == 400
    assert again.json()["message"] == "You are registered for this event already."
    assert Registration.objects.count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert browser.delete(url, **token).status_code == 204
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    assert browser.get(url).status_code == 404
    gone = browser.delete(url, **token)
    assert gone.status_code == 404
    assert gone.json()["message"] == "You are not registered for this event."


def test_a_member_registers_with_a_personal_token_and_moves_up_from_the_waiting_list(
        calendar, member, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=1)
    first = make_user("erste")
    _token, raw = PersonalToken.issue(member, "Skript")
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    url = f"{EVENTS}{event.pk}/registration/"
    register(event, Registrant.member(first), confirmed=True, notify=False)

    response = api.post(url)
    assert response.status_code == 201 and response.json()["status"] == "waitlisted"
    detail = api.get(f"{EVENTS}{event.pk}/").json()
    assert (detail["places_left"], detail["waiting"]) == (0, 1)
    assert {key: detail[key] for key in ("capacity", "places_left", "waiting")} == {
        key: availability(event)[key] for key in ("capacity", "places_left", "waiting")}
    assert detail["joining_link"] is None

    other = Client()
    other.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        assert other.delete(url).status_code == 204  # the test client skips CSRF
    assert api.get(url).json()["status"] == "confirmed"
    assert api.get(f"{EVENTS}{event.pk}/").json()["joining_link"] == LINK


def test_anonymous_requests_are_told_to_authenticate(client, calendar):
    event = make_event(calendar)
    url = f"{EVENTS}{event.pk}/registration/"
    for method in (client.get, client.post, client.delete):
        response = method(url)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
    assert client.post(f"{SERIES}1/registration/").status_code == 401
    assert not Registration.objects.exists()
    bad = Client(HTTP_AUTHORIZATION="Token sct_falsch")
    assert bad.post(url).status_code == 401


@pytest.mark.clock
def test_closed_past_and_unknown_events_are_refused_with_a_message(calendar, member):
    closed = make_event(calendar, title="Geschlossen",
                        registration_deadline=timezone.now() - timedelta(hours=1))
    past = make_event(calendar, title="Vorbei", start=in_days(-3))
    invitation = make_event(calendar, title="Beratung", registration_open=False)
    api = Client(HTTP_ACCEPT_LANGUAGE="en")
    api.force_login(member)
    messages = {
        closed: "Registration closed on", past: "This event is over.",
        invitation: "This event is by invitation; registration is not open.",
    }
    for event, message in messages.items():
        response = api.post(f"{EVENTS}{event.pk}/registration/")
        assert response.status_code == 400
        assert response.json()["message"].startswith(message)
    assert api.post(f"{EVENTS}999999/registration/").status_code == 404
    draft = make_event(calendar, title="Entwurf")
    draft.unpublish()
    assert api.post(f"{EVENTS}{draft.pk}/registration/").status_code == 404
    assert api.get(f"{EVENTS}{draft.pk}/").status_code == 404
    assert not Registration.objects.exists()


def test_registering_for_a_series_registers_for_every_session(
        calendar, member, django_capture_on_commit_callbacks):
    series = make_series(calendar, sessions=3, capacity=10)
    api = Client()
    api.force_login(member)

    listing = api.get(SERIES).json()["items"]
    assert [item["title"] for item in listing] == ["Peer-Learning Mobilität"]
    assert listing[0]["meta"]["detail_url"] == f"http://testserver{SERIES}{series.pk}/"
    sessions = listing[0]["sessions"]
    assert [session["title"] for session in sessions] == ["Sitzung 1", "Sitzung 2",
                                                          "Sitzung 3"]
    assert listing[0]["format"] == "peer-learning" and listing[0]["format_label"]
    first = api.get(f"{EVENTS}{sessions[0]['id']}/").json()
    assert first["series"] == {"id": series.pk, "title": "Peer-Learning Mobilität"}

    url = f"{SERIES}{series.pk}/registration/"
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url)
    assert response.status_code == 201
    assert [r["status"] for r in response.json()["registrations"]] == ["confirmed"] * 3
    assert api.post(url).status_code == 400
    assert len(api.get(url).json()["registrations"]) == 3

    with django_capture_on_commit_callbacks(execute=True):
        assert api.delete(url).status_code == 204
    assert set(Registration.objects.values_list("status", flat=True)) == {"cancelled"}
    assert api.get(url).status_code == 404


# -- the feed and the description ----------------------------------------------------

def test_the_feed_is_filtered_like_the_listing_and_parses(client, programme):
    response = client.get(f"{EVENTS}feed.ics?format=kickoff",
                          HTTP_ACCEPT="text/calendar")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    summaries = sorted(str(vevent["SUMMARY"]) for vevent in parsed.walk("VEVENT"))
    # The feed keeps recent past events, as the calendar page's feed does.
    assert summaries == ["Kick-off Nord", "Kick-off Süd"]
    vevent = next(v for v in parsed.walk("VEVENT") if str(v["SUMMARY"]) == "Kick-off Nord")
    assert vevent.decoded("DTSTART") == programme["kickoff"].start
    upcoming = icalendar.Calendar.from_ical(
        client.get(f"{EVENTS}feed.ics?when=upcoming&mode=on-site").content)
    assert [str(v["SUMMARY"]) for v in upcoming.walk("VEVENT")] == ["Themenwerkstatt Energie"]


def test_the_api_schema_describes_every_programme_path(client):
    schema = client.get("/api/v2/schema/").json()
    paths = {path.removeprefix("/api/v2") for path in schema["paths"]}
    assert {"/events/", "/events/{id}/", "/events/feed.ics", "/events/{id}/registration/",
            "/event-series/", "/event-series/{id}/", "/event-series/{id}/registration/",
            "/interest/"} <= paths
    registration = schema["paths"]["/api/v2/events/{id}/registration/"]
    assert set(registration) == {"get", "post", "delete"}
    formats = next(p for p in schema["paths"]["/api/v2/events/"]["get"]["parameters"]
                   if p["name"] == "format")["schema"]["items"]["enum"]
    assert set(formats) == set(EventFormat.values)
    assert {"cookieAuth", "token"} <= set(schema["components"]["securitySchemes"])
    feed = schema["paths"]["/api/v2/events/feed.ics"]["get"]["responses"]["200"]
    assert set(feed["content"]) == {"text/calendar"}


def test_listing_queries_do_not_grow_with_the_number_of_events(client, calendar, programme):
    def queries() -> int:
        client.get(f"{EVENTS}?locale=en")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{EVENTS}?locale=en").status_code == 200
        return len(captured)

    translate(programme["kickoff"], "en", title="Kick-off North", slug="kick-off-north")
    few = queries()
    for number in range(4):
        event = make_event(calendar, title=f"Mehr {number}", start=in_days(20 + number))
        event.topics.add(programme["mobility"])
        publish(event)
        translate(event, "en", title=f"More {number}", slug=f"more-{number}")
    assert queries() == few == EVENTS_LISTING_QUERIES


# Months of the filter, count, the page of events with locale, host and picture (joined),
# topics, speakers, the hosts' translations, the German versions and their registrations.
# Topics, speakers, series and locales come from the cache (home/content_cache.py).
EVENTS_LISTING_QUERIES = 8


def test_the_pages_endpoint_links_events_and_series_to_their_own_endpoint(client, calendar):
    event = make_event(calendar, title="Auftakt")
    series = make_series(calendar, sessions=1)
    for page, endpoint in ((event, EVENTS), (series, SERIES)):
        detail = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert detail["meta"]["detail_url"] == f"http://testserver{endpoint}{page.pk}/"
        assert client.get(detail["meta"]["detail_url"]).json()["summary"]
    # A listing of one type knows its items' class (a mixed listing has plain pages).
    listed = client.get("/api/v2/pages/?type=events.EventPage").json()["items"]
    assert [item["meta"]["detail_url"] for item in listed] == [
        f"http://testserver{EVENTS}{page.pk}/" for page in (event, *series.get_children())]
