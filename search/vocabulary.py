"""The words the knowledge base uses, for typo tolerance and "did you mean".

Read from the public documents' titles, summaries, topic and tag labels (never from
restricted ones, so that a suggestion cannot reveal a word only a group may read), and
kept per process and in the cache until a document changes. Keys are folded words
(`search.text.fold`); each maps to the spelling people write most ("Bürgerbeteiligung",
not "burgerbeteiligung"), which is what "did you mean" offers.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max

from search.models import SearchDocument
from search.sources import PUBLIC
from search.text import fold, stem, words

# Like Elasticsearch's `fuzziness: AUTO, prefix_length: 2`: short words are never
# corrected, the first two letters must be right, and a close match must be close.
MIN_FUZZY_LENGTH = 5
PREFIX_LENGTH = 2
CUTOFF = 0.8
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Vocabulary:
    spellings: dict[str, str]  # folded word → the most common spelling
    by_prefix: dict[str, tuple[str, ...]]  # first letters → folded words
    stems: frozenset[str]

    def knows(self, word: str) -> bool:
        folded = fold(word)
        return folded in self.spellings or stem(word) in self.stems

    def closest(self, word: str, n: int = 1) -> list[str]:
        """Folded vocabulary words close to a word the vocabulary does not know."""
        folded = fold(word)
        if len(folded) < MIN_FUZZY_LENGTH or self.knows(word):
            return []
        candidates = [known for known in self.by_prefix.get(folded[:PREFIX_LENGTH], ())
                      if abs(len(known) - len(folded)) <= 2]
        return difflib.get_close_matches(folded, candidates, n=n, cutoff=CUTOFF)

    def spelling(self, folded: str) -> str:
        return self.spellings.get(folded, folded)


def generation() -> str:
    """Changes whenever a document is added, changed or removed."""
    state = SearchDocument.objects.aggregate(count=Count("pk"), last=Max("updated_at"))
    return f"{state['count']}:{state['last'].isoformat() if state['last'] else ''}"


_local: dict[str, Vocabulary] = {}


def vocabulary() -> Vocabulary:
    key = f"search:vocabulary:{generation()}"
    found = _local.get(key)
    if found is None:
        found = cache.get(key)
        if found is None:
            found = build()
            cache.set(key, found, timeout=CACHE_SECONDS)
        _local.clear()
        _local[key] = found
    return found


def build() -> Vocabulary:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    rows = (SearchDocument.objects.filter(removed=False, terms__field="visible_to",
                                          terms__value=PUBLIC)
            .exclude(content_hash="").values_list("title", "summary", "fields"))
    for title, summary, fields in rows.iterator(chunk_size=2000):
        labels = " ".join([*fields.get("topic_labels", []), *fields.get("tag_labels", [])])
        for word in words(" ".join([title, summary, labels])):
            if len(word) > 2 and not word.isdigit():
                counts[fold(word)][word] += 1
    spellings = {folded: max(forms.items(), key=lambda item: (item[1], item[0][:1].isupper()))[0]
                 for folded, forms in counts.items()}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for folded in spellings:
        by_prefix[folded[:PREFIX_LENGTH]].append(folded)
    grouped = {prefix: tuple(sorted(found)) for prefix, found in by_prefix.items()}
    return Vocabulary(spellings=spellings, by_prefix=grouped,
                      stems=frozenset(stem(folded) for folded in spellings))


def corrected(query: str, vocab: Vocabulary) -> str:
    """The query with each word the vocabulary does not know replaced by its closest
    known word, in that word's usual spelling; "" when nothing changed."""
    out, changed = [], False
    for word in words(query):
        close = vocab.closest(word)
        if close:
            out.append(vocab.spelling(close[0]))
            changed = True
        elif fold(word) in vocab.spellings:
            out.append(vocab.spelling(fold(word)))
            changed |= vocab.spelling(fold(word)) != word and vocab.spelling(
                fold(word)).lower() != word.lower()
        else:
            out.append(word)
    return " ".join(out) if changed else ""
