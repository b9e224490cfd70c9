"""Chosen pages and snippets in the reader's language, blocks whose target is gone, and
the outline rules, all as a reader or an editor would notice them."""

import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale

from home.blocks import BodyBlock, CallToActionBlock, ImageBlock, KeyFigureBlock
from home.models import ContactPerson, PartnerOrganisation
from tests.home.factories import ContactPersonFactory, StandardPageFactory, publish, translate

pytestmark = pytest.mark.django_db


def english(obj, **fields):
    translated = obj.copy_for_translation(Locale.objects.get(language_code="en"))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save()
    return translated


@pytest.fixture
def image():
    return Image.objects.create(title="Karte", file=get_test_image_file(size=(800, 600)))


def rich_body(person, partner, target, image, groups=1):
    blocks = [{"type": "heading", "value": {"text": "Abschnitt", "level": "h2"}}]
    for _ in range(groups):
        blocks += [
            {"type": "contact_person", "value": {"person": person.id, "note": ""}},
            {"type": "partners", "value": {"heading": "", "partners": [partner.id]}},
            {"type": "call_to_action", "value": {"title": "Weiter", "text": "",
                                                 "link_label": "Los",
                                                 "link": {"page": target.id, "url": ""}}},
            {"type": "image", "value": {"image": image.id, "alt_text": "Karte",
                                        "decorative": False, "caption": "", "credit": ""}},
        ]
    return json.dumps(blocks)


@pytest.fixture
def bilingual_page(site, image):
    """A German page with contact, partner, call to action and image, and its translation."""
    person = ContactPersonFactory(name="Jonas Weber", role="Beratung")
    english(person, role="Consulting")
    partner = PartnerOrganisation.objects.create(
        name="BBSR", description="Forschung", locale=person.locale)
    english(partner, description="Research")
    target = publish(StandardPageFactory(parent=site.root_page, slug="ziel", title="Ziel"))
    translate(target, "en", slug="target", title="Target")
    page = StandardPageFactory(parent=site.root_page, slug="reich")
    page.body = rich_body(person, partner, target, image)
    publish(page)
    translated = translate(page, "en", slug="rich")
    return page, translated


def test_english_page_shows_english_snippets_and_links(client, bilingual_page):
    html = client.get("/en/rich/").content.decode()
    assert "Consulting" in html and "Beratung" not in html
    assert "Research" in html and "Forschung" not in html
    assert 'href="/en/target/"' in html and "/de/ziel/" not in html


def test_api_serves_the_english_versions_too(client, bilingual_page):
    _german, translated = bilingual_page
    body = client.get(f"/api/v2/pages/{translated.id}/").json()["body"]
    blocks = {block["type"]: block["value"] for block in body}
    assert blocks["contact_person"]["person"]["role"] == "Consulting"
    assert blocks["partners"]["partners"][0]["description"] == "Research"
    assert blocks["call_to_action"]["link"]["url"] == "/en/target/"


def test_featured_pages_follow_the_language(client, site):
    target = publish(StandardPageFactory(parent=site.root_page, slug="ziel", title="Ziel"))
    translate(target, "en", slug="target", title="Target")
    home = site.root_page.specific
    home.featured = json.dumps([{"type": "page", "value": {"page": target.id, "teaser": ""}}])
    publish(home)
    english_home = home.get_translation(Locale.objects.get(language_code="en")).specific
    english_home.featured = home.featured
    publish(english_home)

    html = client.get("/en/").content.decode()
    assert 'href="/en/target/">Target</a>' in html
    items = client.get(f"/api/v2/pages/{english_home.id}/").json()["featured_content"][0]
    assert items["items"][0] == {"title": "Target", "url": "/en/target/", "summary": ""}


def _queries(client, django_assert_max_num_queries, url):
    client.get(url)  # renditions are made on the first view and cached
    # ... and the image saves its file size, which retires the cached frame once more
    client.get(url)
    with django_assert_max_num_queries(100) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# STANDARD_PAGE_QUERIES (tests/home/test_pages.py) plus, per kind of chosen object
# (contact people, partner organisations, pages), one query to load them all and, on
# the English page, one to find their translations; one for all images.
RICH_PAGE_QUERIES = {"/de/reich/": 5, "/en/rich/": 7}


@pytest.mark.parametrize("url", RICH_PAGE_QUERIES)
def test_rich_page_query_count_is_fixed_whatever_the_number_of_blocks(
    client, bilingual_page, image, django_assert_max_num_queries, url,
):
    one_group = _queries(client, django_assert_max_num_queries, url)
    person = ContactPerson.objects.get(name="Jonas Weber", locale__language_code="de")
    partner = PartnerOrganisation.objects.get(name="BBSR", locale__language_code="de")
    target = bilingual_page[0].get_siblings().get(slug="ziel")
    for page in bilingual_page:
        page.body = rich_body(person, partner, target, image, groups=10)
        publish(page)
    ten_groups = _queries(client, django_assert_max_num_queries, url)
    assert one_group == ten_groups == RICH_PAGE_QUERIES[url]


def test_blocks_whose_target_is_gone_render_nothing_broken(client, site, image):
    person = ContactPersonFactory()
    target = publish(StandardPageFactory(parent=site.root_page, slug="weg"))
    page = StandardPageFactory(parent=site.root_page, slug="verwaist")
    page.body = json.dumps([
        {"type": "contact_person", "value": {"person": person.id, "note": ""}},
        {"type": "call_to_action", "value": {"title": "Weiter", "text": "", "link_label": "Los",
                                             "link": {"page": target.id, "url": ""}}},
        {"type": "image", "value": {"image": image.id, "alt_text": "Karte",
                                    "decorative": False, "caption": "", "credit": ""}},
    ])
    publish(page)
    person.delete()
    target.delete()
    image.delete()
    html = client.get("/de/verwaist/").content.decode()
    assert 'class="contact-card"' not in html
    assert 'href=""' not in html and 'src=""' not in html
    assert "<h2>Weiter</h2>" in html


def test_image_block_needs_alt_text_unless_decorative(image):
    block = ImageBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": image.id, "alt_text": " ", "decorative": False}))
    assert block.clean(block.to_python({"image": image.id, "alt_text": "", "decorative": True}))
    assert block.clean(block.to_python({"image": image.id, "alt_text": "Karte"}))


def test_call_to_action_takes_a_page_or_an_address_not_both(site):
    block = CallToActionBlock()
    both = block.to_python({"title": "t", "link_label": "l",
                            "link": {"page": site.root_page_id, "url": "https://example.org"}})
    with pytest.raises(ValidationError):
        block.clean(both)
    one = block.to_python({"title": "t", "link_label": "l",
                           "link": {"page": None, "url": "https://example.org"}})
    assert block.clean(one)


def test_a_key_figure_may_lead_to_a_listing_but_not_to_two(site):
    block = KeyFigureBlock()
    without = block.to_python({"value": "73", "label": "Modellprojekte", "note": ""})
    assert block.clean(without)["link"]["page"] is None
    both = block.to_python({"value": "73", "label": "Modellprojekte", "note": "",
                            "link": {"page": site.root_page_id, "url": "/de/projekte/"}})
    with pytest.raises(ValidationError):
        block.clean(both)
    # A call to action still needs its target.
    with pytest.raises(ValidationError):
        CallToActionBlock().clean(CallToActionBlock().to_python(
            {"title": "t", "link_label": "l", "link": {"page": None, "url": ""}}))


@pytest.mark.parametrize(("address", "valid"), [
    ("/de/start-smart/interesse/", True),
    ("https://www.bbsr.bund.de/", True),
    ("//elsewhere.example/phishing/", False),
    ("javascript:alert(1)", False),
    ("ftp://files.example/", False),
    ("start-smart/interesse/", False),
])
def test_call_to_action_links_to_a_path_here_or_a_web_address(address, valid):
    block = CallToActionBlock()
    value = block.to_python({"title": "t", "link_label": "l",
                             "link": {"page": None, "url": address}})
    if valid:
        assert block.clean(value)
    else:
        with pytest.raises(ValidationError):
            block.clean(value)


def test_body_may_not_open_with_a_subsection_heading():
    block = BodyBlock()
    skipping = block.to_python([{"type": "heading", "value": {"text": "Zu tief", "level": "h3"}}])
    with pytest.raises(ValidationError):
        block.clean(skipping)
    ordered = block.to_python([
        {"type": "heading", "value": {"text": "Abschnitt", "level": "h2"}},
        {"type": "heading", "value": {"text": "Teil", "level": "h3"}},
    ])
    assert block.clean(ordered)


def test_language_switcher_on_a_404_leads_to_the_home_pages(client, site):
    html = client.get("/fr/irgendwas/").content.decode()
    switcher = html.split('class="language-switcher"')[1].split("</nav>")[0]
    assert 'href="/de/"' in switcher and 'href="/en/"' in switcher


def test_untranslated_alias_is_not_announced_as_english(client, site):
    page = publish(StandardPageFactory(parent=site.root_page, slug="nur-de"))
    page.copy_for_translation(Locale.objects.get(language_code="en"), alias=True)
    html = client.get("/de/nur-de/").content.decode()
    assert 'hreflang="en" href=' not in html
    assert 'href="/en/nur-de/" lang="en"' in html
