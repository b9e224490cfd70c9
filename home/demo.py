"""Demo content of the home plugin: a believable German and English site.

The content is data (``demo_content.yaml`` beside this module); this module loads it.

Idempotent: every object is looked up by a stable key (slug under its parent, name,
locale) and left alone when it exists, so a second run changes nothing and an
editor's changes survive. On a site that already has other content the demo adds
its own tree beside it instead of touching what is there.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Page, Site

from home.illustrations import demo_image
from home.models import (
    ContactPerson,
    FooterText,
    HomePage,
    PartnerOrganisation,
    SiteSettings,
    StandardPage,
)

Log = Callable[[str], None]


@dataclass(frozen=True)
class DemoReferences:
    """Ids of the demo objects in one language, for blocks that point at them."""

    people: dict[str, int]
    partners: list[int]
    pages: dict[str, int]
    language: str = "de"


WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
DEMO_SITE_HOSTNAME = "demo.localhost"
CONTENT_FILE = Path(__file__).with_name("demo_content.yaml")

# The office's one hotline and address, used by the footer (site settings), the FAQ's
# contact block (events.demo) and the contact page (demo_content.yaml says them too;
# tests/events/test_demo_story.py holds the three together).
OFFICE_HOTLINE = "030 1234 5670"
OFFICE_EMAIL_ADDRESS = "kontakt@kts-smartcities.example"
HOTLINE_HOURS = {"de": "Mo–Fr 9–16 Uhr", "en": "Mon–Fri 9 am–4 pm"}
# The colour of the pictures the site's own pages show (KERN's blue).
ILLUSTRATION_ACCENT = "#005a9c"


@functools.cache
def content() -> dict[str, Any]:
    """The demo content as the data file holds it."""
    return yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))


def resolve(value: Any, refs: DemoReferences) -> Any:
    """Block data from the file with its references ("@person:<key>", "@page:<key>",
    "@partners", "@illustration:<motif>": a picture the demo draws) replaced by the ids of
    those demo objects. A link with a ``route`` (a URL name such as a plugin's form) leads
    to that route's path in the language, or, where no enabled plugin serves it, to its
    ``page``."""
    if isinstance(value, dict) and "route" in value:
        return _route_link(value, refs)
    if isinstance(value, dict):
        return {key: resolve(item, refs) for key, item in value.items()}
    if isinstance(value, list):
        return [resolve(item, refs) for item in value]
    if value == "@partners":
        return refs.partners
    if isinstance(value, str) and value.startswith("@illustration:"):
        motif = value.partition(":")[2]
        return demo_image(f"Illustration: {motif}", motif, ILLUSTRATION_ACCENT).id
    if isinstance(value, str) and value.startswith(("@person:", "@page:")):
        kind, _, key = value[1:].partition(":")
        return (refs.people if kind == "person" else refs.pages)[key]
    return value


def _route_link(value: dict[str, Any], refs: DemoReferences) -> dict[str, Any]:
    fallback = {key: resolve(item, refs) for key, item in value.items() if key != "route"}
    try:
        with translation.override(refs.language):
            return {**fallback, "page": None, "url": reverse(value["route"])}
    except NoReverseMatch:
        return fallback


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get(language_code="en")
    # Only what this run creates gets demo text; what exists stays as it is.
    fresh: set[int] = set()

    data = content()
    people = {key: _contact_person(spec, german, english, log)
              for key, spec in data["people"].items()}
    partners = [_partner(spec, german, english, log) for spec in data["partners"]]
    _footer(data["footer"], german, english, log)

    site, home_de = _home_page(data["home"]["de"], german, fresh, log)
    home_en = _translation(home_de, english, data["home"]["en"], fresh, log)

    pages: dict[str, tuple[Page, Page]] = {}
    for key, spec in data["pages"].items():
        page_de = _child_page(home_de, StandardPage, spec["de"], spec["in_menu"], fresh, log)
        page_en = _translation(page_de, english, spec["en"], fresh, log)
        pages[key] = (page_de, page_en)

    for key, spec in data["pages"].items():
        for language, page in enumerate(pages[key]):
            if page.id in fresh:
                _fill_body(page, spec[("de", "en")[language]], people, partners, pages,
                           language, log)
    for language, home in enumerate((home_de, home_en)):
        if home.id in fresh:
            _fill_home(home, data["home"][("de", "en")[language]], pages, language, log)
    if home_de.id in fresh:
        _site_settings(site, pages, log)


# Building blocks ----------------------------------------------------------------------


def _home_page(spec: dict[str, Any], german: Locale, fresh: set[int],
               log: Log) -> tuple[Site, HomePage]:
    """The demo's German home page and the site that serves it.

    The demo's home is recognised by its slug. It becomes the default site's root only
    when that is still Wagtail's untouched welcome page (or there is no site); a site
    with content of its own keeps it, and the demo gets a site at demo.localhost.
    """
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=german, slug=spec["slug"]).first()
    if home is None:
        home = root.add_child(instance=HomePage(locale=german, **_page_fields(spec)))
        home = _publish(home)
        fresh.add(home.id)
        log(f"created home page “{home.title}”")

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and site.root_page_id == home.id:
        return site, home
    if site is None:
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True,
            site_name="Smart Cities",
        )
        log("created the default site")
        return site, home

    welcome = site.root_page
    if (welcome.specific_class is Page and welcome.title == WAGTAIL_WELCOME_TITLE
            and welcome.numchild == 0):
        site.root_page = home
        site.save()
        welcome.delete()
        log("replaced Wagtail's welcome page as the root of the default site")
        return site, home

    demo_site, created = Site.objects.get_or_create(
        hostname=DEMO_SITE_HOSTNAME, port=80,
        defaults={"root_page": home, "site_name": "Smart Cities (Demo)"},
    )
    if created:
        log(f"the default site has other content: demo site served at {DEMO_SITE_HOSTNAME}")
    return demo_site, home


def _page_fields(spec: dict[str, Any]) -> dict[str, Any]:
    skip = {"body", "featured", "in_menu", "key_figures"}
    return {key: value for key, value in spec.items() if key not in skip}


def _publish(page: Page) -> Page:
    # Publishing saves the in-memory page; children added since it was loaded must not
    # be forgotten by a stale child count.
    page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
    page.save_revision().publish()
    page.refresh_from_db()
    return page.specific


def _child_page(parent: Page, model: type[Page], spec: dict[str, Any], in_menu: bool,
                fresh: set[int], log: Log) -> Page:
    existing = parent.get_children().filter(slug=spec["slug"]).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(
        locale=parent.locale, show_in_menus=in_menu, **_page_fields(spec)
    ))
    log(f"created page “{page.title}”")
    page = _publish(page)
    fresh.add(page.id)
    return page


def _translation(source: Page, locale: Locale, spec: dict[str, Any], fresh: set[int],
                 log: Log) -> Page:
    """The page's translation into `locale`, made from the demo's own text.

    An alias that wagtail-localize's tree synchronisation made in the meantime is
    turned into a real translation; an existing translation is left as it is.
    """
    existing = source.get_translation_or_none(locale)
    if existing is not None and existing.alias_of_id is None:
        return existing.specific
    if existing is None:
        page = source.copy_for_translation(locale)
    else:
        page = existing.specific
        page.alias_of = None
    for field, value in _page_fields(spec).items():
        setattr(page, field, value)
    page.show_in_menus = source.show_in_menus
    page.save()
    log(f"translated “{source.title}” → “{page.title}” ({locale.language_code})")
    page = _publish(page)
    fresh.add(page.id)
    return page


def _fill_body(page: StandardPage, spec: dict[str, Any], people: dict, partners: list,
               pages: dict, language: int, log: Log) -> None:
    """Body blocks refer to other demo objects, so they are written once all exist."""
    refs = DemoReferences(
        people={key: pair[language].id for key, pair in people.items()},
        partners=[pair[language].id for pair in partners],
        pages={key: pair[language].id for key, pair in pages.items()},
        language=("de", "en")[language],
    )
    page.body = json.dumps(resolve(spec["body"], refs))
    _publish(page)
    log(f"wrote the body of “{page.title}”")


def _fill_home(home: HomePage, spec: dict[str, Any], pages: dict, language: int,
               log: Log) -> None:
    page_ids = {key: pair[language].id for key, pair in pages.items()}
    refs = DemoReferences(people={}, partners=[], pages=page_ids, language=("de", "en")[language])
    home.key_figures = json.dumps(
        [{"type": "figure", "value": resolve(figure, refs)} for figure in spec["key_figures"]]
    )
    home.featured = json.dumps(resolve(spec["featured"], refs))
    home.hero_link_page_id = page_ids["start_smart"]
    _publish(home)
    log(f"wrote key figures and featured content of “{home.title}”")


def _contact_person(spec: dict[str, Any], german: Locale, english: Locale, log: Log):
    person = ContactPerson.objects.filter(locale=german, email=spec["email"]).first()
    if person is None:
        person = ContactPerson.objects.create(
            locale=german, name=spec["name"], email=spec["email"], phone=spec["phone"],
            role=spec["de"]["role"], organisation=spec["de"]["organisation"],
        )
        log(f"created contact person {person.name}")
    translation = person.get_translation_or_none(english)
    if translation is None:
        translation = person.copy_for_translation(english)
        translation.role = spec["en"]["role"]
        translation.organisation = spec["en"]["organisation"]
        translation.save()
    return person, translation


def _partner(spec: dict[str, Any], german: Locale, english: Locale, log: Log):
    partner = PartnerOrganisation.objects.filter(locale=german, name=spec["name"]).first()
    if partner is None:
        partner = PartnerOrganisation.objects.create(
            locale=german, name=spec["name"], website=spec["website"],
            description=spec["de"]["description"],
        )
        log(f"created partner {partner.name}")
    translation = partner.get_translation_or_none(english)
    if translation is None:
        translation = partner.copy_for_translation(english)
        translation.description = spec["en"]["description"]
        translation.save()
    return partner, translation


def _footer(spec: dict[str, Any], german: Locale, english: Locale, log: Log) -> None:
    """The footer text, unless the site has one already."""
    footer = FooterText.objects.filter(locale=german).first()
    if footer is None:
        footer = FooterText.objects.create(
            locale=german, body=spec["de"]["body"], hotline_hours=HOTLINE_HOURS["de"],
        )
        log("created the footer text")
    if footer.get_translation_or_none(english) is None:
        translation = footer.copy_for_translation(english)
        translation.body = spec["en"]["body"]
        translation.hotline_hours = HOTLINE_HOURS["en"]
        translation.save()


def _site_settings(site: Site, pages: dict, log: Log) -> None:
    settings = SiteSettings.for_site(site)
    if settings.email:
        return
    settings.hotline = OFFICE_HOTLINE
    settings.email = OFFICE_EMAIL_ADDRESS
    settings.social_links = json.dumps([
        {"type": "link", "value": {"network": "mastodon", "url": "https://social.example/@kts",
                                   "label": ""}},
        {"type": "link", "value": {"network": "linkedin",
                                   "url": "https://www.linkedin.example/company/kts",
                                   "label": ""}},
    ])
    settings.imprint_page = pages["imprint"][0]
    settings.privacy_page = pages["privacy"][0]
    settings.accessibility_page = pages["accessibility"][0]
    settings.save()
    log("filled the site settings (hotline, e-mail, footer links)")
