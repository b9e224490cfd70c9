"""The calendar files: parsed by the icalendar library and, independently, by vobject."""

from __future__ import annotations

import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from events import ical
from events.models import EventMode, EventPage
from events.registrations.service import Registrant, cancel, register
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
    text = ical.calendar([event]).decode()
    parsed = icalendar.Calendar.from_ical(text)
    vevent = parsed.walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") - vevent.decoded("DTSTART") == timedelta(hours=3)
    assert f"DTSTART;TZID=Europe/Berlin:{start:%Y%m%d}T100000" in text


def test_text_is_escaped_and_folded_by_the_library(calendar):
    event = make_event(calendar, title="a,b;c\\d", summary="Zeile 1\n" + "ä" * 80)
    body = ical.calendar([event])
    assert b"SUMMARY:a\\,b\\;c\\\\d" in body
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    parsed = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(parsed["SUMMARY"]) == "a,b;c\\d"
    assert str(parsed["DESCRIPTION"]).startswith("Zeile 1\n" + "ä" * 80)


def test_the_api_feed_without_a_locale_holds_each_event_once(client, calendar):
    event = make_event(calendar, title="Auftakt")
    translate(event, "en", title="Kick-off", slug="kick-off")
    body = client.get("/api/v2/events/feed.ics").content
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert uids == [ical.event_uid(event)]
    assert [e.uid.value for e in vobject.readOne(io.StringIO(body.decode())).vevent_list] == uids
    english = icalendar.Calendar.from_ical(client.get("/api/v2/events/feed.ics?locale=en").content)
    assert [str(e["SUMMARY"]) for e in english.walk("VEVENT")] == ["Kick-off"]


def test_urls_and_uids_name_the_host_and_port_that_served_the_feed(client, calendar, settings):
    settings.ALLOWED_HOSTS = ["platform.example"]
    event = make_event(calendar, title="Auftakt")
    body = client.get("/api/v2/events/feed.ics", HTTP_HOST="platform.example:8765").content
    vevent = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(vevent["URL"]).startswith("http://platform.example:8765/de/")
    assert str(vevent["UID"]) == f"event-{event.translation_key}@platform.example"


def test_a_cancellation_names_the_attendee(calendar):
    event = make_event(calendar, title="Auftakt")
    _filename, text, mimetype = ical.attachment([event], filename="termine.ics",
                                               method="CANCEL", attendee="eva@example.org")
    assert mimetype == "text/calendar; method=CANCEL"
    parsed = icalendar.Calendar.from_ical(text)
    assert str(parsed["METHOD"]) == "CANCEL"
    vevent = parsed.walk("VEVENT")[0]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert str(vevent["ATTENDEE"]) == "mailto:eva@example.org"
    assert str(vevent["ORGANIZER"]).startswith("mailto:")
    second = vobject.readOne(io.StringIO(text)).vevent
    assert second.attendee.value == "mailto:eva@example.org"


def test_the_mail_attachment_says_its_charset_once_and_its_method(calendar):
    from django.core.mail import EmailMessage

    event = make_event(calendar, title="Auftakt")
    message = EmailMessage("Betreff", "Text", to=["eva@example.org"])
    message.attach(*ical.attachment([event], filename="termine.ics", method="REQUEST",
                                    attendee="eva@example.org"))
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    header = part["Content-Type"]
    assert header.count("charset") == 1 and part.get_param("method") == "REQUEST"
    assert icalendar.Calendar.from_ical(part.get_payload(decode=True))["METHOD"] == "REQUEST"


def calendar_part(message):
    """The calendar part of the e-mail as it goes out (MIME), with its parsed calendar."""
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    assert part["Content-Type"].count("charset") == 1
    return part, icalendar.Calendar.from_ical(part.get_payload(decode=True))


def test_calendar_mails_invite_and_a_cancellation_raises_the_sequence_for_good(
        calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, title="Auftakt")
    with django_capture_on_commit_callbacks(execute=True):
        registration = register(event, Registrant.member(member), confirmed=True)
    part, invitation = calendar_part(mailbox[-1])
    assert part.get_param("method") == "REQUEST" == str(invitation["METHOD"])
    vevent = invitation.walk("VEVENT")[0]
    assert str(vevent["ATTENDEE"]) == f"mailto:{member.email}"
    assert vevent["SEQUENCE"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        cancel(registration)
    part, cancellation = calendar_part(mailbox[-1])
    assert part.get_param("method") == "CANCEL" == str(cancellation["METHOD"])
    vevent = cancellation.walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1
    assert str(vevent["ATTENDEE"]) == f"mailto:{member.email}"
    assert vevent["ATTENDEE"].params["PARTSTAT"] == "DECLINED"
    assert str(vevent["STATUS"]) == "CANCELLED"
    # The second parser reads what a calendar client needs to remove the entry.
    second = vobject.readOne(io.StringIO(part.get_payload(decode=True).decode()))
    assert second.method.value == "CANCEL"
    assert second.vevent.uid.value == str(invitation.walk("VEVENT")[0]["UID"])
    assert int(second.vevent.sequence.value) == 1
    assert second.vevent.attendee.value == f"mailto:{member.email}"
    assert second.vevent.organizer.value.startswith("mailto:")
    assert second.vevent.dtstart.value == event.start
    # Registering again: the new invitation must not rank below the cancellation, or
    # the calendar would ignore it.
    with django_capture_on_commit_callbacks(execute=True):
        register(event, Registrant.member(member), confirmed=True)
    _part, again = calendar_part(mailbox[-1])
    assert again.walk("VEVENT")[0]["SEQUENCE"] == 1
    assert EventPage.objects.get(pk=event.pk).calendar_sequence == 1
