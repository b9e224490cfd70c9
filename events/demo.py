"""Demo content of the Start Smart programme: the five formats with past and upcoming
dates, a full peer-learning series hosted by a model project, registrations with a
waiting list, a past regional conference whose outcomes link to a solution and a
publication, expressions of interest in several states, the FAQ page with the office's
contact block, and newsletter subscriptions; German and English.

Idempotent: pages are looked up by their address, registrations and requests by
e-mail address, and whatever exists is left alone. Dates are set relative to the day
of the first run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page

from community.demo import publish_page, translate_page
from community.models import FederalState, Municipality
from events.demo_outcomes import OUTCOMES_OF, load_outcomes
from events.models import (
    EventFormat,
    EventIndexPage,
    EventMode,
    EventPage,
    EventSeriesPage,
    ExpressionOfInterest,
    FAQPage,
    InterestKind,
    InterestNote,
    InterestStatus,
    NewsletterSubscription,
    PreferredFormat,
    Registration,
    RegistrationStatus,
    StartingSituation,
)
from home.demo import HOTLINE_HOURS, OFFICE_EMAIL_ADDRESS, OFFICE_HOTLINE
from home.illustrations import demo_image, scene_alt
from home.models import ContactPerson
from repository.models import ModelProjectPage, Topic

Log = Callable[[str], None]
HOME_SLUG = "smart-cities"
OFFICE_EMAIL = "katrin.vogel@kts.demo.example"
CONSENT = ("Ich bin einverstanden, dass die Koordinierungs- und Transferstelle die Angaben "
           "in diesem Formular speichert, um mein Anliegen zu beantworten.")


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=minute, second=0, microsecond=0)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


# (slug, format, days from today, start hour, hours, mode, place, capacity, host AGS,
#  topics, German title, English title, German summary, English summary)
EVENTS = [
    ("auftakt-dezember", EventFormat.KICKOFF, 12, 10, 1.5, EventMode.VIRTUAL, "", 40, None,
     "verwaltung", "Auftaktworkshop: Smart City verstehen",
     "Kick-off workshop: understanding the smart city",
     "Grundlagen eines Smart-City-Verständnisses, Digitalisierung und Stadtentwicklung und "
     "ein Überblick über die Angebote von Start Smart – für Kommunen am Anfang.",
     "Basics of a smart-city understanding, digitalisation and urban development, and an "
     "overview of what Start Smart offers – for municipalities at the beginning."),
    ("auftakt-september", EventFormat.KICKOFF, -60, 10, 1.5, EventMode.VIRTUAL, "", 40, None,
     "verwaltung", "Auftaktworkshop: erste Schritte", "Kick-off workshop: first steps",
     "Der Auftaktworkshop im Herbst: Grundlagen und Angebote.",
     "The autumn kick-off workshop: basics and offers."),
    ("themenworkshop-change", EventFormat.THEME_WORKSHOP, 20, 9, 3.5, EventMode.VIRTUAL, "",
     3, "09461000", "change-management", "Themenworkshop Change-Management",
     "Theme workshop: change management",
     "Wie Verwaltungen Veränderung gestalten: Erfahrungen aus Bamberg in einer "
     "dreieinhalbstündigen Sitzung.",
     "How administrations shape change: experience from Bamberg in one three-and-a-half-"
     "hour session."),
    ("regionalkonferenz-nord", EventFormat.REGIONAL_CONFERENCE, 45, 10, 6, EventMode.ON_SITE,
     "Rathaus Kiel, Fleethörn 9, 24103 Kiel", 80, "01002000", "mobilitaet energie",
     "Regionalkonferenz Nord in Kiel", "Northern regional conference in Kiel",
     "Die Modellprojekte im Norden zeigen vor Ort, was sie erreicht haben.",
     "The model projects in the north show on site what they have achieved."),
    ("regionalkonferenz-sued", EventFormat.REGIONAL_CONFERENCE, -30, 10, 6, EventMode.HYBRID,
     "Stadthaus Ulm, Münsterplatz 50, 89073 Ulm", 60, "08421000", "urbane-daten beteiligung",
     "Regionalkonferenz Süd in Ulm", "Southern regional conference in Ulm",
     "Ulm zeigt seine Datenplattform und die Beteiligung im Quartier.",
     "Ulm shows its data platform and participation in the neighbourhood."),
]

SERIES = ("peer-learning-mobilitaet", "peer-learning-mobility", "16053000", "mobilitaet",
          "Peer-Learning-Reihe Nachhaltige Mobilität", "Peer-learning series: sustainable mobility",
          "Sechs Sitzungen mit Jena: Wissen aus den Modellkommunen, Austausch und Vernetzung.",
          "Six sessions with Jena: knowledge from the model municipalities, exchange and "
          "networking.")
SESSIONS = [
    ("Bestandsaufnahme und Ziele", "Taking stock and setting goals"),
    ("Daten für die Verkehrsplanung", "Data for transport planning"),
    ("Sharing-Angebote im ländlichen Raum", "Sharing services in rural areas"),
    ("Parkraum digital steuern", "Managing parking digitally"),
    ("Beteiligung bei Mobilitätsprojekten", "Participation in mobility projects"),
    ("Verstetigung und Finanzierung", "Making it last, and paying for it"),
]

REQUESTS = [
    ("buergermeisteramt@lindau.demo.example", "Stefanie Maurer", "Lindau (Bodensee)",
     FederalState.BAYERN, InterestKind.CONSULTATION, StartingSituation.FIRST_STEPS,
     InterestStatus.NEW, "mobilitaet verwaltung"),
    ("digital@wittenberg.demo.example", "Paul Richter", "Lutherstadt Wittenberg",
     FederalState.SACHSEN_ANHALT, InterestKind.PEER_LEARNING,
     StartingSituation.STRATEGY_IN_PROGRESS, InterestStatus.CONTACTED, "mobilitaet"),
    ("smartcity@husum.demo.example", "Birte Hansen", "Husum", FederalState.SCHLESWIG_HOLSTEIN,
     InterestKind.CONSULTATION, StartingSituation.STRATEGY_ADOPTED, InterestStatus.SCHEDULED,
     "energie klimaanpassung"),
    ("info@beispielhausen.demo.example", "Jan Weber", "Beispielhausen", FederalState.HESSEN,
     InterestKind.KEEP_INFORMED, StartingSituation.FIRST_STEPS, InterestStatus.DECLINED, ""),
    # The demo member from a Kleinstadt (community's demo), signed in when she asked: her
    # account page shows the request waiting, and the office's matchmaking pairs it.
    ("sabine.hofmann@hassfurt.demo.example", "Sabine Hofmann", "Haßfurt", FederalState.BAYERN,
     InterestKind.CONSULTATION, StartingSituation.FIRST_STEPS, InterestStatus.NEW,
     "mobilitaet verwaltung"),
]


def load_demo_content(log: Log = print) -> None:
    german = Locale.objects.get(language_code="de")
    english = Locale.objects.filter(language_code="en").first()
    home = Page.objects.filter(depth=2, slug=HOME_SLUG, locale=german).first()
    if home is None or english is None:
        log("no German demo home page: Start Smart demo skipped")
        return
    topics = {topic.slug: topic for topic in Topic.objects.filter(locale=german)}
    hosts = {page.municipality.ags: page for page in ModelProjectPage.objects.filter(
        locale=german).select_related("municipality")}
    office = ContactPerson.objects.filter(locale=german).first()

    index = _child(home, EventIndexPage, log, slug="veranstaltungen", title="Veranstaltungen",
                   show_in_menus=True,
                   intro="Start Smart: Workshops, Beratungen, Peer-Learning und "
                         "Regionalkonferenzen für Kommunen auf dem Weg zur Smart City.")
    _translation(index, english, log, slug="events", title="Events",
                 intro="Start Smart: workshops, consultations, peer learning and regional "
                       "conferences for municipalities on their way to becoming smart cities.")
    events: dict[str, EventPage] = {}
    for (slug, kind, days, hour, hours, mode, place, capacity, host, topic_slugs, title_de,
         title_en, summary_de, summary_en) in EVENTS:
        start = _at(days, hour)
        picture = _picture(title_de, "calendar", _chosen(topics, topic_slugs), english)
        event = _child(index, EventPage, log, slug=slug, title=title_de, format=kind,
                       **picture["de"],
                       summary=summary_de, start=start,
                       end=start + timedelta(hours=hours), mode=mode, place=place,
                       capacity=capacity, host=hosts.get(host) if host else None,
                       joining_link="" if mode == EventMode.ON_SITE
                       else f"https://konferenz.demo.example/{slug}",
                       target_group="Kommunen, die am Anfang stehen"
                       if kind == EventFormat.KICKOFF else "Alle Kommunen",
                       m2m={"topics": _chosen(topics, topic_slugs),
                            "speakers": [office] if office else []})
        _translation(event, english, log, slug=slug, title=title_en, summary=summary_en,
                     **picture["en"],
                     target_group="Municipalities at the beginning"
                     if kind == EventFormat.KICKOFF else "All municipalities")
        events[slug] = event

    series_slug, series_en, host, topic_slugs, title_de, title_en, text_de, text_en = SERIES
    picture = _picture(title_de, "people", _chosen(topics, topic_slugs), english)
    series = _child(index, EventSeriesPage, log, slug=series_slug, title=title_de,
                    **picture["de"],
                    format=EventFormat.PEER_LEARNING, summary=text_de,
                    host=hosts.get(host), target_group="Kommunen mit ersten Mobilitätsprojekten",
                    m2m={"topics": _chosen(topics, topic_slugs)})
    _translation(series, english, log, slug=series_en, title=title_en, summary=text_en,
                 **picture["en"],
                 target_group="Municipalities with first mobility projects")
    sessions = []
    for number, (title_de, title_en) in enumerate(SESSIONS, start=1):
        start = _at(-28 + 14 * number, 14)
        # Each session shows the series' picture, so the calendar reads as one series.
        session = _child(series, EventPage, log, slug=f"sitzung-{number}", **picture["de"],
                         title=f"{number}. {title_de}", format=EventFormat.PEER_LEARNING,
                         summary=f"Sitzung {number} von 6: {title_de}.", start=start,
                         end=start + timedelta(hours=2), mode=EventMode.VIRTUAL, capacity=25,
                         joining_link="https://konferenz.demo.example/peer-learning-mobilitaet",
                         host=hosts.get(host), m2m={"topics": _chosen(topics, topic_slugs)})
        _translation(session, english, log, slug=f"session-{number}", **picture["en"],
                     title=f"{number}. {title_en}",
                     summary=f"Session {number} of 6: {title_en}.")
        sessions.append(session)

    load_outcomes(events[OUTCOMES_OF], english, log)
    consultation = _consultation(index, english, log)
    _registrations(events, sessions, log)
    _requests(consultation, topics, log)
    _faq(home, english, office, log)
    _newsletter(topics, log)


def _consultation(index: EventIndexPage, english: Locale, log: Log) -> EventPage:
    start = _at(26, 9)
    picture = _picture("Erstberatung: Husum", "administration", [], english)
    page = _child(index, EventPage, log, slug="erstberatung-husum", **picture["de"],
                  title="Erstberatung: Husum", format=EventFormat.CONSULTATION,
                  summary="Eine Erstberatung für Husum: Ziele, Mehrwert, Strategie und Projekte.",
                  start=start, end=start + timedelta(hours=4), mode=EventMode.ON_SITE,
                  place="Rathaus Husum, Zingel 10, 25813 Husum", registration_open=False,
                  target_group="Stadt Husum")
    _translation(page, english, log, slug="initial-consultation-husum", **picture["en"],
                 title="Initial consultation: Husum",
                 summary="An initial consultation for Husum: goals, added value, strategy "
                         "and projects.", target_group="Town of Husum")
    return page


def _registrations(events: dict[str, EventPage], sessions: list[EventPage], log: Log) -> None:
    """Demo members on the lists: the theme workshop is full, two people wait."""
    users = {user.email: user for user in get_user_model().objects.filter(
        email__endswith=".demo.example").select_related("member_profile")}
    now = timezone.now()

    def add(event: EventPage, email: str, name: str, status: str, minutes: int,
            series: EventSeriesPage | None = None) -> None:
        if Registration.objects.filter(event=event, email=email).exists():
            return
        user = users.get(email)
        profile = getattr(user, "member_profile", None)
        moment = now - timedelta(days=3, minutes=-minutes)
        Registration.objects.create(
            event=event, series=series, user=user, name=name, email=email,
            municipality=profile.municipality if profile else None,
            organisation="" if profile and profile.municipality else "Gemeinde Musterdorf",
            status=status, confirmed_at=moment,
            waitlisted_at=moment if status == RegistrationStatus.WAITLISTED else None,
            attended=True if event.end < now and status == RegistrationStatus.CONFIRMED
            else None)
        log(f"registered {email} for “{event.title}” ({status})")

    people = [("anna.berger@ulm.demo.example", "Anna Berger"),
              ("jonas.keller@bamberg.demo.example", "Jonas Keller"),
              ("maria.jensen@suederbrarup.demo.example", "Maria Jensen"),
              ("lea.schmidt@hoexter.demo.example", "Lea Schmidt"),
              ("tobias.wagner@jena.demo.example", "Tobias Wagner")]
    workshop = events["themenworkshop-change"]
    for minutes, (email, name) in enumerate(people):
        status = (RegistrationStatus.CONFIRMED if minutes < 3
                  else RegistrationStatus.WAITLISTED)
        add(workshop, email, name, status, minutes)
    for email, name in people[:3]:
        add(events["auftakt-dezember"], email, name, RegistrationStatus.CONFIRMED, 0)
        add(events["auftakt-september"], email, name, RegistrationStatus.CONFIRMED, 0)
    series = sessions[0].get_parent().specific
    for email, name in (people[2], people[3]):
        for session in sessions:
            add(session, email, name, RegistrationStatus.CONFIRMED, 0, series=series)
    add(events["regionalkonferenz-nord"], "gast@musterdorf.demo.example", "Gerd Gast",
        RegistrationStatus.PENDING, 0)


def _requests(consultation: EventPage, topics: dict[str, Topic], log: Log) -> None:
    office = get_user_model().objects.filter(email=OFFICE_EMAIL).first()
    for (email, name, town, state, kind, situation, status, topic_slugs) in REQUESTS:
        if ExpressionOfInterest.objects.filter(email=email).exists():
            continue
        municipality = Municipality.objects.filter(name=town).first()
        interest = ExpressionOfInterest.objects.create(
            kind=kind, municipality=municipality,
            new_municipality_name="" if municipality else town, federal_state=state,
            contact_name=name, email=email, starting_situation=situation,
            preferred_format=PreferredFormat.EITHER, consent_text=CONSENT,
            consented_at=timezone.now(), language="de", status=status,
            user=get_user_model().objects.filter(email=email).first(),
            assignee=office if status != InterestStatus.NEW else None,
            event=consultation if status == InterestStatus.SCHEDULED else None,
            status_changed_at=timezone.now() if status != InterestStatus.NEW else None,
            preferred_dates="vormittags, gern im Januar" if kind == InterestKind.CONSULTATION
            else "")
        interest.topics.set(_chosen(topics, topic_slugs))
        # A parental many-to-many field is written on save (modelcluster): without it the
        # requests had no topics, and the office's overview and matchmaking none to show.
        interest.save()
        if status != InterestStatus.NEW:
            InterestNote.objects.create(interest=interest, author=office,
                                        text="Telefonisch gesprochen; Unterlagen folgen.")
        log(f"created expression of interest from {town} ({status})")


def _faq(home: Page, english: Locale, office: ContactPerson | None, log: Log) -> None:
    contacts = [_item({"person": office.pk, "note": "Start Smart"})] if office else []

    def body(language: str) -> list[dict[str, Any]]:
        german = language == "de"
        return [
            {"type": "topic", "value": {
                "heading": "Anmeldung" if german else "Registration",
                "items": [
                    _item({
                        "question": "Was kostet die Teilnahme?" if german
                        else "What does taking part cost?",
                        "answer": _p("Nichts: Start Smart ist für Kommunen kostenfrei." if german
                                     else "Nothing: Start Smart is free for municipalities.")}),
                    _item({
                        "question": "Was passiert, wenn alle Plätze vergeben sind?" if german
                        else "What happens when every place is taken?",
                        "answer": _p("Sie kommen auf die Warteliste und rücken automatisch "
                                     "nach, sobald jemand absagt." if german else
                                     "You join the waiting list and move up automatically "
                                     "as soon as someone cancels.")}),
                ]}},
            {"type": "topic", "value": {
                "heading": "Beratung" if german else "Consultation",
                "items": [_item({
                    "question": "Wie bekomme ich eine Erstberatung?" if german
                    else "How do I get an initial consultation?",
                    "answer": _p("Senden Sie eine Interessenbekundung; die Geschäftsstelle "
                                 "meldet sich bei Ihnen." if german else
                                 "Send an expression of interest; the office gets in touch.")})],
            }},
            {"type": "contact", "value": {
                "heading": "Kontakt zur Geschäftsstelle" if german else "Contact the office",
                "hotline": OFFICE_HOTLINE, "hours": HOTLINE_HOURS["de" if german else "en"],
                "email": OFFICE_EMAIL_ADDRESS,
                "contacts": contacts}},
        ]

    picture = _picture("Häufige Fragen", "participation", [], english)
    faq = _child(home, FAQPage, log, slug="fragen", title="Häufige Fragen", **picture["de"],
                 intro="Antworten rund um Start Smart.", body=body("de"))
    _translation(faq, english, log, slug="questions", title="Frequently asked questions",
                 intro="Answers about Start Smart.", body=body("en"), **picture["en"])


def _newsletter(topics: dict[str, Topic], log: Log) -> None:
    for email, confirmed, formats, topic_slugs in (
            ("newsletter@ulm.demo.example", True, ["kickoff", "peer-learning"], "mobilitaet"),
            ("rathaus@musterdorf.demo.example", True, ["regional-conference"], ""),
            ("unbestaetigt@musterdorf.demo.example", False, [], "")):
        if NewsletterSubscription.objects.filter(email=email).exists():
            continue
        subscription = NewsletterSubscription.objects.create(
            email=email, formats=formats, language="de",
            confirmed_at=timezone.now() if confirmed else None)
        subscription.topics.set(_chosen(topics, topic_slugs))
        log(f"created newsletter subscription {email}")


# Building blocks ----------------------------------------------------------------------

def _picture(title: str, motif: str, topics: list[Topic],
             english: Locale) -> dict[str, dict[str, Any]]:
    """An illustration (home.illustrations) in the colour of the event's first topic,
    with alternative text naming the topic in both languages."""
    subject = None
    colour = "#2044aa"
    if topics:
        translated = topics[0].get_translation_or_none(english)
        subject = (topics[0].name, translated.name if translated else topics[0].name)
        colour = topics[0].colour or colour
    alt = scene_alt(motif, subject)
    return {"de": {"image": demo_image(title, motif, colour), "image_alt": alt["de"]},
            "en": {"image_alt": alt["en"]}}


def _item(value: dict[str, Any]) -> dict[str, Any]:
    """A ListBlock item in the stored form, which carries an id of its own."""
    return {"type": "item", "value": value, "id": str(uuid.uuid4())}


def _chosen(topics: dict[str, Topic], slugs: str) -> list[Topic]:
    return [topics[slug] for slug in slugs.split() if slug in topics]


def _child(parent: Page, model: type[Page], log: Log, *, slug: str,
           m2m: dict[str, list] | None = None, **fields: Any) -> Any:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = model(locale_id=parent.locale_id, slug=slug, **fields)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    page = parent.add_child(instance=page)
    publish_page(page)
    log(f"created page “{page.title}”")
    return model.objects.get(pk=page.pk)


def _translation(source: Page, english: Locale, log: Log, **fields: Any) -> None:
    if translate_page(source, english, **fields):
        log(f"translated “{source.title}” → “{fields['title']}” (en)")


