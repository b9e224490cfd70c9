"""Demo content of the knowledge repository, in German and English: the fields of action,
twelve model projects, thirty solutions, eight publications and a reuse ledger.

The pages live under the home plugin's German demo home page ("smart-cities") and its
English translation; the model projects belong to the community plugin's demo
municipalities, which this loader makes sure exist (it runs before community's own).

Idempotent: every object is looked up by a stable key (a topic by slug, a page by slug
under its parent, a translation by locale, an adoption by solution and municipality)
and left as it is when it exists, so a second run changes nothing and an editor's
changes survive. Only pages created in this run get the demo's text.

The texts describe what such projects typically do; they are demo content, not a
record of the real model projects.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

import community.demo
from community.models import Municipality
from repository.models import (
    Adoption,
    ModelProjectIndexPage,
    ModelProjectPage,
    PublicationIndexPage,
    PublicationPage,
    SolutionIndexPage,
    SolutionPage,
    Topic,
)

Log = Callable[[str], None]

HOME_SLUG = "smart-cities"

# slug, German name, English name, German description, English description, colour
TOPICS = [
    ("mobilitaet", "Mobilität", "Mobility",
     "Nahverkehr, Sharing, Rad- und Fußverkehr, Parken und Logistik.",
     "Public transport, sharing, cycling and walking, parking and logistics.", "#005a9c"),
    ("energie", "Energie", "Energy",
     "Erzeugung, Speicherung und kluge Nutzung von Energie in der Stadt.",
     "Generating, storing and using energy wisely in the city.", "#8a5a00"),
    ("beteiligung", "Beteiligung", "Participation",
     "Bürgerbeteiligung, digitale Beteiligungsplattformen und Ko-Kreation.",
     "Citizen participation, digital participation platforms and co-creation.", "#7a1f5c"),
    ("verwaltung", "Verwaltung", "Administration",
     "Digitale Verwaltungsleistungen, Prozesse und Zusammenarbeit.",
     "Digital public services, processes and collaboration.", "#3d4f5c"),
    ("klimaanpassung", "Klimaanpassung", "Climate adaptation",
     "Hitze, Starkregen und Trockenheit: Daten und Maßnahmen.",
     "Heat, heavy rain and drought: data and measures.", "#2e6b30"),
    ("urbane-daten", "Urbane Daten", "Urban data",
     "Datenplattformen, offene Daten, Sensorik und digitale Zwillinge.",
     "Data platforms, open data, sensors and digital twins.", "#00607a"),
    ("bildung", "Bildung", "Education",
     "Digitale Bildung, Bibliotheken und Lernorte.",
     "Digital education, libraries and places of learning.", "#5c3d99"),
    ("gesundheit", "Gesundheit", "Health",
     "Gesundheitsversorgung, Pflege und Prävention mit digitalen Mitteln.",
     "Healthcare, care and prevention with digital means.", "#a3242b"),
    ("innenstadt-handel", "Innenstadt und Handel", "City centre and retail",
     "Belebte Zentren, lokaler Handel und Leerstandsmanagement.",
     "Lively centres, local retail and vacancy management.", "#7a4a1f"),
    ("change-management", "Change-Management", "Change management",
     "Organisation, Kompetenzen und Kultur für den digitalen Wandel.",
     "Organisation, skills and culture for digital change.", "#4a4a4a"),
]


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get(language_code="en")
    topics = _topics(german, english, log)
    # Model projects belong to municipalities; community's own loader runs later.
    community.demo.load_municipalities(log)

    home_de = Page.objects.filter(depth=2, slug=HOME_SLUG, locale=german).first()
    home_en = home_de.get_translation_or_none(english) if home_de else None
    if home_de is None or home_en is None or home_en.alias_of_id is not None:
        log("no German and English demo home page: repository pages skipped")
        return

    pages = _Pages(english, log)
    # Every save would update the reference index; each new page is indexed once instead.
    with disable_reference_index_auto_update():
        indexes = _index_pages(pages, home_de)
        solutions = {}
        if "projects" in indexes:
            projects = _model_projects(pages, indexes["projects"], topics)
            solutions = _solutions(pages, projects, topics)
        if "publications" in indexes:
            _publications(pages, indexes["publications"], topics)
    pages.update_reference_index()
    _adoptions(solutions, log)


# Building blocks ----------------------------------------------------------------------


class _Pages:
    """Makes German pages and their English translations, each only when it is missing.

    What it creates gets the demo's text and is published; what exists is left alone.
    """

    def __init__(self, english: Locale, log: Log):
        self.english = english
        self.log = log
        self.created: list[int] = []

    def child(self, parent: Page, model: type[Page], fields: dict[str, Any],
              show_in_menus: bool = False) -> Page:
        """The German page with this slug under `parent`."""
        existing = parent.get_children().filter(slug=fields["slug"]).first()
        if existing is not None:
            return existing.specific
        page = model(locale_id=parent.locale_id, show_in_menus=show_in_menus)
        _fill(page, fields)
        page = parent.add_child(instance=page)
        self.log(f"created page “{page.title}”")
        return self._publish(page)

    def translation(self, source: Page, fields: dict[str, Any]) -> Page:
        """The page's English translation, made from the demo's own text.

        An alias that wagtail-localize's tree synchronisation made in the meantime is
        turned into a real translation; an existing translation is left as it is.
        Topics, tags and the other synchronised fields come with the copy.
        """
        existing = source.get_translation_or_none(self.english)
        if existing is not None and existing.alias_of_id is None:
            return existing.specific
        if existing is None:
            # The copy takes its English slug from the start: changing the slug afterwards
            # would leave an automatic redirect from the German slug under /en/.
            german_slug, source.slug = source.slug, fields["slug"]
            try:
                page = source.copy_for_translation(self.english)
            finally:
                source.slug = german_slug
        else:
            page = existing.specific
            page.alias_of = None
            page.save(update_fields=["alias_of"])
        # Publishing the revision writes the text to the page.
        _fill(page, fields)
        page.show_in_menus = source.show_in_menus
        self.log(f"translated “{source.title}” → “{page.title}” (en)")
        return self._publish(page)

    def _publish(self, page: Page) -> Page:
        # Publishing saves the in-memory page; children added since it was loaded must
        # not be forgotten by a stale child count.
        page.refresh_from_db(fields=["path", "depth", "numchild", "url_path"])
        page.save_revision().publish()
        page.refresh_from_db()
        self.created.append(page.pk)
        return page.specific

    def update_reference_index(self) -> None:
        for page in Page.objects.filter(pk__in=self.created).specific():
            ReferenceIndex.create_or_update_for_object(page)


def _fill(page: Page, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if name == "tags":
            page.tags.set(value.split(", ") if value else [])
        else:
            setattr(page, name, value)


def _index_pages(pages: _Pages, home: Page) -> dict[str, Page]:
    """The German index pages, in the main menu, by key; an address that another kind
    of page holds already is left to it, and that section of the demo skipped."""
    indexes = {}
    for key, (model, de, en) in INDEXES.items():
        taken = home.get_children().filter(slug=de["slug"]).not_exact_type(model).first()
        if taken is not None:
            pages.log(f"“{taken.title}” holds the address /{de['slug']}/: demo {key} skipped")
            continue
        indexes[key] = pages.child(home, model, de, show_in_menus=True)
        pages.translation(indexes[key], en)
    return indexes


def _model_projects(pages: _Pages, index: Page,
                    topics: dict[str, Topic]) -> dict[str, tuple[Page, Page]]:
    """German and English model project pages, by their municipality's AGS."""
    municipalities = {m.ags: m for m in Municipality.objects.filter(
        ags__in=[project.ags for project in PROJECTS])}
    projects = {}
    for project in PROJECTS:
        start, end = FUNDING_PERIODS[project.phase]
        fields = {
            "municipality": municipalities[project.ags], "funding_phase": project.phase,
            "funding_start": start, "funding_end": end, "status": project.status,
            "website": municipalities[project.ags].website,
            "topics": _chosen(topics, project.topics), "tags": project.tags,
        }
        project_de = pages.child(index, ModelProjectPage,
                                 {**fields, **_project_text(project.de)})
        project_en = pages.translation(project_de, _project_text(project.en))
        projects[project.ags] = (project_de, project_en)
    return projects


def _solutions(pages: _Pages, projects: dict[str, tuple[Page, Page]],
               topics: dict[str, Topic]) -> dict[str, Page]:
    """The solutions, children of their model projects; the German ones by slug."""
    solutions = {}
    for solution in SOLUTIONS:
        project_de, project_en = projects[solution.ags]
        fields = {
            "model_project": project_de, "maturity": solution.maturity,
            "effort": solution.effort, "cost_range": solution.cost,
            "repository_url": solution.code[0], "licence": solution.code[1],
            "topics": _chosen(topics, solution.topics), "tags": solution.tags,
        }
        solution_de = pages.child(
            project_de, SolutionPage,
            {**fields, **_solution_text(solution.de, solution.operator, 0)},
        )
        # The English solution belongs to the English project, so that each language's
        # project page lists the solutions in its own language.
        pages.translation(solution_de, {
            "model_project": project_en, **_solution_text(solution.en, solution.operator, 1),
        })
        solutions[solution.de[0]] = solution_de
    return solutions


def _publications(pages: _Pages, index: Page, topics: dict[str, Topic]) -> None:
    for publication in PUBLICATIONS:
        fields = {
            "kind": publication.kind, "year": publication.year,
            "publisher": PUBLISHERS[publication.publisher],
            "document_language": publication.language,
            "topics": _chosen(topics, publication.topics), "tags": publication.tags,
        }
        slug, title, summary = publication.de
        publication_de = pages.child(
            index, PublicationPage, {**fields, "slug": slug, "title": title, "summary": summary},
        )
        slug, title, summary = publication.en
        pages.translation(publication_de, {"slug": slug, "title": title, "summary": summary})


def _topics(german: Locale, english: Locale, log: Log) -> dict[str, Topic]:
    """The fields of action in both languages, by slug (the German ones)."""
    found = {topic.slug: topic for topic in Topic.objects.filter(locale=german)}
    for position, (slug, name_de, name_en, text_de, text_en, colour) in enumerate(TOPICS):
        topic = found.get(slug)
        if topic is None:
            topic = found[slug] = Topic.objects.create(
                locale=german, slug=slug, name=name_de, description=text_de, colour=colour,
                sort_order=position,
            )
            log(f"created topic {name_de}")
        if topic.get_translation_or_none(english) is None:
            translation = topic.copy_for_translation(english)
            translation.name, translation.description = name_en, text_en
            translation.save()
    return found


def _chosen(topics: dict[str, Topic], slugs: str) -> list[Topic]:
    return [topics[slug] for slug in slugs.split() if slug in topics]


def _adoptions(solutions: dict[str, Page], log: Log) -> None:
    """The reuse ledger, recorded against the German solutions."""
    municipalities = {m.ags: m for m in Municipality.objects.filter(
        ags__in={ags for _slug, ags, *_rest in ADOPTIONS})}
    recorded = set(Adoption.objects.filter(
        solution__translation_key__in=[page.translation_key for page in solutions.values()],
    ).values_list("solution__translation_key", "municipality__ags"))
    for slug, ags, status, since, adaptations in ADOPTIONS:
        solution = solutions.get(slug)
        if solution is None or (solution.translation_key, ags) in recorded:
            continue
        adoption = Adoption(
            solution=solution, municipality=municipalities[ags], status=status,
            adopted_on=datetime.date.fromisoformat(since) if since else None,
            local_adaptations=adaptations,
        )
        try:
            adoption.full_clean()
        except ValidationError as refused:
            # An editor changed the solution (say, its model project): leave it be.
            log(f"skipped the adoption of “{solution.title}” by {adoption.municipality}: "
                f"{'; '.join(refused.messages)}")
            continue
        adoption.save()
        log(f"created adoption of “{solution.title}” by {adoption.municipality}")


def _p(text: str) -> str:
    return f"<p>{text}</p>" if text else ""


def _project_text(text: tuple[str, str, str, str]) -> dict[str, Any]:
    slug, title, summary, body = text
    return {"slug": slug, "title": title, "summary": summary,
            "body": json.dumps([{"type": "text", "value": _p(body)}] if body else [])}


def _solution_text(text: tuple[str, ...], operator: str, language: int) -> dict[str, Any]:
    slug, title, summary, problem, approach, results, lessons, prerequisites = text
    return {
        "slug": slug, "title": title, "summary": summary, "problem": _p(problem),
        "approach": _p(approach), "results": _p(results), "lessons_learned": _p(lessons),
        "prerequisites": _p(prerequisites), "operator_model": OPERATORS[operator][language],
    }


# Content ------------------------------------------------------------------------------

INDEXES: dict[str, tuple[type[Page], dict[str, str], dict[str, str]]] = {
    "projects": (
        ModelProjectIndexPage,
        {"slug": "projektdatenbank", "title": "Projektdatenbank",
         "intro": "Alle Modellprojekte Smart Cities auf einen Blick: wie sie Digitalisierung "
                  "für die Stadtentwicklung nutzen – in Großstädten, Kleinstädten, Landkreisen "
                  "und Dörfern. Filtern Sie nach Land, Größe, Förderstaffel und Thema."},
        {"slug": "project-database", "title": "Project database",
         "intro": "All Model Projects Smart Cities at a glance: how they use digitalisation "
                  "for urban development – in cities, small towns, districts and villages. "
                  "Filter by federal state, size, funding phase and topic."},
    ),
    "solutions": (
        SolutionIndexPage,
        {"slug": "loesungen", "title": "Lösungen",
         "intro": "Was die Modellprojekte entwickelt haben, mit Erfahrungen, Aufwand, Kosten "
                  "und Quellcode – damit andere Kommunen es übernehmen können."},
        {"slug": "solutions", "title": "Solutions",
         "intro": "What the model projects have built, with their experience, effort, costs "
                  "and source code – so that other municipalities can adopt it."},
    ),
    "publications": (
        PublicationIndexPage,
        {"slug": "publikationen", "title": "Publikationen",
         "intro": "Handreichungen, Studien, Leitfäden, Berichte und Werkzeugkästen zur "
                  "Smart City aus Forschung und Praxis."},
        {"slug": "publications", "title": "Publications",
         "intro": "Handouts, studies, guidelines, reports and toolkits on the smart city "
                  "from research and practice."},
    ),
}

FUNDING_PERIODS = {1: (2019, 2026), 2: (2020, 2027), 3: (2021, 2028)}


class Project(NamedTuple):
    ags: str
    phase: int
    status: str
    topics: str  # topic slugs, space-separated
    tags: str  # comma-separated
    de: tuple[str, str, str, str]  # slug, title, summary, body
    en: tuple[str, str, str, str]


PROJECTS = [
    Project("08421000", 1, "implementation", "urbane-daten bildung beteiligung",
            "Sensorik, Open Data, LoRaWAN, Bürgerbeteiligung",
            ("smart-city-ulm", "Smart City Ulm",
             "Ulm baut eine offene digitale Infrastruktur für die Stadtgesellschaft auf: ein "
             "stadtweites Funknetz für Sensoren, ein Portal für offene Daten und Orte, an "
             "denen Bürgerinnen und Bürger digitale Werkzeuge ausprobieren können.",
             "Was die Stadt misst, veröffentlicht sie als offene Daten, und was sie "
             "entwickelt, erprobt sie gemeinsam mit Vereinen, Schulen und Hochschulen."),
            ("smart-city-ulm", "Smart City Ulm",
             "Ulm is building an open digital infrastructure for its citizens: a city-wide "
             "radio network for sensors, a portal for open data, and places where residents "
             "can try out digital tools.",
             "What the city measures it publishes as open data, and what it develops it "
             "tests together with associations, schools and universities.")),
    Project("03103000", 1, "implementation", "mobilitaet urbane-daten bildung",
            "Digitaler Zwilling, Verkehr, Schule",
            ("smart-city-wolfsburg", "Smart City Wolfsburg",
             "Wolfsburg nutzt ein digitales Abbild der Stadt, um Verkehr und Bauvorhaben "
             "vorab zu simulieren, und bringt digitale Bildung in Schulen und Quartiere.",
             "Im Mittelpunkt stehen ein digitaler Zwilling als gemeinsame Planungsgrundlage "
             "der Ämter und eine Lernplattform, die Schulen, Volkshochschule und Bibliothek "
             "gemeinsam nutzen."),
            ("smart-city-wolfsburg", "Smart City Wolfsburg",
             "Wolfsburg uses a digital replica of the city to simulate traffic and building "
             "projects in advance, and brings digital learning to schools and neighbourhoods.",
             "At its heart are a digital twin as a shared planning basis for the city's "
             "departments and a learning platform used jointly by schools, the adult "
             "education centre and the library.")),
    Project("07312000", 1, "implementation", "gesundheit verwaltung change-management",
            "Bürgerservice, Prävention, Weiterbildung",
            ("smart-city-kaiserslautern", "Smart City Kaiserslautern",
             "Kaiserslautern erprobt, wie digitale Dienste den Alltag im Quartier erleichtern: "
             "von der Gesundheitsberatung vor Ort über die Meldung von Schäden im Straßenraum "
             "bis zur Weiterbildung der eigenen Verwaltung.",
             "Die Stadt arbeitet eng mit Hochschule und lokalen Unternehmen zusammen und "
             "achtet darauf, dass andere Kommunen ihre Lösungen nachnutzen können."),
            ("smart-city-kaiserslautern", "Smart City Kaiserslautern",
             "Kaiserslautern is testing how digital services can make everyday life in the "
             "neighbourhood easier: from on-site health advice and reporting damage in public "
             "spaces to training its own administration.",
             "The city works closely with the university and local businesses and makes sure "
             "that other municipalities can reuse its solutions.")),
    Project("05122000", 1, "implementation", "innenstadt-handel urbane-daten",
            "Innenstadt, Leerstand, Einzelhandel, Open Source",
            ("smart-city-solingen", "Smart City Solingen",
             "Solingen setzt auf Daten für eine lebendige Innenstadt: Leerstände, Frequenzen "
             "und Angebote des Handels werden sichtbar, damit Stadt, Eigentümer und Händler "
             "gemeinsam gegensteuern können.",
             "Das Modellprojekt verknüpft Stadtentwicklung und Wirtschaftsförderung; die "
             "Werkzeuge entstehen als offene Software, die andere Städte übernehmen können."),
            ("smart-city-solingen", "Smart City Solingen",
             "Solingen relies on data for a lively city centre: vacancies, footfall and retail "
             "offers become visible so that the city, owners and retailers can take action "
             "together.",
             "The model project links urban development with economic development; its tools "
             "are built as open software that other cities can adopt.")),
    Project("01059083", 1, "implementation", "mobilitaet gesundheit innenstadt-handel",
            "Ländlicher Raum, Nahversorgung, Mitfahren",
            ("digitale-region-suederbrarup", "Digitale Region Süderbrarup",
             "Das Amt Süderbrarup zeigt, wie Digitalisierung im ländlichen Raum Wege verkürzt: "
             "Mitfahrangebote, ein rund um die Uhr geöffneter Dorfladen und "
             "Gesundheitsangebote, die ohne lange Fahrten auskommen.",
             "Die Gemeinden entwickeln die Angebote mit Ehrenamtlichen und Vereinen, damit sie "
             "auch nach der Förderung weiterlaufen."),
            ("digital-region-suederbrarup", "Digital Region Süderbrarup",
             "The Amt Süderbrarup shows how digitalisation shortens distances in rural areas: "
             "ride-sharing, a village shop open around the clock and health services that do "
             "without long journeys.",
             "The municipalities develop these services with volunteers and associations so "
             "that they keep running after the funding ends.")),
    Project("02000000", 2, "implementation", "urbane-daten beteiligung klimaanpassung",
            "Datenplattform, Bürgerbeteiligung, Open Source",
            ("smart-city-hamburg", "Smart City Hamburg",
             "Hamburg baut seine urbane Datenplattform zu einem gemeinsamen Fundament für "
             "Planung, Beteiligung und Klimaanpassung aus und stellt die Bausteine als Open "
             "Source anderen Kommunen zur Verfügung.",
             "Die Stadt teilt Schnittstellen, Datenmodelle und Betriebserfahrungen, damit "
             "kleinere Kommunen nicht bei null anfangen müssen."),
            ("smart-city-hamburg", "Smart City Hamburg",
             "Hamburg is extending its urban data platform into a common foundation for "
             "planning, participation and climate adaptation, and shares the building blocks "
             "as open source with other municipalities.",
             "The city shares interfaces, data models and operating experience so that "
             "smaller municipalities do not have to start from scratch.")),
    Project("01002000", 2, "implementation", "mobilitaet energie klimaanpassung",
            "Mobilitätsstation, Energiemanagement, Hitze",
            ("smart-city-kiel", "Smart City Kiel",
             "Kiel verbindet Mobilitätswende und Klimaschutz: Mobilitätsstationen bündeln Bus, "
             "Rad und Carsharing, und ein Energiemonitoring macht den Verbrauch städtischer "
             "Gebäude sichtbar.",
             "Erste Schritte zu einem Hitzeaktionsplan führen Klimadaten aus der Stadt mit dem "
             "Wissen der Gesundheitsdienste zusammen."),
            ("smart-city-kiel", "Smart City Kiel",
             "Kiel connects the mobility transition with climate protection: mobility hubs "
             "bring together buses, bikes and car sharing, and energy monitoring makes the "
             "consumption of municipal buildings visible.",
             "First steps towards a heat action plan combine urban climate data with the "
             "knowledge of health services.")),
    Project("16053000", 2, "implementation", "mobilitaet verwaltung bildung",
            "Parken, Onlinezugangsgesetz, Bibliothek",
            ("smart-city-jena", "Smart City Jena",
             "Jena setzt auf eine digitale Verwaltung und eine kluge Nutzung des knappen "
             "Raums: Parkraum wird digital gelenkt, Anträge laufen online, und Bibliotheken "
             "werden zu Lernorten für digitale Kompetenzen.",
             "Das Modellprojekt arbeitet eng mit der Wissenschaft in der Stadt zusammen und "
             "erprobt Lösungen zuerst in einzelnen Stadtteilen."),
            ("smart-city-jena", "Smart City Jena",
             "Jena focuses on digital administration and a wise use of scarce space: parking "
             "is managed digitally, applications are handled online, and libraries become "
             "places to learn digital skills.",
             "The model project works closely with the city's research institutions and tests "
             "solutions in individual districts first.")),
    Project("09461000", 2, "implementation", "innenstadt-handel change-management urbane-daten",
            "Tourismus, Altstadt, Organisationsentwicklung",
            ("smart-city-bamberg", "Smart City Bamberg",
             "Bamberg nutzt Daten, um Besucherströme in der Altstadt zu lenken und Anwohnende "
             "zu entlasten, und verankert die Digitalisierung mit einem ämterübergreifenden "
             "Team in der Verwaltung.",
             "Ihre Erfahrungen mit der Besucherlenkung teilt die Stadt mit anderen Kommunen, "
             "die historische Altstädte haben."),
            ("smart-city-bamberg", "Smart City Bamberg",
             "Bamberg uses data to steer visitor flows in its old town and ease the burden on "
             "residents, and anchors digitalisation in the administration with a "
             "cross-departmental team.",
             "The city shares its experience with visitor management with other "
             "municipalities that have historic old towns.")),
    Project("05958004", 3, "strategy", "energie gesundheit beteiligung",
            "Quartier, Senioren, Bürgerenergie",
            ("smart-city-arnsberg", "Smart City Arnsberg",
             "Arnsberg entwickelt seine Smart-City-Strategie entlang der Quartiere: Im "
             "Mittelpunkt stehen gemeinschaftliche Energieprojekte und digitale Angebote, die "
             "älteren Menschen ein selbstbestimmtes Leben erleichtern.",
             "In der Strategiephase sammelt die Stadt Ideen in Werkstätten mit Bürgerinnen und "
             "Bürgern und prüft, welche sich für eine Umsetzung eignen."),
            ("smart-city-arnsberg", "Smart City Arnsberg",
             "Arnsberg is developing its smart city strategy around its neighbourhoods, "
             "focusing on community energy projects and digital services that help older "
             "people live independently.",
             "During the strategy phase the city collects ideas in workshops with residents "
             "and examines which of them are suitable for implementation.")),
    Project("05762000", 3, "implementation", "verwaltung mobilitaet",
            "Ländlicher Raum, Bürgerservice, ÖPNV",
            ("smarte-region-kreis-hoexter", "Smarte Region Kreis Höxter",
             "Der Kreis Höxter bringt Verwaltung und Mobilität zu den Menschen in seinen "
             "Städten und Dörfern: mit mobilen Bürgerbüros und einem Konzept für flexible "
             "Busangebote auf Abruf.",
             "Der Kreis entwickelt die Lösungen mit seinen kreisangehörigen Städten, damit sie "
             "überall im Kreisgebiet funktionieren."),
            ("smart-region-hoexter-district", "Smart Region Höxter District",
             "The Höxter district brings administration and mobility to the people in its "
             "towns and villages: with mobile citizen service offices and a concept for "
             "flexible on-demand buses.",
             "The district develops the solutions together with its towns so that they work "
             "everywhere in the district.")),
    Project("09479000", 3, "strategy", "energie change-management verwaltung",
            "Energiewende, Interkommunal, Digitaler Zwilling",
            ("smarte-region-fichtelgebirge", "Smarte Region Fichtelgebirge",
             "Der Landkreis Wunsiedel im Fichtelgebirge erarbeitet eine Strategie, in der die "
             "regionale Energiewende und eine gemeinsame digitale Verwaltung seiner Gemeinden "
             "zusammenkommen.",
             "Ein regionales Datenmodell für Erzeugung und Verbrauch von Energie und ein "
             "Lernformat für die Beschäftigten der Rathäuser sind die ersten Bausteine."),
            ("smart-region-fichtelgebirge", "Smart Region Fichtelgebirge",
             "The Wunsiedel district in the Fichtelgebirge is drawing up a strategy that "
             "brings together the regional energy transition and a shared digital "
             "administration for its municipalities.",
             "A regional data model for energy generation and consumption and a learning "
             "format for town hall staff are the first building blocks.")),
]

OPERATORS = {
    "city": ("Betrieb durch die Stadtverwaltung (IT-Abteilung und Fachamt)",
             "Run by the city administration (IT department and the specialist office)"),
    "utility": ("Betrieb durch die Stadtwerke im Auftrag der Stadt",
                "Run by the municipal utility on behalf of the city"),
    "partner": ("Betrieb durch einen externen Dienstleister, Steuerung durch die Kommune",
                "Run by an external service provider, steered by the municipality"),
    "district": ("Betrieb durch den Landkreis für seine Gemeinden",
                 "Run by the district for its municipalities"),
    "association": ("Betrieb durch einen Verein mit Unterstützung der Kommune",
                    "Run by a local association with the municipality's support"),
    "shared": ("Gemeinsamer Betrieb mehrerer Kommunen über einen kommunalen IT-Dienstleister",
               "Run jointly by several municipalities through a municipal IT provider"),
}


class Solution(NamedTuple):
    ags: str  # the model project's municipality
    maturity: str
    topics: str  # topic slugs, space-separated
    tags: str  # comma-separated
    effort: str
    cost: str
    operator: str  # a key of OPERATORS
    code: tuple[str, str]  # open-source repository and SPDX licence, or ("", "")
    # slug, title, summary, problem, approach, results, lessons learned, prerequisites
    de: tuple[str, str, str, str, str, str, str, str]
    en: tuple[str, str, str, str, str, str, str, str]


NO_CODE = ("", "")

SOLUTIONS = [
    Solution(
        "08421000", "transferred", "urbane-daten klimaanpassung", "Sensorik, LoRaWAN, Open Data",
        "medium", "50k_250k", "utility", ("https://gitlab.example/ulm/lorawan-netz", "EUPL-1.2"),
        ("lorawan-sensornetz", "LoRaWAN-Sensornetz für die ganze Stadt",
         "Ein energiesparendes Funknetz verbindet Sensoren für Pegel, Bodenfeuchte und "
         "Luftqualität mit einer offenen Datenplattform.",
         "Messdaten aus der Stadt lagen verstreut bei Ämtern und Dienstleistern, oft nur auf "
         "Papier oder in geschlossenen Systemen.",
         "Die Stadtwerke bauten ein LoRaWAN-Netz mit wenigen Gateways auf; jedes Amt kann "
         "Sensoren anschließen, die Daten fließen offen lizenziert auf die Datenplattform.",
         "Das Netz deckt das Stadtgebiet ab, mehrere Ämter nutzen es, und Nachbarkommunen "
         "betreiben eigene Gateways mit derselben Software.",
         "Früh festlegen, wem die Daten gehören und wer Sensoren wartet – das Netz selbst ist "
         "der kleinere Teil der Arbeit.",
         "Standorte für Gateways auf städtischen Gebäuden, ein Betreiber für das Netz und "
         "eine Datenplattform oder ein offenes Datenportal."),
        ("lorawan-sensor-network", "A city-wide LoRaWAN sensor network",
         "A low-power radio network connects sensors for water levels, soil moisture and air "
         "quality with an open data platform.",
         "Measurements from across the city were scattered among departments and contractors, "
         "often on paper or in closed systems.",
         "The municipal utility built a LoRaWAN network with a few gateways; every department "
         "can connect sensors, and the data flows to the data platform under an open licence.",
         "The network covers the city, several departments use it, and neighbouring "
         "municipalities run their own gateways with the same software.",
         "Decide early who owns the data and who maintains the sensors – the network itself "
         "is the smaller part of the work.",
         "Sites for gateways on municipal buildings, an operator for the network and a data "
         "platform or open data portal."),
    ),
    Solution(
        "08421000", "prototype", "bildung innenstadt-handel", "Sharing, Bibliothek",
        "low", "under_10k", "association", NO_CODE,
        ("bibliothek-der-dinge", "Digitale Bibliothek der Dinge",
         "Werkzeuge, Messgeräte und Technik zum Ausleihen, online reservierbar über den "
         "Katalog der Stadtbibliothek.",
         "Viele Geräte werden selten gebraucht, aber jeder Haushalt kauft sie selbst; "
         "digitale Technik zum Ausprobieren fehlt gerade Menschen mit wenig Geld.",
         "Die Bibliothek nimmt Dinge in ihren Katalog auf; ein Verein pflegt den Bestand und "
         "erklärt die Geräte bei Sprechstunden.",
         "Der Prototyp läuft in der Zentralbibliothek; die Nachfrage nach Messgeräten und "
         "Laptops ist größer als erwartet.",
         "Ehrenamtliche Pat:innen für Geräte sind der Schlüssel; ohne sie bleiben Dinge "
         "defekt im Regal.",
         "Eine Bibliothek mit Ausleihsystem, Lagerfläche und ein Partner aus der "
         "Zivilgesellschaft."),
        ("library-of-things", "A digital library of things",
         "Tools, measuring devices and technology to borrow, reserved online through the "
         "city library's catalogue.",
         "Many devices are rarely needed, yet every household buys its own; people on low "
         "incomes in particular lack technology to try out.",
         "The library adds things to its catalogue; an association looks after the stock and "
         "explains the devices during drop-in hours.",
         "The prototype runs in the central library; demand for measuring devices and "
         "laptops is higher than expected.",
         "Volunteer sponsors for devices are key; without them broken things stay on the "
         "shelf.",
         "A library with a lending system, storage space and a civil-society partner."),
    ),
    Solution(
        "08421000", "operation", "urbane-daten verwaltung", "Open Data, Datenportal",
        "medium", "10k_50k", "city", ("https://github.example/ulm/open-data-portal",
                                      "AGPL-3.0-or-later"),
        ("offenes-datenportal", "Offenes Datenportal",
         "Ein Portal, auf dem die Stadt ihre Daten maschinenlesbar und offen lizenziert "
         "veröffentlicht.",
         "Anfragen nach städtischen Daten wurden einzeln per E-Mail beantwortet; dieselben "
         "Tabellen gingen immer wieder hinaus.",
         "Die Stadt betreibt ein Datenportal auf Basis freier Software; jedes Amt hat eine "
         "Ansprechperson, die Datensätze pflegt.",
         "Das Portal ist im Regelbetrieb; Hochschulen, Medien und Start-ups nutzen die Daten, "
         "und Anfragen per E-Mail sind deutlich seltener geworden.",
         "Mit wenigen gut gepflegten Datensätzen beginnen und eine Open-Data-Leitlinie im Rat "
         "beschließen lassen.",
         "Eine Open-Data-Leitlinie, Ansprechpersonen in den Ämtern und einen Server oder "
         "Hosting-Partner."),
        ("open-data-portal", "Open data portal",
         "A portal on which the city publishes its data in machine-readable form and under "
         "an open licence.",
         "Requests for municipal data were answered one by one by e-mail; the same "
         "spreadsheets went out again and again.",
         "The city runs a data portal based on free software; each department has a contact "
         "person who maintains its datasets.",
         "The portal is in regular operation; universities, media and start-ups use the "
         "data, and requests by e-mail have become much rarer.",
         "Start with a few well-maintained datasets and have the council adopt an open data "
         "policy.",
         "An open data policy, contact persons in the departments and a server or hosting "
         "partner."),
    ),
    Solution(
        "03103000", "pilot", "mobilitaet urbane-daten",
        "Digitaler Zwilling, 3D-Stadtmodell, Verkehr",
        "high", "over_250k", "partner", ("https://gitlab.example/wolfsburg/digitaler-zwilling",
                                         "Apache-2.0"),
        ("digitaler-zwilling-verkehr", "Digitaler Zwilling für die Verkehrsplanung",
         "Ein 3D-Stadtmodell mit Verkehrsdaten zeigt, wie sich Baustellen und neue Quartiere "
         "auf den Verkehr auswirken.",
         "Verkehrsplanung, Bauamt und Stadtwerke planten mit eigenen Daten und Modellen; "
         "Wechselwirkungen fielen oft erst auf der Baustelle auf.",
         "Ein Dienstleister verbindet das 3D-Stadtmodell mit Zähldaten und einer "
         "Verkehrssimulation; die Ämter prüfen Varianten gemeinsam am Bildschirm.",
         "Im Pilotbetrieb werden Baustellen und ein neues Quartier simuliert; die Ämter "
         "stimmen sich früher ab.",
         "Die Datenpflege kostet mehr Zeit als die Software; offene Standards wie CityGML "
         "machen unabhängig vom Dienstleister.",
         "Ein aktuelles 3D-Stadtmodell, Verkehrszähldaten und Fachleute für Geodaten in der "
         "Verwaltung."),
        ("digital-twin-transport", "Digital twin for transport planning",
         "A 3D city model with traffic data shows how roadworks and new neighbourhoods "
         "affect traffic.",
         "Transport planning, the building department and the utility each planned with "
         "their own data and models; interactions often only showed on site.",
         "A service provider connects the 3D city model with traffic counts and a traffic "
         "simulation; the departments review options together on screen.",
         "In the pilot, roadworks and a new neighbourhood are being simulated; departments "
         "coordinate earlier.",
         "Maintaining the data takes more time than the software; open standards such as "
         "CityGML keep the city independent of its provider.",
         "An up-to-date 3D city model, traffic count data and geodata specialists in the "
         "administration."),
    ),
    Solution(
        "03103000", "pilot", "bildung", "Schule, Medienkompetenz, Lernplattform",
        "medium", "50k_250k", "city", NO_CODE,
        ("lernplattform-schulen", "Gemeinsame Lernplattform für Schulen",
         "Eine Lernplattform, die Schulen, Volkshochschule und Stadtbibliothek gemeinsam "
         "nutzen und die die Stadt als Schulträger betreibt.",
         "Jede Schule suchte sich eigene Werkzeuge; Lehrkräfte und Eltern mussten mit vielen "
         "Zugängen zurechtkommen.",
         "Die Stadt stellt eine Plattform mit einheitlicher Anmeldung bereit und bildet "
         "an jeder Schule Multiplikatorinnen und Multiplikatoren aus.",
         "Mehrere Schulen arbeiten im Pilotbetrieb mit der Plattform; Bibliothek und "
         "Volkshochschule bieten darauf eigene Kurse an.",
         "Fortbildung und Ansprechpersonen an den Schulen sind wichtiger als "
         "Funktionsvielfalt.",
         "Die Rolle als Schulträger, eine Abstimmung mit dem Land und Budget für "
         "Fortbildungen."),
        ("learning-platform-schools", "A shared learning platform for schools",
         "A learning platform used jointly by schools, the adult education centre and the "
         "city library, run by the city as the schools' maintaining body.",
         "Each school chose its own tools; teachers and parents had to cope with many "
         "different logins.",
         "The city provides a platform with a single sign-on and trains multipliers at every "
         "school.",
         "Several schools are piloting the platform; the library and the adult education "
         "centre offer their own courses on it.",
         "Training and contact persons at the schools matter more than a long list of "
         "features.",
         "The role of school maintaining body, agreement with the federal state and a "
         "budget for training."),
    ),
    Solution(
        "07312000", "pilot", "gesundheit", "Prävention, Quartier, Telemedizin",
        "medium", "50k_250k", "partner", NO_CODE,
        ("gesundheitskiosk-quartier", "Gesundheitskiosk im Quartier",
         "Eine niedrigschwellige Anlaufstelle im Stadtteil, in der Fachkräfte beraten und "
         "per Video an Praxen vermitteln.",
         "In manchen Stadtteilen fehlen Hausarztpraxen; Menschen gehen spät oder gar nicht "
         "zum Arzt.",
         "Ein Träger betreibt den Kiosk mit Gesundheitsfachkräften; Videosprechstunden mit "
         "Praxen und Sprachmittlung ergänzen die Beratung vor Ort.",
         "Im Pilotbetrieb wird der Kiosk gut angenommen, vor allem von älteren Menschen und "
         "Familien mit Migrationsgeschichte.",
         "Ohne Krankenkassen und Ärzteschaft im Boot lässt sich der Betrieb nach der "
         "Förderung kaum sichern.",
         "Räume im Quartier, ein Träger, Kooperationen mit Praxen und eine "
         "Finanzierungsperspektive mit den Krankenkassen."),
        ("neighbourhood-health-kiosk", "Neighbourhood health kiosk",
         "A low-threshold drop-in point in the neighbourhood where health professionals "
         "advise people and refer them to practices by video.",
         "Some neighbourhoods lack GP practices; people see a doctor late or not at all.",
         "A provider runs the kiosk with health professionals; video consultations with "
         "practices and interpreting complement the advice on site.",
         "In the pilot the kiosk is well used, especially by older people and families with "
         "a migration background.",
         "Without health insurers and doctors on board, operation after the funding is hard "
         "to secure.",
         "Premises in the neighbourhood, a provider, cooperation with practices and a "
         "funding perspective with the health insurers."),
    ),
    Solution(
        "07312000", "transferred", "verwaltung beteiligung", "Mängelmelder, App, Bürgerservice",
        "low", "10k_50k", "shared", ("https://github.example/kaiserslautern/maengelmelder", "MIT"),
        ("maengelmelder", "Mängelmelder für den Straßenraum",
         "Bürgerinnen und Bürger melden Schlaglöcher, defekte Laternen oder wilden Müll per "
         "App oder Webformular mit Foto und Ort.",
         "Meldungen kamen per Telefon, E-Mail und Brief an viele Stellen; niemand wusste, "
         "was aus ihnen wurde.",
         "Eine offene Software leitet jede Meldung an das zuständige Amt weiter und zeigt "
         "ihren Bearbeitungsstand öffentlich auf einer Karte.",
         "Der Mängelmelder ist im Regelbetrieb und wurde von mehreren Kommunen übernommen; "
         "die Bearbeitung ist schneller und nachvollziehbar.",
         "Zuständigkeiten müssen vor dem Start geklärt sein, sonst landen Meldungen im "
         "Niemandsland.",
         "Klare Zuständigkeiten je Kategorie und eine Person, die Meldungen sichtet; die "
         "Software kann gemeinsam mit anderen Kommunen betrieben werden."),
        ("street-issue-reporter", "Street issue reporter",
         "Residents report potholes, broken street lights or fly-tipping by app or web form, "
         "with a photo and location.",
         "Reports arrived by phone, e-mail and letter at many offices; nobody knew what "
         "became of them.",
         "Open software forwards each report to the responsible department and shows its "
         "status publicly on a map.",
         "The reporter is in regular operation and has been adopted by several "
         "municipalities; reports are handled faster and transparently.",
         "Responsibilities must be settled before the launch, otherwise reports end up in "
         "no man's land.",
         "Clear responsibilities for each category and a person who screens reports; the "
         "software can be run jointly with other municipalities."),
    ),
    Solution(
        "07312000", "pilot", "change-management", "Weiterbildung, Verwaltung 4.0, Digitallotsen",
        "low", "10k_50k", "city", NO_CODE,
        ("digitallotsen-verwaltung", "Digitallotsinnen und -lotsen in der Verwaltung",
         "Beschäftigte aus allen Ämtern werden zu Ansprechpersonen für digitale Werkzeuge "
         "und Veränderungen in ihrem Team ausgebildet.",
         "Neue Software wurde eingeführt, aber kaum genutzt; Unsicherheit und Vorbehalte "
         "blieben unausgesprochen.",
         "Ein modulares Lernprogramm mit Praxisaufgaben; die Lotsinnen und Lotsen treffen "
         "sich regelmäßig und geben Rückmeldung an die IT.",
         "Der erste Jahrgang hat das Programm abgeschlossen; Ämter mit Lotsen führen neue "
         "Werkzeuge spürbar leichter ein.",
         "Zeit für die Rolle muss offiziell eingeplant sein, sonst bleibt sie ein Ehrenamt "
         "neben der Arbeit.",
         "Rückhalt der Verwaltungsspitze, Freistellung für die Lotsen und ein kleines "
         "Budget für Fortbildungen."),
        ("digital-guides-administration", "Digital guides in the administration",
         "Staff from all departments are trained as contact persons for digital tools and "
         "change in their teams.",
         "New software was introduced but hardly used; uncertainty and reservations went "
         "unspoken.",
         "A modular learning programme with practical tasks; the guides meet regularly and "
         "give feedback to the IT department.",
         "The first cohort has completed the programme; departments with guides introduce "
         "new tools noticeably more easily.",
         "Time for the role must be officially planned, otherwise it remains a volunteer "
         "job on top of the work.",
         "Backing from the administration's leadership, time off for the guides and a small "
         "training budget."),
    ),
    Solution(
        "05122000", "operation", "innenstadt-handel urbane-daten", "Leerstand, Einzelhandel, Karte",
        "low", "10k_50k", "city", ("https://gitlab.example/solingen/leerstandsmelder",
                                   "GPL-3.0-or-later"),
        ("leerstandsmelder-innenstadt", "Leerstandsmelder für die Innenstadt",
         "Eine Karte aller leeren Ladenlokale mit Größe, Ausstattung und Ansprechpartner, "
         "gepflegt von Wirtschaftsförderung und Eigentümern.",
         "Leerstände wurden erst bemerkt, wenn Schaufenster verklebt waren; Interessierte "
         "fanden keine Übersicht freier Flächen.",
         "Die Wirtschaftsförderung erfasst Leerstände in einer offenen Anwendung; "
         "Eigentümer können Angaben ergänzen, Gründerinnen und Gründer Flächen anfragen.",
         "Die Anwendung ist im Regelbetrieb; Zwischennutzungen und Pop-up-Stores kommen "
         "schneller zustande.",
         "Eigentümer persönlich ansprechen – die Daten sind nur so gut wie die Beziehungen "
         "dahinter.",
         "Eine Wirtschaftsförderung mit Kontakt zu Eigentümern und Geodaten der "
         "Innenstadt."),
        ("vacancy-register-city-centre", "Vacancy register for the city centre",
         "A map of all empty shop premises with size, fittings and contact person, "
         "maintained by the economic development office and the owners.",
         "Vacancies were only noticed once shop windows were papered over; interested "
         "parties found no overview of available space.",
         "The economic development office records vacancies in an open application; owners "
         "can add details and founders can enquire about premises.",
         "The application is in regular operation; interim uses and pop-up stores come "
         "about faster.",
         "Approach owners personally – the data is only as good as the relationships behind "
         "it.",
         "An economic development office in touch with owners, and geodata of the city "
         "centre."),
    ),
    Solution(
        "05122000", "prototype", "innenstadt-handel", "Einzelhandel, Click & Collect",
        "medium", "10k_50k", "partner", NO_CODE,
        ("plattform-lokaler-handel", "Plattform für den lokalen Handel",
         "Ein gemeinsames Schaufenster im Netz, über das Kundinnen und Kunden Waren lokaler "
         "Geschäfte reservieren und im Laden abholen.",
         "Kleine Geschäfte haben keinen eigenen Onlineshop und verlieren Kundschaft an große "
         "Plattformen.",
         "Händlerverein und Stadt entwickeln eine schlanke Plattform für Reservierung und "
         "Abholung, ohne Versand und ohne Provision.",
         "Ein Prototyp wird mit einer Handvoll Geschäften getestet; die Pflege der "
         "Warenbestände ist die größte Hürde.",
         "Lieber wenige Funktionen, die Händler ohne Schulung bedienen können.",
         "Ein aktiver Händlerverein und ein Dienstleister für Betrieb und Support."),
        ("local-retail-platform", "A platform for local retailers",
         "A shared online shop window through which customers reserve goods from local "
         "shops and collect them in store.",
         "Small shops have no online store of their own and lose customers to large "
         "platforms.",
         "The retailers' association and the city are developing a lean platform for "
         "reservation and collection, without shipping and without commission.",
         "A prototype is being tested with a handful of shops; keeping stock data up to date "
         "is the biggest hurdle.",
         "Prefer a few features that retailers can use without training.",
         "An active retailers' association and a service provider for operation and "
         "support."),
    ),
    Solution(
        "01059083", "transferred", "mobilitaet beteiligung", "Ländlicher Raum, Mitfahren, App",
        "low", "under_10k", "association", ("https://github.example/suederbrarup/mitfahrbank",
                                            "MIT"),
        ("digitale-mitfahrbank", "Digitale Mitfahrbank",
         "Mitfahrbänke an Dorfeingängen, ergänzt um eine einfache App, mit der Fahrten "
         "angeboten und gesucht werden.",
         "Busse fahren selten; wer kein Auto hat, ist auf Nachbarn angewiesen und mag nicht "
         "immer fragen.",
         "Ein Verein stellt Bänke auf und betreibt eine schlichte App; Fahrten lassen sich "
         "auch per Telefon anmelden.",
         "Die Mitfahrbank ist in allen Gemeinden des Amtes in Betrieb und wurde in andere "
         "ländliche Regionen übertragen.",
         "Das Angebot lebt von Vertrauen: bekannte Gesichter aus dem Dorf als "
         "Botschafterinnen und Botschafter gewinnen.",
         "Engagierte Menschen vor Ort, Standorte an gut sichtbaren Stellen und eine "
         "Haftungsregelung über den Verein."),
        ("digital-ride-sharing-bench", "Digital ride-sharing bench",
         "Ride-sharing benches at village entrances, complemented by a simple app for "
         "offering and finding rides.",
         "Buses run rarely; those without a car depend on neighbours and do not always like "
         "to ask.",
         "An association sets up benches and runs a simple app; rides can also be "
         "registered by phone.",
         "The bench is in operation in all municipalities of the Amt and has been "
         "transferred to other rural regions.",
         "The service depends on trust: win familiar faces from the village as "
         "ambassadors.",
         "Committed local people, highly visible sites and liability arrangements through "
         "the association."),
    ),
    Solution(
        "01059083", "pilot", "innenstadt-handel", "Nahversorgung, Ländlicher Raum, Dorfladen",
        "high", "50k_250k", "association", NO_CODE,
        ("digitaler-dorfladen", "Dorfladen mit digitalem Zugang",
         "Ein Dorfladen, der tagsüber mit Personal und abends und am Wochenende per Karte "
         "oder App geöffnet ist.",
         "Der letzte Laden im Dorf hatte geschlossen; für jeden Einkauf musste man in die "
         "nächste Stadt fahren.",
         "Eine Genossenschaft betreibt den Laden; Zutritt und Kasse funktionieren außerhalb "
         "der Öffnungszeiten digital, Kameras und Ehrenamtliche sorgen für Sicherheit.",
         "Im Pilotbetrieb trägt sich der Laden, auch weil er Treffpunkt und Paketstation "
         "zugleich ist.",
         "Die Rechtslage zu Ladenöffnungszeiten früh mit dem Land klären.",
         "Eine Trägerschaft aus dem Ort, eine geeignete Immobilie und eine Klärung der "
         "Ladenöffnungsregeln."),
        ("digital-village-shop", "Village shop with digital access",
         "A village shop staffed during the day and open by card or app in the evenings and "
         "at weekends.",
         "The last shop in the village had closed; every purchase meant a drive to the next "
         "town.",
         "A cooperative runs the shop; entry and checkout work digitally outside staffed "
         "hours, with cameras and volunteers for security.",
         "In the pilot the shop covers its costs, partly because it is also a meeting place "
         "and parcel station.",
         "Clarify the legal situation on opening hours with the federal state early on.",
         "A local operator, suitable premises and clarity on the shop opening rules."),
    ),
    Solution(
        "01059083", "prototype", "gesundheit", "Telemedizin, Ländlicher Raum",
        "medium", "10k_50k", "partner", NO_CODE,
        ("digitale-dorfsprechstunde", "Digitale Dorfsprechstunde",
         "Eine Videosprechstunde im Gemeindehaus, begleitet von einer Pflegefachkraft, die "
         "vor Ort misst und unterstützt.",
         "Die nächste Hausarztpraxis ist weit entfernt; ältere Menschen ohne Auto verzichten "
         "auf Termine.",
         "Praxen aus der Region bieten feste Sprechzeiten per Video an; eine Fachkraft hilft "
         "mit Technik und einfachen Messungen.",
         "Der Prototyp wurde in einer Gemeinde getestet; Patientinnen und Patienten sind "
         "zufrieden, die Abrechnung ist noch ungeklärt.",
         "Die Begleitung durch eine vertraute Person vor Ort ist wichtiger als die Technik.",
         "Kooperierende Praxen, ein barrierefreier Raum mit gutem Internet und eine "
         "Pflegefachkraft."),
        ("village-video-consultation", "Village video consultation",
         "A video consultation in the village hall, accompanied by a nurse who takes "
         "measurements and helps on site.",
         "The nearest GP practice is far away; older people without a car skip "
         "appointments.",
         "Practices in the region offer fixed consultation hours by video; a nurse helps with "
         "the technology and simple measurements.",
         "The prototype was tested in one municipality; patients are satisfied, but billing "
         "is still unresolved.",
         "Having a familiar person on site matters more than the technology.",
         "Cooperating practices, an accessible room with good internet access and a nurse."),
    ),
    Solution(
        "02000000", "transferred", "urbane-daten", "Datenplattform, Open Source, Schnittstellen",
        "high", "over_250k", "city", ("https://github.example/hamburg/urbane-datenplattform",
                                      "Apache-2.0"),
        ("urbane-datenplattform", "Urbane Datenplattform",
         "Eine Plattform, die Daten aus Verwaltung, Sensorik und Partnern über offene "
         "Schnittstellen zusammenführt und bereitstellt.",
         "Jedes Vorhaben baute eigene Datensilos; Verknüpfungen zwischen Fachdaten waren "
         "teuer und langsam.",
         "Die Stadt betreibt eine modulare Plattform aus Open-Source-Bausteinen mit "
         "standardisierten Schnittstellen wie OGC SensorThings.",
         "Die Plattform ist im Regelbetrieb; mehrere Kommunen nutzen die Bausteine und "
         "teilen Weiterentwicklungen.",
         "Betrieb und Datenqualität brauchen dauerhaft Personal; die Plattform ist kein "
         "Projekt, sondern eine Infrastruktur.",
         "Ein Betriebsteam mit IT- und Datenkompetenz, Rechenzentrumskapazität und eine "
         "Daten-Governance."),
        ("urban-data-platform", "Urban data platform",
         "A platform that brings together data from administration, sensors and partners "
         "and provides it through open interfaces.",
         "Every project built its own data silos; linking specialist data was expensive and "
         "slow.",
         "The city runs a modular platform of open-source components with standardised "
         "interfaces such as OGC SensorThings.",
         "The platform is in regular operation; several municipalities use its building "
         "blocks and share improvements.",
         "Operation and data quality need permanent staff; the platform is not a project but "
         "infrastructure.",
         "An operations team with IT and data skills, data centre capacity and data "
         "governance."),
    ),
    Solution(
        "02000000", "transferred", "beteiligung", "Bürgerbeteiligung, Online-Dialog, Open Source",
        "medium", "50k_250k", "city", ("https://github.example/hamburg/beteiligung",
                                       "AGPL-3.0-or-later"),
        ("digitale-beteiligungsplattform", "Digitale Beteiligungsplattform",
         "Eine offene Plattform für Online-Dialoge, Kartenkommentare und Umfragen zu "
         "Planungsvorhaben.",
         "Beteiligungsverfahren liefen auf wechselnden kommerziellen Werkzeugen; Ergebnisse "
         "ließen sich kaum vergleichen.",
         "Eine Plattform für alle Ämter mit Bausteinen für Dialoge, Karten und Umfragen; ein "
         "Team berät die Ämter bei der Gestaltung der Verfahren.",
         "Die Plattform ist im Regelbetrieb, und mehrere Kommunen betreiben eigene Instanzen "
         "der Software.",
         "Beteiligung braucht Rückmeldung: Zeigen, was aus den Beiträgen geworden ist.",
         "Ein Team für Beteiligung, Hosting und die Bereitschaft, Ergebnisse offen zu "
         "dokumentieren."),
        ("digital-participation-platform", "Digital participation platform",
         "An open platform for online dialogues, map comments and surveys on planning "
         "projects.",
         "Participation processes ran on changing commercial tools; results could hardly be "
         "compared.",
         "One platform for all departments with building blocks for dialogues, maps and "
         "surveys; a team advises departments on designing the processes.",
         "The platform is in regular operation, and several municipalities run their own "
         "instances of the software.",
         "Participation needs feedback: show what became of the contributions.",
         "A participation team, hosting and the willingness to document results openly."),
    ),
    Solution(
        "02000000", "prototype", "klimaanpassung", "Starkregen, Sensorik, Frühwarnung",
        "medium", "50k_250k", "utility", NO_CODE,
        ("starkregen-fruehwarnung", "Frühwarnsystem für Starkregen",
         "Pegel- und Niederschlagssensoren in kleinen Gewässern und Sielen warnen "
         "Einsatzkräfte vor Überflutungen.",
         "Starkregen trifft Stadtteile oft ohne Vorwarnung; kleine Gewässer werden von "
         "amtlichen Pegeln nicht erfasst.",
         "Sensoren melden Wasserstände über das Funknetz; Schwellenwerte lösen "
         "Benachrichtigungen an Feuerwehr und Bauhof aus.",
         "Ein Prototyp läuft an ausgewählten Gewässern; die Schwellenwerte werden mit den "
         "Einsatzkräften abgestimmt.",
         "Fehlalarme untergraben das Vertrauen schnell: erst beobachten, dann alarmieren.",
         "Ein Funknetz für Sensoren, Zugang zu den Standorten und abgestimmte "
         "Alarmierungswege."),
        ("heavy-rain-early-warning", "Heavy rain early warning system",
         "Water level and rainfall sensors in small streams and sewers warn emergency "
         "services of flooding.",
         "Heavy rain often hits neighbourhoods without warning; small streams are not "
         "covered by official gauges.",
         "Sensors report water levels over the radio network; thresholds trigger "
         "notifications to the fire brigade and the municipal works.",
         "A prototype runs on selected streams; thresholds are being agreed with the "
         "emergency services.",
         "False alarms quickly undermine trust: observe first, then alert.",
         "A radio network for sensors, access to the sites and agreed alerting channels."),
    ),
    Solution(
        "01002000", "operation", "mobilitaet", "Sharing, Mobilitätsstation, App",
        "high", "over_250k", "utility", NO_CODE,
        ("mobilitaetsstationen", "Mobilitätsstationen mit Buchungs-App",
         "Stationen an Haltestellen bündeln Bus, Leihräder, Lastenräder und Carsharing; eine "
         "App bucht alles mit einem Konto.",
         "Wer auf das eigene Auto verzichten will, braucht viele Apps und Verträge; "
         "Angebote lagen verstreut.",
         "Die Verkehrsbetriebe errichten Stationen mit einheitlichem Erscheinungsbild und "
         "binden Anbieter über eine gemeinsame Buchungs-App an.",
         "Die Stationen sind im Regelbetrieb; die Nutzung wächst vor allem in dicht "
         "bebauten Quartieren.",
         "Flächen im Straßenraum sind das Nadelöhr: früh mit Tiefbau und Politik klären.",
         "Verkehrsbetriebe oder Stadtwerke als Betreiber, Flächen im öffentlichen Raum und "
         "Partner für Sharing-Angebote."),
        ("mobility-hubs", "Mobility hubs with a booking app",
         "Hubs at stops bring together buses, rental bikes, cargo bikes and car sharing; an "
         "app books everything with one account.",
         "Anyone wanting to give up their own car needed many apps and contracts; services "
         "were scattered.",
         "The transport company builds hubs with a uniform design and connects providers "
         "through a shared booking app.",
         "The hubs are in regular operation; use is growing especially in densely built "
         "neighbourhoods.",
         "Street space is the bottleneck: settle it early with civil engineering and "
         "politics.",
         "A transport company or utility as operator, space in public areas and partners for "
         "sharing services."),
    ),
    Solution(
        "01002000", "idea", "klimaanpassung gesundheit", "Hitze, Stadtklima",
        "medium", "10k_50k", "city", NO_CODE,
        ("hitzeaktionsplan-stadtklimadaten", "Hitzeaktionsplan mit Stadtklimadaten",
         "Temperaturdaten aus der Stadt sollen zeigen, wo Hitze Menschen besonders gefährdet, "
         "und gezielte Maßnahmen auslösen.",
         "Hitzewellen treffen ältere und kranke Menschen am stärksten; wo sie wohnen und wo "
         "es am heißesten ist, weiß bisher niemand genau.",
         "Geplant ist, Messdaten mit Sozialdaten auf Quartiersebene zu verknüpfen und daraus "
         "mit Gesundheitsamt und Pflegediensten einen Hitzeaktionsplan abzuleiten.",
         "",
         "Erste Gespräche zeigen: Datenschutz und Zuständigkeiten müssen vor der Technik "
         "geklärt werden.",
         "Temperaturmessungen im Stadtgebiet, ein Gesundheitsamt als Partner und "
         "kleinräumige Sozialdaten."),
        ("heat-action-plan-climate-data", "Heat action plan based on urban climate data",
         "Temperature data from the city is to show where heat puts people most at risk and "
         "trigger targeted measures.",
         "Heatwaves hit older and sick people hardest; nobody yet knows exactly where they "
         "live and where it is hottest.",
         "The plan is to link measurements with social data at neighbourhood level and "
         "derive a heat action plan with the public health office and care services.",
         "",
         "First talks show that data protection and responsibilities must be settled before "
         "the technology.",
         "Temperature measurements across the city, the public health office as a partner "
         "and small-scale social data."),
    ),
    Solution(
        "01002000", "transferred", "energie", "Energiemanagement, Smart Meter, Gebäude",
        "medium", "10k_50k", "city", ("https://gitlab.example/kiel/energiemonitor", "EUPL-1.2"),
        ("energiemonitoring-gebaeude", "Energiemonitoring kommunaler Gebäude",
         "Zähler in Schulen, Kitas und Verwaltungsgebäuden melden ihren Verbrauch; ein "
         "Dashboard zeigt Auffälligkeiten.",
         "Verbräuche wurden einmal im Jahr abgelesen; Heizungen liefen in den Ferien und "
         "nachts unbemerkt weiter.",
         "Die Stadt rüstet Zähler nach und wertet die Daten in einer offenen Anwendung aus; "
         "Hausmeisterinnen und Hausmeister erhalten Hinweise bei Ausreißern.",
         "Das Monitoring läuft in allen größeren Liegenschaften und wurde von anderen "
         "Kommunen übernommen; Einsparungen zeigen sich bereits im ersten Winter.",
         "Die Hausmeisterinnen und Hausmeister von Anfang an einbinden – sie setzen die "
         "Hinweise um.",
         "Ein Energiemanagement in der Verwaltung, Zugang zu den Zählern und eine "
         "Datenplattform oder ein Server."),
        ("energy-monitoring-buildings", "Energy monitoring of municipal buildings",
         "Meters in schools, day-care centres and administrative buildings report their "
         "consumption; a dashboard highlights anomalies.",
         "Consumption was read once a year; heating kept running unnoticed during holidays "
         "and at night.",
         "The city retrofits meters and analyses the data in an open application; "
         "caretakers receive alerts when values stand out.",
         "Monitoring runs in all larger buildings and has been adopted by other "
         "municipalities; savings showed in the very first winter.",
         "Involve the caretakers from the start – they are the ones who act on the alerts.",
         "Energy management in the administration, access to the meters and a data platform "
         "or server."),
    ),
    Solution(
        "16053000", "operation", "mobilitaet urbane-daten", "Parken, Sensorik, Verkehr",
        "medium", "50k_250k", "utility", NO_CODE,
        ("parkraumsensorik", "Parkraumsensorik und Parkleitsystem",
         "Sensoren erfassen freie Stellplätze in Parkhäusern und ausgewählten Straßen; Tafeln "
         "und eine offene Schnittstelle leiten den Verkehr.",
         "Parksuchverkehr belastet die Innenstadt; freie Plätze in Parkhäusern blieben "
         "ungenutzt.",
         "Die Stadtwerke verbinden Parkhausdaten und Bodensensoren in einer Plattform; die "
         "Daten stehen auch Navigationsdiensten offen.",
         "Das System ist im Regelbetrieb; die Auslastung der Parkhäuser ist gleichmäßiger.",
         "Bodensensoren brauchen Wartung; für viele Straßen genügen Zählungen an den "
         "Zufahrten.",
         "Digitale Schnittstellen der Parkhausbetreiber, ein Betreiber für die Sensoren und "
         "Beschilderung."),
        ("parking-sensors-guidance", "Parking sensors and guidance system",
         "Sensors record free spaces in car parks and selected streets; signs and an open "
         "interface guide traffic.",
         "Traffic searching for parking burdens the city centre; free spaces in car parks "
         "went unused.",
         "The utility connects car park data and ground sensors in one platform; the data is "
         "also open to navigation services.",
         "The system is in regular operation; car park occupancy is more even.",
         "Ground sensors need maintenance; for many streets counts at the entrances are "
         "enough.",
         "Digital interfaces from car park operators, an operator for the sensors and "
         "signage."),
    ),
    Solution(
        "16053000", "prototype", "verwaltung",
        "Onlinezugangsgesetz, Bauantrag, Digitale Verwaltung",
        "high", "50k_250k", "shared", NO_CODE,
        ("digitaler-bauantrag", "Digitaler Bauantrag",
         "Bauanträge werden vollständig online gestellt, geprüft und beschieden – ohne "
         "Papierakten zwischen Ämtern.",
         "Bauanträge wanderten in mehrfacher Ausfertigung durch die Ämter; Rückfragen "
         "dauerten Wochen.",
         "Ein Online-Antrag ist an die Fachverfahren angebunden; beteiligte Stellen arbeiten "
         "in einer digitalen Akte parallel.",
         "Der Prototyp bearbeitet erste einfache Verfahren; Architekturbüros geben positive "
         "Rückmeldungen.",
         "Prozesse vor der Digitalisierung vereinfachen, sonst wird Papier nur in PDF "
         "übersetzt.",
         "Eine E-Akte, Schnittstellen zum Fachverfahren und ein kommunaler IT-Dienstleister "
         "als Partner."),
        ("digital-building-permit", "Digital building permit application",
         "Building permit applications are submitted, reviewed and decided entirely online – "
         "without paper files between departments.",
         "Applications travelled through the departments in several copies; queries took "
         "weeks.",
         "An online application is connected to the specialist software; the offices "
         "involved work in parallel in a digital file.",
         "The prototype handles the first simple procedures; architects give positive "
         "feedback.",
         "Simplify processes before digitising them, otherwise paper is merely translated "
         "into PDF.",
         "An electronic filing system, interfaces to the specialist software and a municipal "
         "IT provider as partner."),
    ),
    Solution(
        "16053000", "idea", "bildung beteiligung", "Makerspace, Bibliothek",
        "low", "10k_50k", "city", NO_CODE,
        ("makerspace-stadtteilbibliothek", "Makerspace in der Stadtteilbibliothek",
         "Eine Werkstatt mit 3D-Drucker, Elektronik und Nähmaschinen in der Bibliothek, in "
         "der Menschen digitale Technik gemeinsam ausprobieren.",
         "Digitale Fertigung und Programmieren sind für viele Menschen abstrakt; Angebote "
         "gibt es vor allem an Hochschulen.",
         "Die Idee: Bibliothek, Hochschule und Vereine richten gemeinsam eine offene "
         "Werkstatt ein und bieten Kurse für alle Altersgruppen an.",
         "",
         "",
         "Platz in einer Bibliothek, Partner mit technischem Wissen und Budget für "
         "Geräte und Material."),
        ("makerspace-neighbourhood-library", "Makerspace in the neighbourhood library",
         "A workshop with 3D printers, electronics and sewing machines in the library where "
         "people try out digital technology together.",
         "Digital fabrication and programming are abstract for many people; offers exist "
         "mainly at universities.",
         "The idea: the library, the university and associations set up an open workshop "
         "together and offer courses for all age groups.",
         "",
         "",
         "Space in a library, partners with technical knowledge and a budget for equipment "
         "and materials."),
    ),
    Solution(
        "09461000", "operation", "innenstadt-handel urbane-daten",
        "Tourismus, Besucherlenkung, Sensorik",
        "medium", "50k_250k", "partner", NO_CODE,
        ("besucherlenkung-altstadt", "Besucherlenkung in der Altstadt",
         "Anonyme Frequenzzählungen zeigen, wo es in der Altstadt voll wird; Hinweise und "
         "Tipps lenken Gäste zu ruhigeren Orten.",
         "An Spitzentagen drängen sich Gäste an wenigen Orten; Anwohnende fühlen sich "
         "gestört, andere Viertel bleiben leer.",
         "Datenschutzfreundliche Zähler melden die Auslastung; Tourismusinformation und "
         "eine Webseite zeigen Alternativen in Echtzeit.",
         "Die Besucherlenkung ist im Regelbetrieb; an Spitzentagen verteilen sich die Gäste "
         "spürbar besser.",
         "Anwohnende früh beteiligen und die Zählung transparent erklären.",
         "Eine Tourismusorganisation als Partner, Standorte für Zähler und eine "
         "datenschutzrechtliche Prüfung."),
        ("visitor-management-old-town", "Visitor management in the old town",
         "Anonymous footfall counts show where the old town gets crowded; hints and tips "
         "steer visitors to quieter places.",
         "On peak days visitors crowd a few spots; residents feel disturbed while other "
         "quarters stay empty.",
         "Privacy-friendly counters report occupancy; the tourist information and a website "
         "show alternatives in real time.",
         "Visitor management is in regular operation; on peak days visitors spread out "
         "noticeably better.",
         "Involve residents early and explain the counting openly.",
         "A tourism organisation as partner, sites for counters and a data protection "
         "review."),
    ),
    Solution(
        "09461000", "operation", "change-management", "Organisationsentwicklung, Verwaltung 4.0",
        "low", "under_10k", "city", NO_CODE,
        ("smart-city-team-verwaltung", "Ämterübergreifendes Smart-City-Team",
         "Ein kleines Team aus verschiedenen Ämtern steuert die Smart-City-Vorhaben und "
         "berät die Fachbereiche.",
         "Digitale Vorhaben entstanden in einzelnen Ämtern nebeneinander; Doppelarbeit und "
         "Reibungsverluste waren die Folge.",
         "Beschäftigte aus mehreren Ämtern arbeiten anteilig im Team, mit direktem Draht "
         "zur Verwaltungsspitze und agilen Methoden.",
         "Das Team ist fester Teil der Organisation; Vorhaben werden gemeinsam priorisiert "
         "und schneller umgesetzt.",
         "Anteilige Mitarbeit braucht klare Absprachen mit den Herkunftsämtern.",
         "Rückendeckung der Verwaltungsspitze und die Bereitschaft der Ämter, Personal "
         "anteilig abzugeben."),
        ("cross-departmental-smart-city-team", "A cross-departmental smart city team",
         "A small team from different departments steers the smart city projects and "
         "advises the specialist offices.",
         "Digital projects arose side by side in individual departments, causing duplicate "
         "work and friction.",
         "Staff from several departments work part-time in the team, with a direct line to "
         "the administration's leadership and agile methods.",
         "The team is a permanent part of the organisation; projects are prioritised "
         "jointly and implemented faster.",
         "Part-time membership needs clear agreements with the home departments.",
         "Backing from the administration's leadership and departments willing to release "
         "staff part-time."),
    ),
    Solution(
        "05958004", "idea", "energie beteiligung", "Energiewende, Quartier, Bürgerenergie",
        "high", "over_250k", "association", NO_CODE,
        ("quartiersenergie-plattform", "Plattform für Quartiersenergie",
         "Nachbarschaften sollen Solarstrom gemeinsam erzeugen, teilen und abrechnen können.",
         "Viele Dächer bleiben ungenutzt, weil Eigentümer den Aufwand scheuen; Mieterinnen "
         "und Mieter profitieren selten von Solarstrom.",
         "Die Idee: Eine Energiegenossenschaft und die Stadt entwickeln eine Plattform, die "
         "Dächer, Erzeugung und Verbrauch im Quartier zusammenbringt.",
         "",
         "Die Werkstätten zeigen großes Interesse; die Regeln für gemeinsame Nutzung von "
         "Strom sind noch eine Hürde.",
         "Eine Energiegenossenschaft oder Stadtwerke als Partner und engagierte "
         "Nachbarschaften."),
        ("neighbourhood-energy-platform", "Neighbourhood energy platform",
         "Neighbourhoods are to generate, share and bill solar power together.",
         "Many roofs remain unused because owners shy away from the effort; tenants rarely "
         "benefit from solar power.",
         "The idea: an energy cooperative and the city develop a platform that brings "
         "together roofs, generation and consumption in the neighbourhood.",
         "",
         "The workshops show great interest; the rules for sharing electricity are still a "
         "hurdle.",
         "An energy cooperative or utility as partner and committed neighbourhoods."),
    ),
    Solution(
        "05958004", "prototype", "gesundheit bildung", "Senioren, Digitalkompetenz",
        "low", "under_10k", "association", NO_CODE,
        ("digitale-seniorenbegleitung", "Digitale Begleitung für Ältere",
         "Ehrenamtliche begleiten ältere Menschen beim Umgang mit Tablet, Videotelefonie und "
         "Online-Terminen.",
         "Ältere Menschen sind zunehmend von Angeboten ausgeschlossen, die nur noch online "
         "funktionieren.",
         "Ausgebildete Ehrenamtliche bieten Sprechstunden in Treffpunkten und Hausbesuche "
         "an; Leihtablets senken die Einstiegshürde.",
         "Der Prototyp läuft in zwei Quartieren; Teilnehmende nutzen Videotelefonie und "
         "Online-Termine selbstständig.",
         "Geduld und feste Ansprechpersonen sind wichtiger als Technik.",
         "Ein Seniorenbüro oder Verein, Ehrenamtliche und einige Leihgeräte."),
        ("digital-companions-older-people", "Digital companions for older people",
         "Volunteers help older people use tablets, video calls and online appointments.",
         "Older people are increasingly excluded from services that only work online.",
         "Trained volunteers offer drop-in hours at meeting places and home visits; loan "
         "tablets lower the threshold.",
         "The prototype runs in two neighbourhoods; participants use video calls and online "
         "appointments on their own.",
         "Patience and familiar contact persons matter more than technology.",
         "A senior citizens' office or association, volunteers and a few loan devices."),
    ),
    Solution(
        "05762000", "pilot", "verwaltung", "Bürgerservice, Ländlicher Raum, Mobiles Bürgerbüro",
        "medium", "10k_50k", "district", NO_CODE,
        ("mobiles-buergerbuero", "Mobiles Bürgerbüro",
         "Ein Bürgerbüro im Koffer: Ausweise, Meldeangelegenheiten und Beratung direkt in "
         "Dörfern, Pflegeheimen und Schulen.",
         "Für viele Anliegen mussten Menschen weite Wege zur Kreisverwaltung auf sich "
         "nehmen; für Ältere eine große Hürde.",
         "Mitarbeitende fahren mit mobiler Technik nach festem Plan in die Orte; Termine "
         "lassen sich online und telefonisch buchen.",
         "Im Pilotbetrieb sind die Termine gut ausgebucht; besonders Pflegeheime fragen das "
         "Angebot nach.",
         "Gute Mobilfunkversorgung ist nicht überall gegeben: Ausweichorte mit Festnetz "
         "einplanen.",
         "Mobile Ausweistechnik, Personal mit Fahrbereitschaft und Räume in den Gemeinden."),
        ("mobile-citizen-services", "Mobile citizen services office",
         "A citizen services office in a suitcase: ID cards, registration and advice right in "
         "villages, care homes and schools.",
         "Many matters required long journeys to the district administration; a big hurdle "
         "for older people.",
         "Staff travel to the villages with mobile equipment on a fixed schedule; "
         "appointments can be booked online and by phone.",
         "In the pilot, appointments are well booked; care homes in particular ask for the "
         "service.",
         "Mobile coverage is not available everywhere: plan fallback locations with a fixed "
         "line.",
         "Mobile ID equipment, staff willing to travel and rooms in the municipalities."),
    ),
    Solution(
        "05762000", "idea", "mobilitaet", "ÖPNV, On-Demand, Ländlicher Raum",
        "high", "over_250k", "district", NO_CODE,
        ("rufbus-on-demand", "Rufbus auf Abruf",
         "Kleinbusse fahren ohne festen Fahrplan dorthin, wo sie per App oder Telefon "
         "bestellt werden.",
         "Linienbusse fahren auf dem Land oft leer oder gar nicht; abends und am Wochenende "
         "gibt es kaum Verbindungen.",
         "Geplant ist ein On-Demand-Angebot, das Fahrten bündelt und an Bahnhöfe und "
         "Hauptlinien anschließt.",
         "",
         "Erste Berechnungen zeigen: Ohne Einbindung in den Nahverkehrsplan wird das Angebot "
         "zu teuer.",
         "Ein Aufgabenträger für den Nahverkehr, ein Verkehrsunternehmen und eine "
         "Buchungs- und Disponierungssoftware."),
        ("on-demand-bus", "On-demand bus",
         "Minibuses run without a fixed timetable to wherever they are booked by app or "
         "phone.",
         "In the countryside, scheduled buses often run empty or not at all; there are "
         "hardly any connections in the evenings and at weekends.",
         "The plan is an on-demand service that pools trips and connects to railway stations "
         "and main lines.",
         "",
         "First calculations show that without integration into the local transport plan "
         "the service becomes too expensive.",
         "A public transport authority, a transport company and booking and dispatch "
         "software."),
    ),
    Solution(
        "09479000", "idea", "energie urbane-daten", "Energiewende, Digitaler Zwilling",
        "high", "50k_250k", "district", NO_CODE,
        ("regionaler-energiezwilling", "Regionaler Energiezwilling",
         "Ein Datenmodell der Region soll zeigen, wo Energie erzeugt und verbraucht wird und "
         "wo Speicher und Netze fehlen.",
         "Die Gemeinden planen Wind, Sonne und Wärme jeweils für sich; ein regionaler "
         "Überblick fehlt.",
         "Die Idee: Der Landkreis führt Daten von Netzbetreibern, Gemeinden und Unternehmen "
         "in einem gemeinsamen Modell zusammen.",
         "",
         "",
         "Datenvereinbarungen mit Netzbetreibern, Geodaten und ein regionales "
         "Energiemanagement."),
        ("regional-energy-twin", "Regional energy twin",
         "A data model of the region is to show where energy is generated and consumed, and "
         "where storage and grids are missing.",
         "The municipalities plan wind, solar and heat each on their own; a regional "
         "overview is missing.",
         "The idea: the district brings together data from grid operators, municipalities "
         "and businesses in one shared model.",
         "",
         "",
         "Data agreements with grid operators, geodata and regional energy management."),
    ),
    Solution(
        "09479000", "idea", "change-management verwaltung", "Interkommunal, Weiterbildung",
        "low", "under_10k", "district", NO_CODE,
        ("change-labor-rathaeuser", "Change-Labor für Rathäuser",
         "Ein gemeinsames Lernformat, in dem Beschäftigte kleiner Rathäuser digitale "
         "Arbeitsweisen erproben.",
         "Kleine Gemeindeverwaltungen haben keine eigene Organisationsentwicklung; jede "
         "kämpft allein mit denselben Fragen.",
         "Die Idee: Der Landkreis organisiert ein wiederkehrendes Labor, in dem Teams aus "
         "mehreren Rathäusern an echten Vorhaben arbeiten.",
         "",
         "Die Gemeinden wünschen sich kurze Formate nah am Arbeitsplatz.",
         "Ein Landkreis oder Verbund als Organisator und Zeitbudgets der teilnehmenden "
         "Verwaltungen."),
        ("change-lab-town-halls", "Change lab for town halls",
         "A shared learning format in which staff of small town halls try out digital ways "
         "of working.",
         "Small municipal administrations have no organisational development of their own; "
         "each struggles alone with the same questions.",
         "The idea: the district organises a recurring lab in which teams from several town "
         "halls work on real projects.",
         "",
         "The municipalities want short formats close to the workplace.",
         "A district or association as organiser and time budgets of the participating "
         "administrations."),
    ),
]

PUBLISHERS = {
    "bbsr": "Bundesinstitut für Bau-, Stadt- und Raumforschung (BBSR)",
    "kts": "Koordinierungs- und Transferstelle Modellprojekte Smart Cities (KTS)",
}


class Publication(NamedTuple):
    kind: str
    year: int
    publisher: str  # a key of PUBLISHERS
    language: str  # of the document
    topics: str  # topic slugs, space-separated
    tags: str  # comma-separated
    de: tuple[str, str, str]  # slug, title, summary
    en: tuple[str, str, str]


PUBLICATIONS = [
    Publication(
        "handout", 2022, "bbsr", "de", "change-management verwaltung beteiligung",
        "Strategie, Kommunen, Einstieg",
        ("die-digitale-stadt-gestalten",
         "Die digitale Stadt gestalten – Eine Handreichung für Kommunen",
         "Die Handreichung zeigt, wie Kommunen die Digitalisierung als Werkzeug der "
         "Stadtentwicklung nutzen: von der Bestandsaufnahme über Strategie und Beteiligung "
         "bis zu Organisation und Finanzierung."),
        ("shaping-the-digital-city",
         "Shaping the digital city: a handout for local authorities",
         "The handout shows how municipalities can use digitalisation as a tool of urban "
         "development: from taking stock to strategy and participation, organisation and "
         "funding."),
    ),
    Publication(
        "guideline", 2023, "kts", "de", "urbane-daten verwaltung",
        "Datenplattform, Open Data, Daten-Governance",
        ("leitfaden-urbane-datenplattformen",
         "Urbane Datenplattformen – Leitfaden für Aufbau und Betrieb",
         "Der Leitfaden beschreibt Schritt für Schritt, wie Kommunen eine urbane "
         "Datenplattform planen, ausschreiben, betreiben und mit Daten-Governance absichern."),
        ("guideline-urban-data-platforms",
         "Urban data platforms: a guideline for setting them up and running them",
         "The guideline describes step by step how municipalities plan, procure and run an "
         "urban data platform and secure it with data governance."),
    ),
    Publication(
        "study", 2024, "bbsr", "de", "verwaltung urbane-daten change-management",
        "Open Source, Beschaffung, Nachnutzung",
        ("open-source-kommunale-praxis", "Open Source in der kommunalen Praxis",
         "Die Studie untersucht, wie Kommunen Open-Source-Software beschaffen, gemeinsam "
         "weiterentwickeln und betreiben, und was der Nachnutzung im Weg steht."),
        ("open-source-municipal-practice", "Open source in municipal practice",
         "The study examines how municipalities procure, jointly develop and run open-source "
         "software, and what stands in the way of reuse."),
    ),
    Publication(
        "report", 2025, "kts", "de", "change-management beteiligung",
        "Transfer, Nachnutzung, Erfahrungen",
        ("transfer-gelingt", "Transfer gelingt – Wie Kommunen Lösungen anderer übernehmen",
         "Der Bericht wertet Übernahmen von Lösungen aus den Modellprojekten aus und zeigt, "
         "welche Voraussetzungen, Kosten und Partnerschaften den Transfer erleichtern."),
        ("making-transfer-work",
         "Making transfer work: how municipalities adopt each other's solutions",
         "The report analyses adoptions of solutions from the model projects and shows which "
         "prerequisites, costs and partnerships make transfer easier."),
    ),
    Publication(
        "toolkit", 2021, "kts", "de", "beteiligung",
        "Bürgerbeteiligung, Methoden, Online-Dialog",
        ("werkzeugkasten-digitale-beteiligung", "Werkzeugkasten digitale Beteiligung",
         "Methodenkarten, Checklisten und Vorlagen für Online-Dialoge, hybride Workshops und "
         "Beteiligung mit Karten – erprobt in den Modellprojekten."),
        ("digital-participation-toolkit", "Digital participation toolkit",
         "Method cards, checklists and templates for online dialogues, hybrid workshops and "
         "map-based participation – tested in the model projects."),
    ),
    Publication(
        "guideline", 2020, "bbsr", "de", "change-management verwaltung",
        "Strategie, Kleinstadt, Ländlicher Raum",
        ("smart-city-strategie-kleine-kommunen",
         "Eine Smart-City-Strategie entwickeln – Leitfaden für kleine Kommunen",
         "Der Leitfaden hilft Kleinstädten und Landgemeinden, mit begrenzten Mitteln eine "
         "eigene Smart-City-Strategie zu erarbeiten und Prioritäten zu setzen."),
        ("smart-city-strategy-small-municipalities",
         "Developing a smart city strategy: a guideline for small municipalities",
         "The guideline helps small towns and rural municipalities draw up their own smart "
         "city strategy with limited means and set priorities."),
    ),
    Publication(
        "study", 2023, "bbsr", "en", "urbane-daten mobilitaet energie",
        "Europa, Vergleich, Internationale Erfahrungen",
        ("smart-cities-in-europa", "Smart Cities in Europa – Erkenntnisse für deutsche Kommunen",
         "Die englischsprachige Studie vergleicht Smart-City-Ansätze europäischer Städte und "
         "leitet Empfehlungen für deutsche Kommunen ab."),
        ("smart-cities-in-europe", "Smart cities in Europe: lessons for German municipalities",
         "The study compares the smart city approaches of European cities and derives "
         "recommendations for German municipalities."),
    ),
    Publication(
        "report", 2024, "bbsr", "de", "klimaanpassung urbane-daten gesundheit",
        "Klimaanpassung, Hitze, Starkregen",
        ("datenbasierte-klimaanpassung", "Datenbasierte Klimaanpassung in Kommunen",
         "Der Bericht stellt Beispiele vor, wie Kommunen Sensorik und offene Daten nutzen, um "
         "sich auf Hitze, Starkregen und Trockenheit vorzubereiten."),
        ("data-driven-climate-adaptation", "Data-driven climate adaptation in municipalities",
         "The report presents examples of how municipalities use sensors and open data to "
         "prepare for heat, heavy rain and drought."),
    ),
]

# Who took over which solution: German solution slug, adopting municipality's AGS,
# status, since (ISO date or ""), local adaptations.
ADOPTIONS = [
    ("lorawan-sensornetz", "09674147", "in_operation", "2022-05-01",
     "Gateways auf Rathaus und Feuerwehrhaus; Start mit Pegelsensoren."),
    ("lorawan-sensornetz", "16052000", "in_operation", "2023-03-15", ""),
    ("lorawan-sensornetz", "09461000", "in_progress", "2024-02-01",
     "Betrieb gemeinsam mit den Stadtwerken."),
    ("lorawan-sensornetz", "05762000", "planned", "2026-01-15", ""),
    ("maengelmelder", "05122000", "in_operation", "2021-09-01", ""),
    ("maengelmelder", "05958004", "in_operation", "2022-04-01",
     "Eigene Kategorien für Grünflächen und Spielplätze."),
    ("maengelmelder", "16052000", "in_progress", "2024-06-01", ""),
    ("maengelmelder", "01059083", "dropped", "2023-02-01",
     "Zu wenige Meldungen für ein eigenes System; Meldungen laufen jetzt über das Amt."),
    ("digitale-mitfahrbank", "05762000", "in_operation", "2022-08-01", ""),
    ("digitale-mitfahrbank", "09479000", "in_operation", "2023-05-01",
     "Bänke in fünf Gemeinden, Anmeldung auch per Telefon."),
    ("digitale-mitfahrbank", "09674147", "planned", "2026-03-01", ""),
    ("urbane-datenplattform", "14713000", "in_operation", "2022-10-01", ""),
    ("urbane-datenplattform", "01002000", "in_progress", "2023-09-01",
     "Nur die Sensorik-Bausteine, angebunden an die eigene Geodateninfrastruktur."),
    ("urbane-datenplattform", "16053000", "in_operation", "2023-01-15", ""),
    ("urbane-datenplattform", "03103000", "dropped", "2022-06-01",
     "Entscheidung für eine eigene Lösung des Dienstleisters."),
    ("digitale-beteiligungsplattform", "14713000", "in_operation", "2021-11-01", ""),
    ("digitale-beteiligungsplattform", "08421000", "in_operation", "2022-03-01", ""),
    ("digitale-beteiligungsplattform", "09461000", "in_operation", "2022-09-01",
     "Eigenes Design und ein Modul für die Altstadtplanung."),
    ("digitale-beteiligungsplattform", "05958004", "in_progress", "2024-04-01", ""),
    ("digitale-beteiligungsplattform", "16052000", "planned", "2026-02-01", ""),
    ("energiemonitoring-gebaeude", "05958004", "in_operation", "2023-06-01", ""),
    ("energiemonitoring-gebaeude", "09674147", "in_progress", "2024-09-01",
     "Start mit Schulen und dem Hallenbad."),
    ("energiemonitoring-gebaeude", "09479000", "planned", "", ""),
    ("offenes-datenportal", "16052000", "in_progress", "2024-10-01", ""),
    ("leerstandsmelder-innenstadt", "09674147", "in_progress", "2024-05-01", ""),
    ("leerstandsmelder-innenstadt", "14713000", "planned", "2026-04-01", ""),
    ("smart-city-team-verwaltung", "05762000", "in_progress", "2024-01-15",
     "Team im Kreis mit Vertretungen der kreisangehörigen Städte."),
    ("mobilitaetsstationen", "16053000", "planned", "2026-06-01", ""),
    ("parkraumsensorik", "08421000", "dropped", "2023-07-01",
     "Vorrang für Parkhausdaten; Bodensensoren zu wartungsaufwendig."),
    ("digitaler-zwilling-verkehr", "14713000", "planned", "2026-05-01", ""),
]
