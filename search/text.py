"""Text helpers shared by both backends: words, folding, stems, compounds, synonyms.

Elasticsearch analyses text itself (the analysers in platform/search/analysis.json).
The database backend has no analyser of this kind, so documents and queries are reduced
here to the same kind of stems: lower case, umlauts and ß folded (and their spellings
ae, oe, ue as the German2 rule reads them, like Elasticsearch's german_normalization),
common German and English endings removed, and compounds split into the parts the
compound list knows. "Kommunen", "Kommune" and "kommunal" meet; "Straße", "Strasse"
and "Straßenbeleuchtung" too; "Buergerbeteiligung" finds "Bürgerbeteiligung".
Synonyms are expanded here for both backends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "œ": "oe"})
# The German2 reading of umlauts typed without them, as Lucene's GermanNormalizationFilter
# (Elasticsearch's german_normalization) does it: "ae" and "oe" become "a" and "o"; "ue"
# becomes "u" except after a vowel or "q" ("Feuer", "neue", "Quelle" keep theirs).
# Applied to documents and queries alike, so a word read too eagerly ("Poesie") still
# meets itself.
TRANSLITERATED = re.compile(r"ae|oe|(?<![aeiouq])ue")
# Longest first: light stemming in the spirit of Lucene's light German stemmer, plus the
# nominalising "-ung" ("Warnung" meets "warnen") and the plural and verb endings that
# matter in English titles.
SUFFIXES = ("ungen", "heiten", "keiten", "ung", "ern", "em", "en", "er", "es", "ing", "ies",
            "e", "n", "s")
MIN_STEM = 4
MAX_QUERY_TERMS = 32


BOOLEAN_WORDS = re.compile(r"(?<!\S)(?:AND|OR|NOT)(?!\S)")


def searchable_text(query: str) -> str:
    """The query as words to look for: people who type Lucene's AND, OR or NOT mean
    "these words" (every word must match anyway), not the word "and"."""
    return " ".join(BOOLEAN_WORDS.sub(" ", query).split())


def fold(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower())
    word = TRANSLITERATED.sub(lambda match: match.group()[0], word).translate(FOLDING)
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    folded = fold(word)
    for suffix in SUFFIXES:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= MIN_STEM:
            return folded[: -len(suffix)]
    return folded


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


STOP_WORDS = {
    "de": {"der", "die", "das", "und", "oder", "in", "im", "mit", "von", "für", "fur", "zu",
           "den", "dem", "des", "ein", "eine", "einer", "auf", "an", "am", "ist", "wie", "bei"},
    "en": {"the", "a", "an", "and", "or", "of", "in", "on", "for", "to", "with", "by", "is"},
}


def query_stems(text: str) -> list[str]:
    """The stems a query looks for (stop words of either language left out)."""
    stop = STOP_WORDS["de"] | STOP_WORDS["en"]
    return [stem(word) for word in words(text) if fold(word) not in stop][:MAX_QUERY_TERMS]


# --- compounds ----------------------------------------------------------------------------

# Parts shorter than this are not split off ("Amt" in "Samt" is no help); the same
# bounds go to Elasticsearch's dictionary_decompounder (index.py).
MIN_PART = 4
MIN_COMPOUND = 7


def data_lines(path: Path) -> list[str]:
    """The lines of one of the search's data files under platform/search/, stripped,
    without blank lines and ``#`` comments; none where the file is missing."""
    if not path.exists():
        return []
    return [line for line in (raw.strip() for raw in path.read_text(encoding="utf-8")
                              .splitlines()) if line and not line.startswith("#")]


@cache
def compound_parts_list() -> tuple[str, ...]:
    """The German word parts compounds are split into: platform/search/compounds/de.txt,
    one word a line, as people write them (Elasticsearch receives them inline)."""
    found = data_lines(Path(settings.SEARCH_SETTINGS_DIR) / "compounds" / "de.txt")
    return tuple(dict.fromkeys(found))


@cache
def folded_parts() -> frozenset[str]:
    return frozenset(fold(part) for part in compound_parts_list() if len(fold(part)) >= MIN_PART)


def compound_parts(word: str) -> list[str]:
    """The known parts inside a compound, folded ("strassenbeleuchtung" → "strassen",
    "beleuchtung"): every substring the list knows, as the dictionary decompounder
    finds them, but not the word itself."""
    folded = fold(word)
    if len(folded) < MIN_COMPOUND:
        return []
    parts = folded_parts()
    found = []
    for start in range(len(folded) - MIN_PART + 1):
        for end in range(len(folded), start + MIN_PART - 1, -1):
            piece = folded[start:end]
            if piece != folded and piece in parts:
                found.append(piece)
                break
    return found


# Bump when what `term_string` makes of a text changes: every document is then rebuilt
# (its content hash includes this) by the next `search_rebuild` or `search_reconcile`.
TERMS_VERSION = 2


@lru_cache(maxsize=200_000)
def word_terms(word: str, whole_words: bool) -> str:
    """One word's terms for `term_string`. Remembered: a rebuild meets the same words
    thousands of times, and folding and splitting them was most of its Python time."""
    word_stem = stem(word)
    terms = [word_stem]
    if whole_words and fold(word) != word_stem:
        terms.append(fold(word))
    terms += [stem(part) for part in compound_parts(word)]
    return " ".join(terms)


def term_string(text: str, *, whole_words: bool = False) -> str:
    """Stems of a text and of the parts of its compounds, each surrounded by spaces,
    so that ` stem` matches a word start; with `whole_words` also each folded word
    (type-ahead completes "Warnu" to "Warnungen", whose stem is "warn")."""
    return " " + " ".join([word_terms(word, whole_words) for word in words(text)]) + " "


@cache
def synonym_groups(language: str) -> tuple[tuple[str, ...], ...]:
    """Groups of equivalent terms from platform/search/synonyms/<language>.txt."""
    groups = []
    for line in data_lines(Path(settings.SEARCH_SETTINGS_DIR) / "synonyms" / f"{language}.txt"):
        terms = tuple(term.strip() for term in line.split(",") if term.strip())
        if len(terms) > 1:
            groups.append(terms)
    return tuple(groups)


def expand_synonyms(query: str, languages: Iterable[str]) -> list[str]:
    """The query's alternative phrasings: for each synonym group that the query
    mentions, the query with that mention replaced by each other term of the group."""
    folded_query = " " + " ".join(fold(word) for word in words(query)) + " "
    alternatives: list[str] = []
    for language in languages:
        for group in synonym_groups(language):
            for term in group:
                needle = " " + " ".join(fold(word) for word in words(term)) + " "
                if needle.strip() and needle in folded_query:
                    for other in group:
                        if other != term:
                            replaced = folded_query.replace(needle, " " + other.lower() + " ")
                            alternatives.append(" ".join(replaced.split()))
                    break
    return list(dict.fromkeys(alternatives))
