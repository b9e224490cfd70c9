"""One lockout for every way to prove who one is: member sign-in, the admin's sign-in,
password-reset links and personal API tokens (django-axes, home.limits).

Before issue 24 only the member sign-in was throttled (its own cache counters): the
admin's sign-in took unlimited guesses, reset links and tokens were not counted, and the
counter per account alone let anyone lock the owner out from anywhere.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from community.models import PersonalToken

pytestmark = pytest.mark.django_db

EMAIL, PASSWORD = "anna@ulm.example", "Richtige-Passphrase-2026"
MEMBER_SIGN_IN, ADMIN_SIGN_IN = "/de/konto/anmelden/", "/admin/login/"


@pytest.fixture
def anna(site):
    return get_user_model().objects.create_superuser(EMAIL, EMAIL, PASSWORD)


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


def sign_in(client: Client, entry: str, password: str, username: str = EMAIL):
    return client.post(entry, {"username": username, "password": password})


def test_twenty_wrong_passwords_at_the_admin_are_refused_like_the_member_sign_in(anna):
    attacker = from_address("203.0.113.7")
    answers = [sign_in(attacker, ADMIN_SIGN_IN, f"falsch-{n}").status_code for n in range(20)]
    assert answers[:4] == [200] * 4  # the admin's form again, with its error
    assert answers[4:] == [429] * 16
    # Locked means locked: the right password is refused too, at both entries.
    assert sign_in(attacker, ADMIN_SIGN_IN, PASSWORD).status_code == 429
    refused = sign_in(attacker, MEMBER_SIGN_IN, PASSWORD)
    assert refused.status_code == 429
    assert "Zu viele fehlgeschlagene Versuche" in refused.content.decode()
    assert "_auth_user_id" not in attacker.session


def test_both_sign_in_entries_share_one_counter(anna):
    attacker = from_address("203.0.113.7")
    for n in range(3):
        assert sign_in(attacker, MEMBER_SIGN_IN, f"falsch-{n}").status_code == 400
    # The admin counts the same account, however its name is written.
    assert sign_in(attacker, ADMIN_SIGN_IN, "falsch-3", username="Anna@Ulm.example "
                   ).status_code == 200
    assert sign_in(attacker, ADMIN_SIGN_IN, "falsch-4").status_code == 429
    assert sign_in(attacker, MEMBER_SIGN_IN, PASSWORD).status_code == 429


def test_the_owner_elsewhere_is_not_locked_out_by_an_attacker(anna):
    attacker = from_address("203.0.113.7")
    for n in range(10):
        sign_in(attacker, MEMBER_SIGN_IN, f"falsch-{n}")
    owner = from_address("198.51.100.20")
    assert sign_in(owner, MEMBER_SIGN_IN, PASSWORD).status_code == 302
    assert owner.session["_auth_user_id"] == str(anna.pk)


def test_a_lockout_ends_after_the_cool_off(anna, frozen_clock):
    client = from_address("203.0.113.7")
    for n in range(5):
        sign_in(client, MEMBER_SIGN_IN, f"falsch-{n}")
    assert sign_in(client, MEMBER_SIGN_IN, PASSWORD).status_code == 429
    frozen_clock.shift(timedelta(minutes=16))
    assert sign_in(client, MEMBER_SIGN_IN, PASSWORD).status_code == 302


def reset_link(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/de/konto/passwort/{uid}/{default_token_generator.make_token(user)}/"


def test_a_password_reset_by_e_mail_ends_the_lockout(anna):
    client = from_address("203.0.113.7")
    for n in range(5):
        sign_in(client, MEMBER_SIGN_IN, f"falsch-{n}")
    form = client.get(reset_link(anna), follow=True)
    assert form.status_code == 200
    new = "Neue-Passphrase-2026"
    assert client.post(form.redirect_chain[-1][0], {"new_password1": new,
                                                    "new_password2": new}).status_code == 302
    assert sign_in(client, MEMBER_SIGN_IN, new).status_code == 302


def test_guessing_reset_links_is_locked_out(anna):
    attacker = from_address("203.0.113.7")
    uid = urlsafe_base64_encode(force_bytes(anna.pk))
    for n in range(4):
        guess = attacker.get(f"/de/konto/passwort/{uid}/abc-{n}deadbeef/")
        assert guess.status_code == 200  # "the link is not valid"
    assert attacker.get(f"/de/konto/passwort/{uid}/abc-4deadbeef/").status_code == 429
    assert attacker.get(f"/de/konto/passwort/{uid}/abc-5deadbeef/").status_code == 429
    # Guessing locked the attacker's address for the account's sign-in as well.
    assert sign_in(attacker, MEMBER_SIGN_IN, PASSWORD).status_code == 429
    # The real link, the owner's way out, still works.
    assert attacker.get(reset_link(anna)).status_code == 302


def test_guessing_api_tokens_is_locked_out_per_address(anna):
    _token, raw = PersonalToken.issue(anna, "Skript")
    attacker = from_address("203.0.113.7")
    for n in range(4):
        guess = attacker.get("/api/v2/threads/", HTTP_AUTHORIZATION=f"Token falsch{n}")
        assert guess.status_code == 401
    locked = attacker.get("/api/v2/threads/", HTTP_AUTHORIZATION="Token falsch4")
    assert locked.status_code == 429 and locked.json()["message"]
    assert attacker.get("/api/v2/threads/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 429
    elsewhere = from_address("198.51.100.20")
    assert elsewhere.get("/api/v2/threads/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 200
