"""Standard pages are found by the site search."""

import pytest

from search import service
from search.service import SearchRequest
from search.sync import sync_search_index_now
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def test_a_standard_page_is_found_by_its_body(site, settings):
    settings.SEARCH_BACKEND = "database"
    publish(StandardPageFactory(parent=site.root_page, title="Über uns", slug="ueber-uns",
                                intro="Die Koordinierungs- und Transferstelle stellt sich vor."))
    sync_search_index_now()
    [hit] = service.search(SearchRequest(query="Transferstelle")).hits
    assert hit.source == "page" and hit.url == "/de/ueber-uns/"


def test_a_body_s_words_come_from_its_raw_data_without_a_query(site, django_assert_num_queries):
    """raw_searchable_content gives what Wagtail's get_searchable_content gives for every
    kind of block in a standard page's body, chooser blocks included, without fetching
    the chosen page, image, document or person (the index reads bodies a chunk at a
    time)."""
    import wagtail_factories
    from wagtail.blocks import StreamValue
    from wagtail.rich_text import RichText

    from home.models import StandardPage
    from home.search_sources import raw_searchable_content
    from tests.home.factories import ContactPersonFactory

    block = StandardPage._meta.get_field("body").stream_block
    value = StreamValue(block, [
        ("heading", {"text": "Abschnitt", "level": "h3"}),
        ("paragraph", RichText("<p>Text &amp; <b>mehr</b></p>")),
        ("image", {"image": wagtail_factories.ImageFactory(), "alt_text": "Ein Rathaus",
                   "caption": "Bildunterschrift"}),
        ("quote", {"text": "Daten sind Infrastruktur.", "attribution": "Eine Bürgermeisterin"}),
        ("call_to_action", {"title": "Mitmachen", "text": "Jetzt", "link_label": "Los",
                            "link": {"page": site.root_page, "url": ""}}),
        ("faq", {"heading": "Fragen", "items": [
            {"question": "Was kostet es?", "answer": RichText("<p>Nichts.</p>")}]}),
        ("contact_person", {"person": ContactPersonFactory(name="Zora"), "note": "Fragen"}),
        ("document_link", {"document": wagtail_factories.DocumentFactory(), "label": "PDF"}),
    ])
    raw = block.get_prep_value(value)
    expected = block.get_searchable_content(StreamValue(block, raw, is_lazy=True))
    assert "Ein Rathaus" in expected and "Was kostet es?" in expected
    with django_assert_num_queries(0):
        assert raw_searchable_content(block, raw) == expected
