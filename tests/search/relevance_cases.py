"""The judged queries of the relevance set: what municipal staff type, the documents
they must find in the first five (any of `expect`) and those that must not rank above
the first of them (`forbid`: the other language's version, which may follow below),
grouped in classes. The examples of issue 17 are all here (marked "issue").
Keys refer to tests/search/relevance_corpus.py; "@en" is the English translation."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    kind: str
    query: str
    expect: tuple[str, ...]
    forbid: tuple[str, ...] = ()
    language: str = "de"


def de(kind: str, query: str, *expect: str, forbid: tuple[str, ...] = ()) -> Case:
    return Case(kind, query, expect, forbid)


def en(kind: str, query: str, *expect: str, forbid: tuple[str, ...] = ()) -> Case:
    return Case(kind, query, expect, forbid, language="en")


CASES: tuple[Case, ...] = (
    # Umlauts and ß typed without them.
    de("umlaut", "Buergerbeteiligung", "beteiligung"),  # issue
    de("umlaut", "Burgerbeteiligung", "beteiligung"),
    de("umlaut", "Strassenbeleuchtung", "licht"),
    de("umlaut", "Fussgaengerzone", "wlan"),
    de("umlaut", "Stadtbaeume", "baeume"),
    de("umlaut", "Mobilitaetswende", "studie-mobilitaet"),
    de("umlaut", "Ladesaeulen", "ladesaeulen"),
    de("umlaut", "Buergerbuero", "ozg"),
    de("umlaut", "Gruendaecher", "klimaanpassung"),
    de("umlaut", "Abfallbehaelter", "abfall"),
    de("umlaut", "Ueberflutung", "hochwasser"),
    de("umlaut", "Flaechen", "solar"),
    # A word found inside a compound.
    de("compound", "Straße", "licht", "baeume"),  # issue
    de("compound", "Verkehr", "nahverkehr", "parken", "studie-mobilitaet"),  # issue
    de("compound", "Beleuchtung", "licht"),
    de("compound", "Plattform", "datenplattform", "beteiligung", "ehrenamt"),
    de("compound", "Warnsystem", "hitze"),
    de("compound", "Sensor", "abfall", "baeume", "lora", "datenplattform"),
    de("compound", "Kataster", "solar", "kataster"),
    de("compound", "Daten", "datenplattform", "leitfaden-daten", "radwege"),
    de("compound", "Wasser", "klimaanpassung", "baeume", "hochwasser"),
    de("compound", "Bäume", "baeume", "kataster"),
    de("compound", "Strom", "licht", "energie"),
    de("compound", "Funk", "lora"),
    de("compound", "Akte", "verwaltung"),
    de("compound", "Haushalt", "beteiligung"),
    # Typos.
    de("typo", "Datenplatform", "datenplattform"),  # issue
    de("typo", "Bürgerbeteilgung", "beteiligung"),
    de("typo", "Strassenbeleuchtnug", "licht"),
    de("typo", "Hitzeaktionsplann", "hitze"),
    de("typo", "Leerstandsmeldr", "leerstand"),
    de("typo", "Telemedizn", "pflege"),
    de("typo", "Ehrenamtsbörsse", "ehrenamt"),
    de("typo", "Solarkatster", "solar"),
    de("typo", "Digitalisirung", "handreichung"),
    de("typo", "Carscharing", "carsharing"),
    de("typo", "Tourismuss", "tourismus"),
    de("typo", "Quartirsapp", "quartier"),
    # Word forms.
    de("wordform", "Warnung", "warnung"),  # issue
    de("wordform", "warnen", "warnung"),
    de("wordform", "Warnung", "hochwasser"),  # issue: "warnen" in the summary
    de("wordform", "Kommune", "bericht-sicherheit", "handreichung", "leitfaden-daten",
       "bericht-smart-city"),
    de("wordform", "Sensoren", "baeume", "parken"),
    de("wordform", "Laterne", "licht"),
    de("wordform", "Baum", "baeume", "kataster"),
    de("wordform", "Ausschreibung", "handbuch-vergabe"),
    de("wordform", "Stellplatz", "parken"),
    de("wordform", "Geschäft", "leerstand", "studie-einzelhandel"),
    de("wordform", "Dörfer", "nahverkehr"),
    # One unmatched word must not empty the result.
    de("anyword", "Datenplattform Stadtwerke Berlin", "datenplattform"),  # issue
    de("anyword", "Unwetterwarnungen Handy", "warnung"),
    de("anyword", "Solarkataster Gründach Förderprogramm", "solar"),
    de("anyword", "Carsharing Dorf Elektroauto Versicherung", "carsharing"),
    de("anyword", "Leerstand Innenstadt Mietpreise", "leerstand", "studie-einzelhandel"),
    de("anyword", "Telemedizin Pflegeheim Landarzt", "pflege"),
    de("anyword", "Baumkataster Fällgenehmigung", "kataster"),
    # Synonyms of the domain.
    de("synonym", "ÖPNV", "nahverkehr", "studie-mobilitaet"),
    de("synonym", "Partizipation", "beteiligung", "toolkit-beteiligung"),
    de("synonym", "E-Mobilität", "ladesaeulen"),
    de("synonym", "offene Daten", "leitfaden-open-data", "datenplattform"),
    de("synonym", "Stadtzentrum", "parken", "hitze", "studie-einzelhandel"),
    de("synonym", "Photovoltaik", "solar"),
    de("synonym", "3D-Stadtmodell", "zwilling"),
    de("synonym", "Internet der Dinge", "lora", "abfall", "baeume"),
    # Ranking: the reader's language first.
    de("language", "Datenplattform", "datenplattform", forbid=("datenplattform@en",)),  # issue
    de("language", "digitale Stadt", "handreichung", forbid=("handreichung@en",)),
    de("language", "Parkraummanagement", "parken", forbid=("parken@en",)),
    de("language", "Carsharing", "carsharing", forbid=("carsharing@en",)),
    de("language", "Open Data", "leitfaden-open-data",
       forbid=("leitfaden-open-data@en",)),
    de("language", "Smart City Charta", "bericht-smart-city",
       forbid=("bericht-smart-city@en",)),
    # Ranking: upcoming events must not flood broad queries.
    de("events", "Smart City", "bericht-smart-city", "licht", "datenplattform", "parken",
       "beteiligung"),  # issue: a solution or publication in the first five
    de("events", "Datenplattform", "datenplattform"),
    de("events", "Beteiligung", "beteiligung", "toolkit-beteiligung"),
    de("events", "Mobilität", "studie-mobilitaet", "mobilstation", "carsharing"),
    # Ranking: a term only in the summary still counts.
    de("summary", "Trinkbrunnen", "hitze"),  # issue
    de("summary", "Laserscandaten", "solar"),
    de("summary", "Bodenfeuchtesensoren", "baeume"),
    de("summary", "Zwischennutzungen", "leerstand"),
    de("summary", "Müllfahrzeuge", "abfall"),
    de("summary", "Lehrkräfte", "schule"),
    de("summary", "Pegel", "hochwasser", "warnung"),
    de("summary", "Gateways", "lora"),
    de("summary", "Hausärzten", "pflege"),
    # Exact titles (must keep working).
    de("exact", "Digitaler Zwilling", "zwilling"),
    de("exact", "Ehrenamtsbörse", "ehrenamt"),
    de("exact", "Mobilstationen", "mobilstation"),
    de("exact", "IT-Sicherheit", "bericht-sicherheit"),
    de("exact", "Vergabe", "handbuch-vergabe"),
    # English readers.
    en("english", "street lighting", "licht@en", forbid=("licht",)),
    en("english", "citizen participation", "beteiligung@en"),
    en("english", "data platform", "datenplattform@en", forbid=("datenplattform",)),
    en("english", "local transport", "nahverkehr@en"),
    en("english", "parking", "parken@en"),
    en("english", "digital twin", "zwilling@en"),
    en("english", "housing benefit", "ozg@en"),
    en("english", "car sharing", "carsharing@en"),
    en("english", "mobility hubs", "mobilstation@en"),
    en("english", "sponge city", "klimaanpassung@en"),
    en("english", "digitalisation handout", "handreichung@en"),
    en("english", "data strategy", "leitfaden-daten@en"),
    en("english", "IT security", "bericht-sicherheit@en"),
    en("english", "open data", "leitfaden-open-data@en"),
    en("english", "smart city charter", "bericht-smart-city@en"),
    en("english", "lamps", "licht@en"),
    en("english", "surveys", "beteiligung@en"),
    en("english", "minibuses", "nahverkehr@en"),
    en("english", "green roofs", "klimaanpassung@en"),
    en("english", "participaton", "beteiligung@en", "zwilling@en"),
    en("english", "Strassenbeleuchtung", "licht@en", "licht"),
)

# The queries issue 17 names; each must pass on every backend.
ISSUE_EXAMPLES = frozenset({
    "Buergerbeteiligung", "Straße", "Verkehr", "Datenplatform", "Warnung",
    "Datenplattform Stadtwerke Berlin", "Datenplattform", "Smart City", "Trinkbrunnen",
})
