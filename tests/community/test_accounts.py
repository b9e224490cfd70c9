"""Accounts: sign-up with e-mail confirmation, sign-in with throttling, password reset,
profile, data export and deletion, in both languages."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from community.models import MemberProfile, Membership, MembershipState
from tests.community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Sichere-Passphrase-2026"


def sign_up(client, email="anna@ulm.example", language="de", **extra):
    municipality = MunicipalityFactory(name="Ulm", ags="08421000")
    path = "/de/konto/registrieren/" if language == "de" else "/en/account/sign-up/"
    data = {"display_name": "Anna Berger", "email": email, "password1": PASSWORD,
            "password2": PASSWORD, "organisation_kind": "municipality",
            "municipality": municipality.pk, "consent": "on", **extra}
    return client.post(path, data)


def confirmation_link() -> str:
    return re.search(r"https?://\S+", mail.outbox[-1].body).group(0)


def test_sign_up_confirm_and_sign_in(client, site):
    response = sign_up(client)
    assert response.status_code == 200 and "anna@ulm.example" in response.content.decode()
    user = get_user_model().objects.get(email="anna@ulm.example")
    assert not user.is_active and user.member_profile.municipality.name == "Ulm"
    assert mail.outbox[-1].subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse"
    link = confirmation_link()
    assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert user.is_active and user.member_profile.email_confirmed_at
    # The link works once; replaying it is refused with a clear message.
    replay = client.get(link)
    assert replay.status_code == 400 and "bereits verwendet" not in replay.content.decode() \
        and "schon verwendet" in replay.content.decode()
    client.logout()
    response = client.post("/de/konto/anmelden/", {"username": "ANNA@ulm.example",
                                                   "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/de/konto/"


def test_sign_up_in_english(client, site):
    sign_up(client, language="en")
    assert mail.outbox[-1].subject == "Please confirm your e-mail address"


@pytest.mark.parametrize("extra, field", [
    ({"email": "not-an-address"}, "email"),
    ({"password2": "anders"}, "password2"),
    ({"password1": "123", "password2": "123"}, "password1"),
    ({"consent": ""}, "consent"),
    ({"municipality": ""}, "municipality"),
])
def test_bad_sign_up_is_refused_and_stores_nothing(client, site, extra, field):
    response = sign_up(client, **extra)
    assert response.status_code == 400
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not get_user_model().objects.exists() and not mail.outbox


def test_an_address_signs_up_once_and_the_page_does_not_say_it_is_taken(client, site):
    """Issue 24: sign-up answered "an account with this e-mail exists" to anyone. Now a
    known address gets the same page as a new one; its owner gets an e-mail."""
    new = sign_up(client, email="neu@ulm.example")
    sign_up(client)
    client.get(confirmation_link())
    client.logout()
    mail.outbox.clear()
    again = sign_up(client, email="Anna@Ulm.example")
    assert again.status_code == new.status_code == 200
    assert again.content.decode().replace("anna@ulm.example", "@") == \
        new.content.decode().replace("neu@ulm.example", "@")
    assert get_user_model().objects.filter(email="anna@ulm.example").count() == 1
    assert [message.to for message in mail.outbox] == [["anna@ulm.example"]]
    assert "hat bereits ein Konto" in mail.outbox[0].body


def test_sign_up_is_limited_per_client(client, site):
    from community.views import SIGNUPS_PER_CLIENT_AND_HOUR as limit

    answers = [sign_up(client, email=f"person{n}@ulm.example").status_code
               for n in range(limit + 1)]
    assert answers == [200] * limit + [429]
    assert get_user_model().objects.count() == limit


@pytest.mark.parametrize("token", ["nonsense", "eyJ1c2VyIjoxfQ:1abcde:forged"])
def test_forged_confirmation_links_are_refused(client, site, token):
    response = client.get(f"/de/konto/bestaetigen/{token}/")
    assert response.status_code == 400
    assert "ungültig" in response.content.decode()


def test_sign_in_is_throttled_after_five_failures(client, site):
    sign_up(client)
    client.get(confirmation_link())
    client.logout()
    for _attempt in range(4):
        assert client.post("/de/konto/anmelden/", {"username": "anna@ulm.example",
                                                   "password": "falsch"}).status_code == 400
    # The fifth failure locks (for a cool-off; see test_lockout.py), the right password too.
    assert client.post("/de/konto/anmelden/", {"username": "anna@ulm.example",
                                               "password": "falsch"}).status_code == 429
    blocked = client.post("/de/konto/anmelden/", {"username": "anna@ulm.example",
                                                  "password": PASSWORD})
    assert blocked.status_code == 429
    assert "Zu viele fehlgeschlagene Versuche" in blocked.content.decode()


def test_password_reset_by_mail(client, site):
    sign_up(client)
    client.get(confirmation_link())
    client.logout()
    client.post("/de/konto/passwort/", {"email": "anna@ulm.example"})
    link = confirmation_link()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    done = client.post(form.redirect_chain[-1][0], {"new_password1": "Neue-Passphrase-2026",
                                                    "new_password2": "Neue-Passphrase-2026"})
    assert done.status_code == 302
    assert client.post("/de/konto/anmelden/", {"username": "anna@ulm.example",
                                               "password": "Neue-Passphrase-2026"}
                       ).status_code == 302


def test_reset_links_to_one_address_are_capped(client, site):
    sign_up(client)
    client.get(confirmation_link())
    client.logout()
    mail.outbox.clear()
    answers = [client.post("/de/konto/passwort/", {"email": "anna@ulm.example"}).status_code
               for _ in range(5)]
    assert answers == [302] * 5  # the same answer, mailed or not
    assert len(mail.outbox) == 3


def test_profile_export_and_deletion(client, site):
    sign_up(client)
    client.get(confirmation_link())
    response = client.post("/de/konto/profil/", {
        "display_name": "Anna B.", "organisation_kind": "municipality",
        "municipality": MemberProfile.objects.get().municipality_id, "role": "CDO",
        "expertise": "Open Data, Sensorik", "bio": "Hallo", "phone": "0731 1",
        "email_visibility": "groups", "phone_visibility": "nobody", "email_frequency": "daily",
        "language": "en"})
    assert response.status_code == 302
    exported = client.get("/de/konto/export/")
    data = json.loads(exported.content)
    assert exported["Content-Disposition"].startswith("attachment")
    assert data["profile"]["expertise"] == ["Open Data", "Sensorik"]
    assert data["profile"]["municipality_ags"] == "08421000" and "README" in data
    assert data["profile"]["language"] == "en"

    refused = client.post("/de/konto/loeschen/", {"password": "falsch"})
    assert refused.status_code == 400
    assert client.post("/de/konto/loeschen/", {"password": PASSWORD}).status_code == 302
    user = get_user_model().objects.get()
    assert not user.is_active and user.email == "" and user.username.startswith("former-member")
    assert not MemberProfile.objects.exists()
    assert not Membership.objects.filter(state=MembershipState.ACTIVE).exists()
    assert client.post("/de/konto/anmelden/", {"username": "anna@ulm.example",
                                               "password": PASSWORD}).status_code == 400
