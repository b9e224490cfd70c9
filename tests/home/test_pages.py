import json

import pytest
from wagtail.models import Page

from home.models import SiteSettings
from tests.home.factories import StandardPageFactory, publish, translate
from tests.queries import warm_query_count

pytestmark = pytest.mark.django_db


def german_home(site):
    return site.root_page.specific


def add_pages(parent, count):
    return [publish(StandardPageFactory(parent=parent)) for _ in range(count)]


def test_home_page_speaks_german_at_de(client, site):
    response = client.get("/de/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert "Wissen für alle Kommunen" in html


def test_home_page_speaks_english_at_en(client, site):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Knowledge for everyone" in html


def test_root_redirects_to_language_from_browser(client, site):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").url == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr").url == "/de/"


def test_site_frame_has_skip_link_and_landmarks(client, site):
    html = client.get("/de/").content.decode()
    assert '<a class="skip-link" href="#main">Zum Inhalt springen</a>' in html
    assert '<main id="main"' in html
    assert '<nav class="main-nav" aria-label="Hauptnavigation">' in html
    assert '<footer class="site-footer">' in html
    assert "/static/platform/favicon.svg" in html


def test_language_switcher_lands_on_translated_page(client, site):
    page = publish(StandardPageFactory(parent=german_home(site), title="Über uns",
                                       slug="ueber-uns"))
    translate(page, "en", title="About us", slug="about-us")
    html = client.get("/de/ueber-uns/").content.decode()
    assert 'href="/en/about-us/" lang="en" hreflang="en" rel="alternate">English</a>' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about-us/">' in html


def test_language_switcher_falls_back_to_home_without_translation(client, site):
    publish(StandardPageFactory(parent=german_home(site), slug="nur-deutsch"))
    html = client.get("/de/nur-deutsch/").content.decode()
    assert 'href="/en/" lang="en" hreflang="en" rel="alternate">English</a>' in html
    assert 'hreflang="en" href="http://testserver/en/"' not in html


def test_navigation_lists_menu_pages_of_the_active_language(client, site):
    page = publish(StandardPageFactory(parent=german_home(site), title="Start Smart"))
    translate(page, "en", title="Start Smart EN", slug="start-smart-en")
    publish(StandardPageFactory(parent=german_home(site), title="Versteckt", show_in_menus=False))
    german = client.get("/de/").content.decode()
    english = client.get("/en/").content.decode()
    assert ">Start Smart</a>" in german and "Versteckt" not in german
    assert ">Start Smart EN</a>" in english


def test_standard_page_renders_its_blocks(client, site):
    page = StandardPageFactory(parent=german_home(site), slug="bloecke")
    page.body = json.dumps([
        {"type": "heading", "value": {"text": "Abschnitt", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Ein <b>Absatz</b>.</p>"},
        {"type": "quote", "value": {"text": "Kein Rad neu erfinden.", "attribution": "KTS"}},
        {"type": "faq", "value": {"heading": "Fragen", "items": [
            {"question": "Was kostet es?", "answer": "<p>Nichts.</p>"}]}},
        {"type": "call_to_action", "value": {"title": "Mitmachen", "text": "",
                                             "link_label": "Los", "link": {
                                                 "page": None, "url": "https://example.org/"}}},
    ])
    publish(page)
    html = client.get("/de/bloecke/").content.decode()
    assert "<h2>Abschnitt</h2>" in html
    assert "<b>Absatz</b>" in html
    assert "<blockquote><p>Kein Rad neu erfinden.</p></blockquote>" in html
    assert "<summary>Was kostet es?</summary>" in html
    assert '<a class="button" href="https://example.org/">Los</a>' in html


def test_recent_pages_slot_shows_newest_pages_first(client, site):
    home = german_home(site)
    older, newer = add_pages(home, 2)
    home.featured = json.dumps([{"type": "slot", "value": {
        "heading": "Neu", "slot": "recent_pages", "limit": 1}}])
    publish(home)
    html = client.get("/de/").content.decode()
    assert newer.title in html
    assert f">{older.title}</a></h3>" not in html


def test_unknown_page_is_a_readable_404_in_the_request_language(client, site):
    german = client.get("/de/gibt-es-nicht/")
    english = client.get("/en/does-not-exist/")
    assert german.status_code == english.status_code == 404
    assert "Seite nicht gefunden" in german.content.decode()
    assert "Page not found" in english.content.decode()


def test_unknown_language_prefix_is_a_404_that_names_the_languages(client, site):
    response = client.get("/fr/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "not available in the language “fr”" in response.content.decode()


@pytest.mark.parametrize("url", ["/de/", "/en/", "/de/seite-fest/"])
def test_page_query_count_does_not_grow_with_the_site(client, site, url):
    home = german_home(site)
    publish(StandardPageFactory(parent=home, slug="seite-fest"))
    furnish(site)
    add_pages(home, 5)
    client.get(url)  # warm Wagtail's per-process caches
    small = warm_query_count(client, url)
    add_pages(home, 45)
    large = warm_query_count(client, url)
    assert small == large


def furnish(site):
    """What a real site has on every page: footer links and a hero button."""
    home = german_home(site)
    legal = add_pages(home, 3)
    for page in legal:
        translate(page, "en", slug=f"{page.slug}-en")
    settings = SiteSettings.for_site(site)
    settings.imprint_page, settings.privacy_page, settings.accessibility_page = legal
    settings.hotline, settings.email = "030 123", "kontakt@kts.example"
    settings.save()
    home.hero_link_page, home.hero_link_label = legal[0], "Mehr"
    home.featured = json.dumps([{"type": "slot", "value": {
        "heading": "Neu", "slot": "recent_pages", "limit": 3}}])
    publish(home)


def test_footer_links_lead_to_the_pages_in_the_active_language(client, site):
    furnish(site)
    html = client.get("/en/").content.decode()
    assert 'href="/en/seite-' in html and '>Imprint</a>' in html
    assert 'href="/de/seite-' not in html.split('class="site-footer"')[1]


def test_home_page_query_count_is_pinned(client, site, django_assert_num_queries):
    furnish(site)
    add_pages(german_home(site), 10)
    client.get("/de/")
    with django_assert_num_queries(HOME_PAGE_QUERIES):
        client.get("/de/")


def test_standard_page_query_count_is_pinned(client, site, django_assert_num_queries):
    furnish(site)
    add_pages(german_home(site), 10)
    client.get("/de/seite-fest/")
    page = publish(StandardPageFactory(parent=german_home(site), slug="gemessen"))
    assert Page.objects.filter(pk=page.pk).exists()
    client.get("/de/gemessen/")
    with django_assert_num_queries(STANDARD_PAGE_QUERIES):
        client.get("/de/gemessen/")


# Site, locales, routing, view restrictions, navigation, language switcher, footer text,
# site settings and footer links come from the cache (home/content_cache.py), filled by
# the request before, and so do the featured sections (per minute as well, for what the
# clock changes). None depends on the number of pages.
HOME_PAGE_QUERIES = 0
STANDARD_PAGE_QUERIES = 0
