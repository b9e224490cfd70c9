"""The site's own page types show pictures too: the home page's cards and a standard
page's picture in its text (the demo's "Über uns"), each with srcset, size and alt, as
tests/home/test_page_images.py checks for the plugins' page types."""

from io import StringIO

import pytest
from django.core.management import call_command

from home.models import HomePage, StandardPage
from tests.home.test_page_images import picture_problems

pytestmark = pytest.mark.django_db


def test_a_demo_home_page_and_standard_page_show_a_picture_in_each_language(client):
    call_command("load_demo", stdout=StringIO())
    for model in (HomePage, StandardPage):
        for language in ("de", "en"):
            pages = model.objects.live().public().filter(locale__language_code=language)
            shown = [page.url for page in pages
                     if picture_problems(client.get(page.url).content.decode()) == []]
            assert shown, f"no demo {model.__name__} in {language} shows a picture"
    about = client.get("/de/ueber-uns/").content.decode()
    assert '<picture class="picture picture--figure">' in about
    assert 'alt="Illustration: drei Personen über einer Stadtsilhouette' in about
