"""The admin's charts: registrations and waiting list per coming event (Start Smart,
"Registrations by event") and expressions of interest by federal state and status on the
office's overview; bars and table say the same, and the counts are one grouped query."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from community.models import FederalState
from events.interest import service
from events.models import InterestStatus, Registration, RegistrationStatus
from tests.community.factories import MunicipalityFactory
from tests.events.factories import in_days, make_event
from tests.events.interest_helpers import make_interest

pytestmark = pytest.mark.django_db


def _table(html):
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return {re.sub(r"<[^>]+>", "", label): [int(cell) for cell in re.findall(r"<td>(\d+)</td>",
                                                                          cells)]
            for label, cells in re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', body)}


def _registrations(event, confirmed, waiting):
    for number in range(confirmed + waiting):
        Registration.objects.create(
            event=event, name=f"P{number}", email=f"p{number}@{event.pk}.example",
            status=RegistrationStatus.CONFIRMED if number < confirmed
            else RegistrationStatus.WAITLISTED)


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("redaktion", "r@kts.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def test_registrations_by_event_stack_confirmed_and_waiting_soonest_first(editor, calendar):
    full = make_event(calendar, title="Themenworkshop", start=in_days(3), capacity=2)
    _registrations(full, 2, 3)
    _registrations(make_event(calendar, title="Auftakt", start=in_days(9), capacity=40), 4, 0)
    _registrations(make_event(calendar, title="Vorbei", start=in_days(-9)), 5, 0)
    html = editor.get(reverse("events_registrations_report")).content.decode()
    assert 'role="img" aria-labelledby="chart-registrations-by-event-title' in html
    assert [int(v) for v in re.findall(r'<rect [^>]*data-value="(\d+)"', html)] == [2, 3, 4]
    rows = _table(html)
    assert [label.split(" ", 1)[1] for label in rows] == [
        "Themenworkshop (2 Plätze)", "Auftakt (40 Plätze)"]
    assert list(rows.values()) == [[2, 3, 5], [4, 0, 4]]
    assert f'href="/admin/events/{full.pk}/registrations/"' in html


def test_registrations_report_counts_in_one_query_whatever_the_events(editor, calendar):
    def counting_queries():
        with CaptureQueriesContext(connection) as captured:
            editor.get(reverse("events_registrations_report"))
        return len([q for q in captured if "events_registration" in q["sql"]])

    _registrations(make_event(calendar, title="Eins", start=in_days(2), capacity=5), 1, 0)
    few = counting_queries()
    for number in range(6):
        _registrations(make_event(calendar, title=f"Mehr {number}", start=in_days(4 + number),
                                  capacity=3), 3, number)
    assert counting_queries() == few == 1


def test_registrations_report_is_for_editors_only(client, member):
    client.force_login(member)
    response = client.get(reverse("events_registrations_report"))
    assert response.status_code in (302, 403)


def test_interest_overview_charts_requests_by_state_and_status(client, ulm, topics, office):
    munich = MunicipalityFactory(name="München", ags="09162000",
                                 federal_state=FederalState.BAYERN)
    make_interest(ulm, [topics["mobilitaet"]])
    make_interest(ulm, [topics["energie"]])
    contacted = make_interest(munich, [topics["energie"]], email="anna@muenchen.example")
    service.change_status(contacted, InterestStatus.CONTACTED, by=office)
    client.force_login(office)
    html = client.get(reverse("events_interest_overview")).content.decode()
    chart = html.split('id="chart-requests-by-state"')[1].split("</figure>")[0]
    assert "<title id=\"chart-requests-by-state-title\">Anfragen nach Bundesland" in chart
    assert _table(chart) == {"Baden-Württemberg": [2, 0, 0, 0, 0, 2],
                             "Bayern": [0, 1, 0, 0, 0, 1]}
    assert [int(v) for v in re.findall(r'data-value="(\d+)"', chart)] == [2, 1]
