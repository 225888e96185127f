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

    def correct(self, word: str) -> str | None:
        """The closest index word to ``word`` (folded), or None if none is close enough."""
        if len(word) < MIN_LETTERS or not word.isalpha():
            return None
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
