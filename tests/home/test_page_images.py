"""Pages show their picture as a responsive <picture>: WebP sources and a JPEG <img> with
srcset, width, height (no layout shift) and alt text that an editor had to write or
explicitly waive; the API gives the renditions; the demo ships a picture for every page
type that has one."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.views.static import serve
from wagtail.models import Locale, Page

from community.models import PeerGroupIndexPage, PeerGroupPage
from events.models import EventIndexPage, EventPage, EventSeriesPage, FAQPage
from home.illustrations import demo_image
from home.models import HomePage, StandardPage
from repository.models import (
    ModelProjectIndexPage,
    ModelProjectPage,
    PublicationIndexPage,
    PublicationPage,
    SolutionIndexPage,
    SolutionPage,
)
from tests.demo import install_demo

pytestmark = pytest.mark.django_db

# Page types with a picture of their own, and listings that show their items' pictures.
DETAIL_TYPES = (ModelProjectPage, SolutionPage, PublicationPage, EventPage, EventSeriesPage,
                PeerGroupPage, FAQPage)
LISTING_TYPES = (ModelProjectIndexPage, SolutionIndexPage, PublicationIndexPage,
                 EventIndexPage, PeerGroupIndexPage)
SRCSET_ENTRY = re.compile(r"^/media/images/\S+ \d+w$")


def picture_problems(html: str) -> list[str]:
    """What is missing from the page's pictures (none when there is no picture)."""
    soup = BeautifulSoup(html, "html.parser")
    pictures = soup.select("main picture")
    if not pictures:
        return ["no <picture>"]
    problems = []
    for picture in pictures:
        img = picture.find("img")
        sources = picture.find_all("source")
        if [source["type"] for source in sources] != ["image/webp"]:
            problems.append(f"sources {[s.get('type') for s in sources]}")
        for srcset in [img.get("srcset", ""), *(source["srcset"] for source in sources)]:
            entries = [entry.strip() for entry in srcset.split(",")]
            if len(entries) < 2 or not all(SRCSET_ENTRY.match(entry) for entry in entries):
                problems.append(f"srcset {srcset!r}")
        if not (img.get("width", "").isdigit() and img.get("height", "").isdigit()):
            problems.append(f"width/height {img.get('width')}x{img.get('height')}")
        if not img.get("alt", "").strip():
            problems.append(f"alt missing on {img.get('src')}")
        if not img.get("sizes"):
            problems.append("sizes missing")
    return problems


def media_status(url: str) -> int:
    """The status the media server gives this URL (tests run without DEBUG, which is
    what mounts Django's own media view; production's proxy serves the same files)."""
    path = urlsplit(url).path
    assert path.startswith(settings.MEDIA_URL), url
    request = RequestFactory().get(path)
    return serve(request, path[len(settings.MEDIA_URL):],
                 document_root=settings.MEDIA_ROOT).status_code


def test_every_demo_page_type_shows_a_picture_with_srcset_size_and_alt_and_the_api_renditions(
        client):
    install_demo()
    # Every live demo page of these types has a picture, the series' sessions included
    # (the draft publication that a working community's decision starts waits for the
    # editor's picture).
    for model in DETAIL_TYPES:
        assert not model.objects.live().filter(image=None).exists(), model.__name__
    checked = []
    for model in (*DETAIL_TYPES, *LISTING_TYPES):
        for language in ("de", "en"):
            page = (model.objects.live().public().filter(locale__language_code=language)
                    .order_by("path").first())
            assert page is not None, f"no demo {model.__name__} in {language}"
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            html = response.content.decode()
            assert picture_problems(html) == [], (page.url, picture_problems(html))
            checked.append(page.url)
            # The lead picture comes at once; cards further down wait until scrolled to.
            soup = BeautifulSoup(html, "html.parser")
            lead = soup.select_one("main .picture--lead img, main .picture--cover img")
            if model in DETAIL_TYPES:
                assert lead is not None and lead.get("loading") is None, page.url
            cards = soup.select("main .picture--card img, main .picture--thumbnail img")
            assert all(card.get("loading") == "lazy" for card in cards), page.url
    assert len(checked) == 2 * (len(DETAIL_TYPES) + len(LISTING_TYPES))

    # English pages describe their picture in English.
    english = SolutionPage.objects.filter(locale__language_code="en").first()
    german = english.get_translation(Locale.objects.get(language_code="de"))
    assert english.image_id == german.image_id
    assert english.image_alt.startswith("Illustration on ")
    assert german.image_alt.startswith("Illustration zum Thema ")
    # The demo marks each scene's badge as its focal point, which every fill crop keeps.
    assert german.image.focal_point_x is not None

    # Every rendition the API names answers 200, for each endpoint that serves pictures.
    endpoints = {"solutions": SolutionPage, "model-projects": ModelProjectPage,
                 "publications": PublicationPage, "events": EventPage,
                 "event-series": EventSeriesPage}
    for endpoint, model in endpoints.items():
        page = model.objects.live().public().filter(locale__language_code="de").first()
        data = client.get(f"/api/v2/{endpoint}/{page.pk}/").json()
        image = data["image"]
        assert image["alt"] == page.image_alt and image["decorative"] is False, endpoint
        assert set(image["renditions"]) == {"thumbnail", "medium", "large"}
        for rendition in image["renditions"].values():
            assert media_status(rendition["url"]) == 200, rendition["url"]
            assert rendition["width"] > 0 and rendition["height"] > 0
    for model in (PeerGroupPage, FAQPage):
        page = model.objects.live().public().filter(locale__language_code="en").first()
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert data["image"]["alt"] == page.image_alt, model.__name__
        assert media_status(data["image"]["renditions"]["medium"]["url"]) == 200


def test_alt_text_is_required_unless_the_image_is_marked_decorative(site, client):
    image = demo_image("Alt-Text-Probe", "mobility", "#005a9c")
    index = site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Gruppen", slug="gruppen"))
    group = PeerGroupPage(title="Mobilität", slug="mobilitaet", topic="Mobilität",
                          description="<p>Austausch</p>", image=image)
    with pytest.raises(ValidationError) as refused:
        group.clean()
    assert "image_alt" in refused.value.message_dict
    group.image_alt = "   "
    with pytest.raises(ValidationError):
        group.clean()
    # A decorative image needs no text, and its alt attribute stays empty.
    group.image_decorative = True
    group.clean()
    assert group.image_alt_text == ""
    index.add_child(instance=group)
    group.save_revision().publish()
    html = client.get(Page.objects.get(pk=group.pk).url).content.decode()
    img = BeautifulSoup(html, "html.parser").select_one("main picture img")
    assert img is not None and img["alt"] == ""


# The site's own page types show pictures too: the home page's cards and a standard
# page's picture in its text (the demo's "Über uns").
def test_a_demo_home_page_and_standard_page_show_a_picture_in_each_language(client):
    install_demo()
    for model in (HomePage, StandardPage):
        for language in ("de", "en"):
            pages = model.objects.live().public().filter(locale__language_code=language)
            shown = [page.url for page in pages
                     if picture_problems(client.get(page.url).content.decode()) == []]
            assert shown, f"no demo {model.__name__} in {language} shows a picture"
    about = client.get("/de/ueber-uns/").content.decode()
    assert '<picture class="picture picture--figure">' in about
    assert 'alt="Illustration: drei Personen über einer Stadtsilhouette' in about
