"""The event calendar: upcoming and past, filters in the URL, refusals for unknown
values, and a query count that does not grow with the number of events."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventMode
from tests.events.factories import in_days, make_event, make_series

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [event.title for event in response.context["items"]]


@pytest.mark.clock
def test_upcoming_first_then_past_on_its_own_tab(client, calendar):
    make_event(calendar, title="Übermorgen", start=in_days(2))
    make_event(calendar, title="Nächsten Monat", start=in_days(30))
    make_event(calendar, title="Letzte Woche", start=in_days(-7))
    make_event(calendar, title="Letztes Jahr", start=in_days(-300))
    assert titles(client.get("/de/veranstaltungen/")) == ["Übermorgen", "Nächsten Monat"]
    assert titles(client.get("/de/veranstaltungen/?when=past")) == [
        "Letzte Woche", "Letztes Jahr"]


def test_filters_by_format_mode_topic_and_month(client, calendar):
    from repository.models import Topic

    mobility = Topic.objects.create(name="Mobilität", slug="mobilitaet",
                                    locale_id=calendar.locale_id)
    make_event(calendar, title="Vor Ort", start=in_days(5), mode=EventMode.ON_SITE,
               place="Rathaus", format="regional-conference")
    tagged = make_event(calendar, title="Mobil", start=in_days(40))
    tagged.topics.set([mobility])
    tagged.save_revision().publish()
    make_series(calendar, sessions=2, first_in_days=3)

    assert titles(client.get("/de/veranstaltungen/?mode=on-site")) == ["Vor Ort"]
    assert titles(client.get("/de/veranstaltungen/?format=peer-learning")) == [
        "Sitzung 1", "Sitzung 2"]
    assert titles(client.get("/de/veranstaltungen/?topic=mobilitaet")) == ["Mobil"]
    month = in_days(40).strftime("%Y-%m")
    response = client.get(f"/de/veranstaltungen/?month={month}")
    assert "Mobil" in titles(response)
    months = next(state for state in response.context["facets"]
                  if state.facet.param == "month")
    assert any(option["checked"] and option["count"] >= 1 for option in months.options)


@pytest.mark.parametrize("query", ["when=gestern", "format=tanzkurs", "month=2099-01",
                                   "mode=teleportation"])
def test_unknown_filter_values_answer_400_with_the_allowed_ones(client, calendar, query):
    make_event(calendar)
    response = client.get(f"/de/veranstaltungen/?{query}")
    assert response.status_code == 400
    assert "erlaubte Werte sind" in response.content.decode()


def test_the_listing_costs_the_same_queries_for_few_and_many_events(client, calendar):
    make_event(calendar, title="Erste", start=in_days(3))

    def count() -> int:
        client.get("/de/veranstaltungen/")  # warm caches
        client.get("/de/veranstaltungen/")  # twice: the first retires the cached frame
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/de/veranstaltungen/").status_code == 200
        return len(captured)

    few = count()
    for number in range(14):
        make_event(calendar, title=f"Weitere {number}", start=in_days(4 + number))
    assert count() == few


def test_the_english_calendar_lists_the_english_pages(client, calendar):
    from tests.home.factories import translate

    event = make_event(calendar, title="Auftakt")
    translate(event, "en", title="Kick-off", slug="kick-off")
    response = client.get("/en/events/")
    assert titles(response) == ["Kick-off"]
    assert "Upcoming" in response.content.decode()
