"""Translation guard: publishing a translation that still has untranslated text asks first.

wagtail-localize's translation editor publishes at once and only afterwards warns
"Published … with missing translations", by which time readers already see the
original's German text in the middle of an English page. The guard answers the
editor's "Publish" with a confirmation step that names each untranslated segment
(field and source text); only "Publish anyway" publishes. It hooks in ahead of
wagtail-localize's own ``before_edit_page`` hook and hands everything else on.

The editor also lists the slug on the Promote tab, far from the title it is made
from, so it was easy to leave untranslated; ``SlugBesideTitleTabHelper`` places the
slug segment right after the title segment.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.views import edit_translation as localize_editor

# The POST field the confirmation step adds; without it a publish with gaps is held.
CONFIRM_FIELD = "publish-untranslated"
SOURCE_SHOWN_CHARACTERS = 90


@dataclass(frozen=True)
class UntranslatedSegment:
    """One piece of source text that has no translation in the target language."""

    field: str
    detail: str
    source: str


class SlugBesideTitleTabHelper(localize_editor.TabHelper):
    """Puts the slug on the title's tab at the title's place in the translation editor.

    Works around wagtail-localize placing each segment on the tab of its panel, which
    for the slug is Promote (tests/home/test_translation_guard.py fails once upstream
    places it beside the title itself)."""

    def _beside_title(self, mapping: dict[str, Any]) -> dict[str, Any]:
        if "title" in mapping and "slug" in mapping:
            mapping = {**mapping, "slug": mapping["title"]}
        return mapping

    @property
    def field_tab_mapping(self) -> dict[str, Any]:
        return self._beside_title(super().field_tab_mapping)

    @property
    def field_ordering_mapping(self) -> dict[str, Any]:
        return self._beside_title(super().field_ordering_mapping)


def show_slug_beside_title() -> None:
    """Makes wagtail-localize's translation editor use ``SlugBesideTitleTabHelper``."""
    localize_editor.TabHelper = SlugBesideTitleTabHelper


def untranslated_segments(translation: Translation) -> list[UntranslatedSegment]:
    """The source's text segments without a translation into the target locale, in the
    order the translation editor shows them (segments the editor hides are left out, as
    the editor could not fill them either)."""
    source_instance = translation.source.get_source_instance()
    tab_helper = SlugBesideTitleTabHelper(source_instance)
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id, has_error=False)
    segments = (StringSegment.objects.filter(source=translation.source)
                .annotate(is_translated=Exists(translated)).filter(is_translated=False)
                .select_related("string", "context").order_by("order"))
    found = []
    for segment in segments:
        try:
            location = localize_editor.get_segment_location_info(
                source_instance, tab_helper, segment.context.path,
                segment.context.get_field_path(source_instance))
        except localize_editor.FieldHasNoEditPanelError:
            continue
        found.append(((location["order"], segment.order), UntranslatedSegment(
            field=str(location["field"]), detail=str(location["subField"] or ""),
            source=Truncator(segment.string.data).chars(SOURCE_SHOWN_CHARACTERS))))
    return [item for _order, item in sorted(found, key=lambda pair: pair[0])]


def translation_of(page: Page) -> Translation | None:
    """The active wagtail-localize translation that writes this page, if any."""
    return Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id,
        enabled=True).select_related("source", "target_locale").first()


def hold_publish_with_gaps(request: HttpRequest, page: Page) -> HttpResponse | None:
    """``before_edit_page``: answers a translation's "Publish" with the confirmation step
    while segments are untranslated. Anything else (other actions, complete translations,
    people who may not publish, whom wagtail-localize refuses) goes on unchanged."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    if request.POST.get(CONFIRM_FIELD) or page.alias_of_id:
        return None
    if not page.permissions_for_user(request.user).can_publish():
        return None
    translation = translation_of(page)
    if translation is None:
        return None
    gaps = untranslated_segments(translation)
    if not gaps:
        return None
    # The language's name in the editor's language ("Englisch"), not its own ("English").
    locale = get_language_info(translation.target_locale.language_code)["name_translated"]
    return render(request, "home/admin/confirm_untranslated_publish.html", {
        "page": page,
        "locale_name": locale,
        "source_language": translation.source.locale.language_code,
        "segments": gaps,
        "confirm_field": CONFIRM_FIELD,
        "header_title": _("Publish with untranslated text?"),
        # Short words in the header: it leaves little room beside the menu on a phone.
        "page_title": _("Not translated yet"),
        "page_subtitle": page.get_admin_display_title(),
        "header_icon": "warning",
    })
