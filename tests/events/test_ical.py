"""The calendar files: parsed by the icalendar library and, independently, by vobject."""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from events import ical
from events.models import EventMode
from tests.events.factories import in_days, make_event, make_series
from tests.home.factories import translate

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
LONG_TITLE = "Kommunale Wärmeplanung, Beteiligung; Datenräume – ein Überblick über " * 2


def test_the_feed_parses_in_two_independent_parsers(client, calendar):
    summer = make_event(calendar, title=LONG_TITLE.strip(), start=in_days(20))
    winter = make_event(calendar, title="Regionalkonferenz Süd", format="regional-conference",
                        mode=EventMode.ON_SITE, place="Rathaus, Marktplatz 1, 79098 Freiburg",
                        start=in_days(120))
    make_event(calendar, title="Längst vorbei", start=in_days(-400))

    response = client.get("/de/veranstaltungen/ical/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    assert "konferenz.example" not in body  # the joining link is for participants only

    parsed = icalendar.Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in parsed.walk("VEVENT")}
    assert set(events) == {LONG_TITLE.strip(), "Regionalkonferenz Süd"}
    assert events[LONG_TITLE.strip()].decoded("DTSTART") == summer.start
    assert events["Regionalkonferenz Süd"].decoded("DTSTART").tzinfo.key == "Europe/Berlin"
    assert str(events["Regionalkonferenz Süd"]["LOCATION"]) == winter.place

    second = vobject.readOne(io.StringIO(body))
    starts = sorted(event.dtstart.value for event in second.vevent_list)
    assert starts == sorted([summer.start, winter.start])
    assert {event.summary.value for event in second.vevent_list} == set(events)
    assert {event.uid.value for event in second.vevent_list} == {
        ical.event_uid(summer), ical.event_uid(winter)}


def test_the_feed_follows_the_filters_and_refuses_unknown_values(client, calendar):
    make_event(calendar, title="Auftakt", start=in_days(5))
    make_series(calendar, sessions=2)
    response = client.get("/de/veranstaltungen/ical/?format=peer-learning")
    titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(
        response.content).walk("VEVENT")]
    assert titles == ["Sitzung 1", "Sitzung 2"]
    response = client.get("/de/veranstaltungen/ical/?format=tanzkurs")
    assert response.status_code == 400
    assert "kickoff" in response.content.decode()


def test_an_event_keeps_its_uid_in_every_language(client, calendar):
    event = make_event(calendar, title="Auftakt")
    english = translate(event, "en", title="Kick-off", slug="kick-off")
    german = icalendar.Calendar.from_ical(client.get("/de/veranstaltungen/ical/").content)
    english_feed = icalendar.Calendar.from_ical(client.get("/en/events/ical/").content)
    assert [str(e["UID"]) for e in german.walk("VEVENT")] == [
        str(e["UID"]) for e in english_feed.walk("VEVENT")]
    assert [str(e["SUMMARY"]) for e in english_feed.walk("VEVENT")] == [english.title]


def test_times_across_the_change_to_summer_time_stay_local(calendar):
    start = in_days(1).replace(year=in_days(1).year + 1, month=3, day=28, hour=10)
    event = make_event(calendar, start=start, hours=3)
    text = ical.calendar([event])
    parsed = icalendar.Calendar.from_ical(text)
    vevent = parsed.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == timedelta(hours=3)
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%d}T100000" in text


def test_text_is_escaped():
    assert ical.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    folded = ical.fold("DESCRIPTION:" + "ä" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "ä" * 80
