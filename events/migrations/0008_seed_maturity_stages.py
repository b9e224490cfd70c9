"""The programme's maturity path P1–P5 as the first stages, in German and (where the
site has English) in English; the office edits or replaces them in the admin. Reversing
removes the seeded stages (by code) and keeps any the office added."""

import uuid

from django.db import migrations

FORMATS = {
    "P1": ["kickoff", "consultation"],
    "P2": ["consultation", "peer-learning"],
    "P3": ["peer-learning", "theme-workshop"],
    "P4": ["theme-workshop", "regional-conference"],
    "P5": ["regional-conference", "theme-workshop"],
}
THRESHOLDS = {"P1": 0, "P2": 25, "P3": 45, "P4": 65, "P5": 85}
TEXTS = {
    "de": {
        "P1": ("Orientierung",
               "Ihre Kommune beginnt: Es gibt noch keine Strategie, wenig Personal und "
               "kein Budget für die digitale Entwicklung.",
               "Lernen Sie in einer Auftaktwerkstatt, was Smart City für eine Kommune Ihrer "
               "Größe bedeuten kann, und lassen Sie sich in einer Erstberatung zeigen, "
               "womit Sie anfangen."),
        "P2": ("Strategie",
               "Ihre Kommune arbeitet an einer Strategie und sucht ihre ersten Vorhaben.",
               "Klären Sie in einer Erstberatung Ihre Prioritäten und lernen Sie in einer "
               "Peer-Learning-Reihe von Kommunen, die diesen Schritt gerade gehen."),
        "P3": ("Erprobung",
               "Ihre Kommune hat eine Strategie und erprobt erste Lösungen.",
               "Vertiefen Sie einzelne Handlungsfelder in Themenwerkstätten und übernehmen "
               "Sie erprobte Lösungen ähnlicher Kommunen."),
        "P4": ("Umsetzung",
               "Digitale Lösungen gehören in Ihrer Kommune zum Regelbetrieb.",
               "Tauschen Sie sich auf Regionalkonferenzen aus und vertiefen Sie in "
               "Themenwerkstätten, was den Betrieb dauerhaft trägt."),
        "P5": ("Transfer",
               "Ihre Kommune gibt ihre Lösungen an andere weiter.",
               "Stellen Sie Ihre Lösungen auf Regionalkonferenzen vor und begleiten Sie "
               "andere Kommunen als Ansprechpartnerin."),
    },
    "en": {
        "P1": ("Getting started",
               "Your municipality is at the beginning: no strategy yet, few staff and no "
               "budget for digital development.",
               "Learn in a kick-off workshop what a smart city can mean for a municipality "
               "of your size, and find out in an initial consultation where to start."),
        "P2": ("Strategy",
               "Your municipality is working on a strategy and looking for its first "
               "projects.",
               "Settle your priorities in an initial consultation and learn in a "
               "peer-learning series from municipalities taking the same step."),
        "P3": ("Piloting",
               "Your municipality has a strategy and is trying out its first solutions.",
               "Go deeper into single fields of action in theme workshops and adopt "
               "solutions that similar municipalities have tried."),
        "P4": ("Regular operation",
               "Digital solutions are part of your municipality's everyday service.",
               "Meet others at regional conferences and learn in theme workshops what "
               "keeps operation going for good."),
        "P5": ("Transfer",
               "Your municipality passes its solutions on to others.",
               "Present your solutions at regional conferences and be a contact for other "
               "municipalities."),
    },
}


def seed(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    MaturityStage = apps.get_model("events", "MaturityStage")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    keys = {code: uuid.uuid4() for code in THRESHOLDS}
    for language, texts in TEXTS.items():
        locale = locales.get(language)
        if locale is None or MaturityStage.objects.filter(locale=locale).exists():
            continue
        for code, (name, description, next_steps) in texts.items():
            MaturityStage.objects.create(
                translation_key=keys[code], locale=locale, code=code, name=name,
                description=description, next_steps=next_steps,
                threshold=THRESHOLDS[code], formats=FORMATS[code])


def unseed(apps, schema_editor):
    apps.get_model("events", "MaturityStage").objects.filter(code__in=THRESHOLDS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("events", "0007_self_assessment"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
