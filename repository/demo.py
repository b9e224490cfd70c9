"""Demo content of the knowledge repository: the fields of action, in German and English.

Idempotent: topics are found by slug and left as they are.
"""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models import Locale

from repository.models import Topic

Log = Callable[[str], None]

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
    for position, (slug, name_de, name_en, text_de, text_en, colour) in enumerate(TOPICS):
        topic = Topic.objects.filter(locale=german, slug=slug).first()
        if topic is None:
            topic = Topic.objects.create(
                locale=german, slug=slug, name=name_de, description=text_de, colour=colour,
                sort_order=position,
            )
            log(f"created topic {name_de}")
        if topic.get_translation_or_none(english) is None:
            translation = topic.copy_for_translation(english)
            translation.name, translation.description = name_en, text_en
            translation.save()
