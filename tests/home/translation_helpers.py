"""A page translated in part through wagtail-localize, for the translation guard's tests
(server and browser)."""

from __future__ import annotations

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from home.models import StandardPage
from tests.home.factories import StandardPageFactory, publish


def translated_in_part(client, site, **translations: str) -> Page:
    """The English translation of a German page (submitted through wagtail-localize), with
    only the segments named in ``translations`` (content path → English text) translated."""
    german = publish(StandardPageFactory(parent=site.root_page, title="Themenworkshops",
                                         slug="themenworkshops", intro="Dreieinhalb Stunden."))
    english = Locale.objects.get(language_code="en")
    client.post(reverse("wagtail_localize:submit_page_translation", args=[german.pk]),
                {"locales": [english.pk]})
    translation = Translation.objects.get(source__object_id=german.translation_key,
                                          target_locale=english)
    for segment in StringSegment.objects.filter(source=translation.source,
                                                context__path__in=translations):
        StringTranslation.objects.create(translation_of=segment.string, locale=english,
                                         context=segment.context,
                                         data=translations[segment.context.path])
    return StandardPage.objects.get(translation_key=german.translation_key, locale=english)
