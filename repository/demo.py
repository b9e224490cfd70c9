"""Demo content of the knowledge repository, in German and English: the fields of action,
twelve model projects, thirty solutions, eight publications and a reuse ledger, with
what the projects confirmed and what municipalities reported (``demo_freshness``), and
questions to the implementers with a FAQ entry (``demo_questions``).

The content is data (``demo_content.yaml`` beside this module); this module loads it.
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
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from wagtail.models import Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

import community.demo
from community.models import Municipality
from home.illustrations import demo_image, scene_alt
from repository import demo_documents, demo_freshness, demo_questions, working_results
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
from repository.reporting import demo as reporting_demo

Log = Callable[[str], None]

HOME_SLUG = "smart-cities"
CONTENT_FILE = Path(__file__).with_name("demo_content.yaml")
# The index pages' types, as the content file names them.
INDEX_MODELS: dict[str, type[Page]] = {model.__name__: model for model in (
    ModelProjectIndexPage, SolutionIndexPage, PublicationIndexPage)}


@functools.cache
def content() -> dict[str, Any]:
    """The demo content as the data file holds it."""
    return yaml.safe_load(CONTENT_FILE.read_text(encoding="utf-8"))


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.get(language_code="en")
    data = content()
    topics = _topics(data["topics"], german, english, log)
    _Pictures.motifs = {topic["slug"]: topic for topic in data["topics"]}
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
        indexes = _index_pages(pages, home_de, data["indexes"])
        solutions = {}
        if "projects" in indexes:
            projects = _model_projects(pages, indexes["projects"], topics, data)
            solutions = _solutions(pages, projects, topics, data)
        if "publications" in indexes:
            _publications(pages, indexes["publications"], topics, data)
    pages.update_reference_index()
    _adoptions(solutions, data["adoptions"], log)
    reporting_demo.load_demo_content(log)
    reporting_demo.load_team_members(data["expert_teams"], log)
    demo_freshness.load_freshness(solutions, data["freshness"], log)
    demo_freshness.load_self_reports(solutions, data["self_reported_adoptions"], log)
    working_results.draft_missing_publications(log)
    demo_questions.load_questions(solutions, data["questions"], log)


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


def _index_pages(pages: _Pages, home: Page, wanted: dict[str, Any]) -> dict[str, Page]:
    """The German index pages, in the main menu, by key; an address that another kind
    of page holds already is left to it, and that section of the demo skipped."""
    indexes = {}
    for key, index in wanted.items():
        model, de, en = INDEX_MODELS[index["model"]], index["de"], index["en"]
        taken = home.get_children().filter(slug=de["slug"]).not_exact_type(model).first()
        if taken is not None:
            pages.log(f"“{taken.title}” holds the address /{de['slug']}/: demo {key} skipped")
            continue
        indexes[key] = pages.child(home, model, de, show_in_menus=True)
        pages.translation(indexes[key], en)
    return indexes


def _model_projects(pages: _Pages, index: Page, topics: dict[str, Topic],
                    data: dict[str, Any]) -> dict[str, tuple[Page, Page]]:
    """German and English model project pages, by their municipality's AGS."""
    municipalities = {m.ags: m for m in Municipality.objects.filter(
        ags__in=[project["ags"] for project in data["projects"]])}
    projects = {}
    for project in data["projects"]:
        start, end = data["funding_periods"][project["phase"]]
        municipality = municipalities[project["ags"]]
        fields = {
            "municipality": municipality, "funding_phase": project["phase"],
            "funding_start": start, "funding_end": end, "status": project["status"],
            "website": municipality.website,
            "topics": _chosen(topics, project["topics"]), "tags": project["tags"],
        }
        picture = _Pictures.scene(project["de"]["title"], project["topics"])
        project_de = pages.child(index, ModelProjectPage,
                                 {**fields, **_project_text(project["de"]), **picture["de"]})
        project_en = pages.translation(project_de,
                                       {**_project_text(project["en"]), **picture["en"]})
        projects[project["ags"]] = (project_de, project_en)
    return projects


def _solutions(pages: _Pages, projects: dict[str, tuple[Page, Page]],
               topics: dict[str, Topic], data: dict[str, Any]) -> dict[str, Page]:
    """The solutions, children of their model projects; the German ones by slug."""
    solutions = {}
    for solution in data["solutions"]:
        project_de, project_en = projects[solution["ags"]]
        code = solution.get("code", {})
        operator = data["operators"][solution["operator"]]
        fields = {
            "model_project": project_de, "maturity": solution["maturity"],
            "effort": solution["effort"], "cost_range": solution["cost"],
            "repository_url": code.get("repository", ""), "licence": code.get("licence", ""),
            "topics": _chosen(topics, solution["topics"]), "tags": solution["tags"],
        }
        picture = _Pictures.scene(solution["de"]["title"], solution["topics"])
        solution_de = pages.child(
            project_de, SolutionPage,
            {**fields, **_solution_text(solution["de"], operator["de"]), **picture["de"]},
        )
        # The English solution belongs to the English project, so that each language's
        # project page lists the solutions in its own language.
        pages.translation(solution_de, {
            "model_project": project_en, **_solution_text(solution["en"], operator["en"]),
            **picture["en"],
        })
        solutions[solution["de"]["slug"]] = solution_de
    return solutions


def _publications(pages: _Pages, index: Page, topics: dict[str, Topic],
                  data: dict[str, Any]) -> None:
    for publication in data["publications"]:
        fields = {
            "kind": publication["kind"], "year": publication["year"],
            "publisher": data["publishers"][publication["publisher"]],
            "document_language": publication["language"],
            "topics": _chosen(topics, publication["topics"]), "tags": publication["tags"],
        }
        # The page renders its cover from the PDF's first page when it is saved.
        document = demo_documents.publication_document(publication, fields["publisher"],
                                                       _Pictures.topic(publication["topics"]))
        publication_de = pages.child(index, PublicationPage,
                                     {**fields, **publication["de"], "document": document})
        pages.translation(publication_de, {
            **publication["en"],
            "image_alt": f"Cover of “{demo_documents.document_title(publication)}”"})


class _Pictures:
    """Each page's illustration (home.illustrations), drawn for its first topic, with
    alternative text in both languages."""

    motifs: dict[str, dict[str, Any]] = {}

    @classmethod
    def topic(cls, slugs: str) -> dict[str, Any]:
        first = slugs.split()[0] if slugs.split() else ""
        return cls.motifs.get(first, {"motif": "data", "colour": "#2044aa",
                                      "de": {"name": "Smart City"}, "en": {"name": "Smart city"}})

    @classmethod
    def scene(cls, title: str, slugs: str) -> dict[str, dict[str, Any]]:
        topic = cls.topic(slugs)
        image = demo_image(title, topic["motif"], topic["colour"])
        alt = scene_alt(topic["motif"], (topic["de"]["name"], topic["en"]["name"]))
        return {"de": {"image": image, "image_alt": alt["de"]}, "en": {"image_alt": alt["en"]}}


def _topics(wanted: list[dict[str, Any]], german: Locale, english: Locale,
            log: Log) -> dict[str, Topic]:
    """The fields of action in both languages, by slug (the German ones)."""
    found = {topic.slug: topic for topic in Topic.objects.filter(locale=german)}
    for position, wanted_topic in enumerate(wanted):
        slug, de, en = wanted_topic["slug"], wanted_topic["de"], wanted_topic["en"]
        topic = found.get(slug)
        if topic is None:
            topic = found[slug] = Topic.objects.create(
                locale=german, slug=slug, name=de["name"], description=de["description"],
                colour=wanted_topic["colour"], sort_order=position,
            )
            log(f"created topic {de['name']}")
        if topic.get_translation_or_none(english) is None:
            translation = topic.copy_for_translation(english)
            translation.name, translation.description = en["name"], en["description"]
            translation.save()
    return found


def _chosen(topics: dict[str, Topic], slugs: str) -> list[Topic]:
    return [topics[slug] for slug in slugs.split() if slug in topics]


def _adoptions(solutions: dict[str, Page], adoptions: list[dict[str, str]], log: Log) -> None:
    """The reuse ledger, recorded against the German solutions."""
    municipalities = {m.ags: m for m in Municipality.objects.filter(
        ags__in={adoption["ags"] for adoption in adoptions})}
    recorded = set(Adoption.objects.filter(
        solution__translation_key__in=[page.translation_key for page in solutions.values()],
    ).values_list("solution__translation_key", "municipality__ags"))
    for wanted in adoptions:
        slug, ags, since = wanted["solution"], wanted["ags"], wanted["since"]
        solution = solutions.get(slug)
        if solution is None or (solution.translation_key, ags) in recorded:
            continue
        adoption = Adoption(
            solution=solution, municipality=municipalities[ags], status=wanted["status"],
            adopted_on=datetime.date.fromisoformat(since) if since else None,
            local_adaptations=wanted["adaptations"],
            contact_email=wanted.get("contact", ""),
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


def _project_text(text: dict[str, str]) -> dict[str, Any]:
    body = text["body"]
    return {"slug": text["slug"], "title": text["title"], "summary": text["summary"],
            "body": json.dumps([{"type": "text", "value": _p(body)}] if body else [])}


def _solution_text(text: dict[str, str], operator_model: str) -> dict[str, Any]:
    return {
        "slug": text["slug"], "title": text["title"], "summary": text["summary"],
        "problem": _p(text["problem"]), "approach": _p(text["approach"]),
        "results": _p(text["results"]), "lessons_learned": _p(text["lessons"]),
        "prerequisites": _p(text["prerequisites"]), "operator_model": operator_model,
    }
