"""The index settings and mapping against the rules a stock Elasticsearch 8 or 9 enforces
when it creates an index, which the in-memory test engine does not (it accepts unknown
filter types, missing parameters and file paths, and ignores what it cannot run).

Sources of the rules: Elasticsearch's reference on text analysis (built-in analysers,
tokenizers and token filters; the compound word filters; `index.max_ngram_diff`) and on
index settings. Nothing here needs a running engine."""

from __future__ import annotations

import re

import pytest

from search import index
from search.index import KnowledgeDocument, index_settings
from search.text import fold

# Built into Elasticsearch 8/9 without plugins (the ones this index could reasonably use).
ANALYZER_TYPES = {"custom", "standard", "simple", "whitespace", "stop", "keyword", "pattern",
                  "fingerprint", "german", "english"}
TOKENIZERS = {"standard", "whitespace", "letter", "lowercase", "keyword", "pattern",
              "classic", "uax_url_email", "ngram", "edge_ngram"}
FILTER_TYPES = {"lowercase", "asciifolding", "german_normalization", "stop", "stemmer",
                "stemmer_override", "synonym", "synonym_graph", "dictionary_decompounder",
                "hyphenation_decompounder", "pattern_replace", "shingle", "edge_ngram",
                "ngram", "word_delimiter_graph", "unique", "length", "trim", "elision",
                "keyword_marker", "snowball"}
BUILT_IN_FILTERS = {"lowercase", "asciifolding", "german_normalization", "stop", "trim",
                    "unique", "porter_stem"}
STEMMER_LANGUAGES = {"german", "german2", "light_german", "minimal_german", "english",
                     "light_english", "minimal_english", "porter2", "possessive_english"}
# Required parameters per filter type (one of each group); files on the nodes are not
# shipped with the platform, so no *_path parameter may stand in.
REQUIRED = {
    "dictionary_decompounder": [("word_list",)],
    "synonym": [("synonyms", "synonyms_set")],
    "synonym_graph": [("synonyms", "synonyms_set")],
    "stemmer": [("language", "name")],
    "pattern_replace": [("pattern",)],
    "stemmer_override": [("rules",)],
}
DEFAULT_MAX_NGRAM_DIFF = 1


def analysis() -> dict:
    return index_settings()["analysis"]


def test_every_analyser_is_built_in_and_its_parts_exist():
    defined_filters = analysis().get("filter", {})
    for name, analyser in analysis()["analyzer"].items():
        assert analyser["type"] in ANALYZER_TYPES, name
        if analyser["type"] != "custom":
            continue
        assert analyser["tokenizer"] in TOKENIZERS, name
        for used in analyser.get("filter", []):
            assert used in defined_filters or used in BUILT_IN_FILTERS, (name, used)


def test_every_filter_is_built_in_with_its_required_parameters_inline():
    for name, definition in analysis().get("filter", {}).items():
        kind = definition["type"]
        assert kind in FILTER_TYPES, name
        # hyphenation_decompounder cannot run without its patterns file.
        assert kind != "hyphenation_decompounder", name
        assert not [key for key in definition if key.endswith("_path")], name
        for group in REQUIRED.get(kind, []):
            assert any(definition.get(key) for key in group), (name, group)
        if kind == "stemmer":
            assert definition.get("language", definition.get("name")) in STEMMER_LANGUAGES
        if kind == "pattern_replace":
            # Java and Python agree on this subset: no \p{..} classes, no possessives.
            assert not re.search(r"\\p\{|\*\+|\+\+|\?\+", definition["pattern"]), name
            re.compile(definition["pattern"])
        if kind in ("ngram", "edge_ngram"):
            diff = definition.get("max_gram", 2) - definition.get("min_gram", 1)
            allowed = index_settings().get("max_ngram_diff", DEFAULT_MAX_NGRAM_DIFF)
            assert diff <= allowed, name


def test_the_decompounder_knows_folded_words_within_its_bounds():
    decompounder = analysis()["filter"][index.DECOMPOUNDER]
    words = decompounder["word_list"]
    assert len(words) > 50
    # It runs after lowercase and german_normalization: a word with capitals or umlauts
    # would never match a token.
    assert all(word == fold(word) for word in words)
    assert decompounder["min_subword_size"] <= decompounder["max_subword_size"]
    assert all(decompounder["min_subword_size"] <= len(word) <= decompounder[
        "max_subword_size"] for word in words)


def test_the_mapping_names_only_analysers_that_exist():
    defined = set(analysis()["analyzer"]) | ANALYZER_TYPES - {"custom"}
    mapping = KnowledgeDocument._doc_type.mapping.to_dict()

    def check(properties: dict) -> None:
        for name, field in properties.items():
            if "search_analyzer" in field:
                assert "analyzer" in field, name
            for key in ("analyzer", "search_analyzer"):
                if key in field:
                    assert field[key] in defined, (name, field[key])
            check(field.get("fields", {}))
            check(field.get("properties", {}))

    check(mapping["properties"])


@pytest.mark.parametrize("replicas", [None, 0, 2])
def test_replicas_are_configurable_and_a_whole_number(settings, replicas):
    settings.SEARCH_INDEX_REPLICAS = replicas
    index_settings.cache_clear()
    try:
        found = index_settings()["number_of_replicas"]
        assert isinstance(found, int) and found >= 0
        if replicas is not None:
            assert found == replicas
        assert isinstance(index_settings()["number_of_shards"], int)
    finally:
        index_settings.cache_clear()
