"""Typo tolerance: the index word closest to a query word that found nothing.

Only words of 5+ letters are corrected, by optimal string alignment distance (Levenshtein
plus swapped neighbours, "posat" → "posta" is one edit): 1 edit up to 7 letters, 2 from 8.
Among equally close words the one on most pages wins. rapidfuzz does the distances in C.
"""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

MIN_LETTERS = 5
LONG_WORD = 8  # from here two edits are allowed
REMEMBERED = 4096  # corrections kept per index (a new index starts afresh)


def max_edits(word: str) -> int:
    return 2 if len(word) >= LONG_WORD else 1


class Corrector:
    def __init__(self, frequency: Mapping[str, int]) -> None:
        """``frequency``: folded index word → number of pages it is on."""
        self._frequency = dict(frequency)
        self._by_length: dict[int, list[str]] = {}
        for word in sorted(self._frequency):
            if word.isalpha() and len(word) >= MIN_LETTERS - 1:
                self._by_length.setdefault(len(word), []).append(word)
        self._remembered: dict[str, str | None] = {}

    def updated(self, frequency: Mapping[str, int | None]) -> Corrector:
        """A copy with these words' page counts changed (None: the word is gone)."""
        copy = Corrector({})
        copy._frequency = {**self._frequency, **frequency}
        copy._by_length = dict(self._by_length)
        for word, count in frequency.items():
            if count is None:
                copy._frequency.pop(word, None)
            if not (word.isalpha() and len(word) >= MIN_LETTERS - 1):
                continue
            words = copy._by_length.get(len(word), [])
            if (count is None) == (word in self._frequency):  # gone, or new
                words = [other for other in words if other != word]
                if count is not None:
                    words.append(word)
                copy._by_length[len(word)] = words
        return copy

    def correct(self, word: str) -> str | None:
        """The closest index word to ``word`` (folded), or None if none is close enough."""
        if len(word) < MIN_LETTERS or not word.isalpha():
            return None
        if word in self._remembered:
            return self._remembered[word]
        if len(self._remembered) >= REMEMBERED:
            self._remembered.clear()
        found = self._remembered[word] = self._closest(word)
        return found

    def _closest(self, word: str) -> str | None:
        edits = max_edits(word)
        choices = [
            candidate
            for length in range(len(word) - edits, len(word) + edits + 1)
            for candidate in self._by_length.get(length, ())
        ]
        found = process.extract(word, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)
        if not found:
            return None
        best = min(found, key=lambda item: (item[1], -self._frequency[item[0]], item[0]))
        return best[0]
