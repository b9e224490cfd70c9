"""The site frame: navigation, language switcher and footer, with a fixed number of
queries per request whatever the size of the site."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from home import site_urls
from home.content_cache import remember
from home.localization import localized_pages
from home.models import FooterText

register = template.Library()


def _site(request: HttpRequest | None) -> Site | None:
    return Site.find_for_request(request) if request is not None else None


def active_locale(request: HttpRequest | None) -> Locale:
    """The locale of the active language (cached on the request)."""
    if request is None:
        return Locale.get_active()
    if not hasattr(request, "_active_locale"):
        request._active_locale = Locale.get_active()
    return request._active_locale


def localized_home(request: HttpRequest | None) -> Page | None:
    """The home page of the active language (cached on the request)."""
    if request is None:
        return None
    if not hasattr(request, "_localized_home"):
        site = _site(request)
        home = None
        if site is not None:
            root = site.root_page
            locale = active_locale(request)
            home = root if root.locale_id == locale.id else remember(
                ("home", site.pk, locale.pk), lambda: root.get_translation_or_none(locale))
        request._localized_home = home or (site.root_page if site else None)
    return request._localized_home


def language_links(context) -> list[dict[str, Any]]:
    """One link per language: the translation of the current page when it exists and is
    live, else that language's home page; for other views the same route in the other
    language, and for error pages the home pages.

    `translated` marks links whose target really is in that language (not a German page
    shown as an English alias), the ones worth announcing as hreflang alternates.
    """
    request = context.get("request")
    if request is None:
        return []
    if hasattr(request, "_language_links"):
        return request._language_links

    current_language = translation.get_language()
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    translations: dict[str, Page] = {}
    if page is not None:
        for translated in _live_translations(page):
            translations[translated.locale.language_code] = translated
    homes: dict[str, Page] = {}
    if page is not None and len(translations) < len(settings.LANGUAGES):
        site = _site(request)
        if site is not None:
            for home in _live_translations(site.root_page):
                homes[home.locale.language_code] = home

    links = []
    for code, name in settings.LANGUAGES:
        if page is not None:
            target = translations.get(code) or homes.get(code)
            url = target.get_url(request) if target else f"/{code}/"
            translated = code in translations and not translations[code].alias_of_id
        elif context.get("error_page"):
            url, translated = f"/{code}/", False
        else:
            url, translated = translate_url(request.get_full_path(), code), True
        links.append({
            "code": code,
            "name": name,
            "url": url,
            "current": code == current_language,
            "translated": translated,
        })
    request._language_links = links
    return links


def _live_translations(page: Page) -> list[Page]:
    """The live versions of a page in every language, itself included (cached)."""
    return remember(("translations", page.pk), lambda: list(
        page.get_translations(inclusive=True).live().select_related("locale")))


@register.inclusion_tag("home/includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict[str, Any]:
    return {"links": language_links(context)}


@register.inclusion_tag("home/includes/alternate_links.html", takes_context=True)
def alternate_language_links(context) -> dict[str, Any]:
    request = context.get("request")
    links = [link for link in language_links(context) if link["translated"]]
    return {"links": links, "base": site_urls.base_url(request) if request else ""}


@register.simple_tag(takes_context=True)
def footer_text(context) -> FooterText | None:
    request = context.get("request")
    if request is not None and hasattr(request, "_footer_text"):
        return request._footer_text
    locale_id = active_locale(request).pk
    footer = remember(("footer-text", locale_id),
                      lambda: FooterText.objects.filter(locale_id=locale_id).first())
    if request is not None:
        request._footer_text = footer
    return footer


@register.inclusion_tag("home/includes/footer_links.html", takes_context=True)
def footer_links(context, site_settings) -> dict[str, Any]:
    request = context.get("request")
    named = [
        (site_settings.imprint_page_id, _("Imprint")),
        (site_settings.privacy_page_id, _("Privacy")),
        (site_settings.accessibility_page_id, _("Accessibility")),
    ]
    locale_id = active_locale(request).id
    pages = remember(("footer-pages", *(page_id for page_id, _label in named), locale_id),
                     lambda: localized_pages([page_id for page_id, _label in named], locale_id))
    links = [
        {"label": label, "url": pages[page_id].get_url(request)}
        for page_id, label in named
        if page_id in pages
    ]
    return {"links": links}


@register.simple_tag(takes_context=True)
def localized_page_url(context, page_id: int | None) -> str:
    """URL of the active language's version of a chosen page ("" when it is not live)."""
    request = context.get("request")
    locale_id = active_locale(request).id
    page = remember(("localized-page", page_id, locale_id),
                    lambda: localized_pages([page_id], locale_id).get(page_id))
    return (page.get_url(request) or "") if page else ""


@register.simple_tag(takes_context=True)
def untranslated_content_language(context) -> str:
    """The language of the content when the page is an untranslated alias (wagtail-localize
    shows new German pages in English until someone translates them), else ""."""
    page = context.get("page")
    if not isinstance(page, Page) or not page.alias_of_id:
        return ""
    source = Page.objects.filter(pk=page.alias_of_id).select_related("locale").first()
    if source is None or source.locale_id == page.locale_id:
        return ""
    return source.locale.language_code
