"""Demo content of the home plugin: a believable German and English site.

Idempotent: every object is looked up by a stable key (slug under its parent, name,
locale) and left alone when it exists, so a second run changes nothing and an
editor's changes survive. On a site that already has other content the demo adds
its own tree beside it instead of touching what is there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wagtail.models import Locale, Page, Site

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


WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"
DEMO_SITE_HOSTNAME = "demo.localhost"


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get(language_code="en")
    # Only what this run creates gets demo text; what exists stays as it is.
    fresh: set[int] = set()

    people = {key: _contact_person(spec, german, english, log) for key, spec in PEOPLE.items()}
    partners = [_partner(spec, german, english, log) for spec in PARTNERS]
    _footer(german, english, log)

    site, home_de = _home_page(german, fresh, log)
    home_en = _translation(home_de, english, HOME["en"], fresh, log)

    pages: dict[str, tuple[Page, Page]] = {}
    for key, spec in PAGES.items():
        page_de = _child_page(home_de, StandardPage, spec["de"], spec["in_menu"], fresh, log)
        page_en = _translation(page_de, english, spec["en"], fresh, log)
        pages[key] = (page_de, page_en)

    for key, spec in PAGES.items():
        for language, page in enumerate(pages[key]):
            if page.id in fresh:
                _fill_body(page, spec[("de", "en")[language]], people, partners, pages,
                           language, log)
    for language, home in enumerate((home_de, home_en)):
        if home.id in fresh:
            _fill_home(home, HOME[("de", "en")[language]], pages, language, log)
    if home_de.id in fresh:
        _site_settings(site, pages, log)


# Building blocks ----------------------------------------------------------------------


def _home_page(german: Locale, fresh: set[int], log: Log) -> tuple[Site, HomePage]:
    """The demo's German home page and the site that serves it.

    The demo's home is recognised by its slug. It becomes the default site's root only
    when that is still Wagtail's untouched welcome page (or there is no site); a site
    with content of its own keeps it, and the demo gets a site at demo.localhost.
    """
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(depth=2, locale=german, slug=HOME["de"]["slug"]).first()
    if home is None:
        home = root.add_child(instance=HomePage(locale=german, **_page_fields(HOME["de"])))
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
    )
    page.body = json.dumps(spec["body"](refs))
    _publish(page)
    log(f"wrote the body of “{page.title}”")


def _fill_home(home: HomePage, spec: dict[str, Any], pages: dict, language: int,
               log: Log) -> None:
    page_ids = {key: pair[language].id for key, pair in pages.items()}
    home.key_figures = json.dumps(
        [{"type": "figure", "value": figure} for figure in spec["key_figures"]]
    )
    home.featured = json.dumps(spec["featured"](page_ids))
    home.hero_link_page_id = page_ids["start_smart"]
    _publish(home)
    log(f"wrote key figures and featured content of “{home.title}”")


def _contact_person(spec: dict[str, Any], german: Locale, english: Locale, log: Log):
    person = ContactPerson.objects.filter(locale=german, email=spec["email"]).first()
    if person is None:
        person = ContactPerson.objects.create(
            locale=german, name=spec["name"], email=spec["email"], phone=spec["phone"],
            role=spec["role"][0], organisation=spec["organisation"][0],
        )
        log(f"created contact person {person.name}")
    translation = person.get_translation_or_none(english)
    if translation is None:
        translation = person.copy_for_translation(english)
        translation.role, translation.organisation = spec["role"][1], spec["organisation"][1]
        translation.save()
    return person, translation


def _partner(spec: dict[str, Any], german: Locale, english: Locale, log: Log):
    partner = PartnerOrganisation.objects.filter(locale=german, name=spec["name"]).first()
    if partner is None:
        partner = PartnerOrganisation.objects.create(
            locale=german, name=spec["name"], website=spec["website"],
            description=spec["description"][0],
        )
        log(f"created partner {partner.name}")
    translation = partner.get_translation_or_none(english)
    if translation is None:
        translation = partner.copy_for_translation(english)
        translation.description = spec["description"][1]
        translation.save()
    return partner, translation


def _footer(german: Locale, english: Locale, log: Log) -> None:
    """The footer text, unless the site has one already."""
    footer = FooterText.objects.filter(locale=german).first()
    if footer is None:
        footer = FooterText.objects.create(
            locale=german, body=FOOTER[0], hotline_hours="Mo–Fr 9–16 Uhr",
        )
        log("created the footer text")
    if footer.get_translation_or_none(english) is None:
        translation = footer.copy_for_translation(english)
        translation.body = FOOTER[1]
        translation.hotline_hours = "Mon–Fri 9am–4pm"
        translation.save()


def _site_settings(site: Site, pages: dict, log: Log) -> None:
    settings = SiteSettings.for_site(site)
    if settings.email:
        return
    settings.hotline = "030 1234 5670"
    settings.email = "kontakt@kts-smartcities.example"
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


# Content ------------------------------------------------------------------------------


def _p(text: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": text}


def _h(text: str, level: str = "h2") -> dict[str, Any]:
    return {"type": "heading", "value": {"text": text, "level": level}}


def _contact(person_id: int, note: str = "") -> dict[str, Any]:
    return {"type": "contact_person", "value": {"person": person_id, "note": note}}


def _cta(title: str, text: str, label: str, page_id: int) -> dict[str, Any]:
    return {"type": "call_to_action", "value": {
        "title": title, "text": text, "link_label": label, "link": {"page": page_id, "url": ""},
    }}


def _faq(heading: str, items: list[tuple[str, str]]) -> dict[str, Any]:
    return {"type": "faq", "value": {
        "heading": heading,
        "items": [{"question": q, "answer": f"<p>{a}</p>"} for q, a in items],
    }}


def _partners(heading: str, partner_ids: list[int]) -> dict[str, Any]:
    return {"type": "partners", "value": {"heading": heading, "partners": partner_ids}}


def _quote(text: str, attribution: str) -> dict[str, Any]:
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


PEOPLE = {
    "lead": {
        "name": "Dr. Anna Berger",
        "email": "anna.berger@kts-smartcities.example",
        "phone": "030 1234 5671",
        "role": ("Leitung der Koordinierungs- und Transferstelle",
                 "Head of the Coordination and Transfer Office"),
        "organisation": ("Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
                         "Coordination and Transfer Office Model Projects Smart Cities"),
    },
    "start_smart": {
        "name": "Jonas Weber",
        "email": "jonas.weber@kts-smartcities.example",
        "phone": "030 1234 5672",
        "role": ("Start Smart: Erstberatungen und Workshops",
                 "Start Smart: initial consultations and workshops"),
        "organisation": ("Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
                         "Coordination and Transfer Office Model Projects Smart Cities"),
    },
    "network": {
        "name": "Leyla Demir",
        "email": "leyla.demir@kts-smartcities.example",
        "phone": "030 1234 5673",
        "role": ("Peer-Learning und Vernetzung", "Peer learning and networking"),
        "organisation": ("Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
                         "Coordination and Transfer Office Model Projects Smart Cities"),
    },
}

PARTNERS = [
    {
        "name": "Bundesministerium für Wohnen, Stadtentwicklung und Bauwesen (BMWSB)",
        "website": "https://www.bmwsb.bund.de/",
        "description": ("Fördert die Modellprojekte Smart Cities.",
                        "Funds the Model Projects Smart Cities."),
    },
    {
        "name": "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
        "website": "https://www.bbsr.bund.de/",
        "description": ("Begleitet das Programm wissenschaftlich.",
                        "Provides the programme's scientific support."),
    },
    {
        "name": "KfW",
        "website": "https://www.kfw.de/",
        "description": ("Wickelt die Förderung ab.", "Administers the funding."),
    },
]

FOOTER = (
    "<p>Die Koordinierungs- und Transferstelle Modellprojekte Smart Cities (KTS) bringt "
    "das Wissen der geförderten Modellprojekte in alle Kommunen.</p>",
    "<p>The Coordination and Transfer Office Model Projects Smart Cities (KTS) carries "
    "what the funded model projects learn to every municipality.</p>",
)

HOME = {
    "de": {
        "title": "Smart Cities – Wissen und Vernetzung",
        "slug": "smart-cities",
        "seo_title": "Wissens- und Vernetzungsplattform Smart Cities",
        "search_description": "Lösungen, Wissen und Austausch aus den Modellprojekten "
                              "Smart Cities für alle Kommunen.",
        "hero_title": "Wissen aus den Modellprojekten Smart Cities für alle Kommunen",
        "hero_text": "73 geförderte Modellprojekte erproben, wie Digitalisierung der "
                     "Stadtentwicklung dient. Hier finden Sie ihre Lösungen, ihre "
                     "Erfahrungen und die Menschen dahinter.",
        "hero_link_label": "Start Smart entdecken",
        "intro": "<p>Die Plattform der Koordinierungs- und Transferstelle bündelt, was die "
                 "Modellprojekte lernen, und unterstützt Kommunen, die am Anfang stehen: "
                 "mit Workshops, Beratung, Peer-Learning und regionalen Konferenzen.</p>",
        "key_figures": [
            {"value": "73", "label": "Modellprojekte Smart Cities",
             "note": "in drei Staffeln ausgewählt"},
            {"value": "820 Mio. €", "label": "Fördervolumen des Bundes", "note": ""},
            {"value": "3", "label": "Staffeln", "note": "2019, 2020 und 2021"},
            {"value": "5", "label": "Formate im Programm Start Smart", "note": ""},
        ],
        "featured": lambda ids: [
            {"type": "page", "value": {"page": ids["start_smart"], "teaser": ""}},
            {"type": "page", "value": {"page": ids["programme"], "teaser": ""}},
            {"type": "page", "value": {"page": ids["about"], "teaser": ""}},
            {"type": "slot", "value": {"heading": "Neu auf der Plattform",
                                       "slot": "recent_pages", "limit": 3}},
        ],
    },
    "en": {
        "title": "Smart Cities – knowledge and networking",
        "slug": "smart-cities-en",
        "seo_title": "Smart Cities knowledge and networking platform",
        "search_description": "Solutions, knowledge and exchange from the Model Projects "
                              "Smart Cities for every municipality.",
        "hero_title": "Knowledge from the Model Projects Smart Cities for every municipality",
        "hero_text": "73 funded model projects are testing how digitalisation can serve "
                     "urban development. Find their solutions, their experience and the "
                     "people behind them.",
        "hero_link_label": "Discover Start Smart",
        "intro": "<p>The platform of the Coordination and Transfer Office gathers what the "
                 "model projects learn and supports municipalities that are just starting "
                 "out: with workshops, consultations, peer learning and regional "
                 "conferences.</p>",
        "key_figures": [
            {"value": "73", "label": "Model Projects Smart Cities",
             "note": "selected in three phases"},
            {"value": "€820m", "label": "federal funding", "note": ""},
            {"value": "3", "label": "funding phases", "note": "2019, 2020 and 2021"},
            {"value": "5", "label": "formats in the Start Smart programme", "note": ""},
        ],
        "featured": lambda ids: [
            {"type": "page", "value": {"page": ids["start_smart"], "teaser": ""}},
            {"type": "page", "value": {"page": ids["programme"], "teaser": ""}},
            {"type": "page", "value": {"page": ids["about"], "teaser": ""}},
            {"type": "slot", "value": {"heading": "New on the platform",
                                       "slot": "recent_pages", "limit": 3}},
        ],
    },
}

START_SMART_FORMATS_DE = [
    ("Kick-off-Workshops",
     "Grundlagen eines Smart-City-Verständnisses, Digitalisierung und Stadtentwicklung und "
     "ein Überblick über die Angebote: für Kommunen, die am Anfang stehen. 1,5 Stunden, "
     "virtuell."),
    ("Erstberatungen",
     "Individuelle Beratung zu Zielen, Mehrwert, Strategie und Projekten – für jede Kommune, "
     "die Smart City werden möchte. Ein halber Tag, vor Ort oder virtuell; angefragt über "
     "eine Interessenbekundung, danach meldet sich die Transferstelle."),
    ("Peer-Learning-Reihen",
     "Wissen aus den Modellkommunen und Vernetzung, etwa zu nachhaltiger Mobilität, "
     "Change-Management, Beteiligung oder klimagerechter Stadtentwicklung. Sechs Termine "
     "zu je zwei Stunden, virtuell, gestaltet von einem Modellprojekt."),
    ("Themenworkshops",
     "Dieselben Ziele in einer Sitzung: 3,5 Stunden, virtuell."),
    ("Regionalkonferenzen",
     "Modellprojekte laden vor Ort ein und zeigen ihre Ergebnisse."),
]

START_SMART_FORMATS_EN = [
    ("Kick-off workshops",
     "The basics of a smart-city understanding, digitalisation and urban development, and "
     "an overview of what is on offer: for municipalities at the beginning. 1.5 hours, "
     "virtual."),
    ("Initial consultations",
     "Customised advice on goals, added value, strategy and projects, for every "
     "municipality that wants to become a smart city. Half a day, on site or virtual; "
     "requested through an expression of interest, after which the office gets in touch."),
    ("Peer-learning series",
     "Knowledge from the model municipalities and networking, on topics such as "
     "sustainable mobility, change management, participation or climate-friendly urban "
     "development. Six sessions of two hours, virtual, hosted by a model project."),
    ("Theme workshops",
     "The same aims in a single session: 3.5 hours, virtual."),
    ("Regional conferences",
     "Model projects host visitors on site and show their results."),
]


def _formats(formats: list[tuple[str, str]]) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for title, text in formats:
        blocks += [_h(title, "h3"), _p(f"<p>{text}</p>")]
    return blocks


PAGES: dict[str, dict[str, Any]] = {
    "about": {
        "in_menu": True,
        "de": {
            "title": "Über uns", "slug": "ueber-uns",
            "search_description": "Die Koordinierungs- und Transferstelle Modellprojekte "
                                  "Smart Cities und ihre Aufgaben.",
            "intro": "Die Koordinierungs- und Transferstelle (KTS) begleitet die "
                     "Modellprojekte Smart Cities und trägt ihr Wissen in die Breite.",
            "body": lambda refs: [
                _h("Unsere Aufgaben"),
                _p("<p>Wir vernetzen die Modellprojekte untereinander, bereiten ihre "
                   "Ergebnisse für andere Kommunen auf und bieten mit <b>Start Smart</b> "
                   "ein Programm für Kommunen, die nicht gefördert werden.</p>"),
                _h("Wissen teilen"),
                _p("<p>In der Wissensdatenbank veröffentlichen die Modellprojekte ihre "
                   "Lösungen: welches Problem sie lösen, wie sie vorgegangen sind, was es "
                   "gekostet hat und wie andere Kommunen sie übernehmen können.</p>"),
                _quote("Keine Kommune muss das Rad neu erfinden.",
                       "Leitbild der Transferstelle"),
                _partners("Partner", refs.partners),
                _contact(refs.people["lead"], "Für Fragen zur Plattform und zur Zusammenarbeit"),
            ],
        },
        "en": {
            "title": "About us", "slug": "about-us",
            "search_description": "The Coordination and Transfer Office Model Projects "
                                  "Smart Cities and what it does.",
            "intro": "The Coordination and Transfer Office (KTS) supports the Model "
                     "Projects Smart Cities and carries their knowledge to everyone.",
            "body": lambda refs: [
                _h("What we do"),
                _p("<p>We connect the model projects with each other, prepare their "
                   "results for other municipalities and run <b>Start Smart</b>, a "
                   "programme for municipalities that are not funded.</p>"),
                _h("Sharing knowledge"),
                _p("<p>In the knowledge repository the model projects publish their "
                   "solutions: which problem they solve, how they went about it, what it "
                   "cost and how other municipalities can adopt it.</p>"),
                _quote("No municipality has to reinvent the wheel.",
                       "Guiding principle of the office"),
                _partners("Partners", refs.partners),
                _contact(refs.people["lead"], "For questions about the platform and cooperation"),
            ],
        },
    },
    "start_smart": {
        "in_menu": True,
        "de": {
            "title": "Start Smart", "slug": "start-smart",
            "search_description": "Das Unterstützungsprogramm für Kommunen auf dem Weg zur "
                                  "Smart City: fünf Formate.",
            "intro": "Start Smart unterstützt Kommunen, die nicht gefördert werden, auf dem "
                     "Weg zur Smart City – in fünf Formaten.",
            "body": lambda refs: [
                _h("Die fünf Formate"),
                *_formats(START_SMART_FORMATS_DE),
                _cta("Erstberatung anfragen",
                     "Schildern Sie uns Ihre Ausgangslage; wir melden uns innerhalb von "
                     "zwei Wochen.", "Zur Kontaktseite", refs.pages["contact"]),
                _faq("Häufige Fragen", [
                    ("Was kostet die Teilnahme?",
                     "Alle Formate von Start Smart sind für Kommunen kostenfrei."),
                    ("Wer kann teilnehmen?",
                     "Alle Kommunen in Deutschland, unabhängig von ihrer Größe – auch "
                     "Landkreise und interkommunale Verbünde."),
                    ("Brauchen wir schon eine Digitalstrategie?",
                     "Nein. Die Kick-off-Workshops und Erstberatungen sind gerade für "
                     "Kommunen gedacht, die am Anfang stehen."),
                ]),
                _contact(refs.people["start_smart"], "Ansprechpartner für Start Smart"),
            ],
        },
        "en": {
            "title": "Start Smart", "slug": "start-smart",
            "search_description": "The support programme for municipalities on their way "
                                  "to becoming a smart city: five formats.",
            "intro": "Start Smart supports municipalities that are not funded on their way "
                     "to becoming a smart city, in five formats.",
            "body": lambda refs: [
                _h("The five formats"),
                *_formats(START_SMART_FORMATS_EN),
                _cta("Ask for an initial consultation",
                     "Tell us where you stand; we will get back to you within two weeks.",
                     "Go to the contact page", refs.pages["contact"]),
                _faq("Frequently asked questions", [
                    ("What does it cost?",
                     "All Start Smart formats are free of charge for municipalities."),
                    ("Who can take part?",
                     "Every municipality in Germany, whatever its size, including "
                     "districts and inter-municipal associations."),
                    ("Do we need a digital strategy already?",
                     "No. The kick-off workshops and initial consultations are meant for "
                     "municipalities at the very beginning."),
                ]),
                _contact(refs.people["start_smart"], "Your contact for Start Smart"),
            ],
        },
    },
    "programme": {
        "in_menu": True,
        "de": {
            "title": "Modellprojekte Smart Cities", "slug": "modellprojekte",
            "search_description": "73 Modellprojekte, drei Staffeln, 820 Millionen Euro: "
                                  "das Förderprogramm im Überblick.",
            "intro": "Mit den Modellprojekten Smart Cities fördert der Bund 73 Kommunen, "
                     "die zeigen, wie Digitalisierung der integrierten Stadtentwicklung "
                     "dient.",
            "body": lambda refs: [
                _h("Drei Staffeln"),
                _p("<p>Die Modellprojekte wurden 2019, 2020 und 2021 ausgewählt. Sie "
                   "erarbeiten zunächst eine Strategie und setzen sie dann um. Dabei sind "
                   "Großstädte ebenso vertreten wie Kleinstädte, Landkreise und "
                   "interkommunale Kooperationen.</p>"),
                _h("Was andere Kommunen davon haben"),
                _p("<p>Die Lösungen der Modellprojekte sind übertragbar angelegt: offen "
                   "lizenziert, dokumentiert und mit Ansprechpersonen. Die Transferstelle "
                   "hilft, sie in die eigene Kommune zu holen.</p>"),
            ],
        },
        "en": {
            "title": "Model Projects Smart Cities", "slug": "model-projects",
            "search_description": "73 model projects, three phases, 820 million euros: the "
                                  "funding programme at a glance.",
            "intro": "Through the Model Projects Smart Cities the federal government funds "
                     "73 municipalities that show how digitalisation serves integrated "
                     "urban development.",
            "body": lambda refs: [
                _h("Three phases"),
                _p("<p>The model projects were selected in 2019, 2020 and 2021. They first "
                   "develop a strategy and then implement it. Large cities take part as "
                   "well as small towns, districts and inter-municipal partnerships.</p>"),
                _h("What other municipalities gain"),
                _p("<p>The model projects' solutions are built to be transferred: openly "
                   "licensed, documented and with people to ask. The office helps bring "
                   "them into your own municipality.</p>"),
            ],
        },
    },
    "contact": {
        "in_menu": True,
        "de": {
            "title": "Kontakt", "slug": "kontakt",
            "search_description": "So erreichen Sie die Koordinierungs- und Transferstelle.",
            "intro": "Sie erreichen uns telefonisch über die Hotline, per E-Mail oder direkt "
                     "bei den zuständigen Ansprechpersonen.",
            "body": lambda refs: [
                _contact(refs.people["lead"], "Plattform und Zusammenarbeit"),
                _contact(refs.people["start_smart"], "Erstberatungen und Workshops"),
                _contact(refs.people["network"], "Peer-Learning-Reihen und Vernetzung"),
            ],
        },
        "en": {
            "title": "Contact", "slug": "contact",
            "search_description": "How to reach the Coordination and Transfer Office.",
            "intro": "Reach us by phone on the hotline, by e-mail or directly through the "
                     "people responsible.",
            "body": lambda refs: [
                _contact(refs.people["lead"], "Platform and cooperation"),
                _contact(refs.people["start_smart"], "Initial consultations and workshops"),
                _contact(refs.people["network"], "Peer-learning series and networking"),
            ],
        },
    },
    "imprint": {
        "in_menu": False,
        "de": {
            "title": "Impressum", "slug": "impressum", "intro": "",
            "body": lambda refs: [
                _p("<p>Koordinierungs- und Transferstelle Modellprojekte Smart Cities<br>"
                   "Musterstraße 1, 10115 Berlin<br>kontakt@kts-smartcities.example</p>"),
            ],
        },
        "en": {
            "title": "Imprint", "slug": "imprint", "intro": "",
            "body": lambda refs: [
                _p("<p>Coordination and Transfer Office Model Projects Smart Cities<br>"
                   "Musterstraße 1, 10115 Berlin, Germany<br>"
                   "kontakt@kts-smartcities.example</p>"),
            ],
        },
    },
    "privacy": {
        "in_menu": False,
        "de": {
            "title": "Datenschutz", "slug": "datenschutz", "intro": "",
            "body": lambda refs: [
                _p("<p>Diese Plattform setzt keine Tracking-Cookies und lädt keine Inhalte "
                   "von Dritten. Personenbezogene Daten verarbeiten wir nur, wenn Sie sich "
                   "registrieren oder uns schreiben.</p>"),
            ],
        },
        "en": {
            "title": "Privacy", "slug": "privacy", "intro": "",
            "body": lambda refs: [
                _p("<p>This platform sets no tracking cookies and loads no third-party "
                   "content. We process personal data only when you register or write to "
                   "us.</p>"),
            ],
        },
    },
    "accessibility": {
        "in_menu": False,
        "de": {
            "title": "Barrierefreiheit", "slug": "barrierefreiheit", "intro": "",
            "body": lambda refs: [
                _p("<p>Wir gestalten die Plattform nach WCAG 2.1 AA und BITV 2.0. Jede "
                   "Seitenvorlage wird automatisiert geprüft. Barrieren melden Sie bitte "
                   "an kontakt@kts-smartcities.example.</p>"),
            ],
        },
        "en": {
            "title": "Accessibility", "slug": "accessibility", "intro": "",
            "body": lambda refs: [
                _p("<p>We build the platform to WCAG 2.1 AA and BITV 2.0. Every page "
                   "template is checked automatically. Please report barriers to "
                   "kontakt@kts-smartcities.example.</p>"),
            ],
        },
    },
}


# The legal pages come first so that "recently published" shows the programme pages.
PAGES = {key: PAGES[key] for key in ("imprint", "privacy", "accessibility", "about",
                                     "start_smart", "programme", "contact")}
