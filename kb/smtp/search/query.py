"""What a query says: its words, the stop words, the synonyms each word brings, and whether
it is a pasted bounce rather than a search."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from kb.smtp.codes import ENHANCED, REPLY
from kb.smtp.search.morphology import candidate_roots
from kb.smtp.text import fold

MAX_TOKENS = 24
SYNONYM_FACTOR = 0.6  # a synonym's match counts a little less than the word typed

STOP_WORDS = frozenset(
    "ve ile bir bu da de ki mi mu ne icin gibi olan nedir nasil neden niye "
    "the an to is of and or in on for at by be it as are was my me i "
    "smtp hata hatasi hatalari kod kodu kodlari error code "
    "ben benim bana bende sorun sorunu problem problemi aliyorum veriyor diyor "
    "yaziyor oluyor ediyor anlami demek gonderdigim attigim yolladigim".split()
)

WORD_RE = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
# Signs that a "query" is a pasted bounce or diagnostic line, not words to search for.
_BOUNCE_MARKERS = re.compile(
    rf"diagnostic-code:|final-recipient:|^status:\s*{ENHANCED}|^action:\s*(?:failed|delayed)"
    r"|\bsaid:|remote server returned|mailer-daemon|delivery status notification"
    r"|undeliverable|undelivered mail|teslim edilemedi|returned to sender",
    re.IGNORECASE | re.MULTILINE,
)
_REPLY_AND_STATUS = re.compile(rf"(?<![\d.]){REPLY}[ -]{ENHANCED}(?![\d.])")
BOUNCE_MIN_WORDS = 4  # "550 5.1.1" is a code to look up; with a sentence it is a diagnostic


def looks_like_bounce(text: str) -> bool:
    """Whether a search box received a pasted bounce or diagnostic line (hand it to the
    decoder) rather than words or a code to search for."""
    if text.count("\n") >= 2 or _BOUNCE_MARKERS.search(text):
        return True
    pair = _REPLY_AND_STATUS.search(text)
    return bool(pair) and len(WORD_RE.findall(text)) - 2 >= BOUNCE_MIN_WORDS


Phrase = tuple[str, ...]  # folded words
Synonyms = dict[Phrase, tuple[Phrase, ...]]


def phrase_of(text: str) -> Phrase:
    """A term as folded words of 2+ characters: "E-posta" → ("posta",)."""
    return tuple(word for word in WORD_RE.findall(fold(text)) if len(word) >= 2)


def compile_synonyms(*tables: Mapping[str, Iterable[str]]) -> Synonyms:
    """Folded lookup table from entries written as people type them; later tables add
    terms to earlier ones."""
    merged: dict[Phrase, list[Phrase]] = {}
    for table in tables:
        for word, terms in table.items():
            key = phrase_of(word)
            if not key:
                continue
            found = merged.setdefault(key, [])
            found.extend(p for term in terms if (p := phrase_of(term)) and p != key)
    return {key: tuple(dict.fromkeys(terms)) for key, terms in merged.items()}


@dataclass(frozen=True)
class Concept:
    """One thing the query asks for: the words typed (with their position among the
    query's words) and the phrases that count as it, each with its factor."""

    start: int
    words: Phrase
    alternatives: tuple[tuple[Phrase, float], ...]


def _synonyms_of(word: str, synonyms: Synonyms) -> tuple[Phrase, ...]:
    if (word,) in synonyms:
        return synonyms[(word,)]
    if word.isalpha():
        for root in candidate_roots(word):  # "limitini" → "limit", "mailim" → "mail"
            if (root,) in synonyms:
                return synonyms[(root,)]
    return ()


def concepts(words: Sequence[str], synonyms: Synonyms) -> list[Concept]:
    """The query's concepts, in order, without stop words or repeats; a multi-word
    synonym entry ("kara liste", "geri döndü") is one concept."""
    longest = max((len(key) for key in synonyms), default=1)
    found: list[Concept] = []
    seen: set[Phrase] = set()
    position = 0
    while position < len(words) and len(found) < MAX_TOKENS:
        for size in range(min(longest, len(words) - position), 1, -1):
            phrase = tuple(words[position : position + size])
            if phrase in synonyms:
                break
        else:
            phrase = (words[position],)
        position_of_concept, position = position, position + len(phrase)
        word = phrase[0]
        if phrase in seen or (len(phrase) == 1 and (len(word) < 2 or word in STOP_WORDS)):
            continue
        seen.add(phrase)
        alternatives = synonyms.get(phrase, ()) if len(phrase) > 1 else _synonyms_of(word, synonyms)
        found.append(
            Concept(
                position_of_concept,
                phrase,
                ((phrase, 1.0), *((term, SYNONYM_FACTOR) for term in alternatives)),
            )
        )
    return found
