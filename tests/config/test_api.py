import json

import pytest
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError
from wagtail_factories import DocumentFactory, ImageFactory

from config.api import translated_error
from tests.home.factories import StandardPageFactory, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def about_page(site):
    page = StandardPageFactory(parent=site.root_page, title="Über uns", slug="ueber-uns",
                               intro="Wer wir sind.")
    page.body = json.dumps([
        {"type": "heading", "value": {"text": "Aufgaben", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Wir <b>vernetzen</b>.</p>"},
    ])
    publish(page)
    translate(page, "en", title="About us", slug="about-us")
    return page


def test_pages_endpoint_lists_pages_of_both_languages(client, about_page):
    items = client.get("/api/v2/pages/?type=home.StandardPage").json()["items"]
    assert {item["meta"]["locale"] for item in items} == {"de", "en"}


def test_locale_filter_returns_only_that_language(client, about_page):
    items = client.get("/api/v2/pages/?type=home.StandardPage&locale=en").json()["items"]
    assert [item["title"] for item in items] == ["About us"]


def test_streamfield_is_structured_json(client, about_page):
    detail = client.get(f"/api/v2/pages/{about_page.id}/").json()
    assert detail["intro"] == "Wer wir sind."
    assert [block["type"] for block in detail["body"]] == ["heading", "paragraph"]
    assert detail["body"][0]["value"] == {"text": "Aufgaben", "level": "h2"}
    assert detail["body"][1]["value"] == "<p>Wir <b>vernetzen</b>.</p>"


def test_home_page_fields_are_exposed(client, site):
    detail = client.get(f"/api/v2/pages/{site.root_page_id}/").json()
    assert detail["hero_title"] == "Wissen für alle Kommunen"
    assert {"key_figures", "featured_content", "intro", "hero_image"} <= detail.keys()


@pytest.mark.parametrize(("path", "title"), [
    ("/de/ueber-uns/", "Über uns"),
    ("/en/about-us/", "About us"),
    ("/en/", "Home"),
])
def test_find_by_html_path_works_per_locale(client, about_page, path, title):
    response = client.get(f"/api/v2/pages/find/?html_path={path}", follow=True)
    assert response.status_code == 200
    assert response.json()["title"] == title


def test_find_without_language_prefix_is_a_400_naming_the_prefixes(client, about_page):
    response = client.get("/api/v2/pages/find/?html_path=/ueber-uns/",
                          HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] == "html_path must start with a language prefix: /de/, /en/."


def test_find_unknown_path_is_a_json_404(client, about_page):
    response = client.get("/api/v2/pages/find/?html_path=/de/nirgendwo/")
    assert response.status_code == 404
    assert response.json()["message"]


@pytest.mark.parametrize(("query", "german"), [
    ("limit=abc", "limit muss eine ganze Zahl größer oder gleich null sein."),
    ("offset=-1", "offset muss eine ganze Zahl größer oder gleich null sein."),
    ("limit=1000", "Das Limit darf nicht größer als 100 sein."),
    ("colour=blue", "Unbekannter Abfrageparameter: colour."),
    ("type=nope.Nothing", "Dieser Inhaltstyp existiert nicht."),
])
def test_malformed_parameters_answer_400_in_the_request_language(client, site, query, german):
    response = client.get(f"/api/v2/pages/?{query}", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response.json()["message"] == german
    assert response.json()["detail"]


def test_unknown_api_path_is_a_json_404_not_a_redirect(client, site):
    response = client.get("/api/v2/nothing-here/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_unknown_page_id_is_a_json_404(client, site):
    response = client.get("/api/v2/pages/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json()["message"] == "Not found."


def test_images_and_documents_endpoints_are_mounted(client, site):
    assert client.get("/api/v2/images/").status_code == 200
    assert client.get("/api/v2/documents/").status_code == 200


# Count, and the page with its specific rows: never per item. The public pages come from
# the cached restrictions and root translations for an anonymous client
# (home/cached_restrictions.py), the Site from the cache (home/content_cache.py).
PAGES_LISTING_QUERIES = 2


def test_pages_listing_query_count_does_not_grow(client, site, django_assert_num_queries):
    url = "/api/v2/pages/?type=home.StandardPage&fields=intro,body"
    for _ in range(3):
        publish(StandardPageFactory(parent=site.root_page))
    client.get(url)
    with django_assert_num_queries(PAGES_LISTING_QUERIES):
        assert len(client.get(url).json()["items"]) == 3
    for _ in range(20):
        publish(StandardPageFactory(parent=site.root_page))
    client.get(url)  # publishing retired the cached Site and restrictions
    with django_assert_num_queries(PAGES_LISTING_QUERIES):
        assert len(client.get(url).json()["items"]) == 20


@pytest.mark.parametrize("endpoint", ["images", "documents"])
def test_media_listing_query_count_does_not_grow_with_tagged_items(
        client, site, django_assert_num_queries, endpoint):
    factory = ImageFactory if endpoint == "images" else DocumentFactory
    url = f"/api/v2/{endpoint}/?fields=tags"

    def add(count):
        for number in range(count):
            item = factory(title=f"Medium {number}")
            item.tags.add("Stadt", f"Thema {number}")

    add(1)
    client.get(url)
    with django_assert_num_queries(MEDIA_LISTING_QUERIES):
        assert client.get(url).json()["items"][0]["meta"]["tags"] == ["Stadt", "Thema 0"]
    add(15)
    client.get(url)
    with django_assert_num_queries(MEDIA_LISTING_QUERIES):
        assert len(client.get(url).json()["items"]) == 16


# Collection restrictions (twice, as Wagtail asks), count, the page and the tags of all
# its items in one query (Wagtail asked once per item).
MEDIA_LISTING_QUERIES = 5


def test_wagtail_still_writes_english_only_api_errors():
    """config/api.py translates Wagtail's API errors because Wagtail does not; when this
    fails, Wagtail translates them itself and the mapping can go."""
    from django.utils import translation

    with translation.override("de"):
        try:
            WagtailPagination().paginate_queryset([], _request_with(limit="x"), None)
        except BadRequestError as error:
            assert str(error) == "limit must be a positive integer"
            assert translated_error(str(error)).startswith("limit muss")
        else:
            pytest.fail("Wagtail accepted a bad limit")


def _request_with(**params):
    from django.test import RequestFactory

    request = RequestFactory().get("/api/v2/pages/", params)
    request.GET = request.GET.copy()
    return request


def test_images_come_with_renditions(client, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Karte", file=get_test_image_file(size=(1200, 800)))
    page = StandardPageFactory(parent=site.root_page, slug="mit-bild")
    page.body = json.dumps([{"type": "image", "value": {
        "image": image.id, "alt_text": "Karte der Modellprojekte", "decorative": False,
        "caption": "", "credit": "BBSR"}}])
    publish(page)
    home = site.root_page.specific
    home.hero_image = image
    publish(home)

    block = client.get(f"/api/v2/pages/{page.id}/").json()["body"][0]["value"]
    assert block["alt_text"] == "Karte der Modellprojekte"
    assert block["image"]["renditions"]["thumbnail"]["width"] == 400
    assert block["image"]["renditions"]["medium"]["url"].startswith("/media/images/")
    hero = client.get(f"/api/v2/pages/{home.id}/").json()["hero_image"]
    # fill-1600x600 crops to 8:3 and never upscales a 1200-pixel-wide original
    assert (hero["width"], hero["height"]) == (1200, 450)


def test_partners_and_contacts_are_embedded_in_the_api(client, demo_site):
    from wagtail.models import Page

    about = Page.objects.get(slug="ueber-uns")
    body = client.get(f"/api/v2/pages/{about.id}/").json()["body"]
    blocks = {block["type"]: block["value"] for block in body}
    assert blocks["contact_person"]["person"]["name"] == "Dr. Anna Berger"
    assert "BBSR" in " ".join(p["name"] for p in blocks["partners"]["partners"])


@pytest.mark.parametrize("url", [
    "/api/v2/pages/find/?id=abc",
    "/api/v2/documents/find/?id=abc",
    "/api/v2/images/find/?id=1e3",
    "/api/v2/pages/?offset=99999999999999999999",
    "/api/v2/pages/?limit=%EF%BC%91",
    "/api/v2/pages/?child_of=99999999999999999999",
    "/api/v2/pages/?descendant_of=-3",
    "/api/v2/pages/?search=kommune&search_operator=xor",
    "/api/v2/pages/?locale=xx",
    "/api/v2/pages/?locale=",
    "/api/v2/pages/find/?html_path=",
    "/api/v2/pages/find/?html_path=/de/../../etc/",
])
def test_hostile_parameters_are_a_400_never_a_500(client, site, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code in {400, 404}
    assert response.json()["message"]


def test_unknown_locale_names_the_available_ones(client, site):
    response = client.get("/api/v2/pages/?locale=fr", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response.json()["message"] == (
        "Es gibt keine Inhaltssprache „fr“; verwenden Sie eine von: de, en."
    )


def test_wrong_method_is_a_405_with_a_message(client, site):
    response = client.post("/api/v2/pages/", HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 405
    assert response.json()["message"] == 'Methode "POST" nicht erlaubt.'


def test_the_api_serves_restricted_pages_only_to_whom_they_are_open(client, site):
    """An anonymous client's public pages come from the cached restrictions
    (home/cached_restrictions.py); a member, a group member and a session that passed a
    password get Wagtail's own rule."""
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    from tests.community.factories import make_user

    pages = {kind: publish(StandardPageFactory(parent=site.root_page, slug=kind, title=kind))
             for kind in ("open", "login", "group", "password")}
    board = Group.objects.create(name="Vorstand")
    PageViewRestriction.objects.create(page=pages["login"],
                                       restriction_type=PageViewRestriction.LOGIN)
    PageViewRestriction.objects.create(page=pages["group"],
                                       restriction_type=PageViewRestriction.GROUPS
                                       ).groups.add(board)
    password = PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD,
        password="offen-sesam")

    def listed(browser):
        items = browser.get("/api/v2/pages/?type=home.StandardPage").json()["items"]
        return sorted(item["title"] for item in items)

    assert listed(client) == ["open"]
    assert client.get(f"/api/v2/pages/{pages['login'].pk}/").status_code == 404
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [password.pk]
    session.save()
    assert listed(client) == ["open", "password"]
    member = make_user("mitglied")
    client.force_login(member)  # signing in keeps the passed password
    assert listed(client) == ["login", "open", "password"]
    member.groups.add(board)
    assert listed(client) == ["group", "login", "open", "password"]
