"""Pages whose translation is missing or out of date, for the dashboard.

A live page of the default locale needs its translators when, in another locale,
- there is no version, or only an alias (wagtail-localize's stand-in that shows the
  original's text until someone translates it): the translation is *missing*;
- the version there was last published before the original was: the original changed
  since, so the translation is *out of date* (wagtail-localize's "sync" republishes it).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from home.dashboard import OLDEST_SHOWN, DashboardItem, DashboardPanel


def may_translate(user: Any) -> bool:
    return user.has_perm("wagtail_localize.submit_translation")


def pages_needing_translation() -> tuple[QuerySet[Page], list[Locale]]:
    """Live pages of the default locale (the root excepted) that lack a current
    translation in at least one other locale, annotated ``missing_<id>`` and
    ``outdated_<id>`` per other locale; and those locales."""
    default = Locale.get_default()
    others = list(Locale.objects.exclude(pk=default.pk).order_by("language_code"))
    pages = Page.objects.live().filter(locale=default, depth__gt=1)
    needs = Q(pk__in=[])
    for locale in others:
        versions = Page.objects.filter(translation_key=OuterRef("translation_key"),
                                       locale=locale, alias_of__isnull=True)
        pages = pages.annotate(**{
            f"missing_{locale.pk}": ~Exists(versions),
            f"outdated_{locale.pk}": Exists(versions.filter(
                last_published_at__lt=OuterRef("last_published_at"))),
        })
        needs |= Q(**{f"missing_{locale.pk}": True}) | Q(**{f"outdated_{locale.pk}": True})
    return pages.filter(needs), others


def translation_panel(request: Any) -> DashboardPanel:
    pages, locales = pages_needing_translation()
    oldest = pages.order_by(F("last_published_at").asc(nulls_first=True), "pk")[:OLDEST_SHOWN]
    items = []
    for page in oldest:
        missing = [locale.get_display_name() for locale in locales
                   if getattr(page, f"missing_{locale.pk}")]
        outdated = [locale.get_display_name() for locale in locales
                    if getattr(page, f"outdated_{locale.pk}")]
        detail = "; ".join(
            [_("missing: %(languages)s") % {"languages": ", ".join(missing)}] * bool(missing)
            + [_("out of date: %(languages)s") % {"languages": ", ".join(outdated)}]
            * bool(outdated))
        items.append(DashboardItem(page.title, reverse("wagtailadmin_pages:edit",
                                                       args=[page.pk]),
                                   detail, page.last_published_at))
    return DashboardPanel(
        name="translations", heading=_("Translations missing or out of date"),
        count=pages.count(), items=items, link_url=reverse("wagtailadmin_explore_root"),
        link_label=_("Open the pages"), order=140, icon="globe")
