"""Turkish word forms for the search: a Snowball stem plus suffix stripping with consonant
mutation, so "kuyruğa", "kuyrugu" and "kuyruk" meet, "kotası" finds "kota", "limitini"
finds "limit".

The stemmer is PyStemmer's Turkish algorithm (Snowball, compiled C). Snowball alone is
not enough for a search box: it needs the Turkish letters ("kuyruga" without "ğ" is not
stemmed to "kuyruk") and it over-cuts some short words ("kota" → "ko", taking "-ta" for
a locative). So a query word is also tried with up to four letters cut off its end, each
root also with its final consonant hardened (g→k, b→p, d→t: "kuyrug" → "kuyruk"), and a
root counts only if the index has it as a word or a stem.
"""

from functools import lru_cache

import Stemmer

from kb.smtp.text import fold, lower_tr

MIN_ROOT = 4  # shorter roots ("al", "ver") match too much
MAX_CUT = 4  # "-ları", "-sını", "-ini": the suffixes a query word usually carries
_HARD = {"g": "k", "b": "p", "d": "t"}  # ğ→g already folded; c (ç) folds to itself

_stemmer = Stemmer.Stemmer("turkish")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The folded Snowball stem of one word as written (Turkish letters help)."""
    return fold(_stemmer.stemWord(lower_tr(word)))


def hardened(root: str) -> str:
    """``root`` with its last consonant hardened, as a dictionary form ends: "kuyrug" → "kuyruk"."""
    return root[:-1] + _HARD[root[-1]] if root and root[-1] in _HARD else root


def candidate_roots(folded: str) -> list[str]:
    """Roots a folded query word may have been built on, longest first: "kotasi" → "kotas",
    "kota"; "kuyrugu" → "kuyrug", "kuyruk", "kuyru"…"""
    roots: list[str] = []
    for cut in range(1, MAX_CUT + 1):
        root = folded[:-cut]
        if len(root) < MIN_ROOT:
            break
        roots.append(root)
        if hardened(root) != root:
            roots.append(hardened(root))
    return roots
