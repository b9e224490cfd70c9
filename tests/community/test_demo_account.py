"""The demo member's account page tells a story: Lea Schmidt (Kreis Höxter) has
registrations, a waiting-list place, a series and a group, and follows the threads she
wrote in, as posting on the site would have made her."""

import pytest
from django.contrib.auth import get_user_model

from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_the_demo_member_finds_what_is_hers_on_my_account(client):
    install_demo()
    lea = get_user_model().objects.get(email="lea.schmidt@hoexter.demo.example")
    client.force_login(lea)
    html = client.get("/de/konto/").content.decode()
    followed = html.split("Diskussionen, denen ich folge")[2].split("<h2")[0]
    assert "Welche Onlinedienste zuerst?" in followed
    assert "Sharing shared services across districts" in followed
    assert "Sie folgen keiner Diskussion" not in html
    assert "Platz 1 auf der Warteliste" in html and "Anmeldung stornieren" in html
    assert "Digitale Verwaltung im ländlichen Raum" in html
