"""Finding a municipality by what people type: "hass" finds Haßfurt, "frankfurt o" finds
Frankfurt (Oder), among the 11,000 municipalities of Germany, fast enough to answer each
key press of the picker (`tests/bench/bench_municipality_search.py` prints the time).

Names and query are folded alike (`fold_name`: lower case, ß as ss, umlauts without
their dots, brackets, hyphens and slashes as spaces; the folded name is stored with the
municipality), and every word of the query must begin a word of the name. The matches
come back ranked: names that begin with the query first, then the larger
municipalities."""

from __future__ import annotations

from django.db.models import Case, F, IntegerField, QuerySet, Value, When

from community.models import Municipality
from community.models.municipalities import fold_name

# Enough for a picker's list; a longer one would not be read.
MATCH_LIMIT = 12
# A query longer than any municipality's name is no name.
QUERY_MAX_LENGTH = 100


def find_municipalities(query: str, limit: int = MATCH_LIMIT) -> QuerySet[Municipality]:
    """The municipalities whose name has a word beginning with each word of the query,
    best first; none for an empty query."""
    words = fold_name(query[:QUERY_MAX_LENGTH]).split()
    if not words:
        return Municipality.objects.none()
    matches = Municipality.objects.all()
    for word in words:
        matches = matches.filter(search_name__contains=f" {word}")
    return matches.annotate(
        begins=Case(When(search_name__startswith=f" {words[0]}", then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField()),
    ).order_by("begins", F("population").desc(nulls_last=True), "name", "pk")[:limit]


def municipality_label(municipality: Municipality) -> str:
    """How the picker names a municipality: names repeat, so with its federal state."""
    return f"{municipality.name} ({municipality.get_federal_state_display()})"
