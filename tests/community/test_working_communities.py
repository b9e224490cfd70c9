"""Working communities (issue 21): the document space with versions, meetings with
attendance and an iCal feed, decisions published to a public summary and a draft
publication, and the public page that reveals nothing of the closed content."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from community.models import (
    Decision,
    Document,
    DocumentVersion,
    GroupVisibility,
    Meeting,
    Membership,
    MembershipState,
    PeerGroupPage,
)
from tests.community.factories import as_user, make_user
from tests.community.working_helpers import FIRST, SECOND, url
from tests.home.factories import publish
from tests.repository.factories import PublicationIndexPageFactory

pytestmark = pytest.mark.django_db

OUTSIDERS = ("anonymous", "outsider", "pending", "neighbour")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_member_uploads_a_second_version_and_outsiders_get_404(client, people, working):
    folder = working["folder"]
    as_user(client, people["member"])
    response = client.post(url("folder", working["group"].pk, folder.pk),
                           {"file": SimpleUploadedFile("Datenmodell.pdf", FIRST + b"v3"),
                            "note": "Kapitel 3 ergänzt"})
    assert response.status_code == 302
    document = Document.objects.get(folder=folder, name="Datenmodell.pdf")
    assert list(document.versions.values_list("number", "uploaded_by", "note")) == [
        (3, people["member"].pk, "Kapitel 3 ergänzt"), (2, people["moderator"].pk, ""),
        (1, people["member"].pk, "")]
    assert body(client.get(working["first"].get_absolute_url())) == FIRST
    assert body(client.get(working["second"].get_absolute_url())) == SECOND
    page = client.get(url("folder", working["group"].pk, folder.pk)).content.decode()
    assert "Version 3" in page and "Kapitel 3 ergänzt" in page and "Moderator" in page
    addresses = [url("documents", working["group"].pk),
                 url("folder", working["group"].pk, folder.pk),
                 working["second"].get_absolute_url(), working["first"].get_absolute_url()]
    for role in OUTSIDERS:
        client.logout()
        as_user(client, people.get(role))
        assert [client.get(address).status_code for address in addresses] == [404] * 4, role


def test_uploads_are_judged_like_attachments(client, people, working):
    as_user(client, people["member"])
    response = client.post(url("folder", working["group"].pk, working["folder"].pk),
                           {"file": SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00")})
    assert response.status_code == 400
    assert DocumentVersion.objects.count() == 2


def test_moderators_delete_members_do_not(client, people, working,
                                          django_capture_on_commit_callbacks):
    address = url("delete_document", working["group"].pk, working["document"].pk)
    as_user(client, people["member"])
    assert client.post(address).status_code == 403
    client.logout()
    as_user(client, people["moderator"])
    storage = working["second"].file.storage
    stored = [working["first"].file.name, working["second"].file.name]
    assert all(storage.exists(name) for name in stored)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(address).status_code == 302
    assert not DocumentVersion.objects.exists()
    assert not any(storage.exists(name) for name in stored)
    assert client.get(working["second"].get_absolute_url()).status_code == 404
    space = client.get(url("documents", working["group"].pk)).content.decode()
    assert "Moderator hat Datenmodell.pdf in Protokollvorlagen gelöscht" in space


def test_folders_of_one_name_are_refused(client, people, working):
    as_user(client, people["member"])
    response = client.post(url("documents", working["group"].pk), {"name": "Protokollvorlagen"})
    assert response.status_code == 400
    assert working["group"].folders.count() == 1


def test_moderators_plan_meetings_and_record_attendance(client, people, working):
    group, meeting = working["group"], working["meeting"]
    new = {"title": "Zweite Sitzung", "starts_at": "2026-07-01T10:00",
           "ends_at": "2026-07-01T12:00", "place": "Online", "agenda": "TOP 1", "minutes": ""}
    as_user(client, people["member"])
    assert client.post(url("meetings", group.pk), new).status_code == 403
    assert client.post(url("attendance", group.pk, meeting.pk),
                       {"present": [people["member"].pk]}).status_code == 403
    client.logout()
    as_user(client, people["moderator"])
    assert client.post(url("meetings", group.pk), {**new, "ends_at": "2026-07-01T09:00"}
                       ).status_code == 400
    assert client.post(url("meetings", group.pk), new).status_code == 302
    assert client.post(url("attendance", group.pk, meeting.pk),
                       {"present": [people["neighbour"].pk]}).status_code == 400
    assert client.post(url("attendance", group.pk, meeting.pk),
                       {"present": ["x1"]}).status_code == 400
    assert client.post(url("attendance", group.pk, meeting.pk),
                       {"present": [people["member"].pk]}).status_code == 302
    assert list(meeting.attendances.values_list("user", flat=True)) == [people["member"].pk]
    client.logout()
    as_user(client, people["member"])
    page = client.get(url("meeting", group.pk, meeting.pk)).content.decode()
    assert "TOP 1: Vertrauliches" in page and "Member" in page


def test_the_meeting_feed_is_for_members(client, people, working):
    address = url("meetings_calendar", working["group"].pk)
    for role in OUTSIDERS:
        client.logout()
        as_user(client, people.get(role))
        assert client.get(address).status_code == 404, role
    as_user(client, people["member"])
    response = client.get(address)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["summary"]) for event in events] == ["Geheimes Sitzungsthema"]
    assert events[0].decoded("dtstart") == Meeting.objects.get().starts_at
    assert "TOP 1: Vertrauliches" in str(events[0]["description"])
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/Berlin"


def test_the_summary_shows_only_what_moderators_published(client, people, working, site):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    group = working["group"]
    results = url("results", group.pk)
    assert "Interner Entwurfsbeschluss" not in client.get(results).content.decode()
    as_user(client, people["member"])
    assert client.post(url("publish_decision", group.pk, working["draft"].pk)).status_code == 403
    client.logout()
    as_user(client, people["moderator"])
    assert client.post(url("decisions", group.pk), {
        "title": "Gemeinsames Datenmodell", "summary": "Wir nutzen ein Modell.",
        "decided_on": "2026-06-01"}).status_code == 302
    published = Decision.objects.get(title="Gemeinsames Datenmodell")
    assert client.post(url("publish_decision", group.pk, published.pk)).status_code == 302
    assert client.post(url("publish_decision", group.pk, published.pk)).status_code == 400
    client.logout()
    page = client.get(results).content.decode()
    assert "Gemeinsames Datenmodell" in page and "Wir nutzen ein Modell." in page
    assert "Interner Entwurfsbeschluss" not in page
    # The repository holds a draft of it, which names the summary once it is published.
    published.refresh_from_db()
    draft = published.publication.specific
    assert draft.get_parent().pk == index.pk and not draft.live
    assert (draft.title, draft.year, draft.kind) == ("Gemeinsames Datenmodell", 2026, "report")
    publish(draft)
    assert f'href="{draft.url}"' in client.get(results).content.decode()
    assert results in client.get(draft.url).content.decode()


def test_the_public_page_reveals_nothing_of_the_closed_content(client, people, working):
    address = url("works_on", working["group"].pk)
    page = client.get(address).content.decode()
    assert "Offene Datenplattformen für Städte" in page
    for secret in ("Datenmodell.pdf", "Protokollvorlagen", "Geheimes Sitzungsthema",
                   "Interner Entwurfsbeschluss", "Interne Diskussion Sensorik", "Member",
                   "Moderator"):
        assert secret not in page, secret
    as_user(client, people["member"])
    assert client.post(url("public_name", working["group"].pk), {"named": "yes"}
                       ).status_code == 302
    client.logout()
    page = client.get(address).content.decode()
    assert "Member (Modellprojekt Ulm)" in page and "Moderator" not in page


def test_a_working_community_takes_model_projects_and_the_office(client, people, working):
    group = working["group"]
    as_user(client, people["outsider"])
    assert client.post(url("join", group.pk)).status_code == 400
    assert not Membership.objects.filter(group=group, user=people["outsider"]).exists()
    pending = Membership.objects.get(group=group, user=people["pending"])
    client.logout()
    as_user(client, people["moderator"])
    assert client.post(url("decide", group.pk, pending.pk), {"decision": "approve"}
                       ).status_code == 400
    pending.refresh_from_db()
    assert pending.state == MembershipState.PENDING


def test_a_working_community_is_closed(working):
    group = PeerGroupPage.objects.get(pk=working["group"].pk)
    group.visibility = GroupVisibility.PUBLIC
    with pytest.raises(ValidationError):
        group.full_clean()


def test_an_ordinary_group_has_no_space(client, people, groups):
    as_user(client, people["member"])
    assert client.get(url("documents", groups["closed"].pk)).status_code == 404
    assert client.get(url("works_on", groups["closed"].pk)).status_code == 404


def test_a_member_without_a_profile_is_still_refused_politely(client, working):
    user = make_user("ohne-profil")
    user.member_profile.delete()
    as_user(client, user)
    assert client.post(url("join", working["group"].pk)).status_code == 400
