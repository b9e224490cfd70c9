"""Demo content of the Smart City Akademie (``manage.py load_demo academy``): the course
listing and the "Smart City Manager" course in German and English, its five modules'
sessions as series in the event calendar, with learning material, a learner who has
completed it (and holds the certificate) and one part-way through. What exists already
is left alone."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from academy.certificates import ISSUER
from academy.models import AcademyIndexPage, CourseModulePage, CoursePage
from academy.progress import issue_if_complete
from community.demo import publish_page, translate_page
from events.models import (
    EventFormat,
    EventIndexPage,
    EventMode,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from home.illustrations import demo_image, scene_alt
from repository.pdf_writer import TextPage, write_pdf

Log = Callable[[str], None]
HOME_SLUG = "smart-cities"
CONTENT = Path(__file__).with_name("demo_content.yaml")
SESSION_HOURS = 4


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.filter(language_code="en").first()
    home = Page.objects.filter(depth=2, slug=HOME_SLUG, locale=german).first()
    calendar = EventIndexPage.objects.filter(locale=german).first()
    if home is None or english is None or calendar is None:
        log("no German demo home page or event calendar: Akademie demo skipped")
        return
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    index = _child(home, AcademyIndexPage, log, show_in_menus=True, **data["index"]["de"])
    if translate_page(index, english, **data["index"]["en"]):
        log(f"translated “{index.title}” (en)")
    course_de, course_en = data["course"]["de"], data["course"]["en"]
    course = _child(index, CoursePage, log, **{**course_de, "description": _p(
        course_de["description"])})
    if translate_page(course, english, **{**course_en, "description": _p(
            course_en["description"])}):
        log(f"translated “{course.title}” (en)")
    sessions: list[EventPage] = []
    previous = None
    for spec in data["modules"]:
        series = _series(calendar, spec, english, log)
        sessions += list(series.sessions())
        module = _child(course, CourseModulePage, log, slug=spec["slug"], title=spec["de"][0],
                        summary=spec["de"][1], hours=2 * SESSION_HOURS, series=series,
                        prerequisite_module=previous, material=_material(spec, "de"))
        if translate_page(module, english, slug=spec["slug_en"], title=spec["en"][0],
                          summary=spec["en"][1], material=_material(spec, "en")):
            log(f"translated “{module.title}” (en)")
        previous = module
    for learner in data["learners"]:
        _learner(learner, sessions, course, log)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _at(days: int, hour: int) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def _series(calendar: EventIndexPage, spec: dict[str, Any], english: Locale,
            log: Log) -> EventSeriesPage:
    slug = f"akademie-{spec['slug']}"
    title_de, title_en = (f"Akademie: {spec['de'][0]}", f"Academy: {spec['en'][0]}")
    # A picture like every other demo event's (the site shows one on each event page).
    alt = scene_alt("people")
    picture = {"image": demo_image(title_de, "people", "#2044aa"), "image_alt": alt["de"]}
    series = _child(calendar, EventSeriesPage, log, slug=slug, title=title_de, **picture,
                    format=EventFormat.OTHER, summary=spec["de"][1],
                    target_group="Teilnehmende des Kurses Smart City Manager")
    translate_page(series, english, slug=f"academy-{spec['slug_en']}", title=title_en,
                   image_alt=alt["en"],
                   summary=spec["en"][1], target_group="Learners of the Smart City Manager course")
    for number in (1, 2):
        start = _at(spec["days"] + 7 * (number - 1), 9)
        session = _child(series, EventPage, log, slug=f"sitzung-{number}",
                         title=f"{spec['de'][0]}: Sitzung {number}", format=EventFormat.OTHER,
                         **picture,
                         summary=f"Sitzung {number} von 2: {spec['de'][1]}", start=start,
                         end=start + timedelta(hours=SESSION_HOURS), mode=EventMode.VIRTUAL,
                         capacity=30, joining_link="https://konferenz.demo.example/akademie")
        translate_page(session, english, slug=f"session-{number}",
                       title=f"{spec['en'][0]}: session {number}", image_alt=alt["en"],
                       summary=f"Session {number} of 2: {spec['en'][1]}")
    return EventSeriesPage.objects.get(pk=series.pk)


def _material(spec: dict[str, Any], language: str) -> str:
    title = spec[language][0]
    handout = {"de": "Handreichung", "en": "Handout"}[language]
    video = {"de": "Aufzeichnung der Einführung", "en": "Recording of the introduction"}
    links = {"de": "Leitfaden der Modellprojekte", "en": "Guide of the model projects"}
    return json.dumps([
        {"type": "document", "value": {"document": _handout(title, handout, language).pk,
                                       "label": f"{handout}: {title}"}},
        {"type": "video", "value": {"url": f"https://video.demo.example/akademie/{spec['slug']}",
                                    "label": video[language], "duration": "25 Min."}},
        {"type": "link", "value": {"url": f"https://leitfaden.demo.example/{spec['slug']}",
                                   "label": links[language]}},
    ])


def _handout(title: str, kind: str, language: str) -> Any:
    """A short PDF per module and language, stored once (by title)."""
    model = get_document_model()
    name = f"{kind}: {title}"
    existing = model.objects.filter(title=name).first()
    if existing is not None:
        return existing
    pdf = write_pdf(None, [TextPage(name, [title, ISSUER])], title=name, author=ISSUER,
                    language=language)
    document = model(title=name)
    document.file.save(f"{slugify(name)}.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _learner(spec: dict[str, Any], sessions: list[EventPage], course: CoursePage,
             log: Log) -> None:
    """Registered for every session, present (as the office recorded) at the first
    ``attends`` of them; the certificate follows when that completes the course."""
    user = get_user_model().objects.filter(email=spec["email"]).first()
    if user is None:
        log(f"no demo member {spec['email']}: Akademie learner skipped")
        return
    attends = len(sessions) if spec["attends"] == "all" else spec["attends"]
    name = getattr(getattr(user, "member_profile", None), "display_name", "") or user.email
    for number, session in enumerate(sessions):
        Registration.objects.get_or_create(
            event=session, email=user.email.lower(),
            defaults={"user": user, "name": name, "status": RegistrationStatus.CONFIRMED,
                      "confirmed_at": session.start - timedelta(days=14),
                      "attended": number < attends})
    if issue_if_complete(user, course) is not None:
        log(f"certificate for {name}")


def _child(parent: Page, model: type[Page], log: Log, *, slug: str, **fields: Any) -> Any:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(locale_id=parent.locale_id, slug=slug, **fields))
    publish_page(page)
    log(f"created page “{page.title}”")
    return model.objects.get(pk=page.pk)
