"""Matching one query against the index: per concept (a word typed and its synonyms),
which documents match in which field, and how well (see the package docstring)."""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

from kb.smtp.search.query import Concept, Phrase

if TYPE_CHECKING:
    from kb.smtp.search.index import SearchIndex

FIELD_WEIGHTS = (8.0, 4.0, 2.0, 1.0, 8.0)  # title, meaning, remedies, examples, the code
TEXT_FIELDS = 4  # the code itself is searchable ("5.7" → 5.7.26) but makes no snippet
PREFIX_FACTOR = 0.75  # "kutu" matching "kutusu" counts a little less than "kutu" itself
STEM_FACTOR = 0.7  # "kuyruğa" matching "kuyruk": another form of the word
FUZZY_FACTOR = 0.5  # "kuyurk" corrected to "kuyruk"
ALL_TOKENS_FACTOR = 1.5  # every query concept found in the document
PHRASE_BONUS = 10.0  # per extra word, when the query appears in a row (plus the field weight)
COMMON_SHARE = 0.8  # a concept found on this share of the pages takes no more synonyms

Factors = list[float]  # per field, the best factor of a match (0.0: none)
_ALL = range(len(FIELD_WEIGHTS))
_FIELDS_OF = [tuple(f for f in _ALL if mask & (1 << f)) for mask in range(1 << len(FIELD_WEIGHTS))]


@lru_cache(maxsize=1024)
def _vector(mask: int, factor: float) -> tuple[float, ...]:
    """``factor`` in the fields of ``mask``, 0.0 elsewhere."""
    return tuple(factor if field in _FIELDS_OF[mask] else 0.0 for field in _ALL)


class Search:
    """The matching of one query: per concept, which documents match in which field."""

    def __init__(self, index: SearchIndex, found: list[Concept], originals: dict[str, str]):
        self.index = index
        self.concepts = found
        self.originals = originals
        self.mark_tokens: list[str] = []
        self.mark_words: set[str] = set()
        self.corrections: dict[str, str] = {}
        self._cache: dict[str, dict[int, Factors]] = {}

    def _word(self, token: str) -> dict[int, Factors]:
        """Per document, the best factor of ``token`` in each field."""
        if token in self._cache:
            return self._cache[token]
        found: dict[int, Factors] = {}
        matches = list(self.index.matched_words(token))
        if matches:
            self.mark_tokens.append(token)
        exact = {word for word, factor in matches if factor == 1.0}
        for word in self.index.word_forms(token, self.originals.get(token, token)) - exact:
            matches.append((word, STEM_FACTOR))
            self.mark_words.add(word)
        for word, factor in matches:
            for doc, mask in self.index.postings(word).items():
                factors = found.get(doc)
                if factors is None:
                    found[doc] = list(_vector(mask, factor))
                    continue
                for field in _FIELDS_OF[mask]:
                    if factors[field] < factor:
                        factors[field] = factor
        self._cache[token] = found
        return found

    def _phrase(self, phrase: Phrase) -> dict[int, Factors]:
        """A phrase matches where every word does, per field the weakest word's factor."""
        found = self._word(phrase[0])
        for word in phrase[1:]:
            other = self._word(word)
            found = {
                doc: [min(a, b) for a, b in zip(factors, other[doc], strict=True)]
                for doc, factors in found.items()
                if doc in other
            }
        return {doc: factors for doc, factors in found.items() if max(factors) > 0}

    def _concept(self, concept: Concept) -> dict[int, Factors]:
        found: dict[int, Factors] = {}
        for phrase, weight in concept.alternatives:
            if len(found) >= self.index.size * COMMON_SHARE:
                break  # the concept is on most pages already: more terms change nothing
            for doc, factors in self._phrase(phrase).items():
                best = found.get(doc)
                if best is None:
                    found[doc] = [factor * weight for factor in factors]
                    continue
                for field, factor in enumerate(factors):
                    if factor * weight > best[field]:
                        best[field] = factor * weight
        if found or len(concept.words) > 1:
            return found
        better = self.index.correct(concept.words[0])
        if better is None:
            return found
        self.corrections[concept.words[0]] = better
        self.mark_words.add(better)
        return {
            doc: [factor * FUZZY_FACTOR for factor in factors]
            for doc, factors in self._word(better).items()
        }

    def scores(self) -> dict[int, Factors]:
        """Score of each document per field, summed over the query's concepts."""
        scores: dict[int, Factors] = {}
        matched: dict[int, int] = {}
        for concept in self.concepts:
            found = self._concept(concept)
            if not found:
                continue
            idf = 1.0 + math.log(self.index.size / len(found))
            weights = [weight * idf for weight in FIELD_WEIGHTS]
            for doc, factors in found.items():
                gained = [weight * factor for weight, factor in zip(weights, factors, strict=True)]
                doc_scores = scores.get(doc)
                if doc_scores is None:
                    scores[doc] = gained
                else:
                    scores[doc] = [a + b for a, b in zip(doc_scores, gained, strict=True)]
                matched[doc] = matched.get(doc, 0) + 1
        if len(self.concepts) >= 2:
            for doc, count in matched.items():
                if count == len(self.concepts):
                    scores[doc] = [score * ALL_TOKENS_FACTOR for score in scores[doc]]
        return scores
