"""Expressions of interest in the office's admin: triage, the status saved in the edit
form, the one-step consultation event, the overview, and who may do what."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.admin.panels import FieldPanel
from wagtail.models import GroupPagePermission, Page

from community.models import FederalState
from events.interest import consultations, service
from events.models import (
    EventFormat,
    EventMode,
    EventPage,
    ExpressionOfInterest,
    InterestStatus,
    PreferredFormat,
)
from tests.community.factories import MunicipalityFactory, make_user
from tests.events.ical_helpers import calendar_of
from tests.events.interest_helpers import (
    BERLIN,
    admin_edit_url,
    admin_form,
    make_interest,
    url,
)
from tests.home.factories import publish

pytestmark = pytest.mark.django_db


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
    assert response.status_code == 400
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
        event = consultations.create_consultation_event(interest, by=office)

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
        consultations.create_consultation_event(interest, by=office)
    assert EventPage.objects.filter(format=EventFormat.CONSULTATION).count() == 1


def test_an_on_site_consultation_starts_at_the_municipality(calendar, ulm, office):
    interest = make_interest(ulm, preferred_format=PreferredFormat.ON_SITE)
    event = consultations.create_consultation_event(interest, by=office)
    assert event.mode == EventMode.ON_SITE
    assert event.place == "Ulm"


def test_the_requester_sees_the_consultation_only_once_it_is_published(
        client, calendar, ulm, office):
    interest = make_interest(ulm, language="en")
    event = consultations.create_consultation_event(interest, by=office)
    status_page = url("interest_status", "en", [interest.token])
    html = client.get(status_page).content.decode()
    assert "Status: Scheduled" in html
    assert event.title not in html  # a draft's date is only a placeholder

    publish(event)
    html = client.get(status_page).content.decode()
    assert "Your consultation has been arranged." in html
    assert f'href="{event.url}"' in html and event.title in html


def test_the_requester_is_told_the_date_when_the_consultation_is_published(
        calendar, ulm, office, mailbox, django_capture_on_commit_callbacks):
    interest = make_interest(ulm, language="en", email="erika@ulm.example")
    event = consultations.create_consultation_event(interest, by=office)
    mailbox.clear()
    event = EventPage.objects.get(pk=event.pk)
    event.start = event.start + timedelta(days=7)
    event.end = event.start + timedelta(hours=4)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert [m.to for m in mailbox] == [["erika@ulm.example"]]
    message = mailbox[0]
    date = timezone.localtime(event.start, BERLIN)
    with translation.override("en"):
        assert message.subject == f"Your consultation: {event.title}"
    assert "your initial consultation for Ulm has been arranged" in message.body
    with translation.override("en"):
        assert date_format(date, "DATE_FORMAT") in message.body
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    assert part.get_param("method") == "REQUEST"
    vevent = calendar_of(message).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == event.start
    assert str(vevent["ATTENDEE"]) == "mailto:erika@ulm.example"
    # Published again unchanged: told once.
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert len(mailbox) == 1


def test_the_placeholder_date_skips_the_weekend():
    friday_evening = datetime(2030, 3, 8, 18, 0, tzinfo=BERLIN)
    assert consultations.next_weekday_morning(friday_evening) == datetime(2030, 3, 11, 9, 0,
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


def test_the_edit_view_shows_the_request_before_the_triage(client, ulm, office):
    interest = make_interest(ulm)
    client.force_login(office)

    page = client.get(admin_edit_url(interest)).content.decode()

    assert page.index("Erika Muster") < page.index('name="status"')


@pytest.mark.parametrize("current", list(InterestStatus.values))
def test_every_step_outside_the_flow_is_refused_and_changes_nothing(client, ulm, office,
                                                                     current):
    interest = make_interest(ulm)
    ExpressionOfInterest.objects.filter(pk=interest.pk).update(status=current)
    interest.refresh_from_db()
    client.force_login(office)
    refused = [status for status in InterestStatus.values
               if status != current and status not in service.allowed_statuses(current)]

    for status in refused:
        response = client.post(admin_edit_url(interest), admin_form(interest, status=status))
        assert response.status_code == 400, (current, status)

    offered = [value for value, _label in client.get(admin_edit_url(interest))
               .context["form"].fields["status"].widget.choices]
    assert set(offered) == {current, *service.allowed_statuses(current)}
    interest.refresh_from_db()
    assert interest.status == current


def read_only_outputs(page: str) -> list[str]:
    return [" ".join(text.split()) for text in
            re.findall(r'<div class="w-field__textoutput"[^>]*>(.*?)</div>', page, re.S)]


def test_what_the_requester_left_empty_reads_not_given(client, ulm, office):
    interest = make_interest(ulm, phone="")  # no topics chosen, no phone, no role
    client.force_login(office)

    outputs = read_only_outputs(client.get(admin_edit_url(interest)).content.decode())

    assert "None" not in outputs and "" not in outputs
    assert outputs.count("Keine Angabe") >= 3  # topics, role and phone
    assert "Ulm" in outputs and "Erika Muster" in outputs


def test_wagtail_still_shows_an_empty_read_only_field_as_none(ulm):
    """The upstream gap RequestFieldPanel works around; when this fails, Wagtail says it
    itself and the panel can go."""
    interest = make_interest(ulm)
    panel = FieldPanel("topics", read_only=True).bind_to_model(ExpressionOfInterest)
    assert panel.format_value_for_display(interest.topics) == "None"
