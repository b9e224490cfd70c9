"""The editors' admin speaks one language at a time: with the admin set to German, the
dashboard panels, the moderation queue and the membership requests show German headings
and actions and no English left over; set to English, the reverse."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from community.models import Post, Report, Thread
from tests.community.factories import as_user, make_user

pytestmark = pytest.mark.django_db

# What each screen says, in German and in English: the headings and the actions.
SCREENS = {
    "/admin/": {
        "de": ["Gemeldete Beiträge", "Beitrittsanfragen", "Zur Moderation",
               "Über die Anfragen entscheiden", "Neue Interessenbekundungen",
               "Fehlende oder veraltete Übersetzungen", "Nichts offen."],
        "en": ["Reported posts", "Membership requests", "Open the moderation queue",
               "Decide the requests", "New expressions of interest",
               "Translations missing or out of date", "Nothing open."],
    },
    "/admin/moderation/": {
        "de": ["Gemeldete Beiträge", "Offen (1 Beitrag)", "Verlauf", "2 Meldungen",
               "Keine früheren Meldungen gegen diese Person.", "Beitrag ausblenden",
               "Autorin oder Autor verwarnen", "Diskussion sperren", "Meldungen verwerfen",
               "Nur Notiz speichern", "Verwarnung an die Autorin oder den Autor (per E-Mail)",
               "Diskussion auf der Website öffnen"],
        "en": ["Reported posts", "Open (1 post)", "History", "2 reports",
               "No earlier reports against this author.", "Hide post", "Warn author",
               "Lock thread", "Dismiss reports", "Save note only",
               "Warning to the author (sent by e-mail)", "Open the thread on the site"],
    },
    "/admin/moderation/?tab=history": {
        "de": ["Noch keine erledigten Meldungen."],
        "en": ["No resolved reports yet."],
    },
    "/admin/membership-requests/": {
        "de": ["Beitrittsanfragen", "Person", "Kommune", "Peergruppe", "Angefragt",
               "Entscheidung", "Annehmen", "Ablehnen …",
               "Begründung (die anfragende Person sieht sie)",
               "Über die ausgewählten Anfragen entscheiden", "Ausgewählte annehmen",
               "Ausgewählte ablehnen", "Anfrage von Pending für Gruppe closed auswählen"],
        "en": ["Membership requests", "Person", "Municipality", "Peer group", "Requested",
               "Decision", "Approve", "Decline…", "Reason (the requester sees it)",
               "Decide the selected requests", "Approve selected", "Decline selected",
               "Select the request of Pending for Gruppe closed"],
    },
}


@pytest.fixture
def office_editor(groups, people):
    """An editor of the office, with a reported post and open requests to decide."""
    thread = Thread.objects.create(group=groups["public"], title="Ausschreibung",
                                   author=people["member"])
    post = Post.objects.create(thread=thread, author=people["member"], body="Kauft PortalPro")
    Report.objects.create(post=post, reporter=people["outsider"], reason="Werbung")
    Report.objects.create(post=post, reporter=people["moderator"], reason="Spam")
    editor = make_user("redaktion")
    editor.groups.add(Group.objects.get(name="Editors"))
    return editor


def in_admin_language(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.mark.parametrize("url", SCREENS)
@pytest.mark.parametrize(("language", "other"), [("de", "en"), ("en", "de")])
def test_each_screen_speaks_the_admin_language_only(client, office_editor, url, language,
                                                    other):
    as_user(client, in_admin_language(office_editor, language))
    # The browser asks for the other language: the editor's admin setting wins.
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=other)
    assert response.status_code == 200
    html = response.content.decode()
    for text in SCREENS[url][language]:
        assert text in html, text
    for text in SCREENS[url][other]:
        if text not in SCREENS[url][language]:  # "Person" is both
            assert text not in html, text
