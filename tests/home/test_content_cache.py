"""What the frame reads once per change of content (home/content_cache.py) shows each
change on the next request, and the workarounds of Wagtail's repeated look-ups fail
when Wagtail stops repeating them."""

from __future__ import annotations

from wagtail.models import Locale, Page, PageViewRestriction

from home import cached_restrictions, content_cache
from home.models import FooterText, SiteSettings
from tests.home.factories import StandardPageFactory, publish


def _home(site) -> Page:
    return site.root_page.specific


def test_a_published_page_appears_in_the_navigation_at_once(client, site):
    client.get("/de/")
    page = publish(StandardPageFactory(parent=_home(site), slug="neu", title="Ganz neu",
                                       show_in_menus=True))
    assert "Ganz neu" in client.get("/de/").content.decode()
    page.unpublish()
    assert "Ganz neu" not in client.get("/de/").content.decode()


def test_a_moved_page_is_routed_at_its_new_address(client, site):
    parent = publish(StandardPageFactory(parent=_home(site), slug="eltern"))
    page = publish(StandardPageFactory(parent=_home(site), slug="wandert"))
    assert client.get("/de/wandert/").status_code == 200
    page.move(parent, pos="last-child")
    assert client.get("/de/wandert/").status_code != 200  # a redirect, or gone
    assert client.get("/de/eltern/wandert/").status_code == 200


def test_a_deleted_page_is_gone_at_once(client, site):
    page = publish(StandardPageFactory(parent=_home(site), slug="weg"))
    assert client.get("/de/weg/").status_code == 200
    page.delete()
    assert client.get("/de/weg/").status_code == 404


def test_changed_settings_and_snippets_show_in_the_footer_at_once(client, site):
    client.get("/de/")
    settings = SiteSettings.for_site(site)
    settings.hotline = "030 987 654"
    settings.save()
    FooterText.objects.create(body="<p>Neuer Fußtext</p>",
                              locale=Locale.objects.get(language_code="de"))
    html = client.get("/de/").content.decode()
    assert "030 987 654" in html and "Neuer Fußtext" in html


def test_a_new_view_restriction_applies_at_once(client, site):
    publish(StandardPageFactory(parent=_home(site), slug="geschuetzt"))
    assert client.get("/de/geschuetzt/").status_code == 200
    PageViewRestriction.objects.create(page=Page.objects.get(slug="geschuetzt"),
                                       restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/de/geschuetzt/").status_code == 302


def test_an_ignored_model_keeps_the_generation(db):
    before = content_cache.generation()
    content_cache.model_changed(sender=type("Session", (), {"_meta": type(
        "Meta", (), {"app_label": "sessions", "label_lower": "sessions.session"})}))
    assert content_cache.generation() == before
    content_cache.model_changed(sender=Page)
    assert content_cache.generation() > before


def test_wagtail_still_asks_the_database_for_locales(site, django_assert_num_queries):
    """Upstream gap (home/content_cache.py): once Wagtail caches the locale itself, the
    workaround can go."""
    with django_assert_num_queries(1):
        content_cache.WAGTAIL_GET_FOR_LANGUAGE(Locale.objects, "de")


def test_wagtail_still_asks_the_database_for_view_restrictions(
        site, django_assert_num_queries):
    """Upstream gap (home/cached_restrictions.py)."""
    page = _home(site)
    with django_assert_num_queries(2):
        list(cached_restrictions.WAGTAIL_GET_VIEW_RESTRICTIONS(page))
    with django_assert_num_queries(1):
        cached_restrictions.WAGTAIL_PRIVATE_Q(Page.objects.all())


def test_cached_look_ups_cost_no_query(client, site, django_assert_num_queries):
    page = _home(site)
    list(page.get_view_restrictions())
    Locale.get_active()
    with django_assert_num_queries(0):
        assert list(page.get_view_restrictions()) == []
        assert Locale.get_active().language_code == "de"
        Page.objects.public().query  # noqa: B018  (building it asks nothing)
