"""German is the default locale and English the second; English mirrors the German
page tree through wagtail-localize's locale synchronisation, so every new German page
appears in English (as an alias) until it is translated."""

from django.db import migrations


def create_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    LocaleSynchronization = apps.get_model("wagtail_localize", "LocaleSynchronization")
    german, _created = Locale.objects.get_or_create(language_code="de")
    english, _created = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": german})


def keep_locales(apps, schema_editor):
    """Going back keeps the locales: pages in them may exist, and they are harmless."""


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_locales, keep_locales)]
