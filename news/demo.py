"""Demo content of the news plugin (``manage.py load_demo news``): the news index in
German and English, two news articles and a press release with its PDF (one per
language, made with repository.pdf_writer) and the office's lead as press contact.
What exists already is left alone."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page

from community.demo import publish_page, translate_page
from home.illustrations import demo_image, draw_cover, scene_alt, seed_of
from home.models import ContactPerson
from news.models import NewsArticlePage, NewsIndexPage, NewsKind
from repository.models import SolutionPage, Topic
from repository.pdf_writer import TextPage, write_pdf

Log = Callable[[str], None]
HOME_SLUG = "smart-cities"
CONTENT = Path(__file__).with_name("demo_content.yaml")
PUBLISHER = {"de": "Koordinierungs- und Transferstelle Modellprojekte Smart Cities",
             "en": "Coordination and Transfer Office Model Projects Smart Cities"}
PRESS_RELEASE = {"de": "Pressemitteilung", "en": "Press release"}


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.filter(language_code="en").first()
    home = Page.objects.filter(depth=2, slug=HOME_SLUG, locale=german).first()
    if home is None or english is None:
        log("no German demo home page: news demo skipped")
        return
    data = yaml.safe_load(CONTENT.read_text(encoding="utf-8"))
    index = _child(home, NewsIndexPage, log, show_in_menus=True, **data["index"]["de"])
    if translate_page(index, english, **data["index"]["en"]):
        log(f"translated “{index.title}” (en)")
    topics = {topic.slug: topic for topic in Topic.objects.filter(locale=german)}
    for article in data["articles"]:
        _article(index, article, topics, english, log)


def _article(index: NewsIndexPage, spec: dict[str, Any], topics: dict[str, Topic],
             english: Locale, log: Log) -> None:
    chosen = [topics[slug] for slug in spec["topics"].split() if slug in topics]
    colour = chosen[0].colour if chosen and chosen[0].colour else "#2044aa"
    subject = None
    if chosen:
        translated = chosen[0].get_translation_or_none(english)
        subject = (chosen[0].name, translated.name if translated else chosen[0].name)
    alt = scene_alt(spec["motif"], subject)
    de, en = spec["de"], spec["en"]
    fields: dict[str, Any] = {
        "kind": spec["kind"], "title": de["title"], "summary": de["summary"],
        "date": timezone.localdate() - datetime.timedelta(days=spec["days_ago"]),
        "body": _body(de["body"]), "related_pages": _related(chosen),
        "image": demo_image(de["title"], spec["motif"], colour), "image_alt": alt["de"],
    }
    contacts = list(ContactPerson.objects.filter(locale=index.locale, email=spec["contact"])
                    ) if spec.get("contact") else []
    if spec["kind"] == NewsKind.PRESS_RELEASE:
        fields["document"] = _press_release_pdf(spec, "de", spec["motif"], colour)
    page = _child(index, NewsArticlePage, log, slug=spec["slug"],
                  m2m={"topics": chosen, "contacts": contacts}, tags=spec["tags"], **fields)
    translation = {"slug": en["slug"], "title": en["title"], "summary": en["summary"],
                   "body": _body(en["body"]), "image_alt": alt["en"]}
    if spec["kind"] == NewsKind.PRESS_RELEASE:
        translation["document"] = _press_release_pdf(spec, "en", spec["motif"], colour)
    if translate_page(page, english, **translation):
        log(f"translated “{page.title}” (en)")


def _body(text: str) -> str:
    return json.dumps([{"type": "paragraph", "value": f"<p>{text}</p>"}])


def _related(topics: list[Topic]) -> str:
    """The first demo solution of the article's topic, when the repository has one."""
    solution = (SolutionPage.objects.live().filter(topics__in=topics, locale=topics[0].locale)
                .order_by("path").first()) if topics else None
    return json.dumps([{"type": "page", "value": solution.pk}] if solution else [])


def _press_release_pdf(spec: dict[str, Any], language: str, motif: str, colour: str) -> Any:
    """The press release as a PDF in the language given, stored once (by title)."""
    model = get_document_model()
    text = spec[language]
    existing = model.objects.filter(title=text["title"]).first()
    if existing is not None:
        return existing
    cover = draw_cover(text["title"], PRESS_RELEASE[language], PUBLISHER[language], motif,
                       colour, seed_of(text["title"]))
    pdf = write_pdf(cover, [TextPage(text["title"], [text["summary"], text["body"]])],
                    title=text["title"], author=PUBLISHER[language], language=language)
    document = model(title=text["title"])
    document.file.save(f"{text.get('slug', spec['slug'])}.pdf", ContentFile(pdf), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def _child(parent: Page, model: type[Page], log: Log, *, slug: str,
           m2m: dict[str, list] | None = None, tags: str = "", **fields: Any) -> Any:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(locale_id=parent.locale_id, slug=slug, **fields)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    if tags:
        page.tags.set(tags.split(", "))
    page = parent.add_child(instance=page)
    publish_page(page)
    log(f"created page “{page.title}”")
    return model.objects.get(pk=page.pk)
