"""The demo's working community (issue 21): "Urbane Datenplattformen" / "Urban data
platforms" with a folder, a file in two versions, two meetings (one past, one ahead)
and a public summary, in German and English."""

from __future__ import annotations

import pytest
from django.utils import timezone

from community.models import Decision, DocumentVersion, Meeting, PeerGroupPage
from tests.community.factories import as_user
from tests.community.working_helpers import url
from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_the_demo_working_community_in_both_languages(client, private_root):
    install_demo()
    group = PeerGroupPage.objects.get(slug="urbane-datenplattformen")
    english = PeerGroupPage.objects.get(translation_key=group.translation_key,
                                        locale__language_code="en")
    assert group.is_working_community and english.is_working_community
    assert (english.title, group.title) == ("Urban data platforms", "Urbane Datenplattformen")
    assert "Datenplattformen" in group.works_on and "data platforms" in english.works_on
    versions = DocumentVersion.objects.filter(document__folder__group=group)
    assert sorted(versions.values_list("document__name", "number")) == [
        ("Datenmodell-Parkraum.md", 1), ("Datenmodell-Parkraum.md", 2)]
    meetings = Meeting.objects.filter(group=group)
    now = timezone.now()
    assert meetings.count() == 2
    assert meetings.filter(starts_at__lt=now).exists()
    assert meetings.filter(starts_at__gt=now).exists()
    assert Decision.objects.filter(group=group, published_at__isnull=False).count() == 1
    for language, heading in (("de", "Ergebnisse: Urbane Datenplattformen"),
                              ("en", "Results of Urban data platforms")):
        page = client.get(url("results", english.pk if language == "en" else group.pk,
                              language=language)).content.decode()
        assert heading in page and "Empfehlung für offene Schnittstellen" in page
        assert "Nächste Schritte Datenmodell Parkraum" not in page
        works_on = client.get(url("works_on", group.pk, language=language)).content.decode()
        assert "Anna Berger" in works_on and "Felix Brandt" not in works_on
    felix = group.memberships.get(user__email="felix.brandt@kiel.demo.example").user
    as_user(client, felix)
    folder = versions.first().document.folder
    page = client.get(url("folder", group.pk, folder.pk)).content.decode()
    assert "Belegung und Ladepunkte ergänzt" in page and "Version 2" in page
