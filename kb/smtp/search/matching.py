"""Matching one query against the index: per concept (a word typed and its synonyms),
which documents match in which field, and how well (see the package docstring)."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
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
REMEMBERED_TERMS = 128  # query words and concepts whose matches an index keeps (then it
# starts afresh); a common word matches every page, so at 2,000 pages this is at most ~20 MB

Factors = list[float]  # per field, the best factor of a match (0.0: none)
Vector = tuple[float, ...]  # the same, frozen
_ALL = range(len(FIELD_WEIGHTS))
_FIELDS_OF = [tuple(f for f in _ALL if mask & (1 << f)) for mask in range(1 << len(FIELD_WEIGHTS))]


class Vectors:
    """Per-field factor vectors interned as small ints, their operations memoized.

    A document's match is a vector of five factors, and the factors come from a handful of
    constants (1.0, 0.75, 0.7, ×0.6, ×0.5), so a few hundred distinct vectors make up every
    query. Scoring thousands of documents then costs a dict lookup per document and
    operation, not a loop over fields. The id 0 is the zero vector (no match)."""

    def __init__(self) -> None:
        self.values: list[Vector] = []
        self.weighted: list[float] = []  # id → the vector weighted by FIELD_WEIGHTS, summed
        self._ids: dict[Vector, int] = {}
        self._lock = threading.Lock()
        self._masked: dict[float, list[int]] = {}
        self._best: dict[tuple[int, int], int] = {}
        self._weakest: dict[tuple[int, int], int] = {}
        self._scaled: dict[tuple[int, float], int] = {}
        self.intern((0.0,) * len(FIELD_WEIGHTS))

    def intern(self, vector: Vector) -> int:
        found = self._ids.get(vector)
        if found is None:
            with self._lock:
                found = self._ids.get(vector)
                if found is None:
                    self.weighted.append(
                        sum(w * f for w, f in zip(FIELD_WEIGHTS, vector, strict=True))
                    )
                    self.values.append(vector)
                    found = self._ids[vector] = len(self.values) - 1
        return found

    def masked(self, factor: float) -> list[int]:
        """Per field mask, the vector with ``factor`` in those fields and 0.0 elsewhere."""
        found = self._masked.get(factor)
        if found is None:
            found = self._masked[factor] = [
                self.intern(tuple(factor if f in fields else 0.0 for f in _ALL))
                for fields in _FIELDS_OF
            ]
        return found

    def best(self, a: int, b: int) -> int:
        """Field by field, the better factor."""
        found = self._best.get((a, b))
        return self._combine(self._best, max, a, b) if found is None else found

    def weakest(self, a: int, b: int) -> int:
        """Field by field, the weaker factor."""
        found = self._weakest.get((a, b))
        return self._combine(self._weakest, min, a, b) if found is None else found

    def _combine(self, memo: dict, pick: Callable[[float, float], float], a: int, b: int) -> int:
        found = memo[(a, b)] = self.intern(tuple(map(pick, self.values[a], self.values[b])))
        return found

    def scaled(self, a: int, weight: float) -> int:
        found = self._scaled.get((a, weight))
        if found is None:
            vector = tuple(factor * weight for factor in self.values[a])
            found = self._scaled[(a, weight)] = self.intern(vector)
        return found


VECTORS = Vectors()


def _expand(index: SearchIndex, token: str, original: str) -> tuple[dict, bool, frozenset]:
    """What one query word matches, the same in every query (the index keeps it): per
    document its vector, whether the word matched as typed or as a prefix, and the other
    forms of it that matched."""
    found: dict[int, int] = {}
    matches = list(index.matched_words(token))
    matched = bool(matches)
    exact = {word for word, factor in matches if factor == 1.0}
    forms = frozenset(index.word_forms(token, original) - exact)
    matches += [(word, STEM_FACTOR) for word in forms]
    # Words of one factor only add fields (their masks OR together); the factors then
    # combine field by field, the best one winning.
    levels: dict[float, dict[int, int]] = {}
    shared: set[float] = set()  # levels that are still an index posting list, unchanged
    for word, factor in matches:
        postings = index.postings(word)
        masks = levels.get(factor)
        if masks is None:
            levels[factor] = postings
            shared.add(factor)
            continue
        if factor in shared:
            masks = levels[factor] = dict(masks)
            shared.discard(factor)
        for doc, mask in postings.items():
            masks[doc] = masks.get(doc, 0) | mask
    best = VECTORS.best
    for factor, masks in levels.items():
        masked = VECTORS.masked(factor)
        if not found:
            found = {doc: masked[mask] for doc, mask in masks.items()}
            continue
        for doc, mask in masks.items():
            old = found.get(doc)
            found[doc] = masked[mask] if old is None else best(old, masked[mask])
    return found, matched, forms


class Search:
    """The matching of one query: per concept, which documents match in which field (as
    Vectors ids)."""

    def __init__(self, index: SearchIndex, found: list[Concept], originals: dict[str, str]):
        self.index = index
        self.concepts = found
        self.originals = originals
        self.mark_tokens: list[str] = []
        self.mark_words: set[str] = set()
        self.corrections: dict[str, str] = {}
        self._cache: dict[str, dict[int, int]] = {}
        self._used: list[str] = []  # every word looked up, in order
        self._found: list[tuple[float, dict[int, int]]] = []  # (idf, matches) per concept
        self._complete: set[int] = set()  # documents matching every concept (of 2+)

    def _word(self, token: str) -> dict[int, int]:
        """Per document, the best factor of ``token`` in each field."""
        self._used.append(token)
        if token in self._cache:
            return self._cache[token]
        original = self.originals.get(token, token)
        terms = self.index.terms
        expansion = terms.get((token, original))
        if expansion is None:
            if len(terms) >= REMEMBERED_TERMS:
                terms.clear()
            expansion = terms[(token, original)] = _expand(self.index, token, original)
        found, matched, forms = expansion
        if matched:
            self.mark_tokens.append(token)
        self.mark_words.update(forms)
        self._cache[token] = found
        return found

    def _phrase(self, phrase: Phrase) -> dict[int, int]:
        """A phrase matches where every word does, per field the weakest word's factor."""
        found = self._word(phrase[0])
        if len(phrase) == 1:
            return found  # a word's vectors are never zero
        weakest = VECTORS.weakest
        for word in phrase[1:]:
            other = self._word(word)
            found = {
                doc: weakest(vector, other[doc]) for doc, vector in found.items() if doc in other
            }
        return {doc: vector for doc, vector in found.items() if vector}

    def _concept(self, concept: Concept) -> dict[int, int]:
        """The documents matching one concept; the index keeps the answer, keyed by the
        concept and the spellings typed (they pick the word forms), and a kept answer
        replays the words it used, so the query marks the same words in its snippets."""
        words = [word for phrase, _ in concept.alternatives for word in phrase]
        key = (concept.alternatives, tuple(self.originals.get(word, word) for word in words))
        terms = self.index.terms
        kept = terms.get(key)
        if kept is not None:
            found, used = kept
            for word in used:
                self._word(word)
            return found
        start = len(self._used)
        found = self._match_concept(concept)
        if concept.words[0] not in self.corrections:  # corrections are not kept
            if len(terms) >= REMEMBERED_TERMS:
                terms.clear()
            terms[key] = (found, tuple(self._used[start:]))
        return found

    def _match_concept(self, concept: Concept) -> dict[int, int]:
        found: dict[int, int] = {}
        best, scaled = VECTORS.best, VECTORS.scaled
        for phrase, weight in concept.alternatives:
            if len(found) >= self.index.size * COMMON_SHARE:
                break  # the concept is on most pages already: more terms change nothing
            matches = self._phrase(phrase)
            if not found and weight == 1.0:
                found = dict(matches)
                continue
            for doc, vector in matches.items():
                vector = scaled(vector, weight)
                old = found.get(doc)
                found[doc] = vector if old is None else best(old, vector)
        if found or len(concept.words) > 1:
            return found
        better = self.index.correct(concept.words[0])
        if better is None:
            return found
        self.corrections[concept.words[0]] = better
        self.mark_words.add(better)
        return {doc: scaled(vector, FUZZY_FACTOR) for doc, vector in self._word(better).items()}

    def scores(self) -> dict[int, float]:
        """Score of each document, summed over the query's concepts and fields."""
        totals: dict[int, float] = {}
        matched: dict[int, int] = {}
        weighted = VECTORS.weighted
        for concept in self.concepts:
            found = self._concept(concept)
            if not found:
                continue
            idf = 1.0 + math.log(self.index.size / len(found))
            self._found.append((idf, found))
            for doc, vector in found.items():
                totals[doc] = totals.get(doc, 0.0) + idf * weighted[vector]
                matched[doc] = matched.get(doc, 0) + 1
        if len(self.concepts) >= 2:
            self._complete = {doc for doc, count in matched.items() if count == len(self.concepts)}
            for doc in self._complete:
                totals[doc] *= ALL_TOKENS_FACTOR
        return totals

    def field_scores(self, doc: int) -> Factors:
        """The score of ``doc`` per field (after `scores`): which field its snippet shows."""
        scores = [0.0] * len(FIELD_WEIGHTS)
        for idf, found in self._found:
            vector = VECTORS.values[found.get(doc, 0)]
            for field, (weight, factor) in enumerate(zip(FIELD_WEIGHTS, vector, strict=True)):
                scores[field] += weight * idf * factor
        if doc in self._complete:
            scores = [score * ALL_TOKENS_FACTOR for score in scores]
        return scores
