"""The German and English catalogues are complete, and the compiled .mo files match them.

`make messages` rebuilds the catalogues and compiles them; the .mo files are committed
because fresh machines may lack gettext.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
# Every app keeps its own catalogue; config/locale holds the project-wide strings.
LOCALE_DIRS = sorted(path for path in ROOT.glob("*/locale") if path.is_dir())
LANGUAGES = ["de", "en"]
CATALOGUES = sorted(
    path for locale_dir in LOCALE_DIRS for path in locale_dir.glob("*/LC_MESSAGES/*.po")
)
# %(name)s, %s, %d and {name}: what Python fills in at run time.
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]|\{\w*\}")


def _name(path):
    return str(path.relative_to(ROOT))


def _key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def _value(entry):
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
    return entry.msgstr


def test_every_locale_dir_has_german_and_english_catalogues():
    for locale_dir in LOCALE_DIRS:
        for language in LANGUAGES:
            assert (locale_dir / language / "LC_MESSAGES" / "django.po").is_file(), (
                f"{_name(locale_dir)} has no {language} catalogue; run `make messages`"
            )


@pytest.mark.parametrize("locale_dir", LOCALE_DIRS, ids=_name)
def test_german_and_english_catalogues_hold_the_same_strings(locale_dir):
    keys = {
        language: {_key(e) for e in polib.pofile(locale_dir / language / "LC_MESSAGES/django.po")}
        for language in LANGUAGES
    }
    assert keys["de"] == keys["en"]


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_catalogue_is_fully_translated(po_path):
    po = polib.pofile(po_path)
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_translations_keep_their_placeholders(po_path):
    for entry in polib.pofile(po_path).translated_entries():
        if entry.msgid_plural:
            # A singular form may spell out the number instead of using the placeholder.
            allowed = set(PLACEHOLDER.findall(entry.msgid_plural))
            for msgstr in entry.msgstr_plural.values():
                assert set(PLACEHOLDER.findall(msgstr)) <= allowed, entry.msgid
        else:
            expected = sorted(PLACEHOLDER.findall(entry.msgid))
            assert sorted(PLACEHOLDER.findall(entry.msgstr)) == expected, entry.msgid


@pytest.mark.parametrize("po_path", CATALOGUES, ids=_name)
def test_compiled_catalogue_is_up_to_date(po_path):
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.is_file(), f"{_name(mo_path)} is missing; run `make messages`"
    compiled = {_key(e): _value(e) for e in polib.mofile(mo_path) if e.msgid}
    source = {_key(e): _value(e) for e in polib.pofile(po_path).translated_entries()}
    assert compiled == source, f"{_name(mo_path)} is stale; run `make messages`"


@pytest.mark.parametrize(
    ("language", "message", "expected"),
    [
        ("de", "Skip to main content", "Zum Inhalt springen"),  # config/locale
        ("de", "Main navigation", "Hauptnavigation"),  # home/locale
        ("en", "Skip to main content", "Skip to main content"),
    ],
)
def test_django_uses_the_catalogues(language, message, expected):
    with translation.override(language):
        assert translation.gettext(message) == expected
