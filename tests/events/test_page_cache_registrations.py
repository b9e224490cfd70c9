"""A registration changes what an event page shows (places left) on the next request,
with the page cache on (home/page_cache.py); the page, whose form carries a CSRF token,
is kept with a place for the token, and each visitor gets and posts with their own."""

from __future__ import annotations

import re

import pytest
from django.conf import settings as django_settings
from django.middleware.csrf import _mask_cipher_secret, _unmask_cipher_token
from django.test import Client, RequestFactory

from events.registrations.service import Registrant, register
from home.page_cache import HIT_HEADER, _without_form_tokens
from tests.events.factories import make_event
from tests.events.registration_helpers import post, register_url

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="(\w{64})"')


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_registration_shows_in_the_places_left_at_once(client, calendar):
    event = make_event(calendar, capacity=10)
    for _ in range(2):
        assert "10 Plätze frei" in client.get(event.url).content.decode()
    register(event, Registrant(name="Ada Muster", email="ada@muster.example"),
             confirmed=True, notify=False)
    assert "9 Plätze frei" in client.get(event.url).content.decode()


def test_each_visitor_of_a_kept_event_page_gets_and_posts_with_a_token_of_their_own(
        calendar, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=10)
    Client().get(event.url)  # the first request of a new site creates its settings
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rendered = first.get(event.url)
    kept = second.get(event.url)
    assert kept[HIT_HEADER] == "hit"
    assert "private" in kept["Cache-Control"] and "ETag" not in kept
    cookie = django_settings.CSRF_COOKIE_NAME
    secrets = [visitor.cookies[cookie].value for visitor in (first, second)]
    assert secrets[0] != secrets[1]
    for response, secret in ((rendered, secrets[0]), (kept, secrets[1])):
        tokens = TOKEN.findall(response.content.decode())
        assert tokens and {_unmask_cipher_token(token) for token in tokens} == {secret}
    answer = post(second, register_url(event), {
        "name": "Ada Muster", "email": "ada@muster.example", "organisation": "Musterstadt",
        "consent": "on", "csrfmiddlewaretoken": TOKEN.findall(kept.content.decode())[0]},
        capture=django_capture_on_commit_callbacks)
    assert answer.status_code in (200, 302)


def test_a_page_that_shows_the_token_outside_a_form_is_not_kept():
    request = RequestFactory().get("/de/")
    secret = "a" * 32
    request.META["CSRF_COOKIE"] = secret
    token = _mask_cipher_secret(secret)
    form = f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'.encode()
    assert token.encode() not in _without_form_tokens(request, form)
    assert _without_form_tokens(request, form + f"<script>t='{token}'</script>".encode()) is None
    assert _without_form_tokens(request, form + secret.encode()) is None
