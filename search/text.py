"""Text helpers shared by both backends: words, folding, stems and synonyms.

Elasticsearch analyses text itself (the analysers in platform/search/analysis.json).
The database backend on SQLite has no analyser, so documents and queries are reduced
here to the same kind of stems: lower case, umlauts and ß folded, common German and
English endings removed. "Kommunen", "Kommune" and "kommunal" meet; "Straße" and
"Strasse" too. Synonyms are expanded here for both backends.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
FOLDING = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "æ": "ae", "œ": "oe"})
# Longest first: light stemming in the spirit of Lucene's light German stemmer, plus the
# plural and verb endings that matter in English titles.
SUFFIXES = ("ungen", "heiten", "keiten", "ern", "em", "en", "er", "es", "ing", "ies", "e",
            "n", "s")
MIN_STEM = 4
MAX_QUERY_TERMS = 32


BOOLEAN_WORDS = re.compile(r"(?<!\S)(?:AND|OR|NOT)(?!\S)")


def searchable_text(query: str) -> str:
    """The query as words to look for: people who type Lucene's AND, OR or NOT mean
    "these words" (every word must match anyway), not the word "and"."""
    return " ".join(BOOLEAN_WORDS.sub(" ", query).split())


def fold(word: str) -> str:
    word = unicodedata.normalize("NFC", word.lower()).translate(FOLDING)
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


def term_string(text: str) -> str:
    """Stems of a text, each surrounded by spaces, so that ` stem` matches a word start."""
    return " " + " ".join(stems(text)) + " "


@cache
def synonym_groups(language: str) -> tuple[tuple[str, ...], ...]:
    """Groups of equivalent terms from platform/search/synonyms/<language>.txt."""
    path = Path(settings.SEARCH_SETTINGS_DIR) / "synonyms" / f"{language}.txt"
    if not path.exists():
        return ()
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
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
