"""The page cache (home/page_cache.py): anonymous visitors get kept pages, with validators
a proxy can use; members never do; every change of content shows on the next request."""

from __future__ import annotations

import gzip
import time
from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import Locale, Page

from home import page_clock
from home.content_cache import frame_seconds, remember
from home.models import FooterText, SiteSettings
from home.page_cache import HIT_HEADER, lifetime
from tests.community.factories import make_user
from tests.home.factories import StandardPageFactory, publish, translate


@pytest.fixture(autouse=True)
def page_cache(settings):
    """On, as in production (the suite's settings switch it off)."""
    settings.PAGE_CACHE_SECONDS = 60


def _settle(client, url: str):
    """The first request of a new site creates its settings, which retires what it
    kept (home/content_cache.py); a real site does this once."""
    client.get(url)
    return client.get(url)


def _home(site) -> Page:
    return site.root_page.specific


def _page(site, **fields) -> Page:
    return publish(StandardPageFactory(parent=_home(site), **fields))


def test_an_anonymous_visitor_gets_the_kept_page_without_a_query(
        client, site, django_assert_num_queries):
    _page(site, slug="gehalten", title="Gehalten")
    first = _settle(client, "/de/gehalten/")
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/de/gehalten/")
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert second["ETag"] == first["ETag"] and second["Last-Modified"]


def test_a_repeated_request_with_the_etag_gets_a_304(client, site):
    _page(site, slug="etag")
    etag = _settle(client, "/de/etag/")["ETag"]
    assert client.get("/de/etag/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/de/etag/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_pages_are_kept_per_language_and_query(client, site):
    _settle(client, "/de/?a=1")
    assert client.get("/de/?a=2")[HIT_HEADER] == "miss"
    assert client.get("/en/")[HIT_HEADER] == "miss"
    assert client.get("/de/?a=1")[HIT_HEADER] == "hit"


def test_a_member_never_gets_a_kept_page(client, site):
    client.get("/de/")
    client.force_login(make_user("mitglied"))
    response = client.get("/de/")
    assert HIT_HEADER not in response
    assert "private" in response["Cache-Control"]


def test_a_page_with_a_csrf_token_is_not_kept(client, site):
    response = client.get("/de/konto/anmelden/")
    if response.status_code == 200:  # the sign-in form, when the community plugin is on
        assert HIT_HEADER not in response
        assert HIT_HEADER not in client.get("/de/konto/anmelden/")


def test_a_change_of_title_shows_at_once(client, site):
    page = _page(site, slug="titel", title="Alter Titel")
    client.get("/de/titel/")
    page.title = "Neuer Titel"
    publish(page)
    assert "Neuer Titel" in client.get("/de/titel/").content.decode()


def test_an_unpublished_or_deleted_page_is_gone_at_once(client, site):
    page = _page(site, slug="bald-weg")
    other = _page(site, slug="auch-weg")
    client.get("/de/bald-weg/"), client.get("/de/auch-weg/")
    page.unpublish()
    assert client.get("/de/bald-weg/").status_code == 404
    other.delete()
    assert client.get("/de/auch-weg/").status_code == 404


def test_a_moved_page_shows_in_its_new_place_at_once(client, site):
    parent = _page(site, slug="oben", title="Oben", show_in_menus=True)
    page = _page(site, slug="zieht-um", title="Zieht um", show_in_menus=True)
    assert "Zieht um" in client.get("/de/").content.decode()
    page.move(parent, pos="last-child")
    assert "Zieht um" not in client.get("/de/").content.decode()
    assert client.get("/de/oben/zieht-um/").status_code == 200


def test_a_new_translation_shows_at_once(client, site):
    page = _page(site, slug="uebersetzt", title="Übersetzt", show_in_menus=True)
    client.get("/en/")
    translate(page, "en", title="Translated", slug="translated")
    assert "Translated" in client.get("/en/").content.decode()


def test_snippet_and_setting_changes_show_at_once(client, site):
    client.get("/de/")
    FooterText.objects.create(body="<p>Frischer Fußtext</p>",
                              locale=Locale.objects.get(language_code="de"))
    assert "Frischer Fußtext" in client.get("/de/").content.decode()
    settings = SiteSettings.for_site(site)
    settings.email = "neu@kts.example"
    settings.save()
    assert "neu@kts.example" in client.get("/de/").content.decode()


def test_switched_off_the_cache_keeps_nothing(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _settle(client, "/de/")
    assert HIT_HEADER not in client.get("/de/")


def _max_age(response) -> int:
    return int(response["Cache-Control"].split("max-age=")[1].split(",")[0])


def test_a_page_that_does_not_depend_on_the_clock_is_kept_until_content_changes(
        client, site, frozen_clock):
    page = _page(site, slug="zeitlos", title="Zeitlos")
    _settle(client, "/de/zeitlos/")
    frozen_clock.shift(timedelta(minutes=30))  # no time slice retires it
    kept = client.get("/de/zeitlos/")
    assert kept[HIT_HEADER] == "hit"
    assert _max_age(kept) <= 60  # a proxy, told of no change, keeps it a minute at most
    page.title = "Geändert"
    publish(page)
    assert client.get("/de/zeitlos/")[HIT_HEADER] == "miss"


def test_kept_pages_expire_apart_and_never_past_their_next_change():
    now = time.time()
    with_clock = {lifetime(page_clock.Clock(changes=True), now) for _ in range(200)}
    assert min(with_clock) >= 48 and max(with_clock) <= 60 and len(with_clock) > 5
    without = {lifetime(page_clock.Clock(), now) for _ in range(200)}
    assert min(without) >= 0.8 * frame_seconds() and len(without) > 5
    assert lifetime(page_clock.Clock(next_change=now + 30), now) <= 30
    assert lifetime(page_clock.Clock(changes=True, next_change=now), now) == 0


def test_what_a_page_says_about_the_clock_is_kept_with_the_content_cache(db, frozen_clock):
    calls = []

    def compute():
        calls.append(1)
        page_clock.changes_at(datetime.now(UTC) + timedelta(minutes=5))
        return "Wert"

    for _ in range(2):
        with page_clock.watching() as clock:
            assert remember(("uhr-test",), compute) == "Wert"
        assert clock.next_change <= time.time() + 5 * 60
    assert len(calls) == 1
    frozen_clock.shift(timedelta(minutes=6))  # the moment it named has come
    remember(("uhr-test",), compute)
    assert len(calls) == 2


def test_a_kept_page_is_answered_gzipped_from_one_compression(client, site):
    _page(site, slug="gepackt", title="Gepackt")
    plain = _settle(client, "/de/gepackt/")
    packed = client.get("/de/gepackt/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert packed[HIT_HEADER] == "hit" and packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert packed["ETag"] == f'W/{plain["ETag"]}' and "Accept-Encoding" in packed["Vary"]
    assert client.get("/de/gepackt/", HTTP_ACCEPT_ENCODING="gzip",
                      HTTP_IF_NONE_MATCH=packed["ETag"]).status_code == 304
    assert "Content-Encoding" not in client.get("/de/gepackt/")  # asked for plain
