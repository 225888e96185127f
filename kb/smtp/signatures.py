"""Recognising a provider's exact sentence in a pasted bounce. No Django.

A response's *signature* is its words, folded, without what changes from one bounce to the
next: addresses, IPs, URLs, bracketed placeholders (``[x.xx.xx.xx]``), IDs (anything with
a digit), the codes themselves and the "smtp;" prefix. A pasted text matches a response
when it holds nearly every word of the signature; the best match covers the most words,
then the longest signature, so "…due to the very low reputation of the sending domain"
beats "…has been blocked" when both fit.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kb.smtp.text import fold

_NOISE_RE = re.compile(
    r"https?://\S+|\[[^\]\n]{0,80}\]|<[^>\n]{0,200}>|\S+@\S+|\b\w*\d\w*\b|\bsmtp;",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
MIN_WORDS = 3  # "User unknown" inside a bounce could be anyone's; pasted alone, it is this one
MIN_COVERAGE = 0.75


_LABEL_RE = re.compile(r"\[([A-Za-z]{2,5}[0-9]{1,3})\]")  # Yahoo's [TSS04], Apple's [CS01]


def signature(text: str) -> list[str]:
    """The words that identify a response, in order, then its bracketed labels ([TSS04]):
    they are IDs by their shape, but name the provider's documented case."""
    labels = [fold(label) for label in _LABEL_RE.findall(text)]
    return _WORD_RE.findall(fold(_NOISE_RE.sub(" ", text))) + labels


@dataclass(frozen=True)
class Candidate:
    key: object  # whatever the caller uses to find the response again
    words: tuple[str, ...]
    enhanced_code: str = ""
    reply_code: str = ""
    provider: object = None


@dataclass(frozen=True)
class Match:
    key: object
    coverage: float
    length: int


def best_match(
    text: str,
    candidates: Iterable[Candidate],
    enhanced_code: str | None,
    reply_code: str | None = None,
    provider: object = None,
) -> Match | None:
    """The candidate whose words the text holds best, or None below MIN_COVERAGE.

    A candidate with an enhanced code only matches a text whose cause has the same one
    (when the text has one): the same words under another code are another situation.
    Equal coverage is decided by: the whole paste being exactly that sentence, the same
    reply code, the provider the bounce's host or recipient points to, the longer sentence."""
    pasted = signature(text)
    present = set(pasted)
    best: Match | None = None
    best_rank: tuple = ()
    for candidate in candidates:
        words = candidate.words
        if len(set(words)) < MIN_WORDS and list(words) != pasted:
            continue  # a short sentence counts only when it is all that was pasted
        if enhanced_code and candidate.enhanced_code and candidate.enhanced_code != enhanced_code:
            continue
        coverage = sum(word in present for word in words) / len(words)
        if coverage < MIN_COVERAGE:
            continue
        rank = (
            coverage,
            list(words) == pasted,
            bool(reply_code) and candidate.reply_code == reply_code,
            provider is not None and candidate.provider == provider,
            len(words),
        )
        if best is None or rank > best_rank:
            best, best_rank = Match(candidate.key, coverage, len(words)), rank
    return best


def provider_by_markers(
    texts: Sequence[str], markers: Iterable[tuple[object, str]]
) -> object | None:
    """The provider of the longest marker that stands in one of the texts (the remote host
    name first, then the whole bounce): "olc.protection.outlook.com" (Outlook.com) wins over
    "protection.outlook.com" (Microsoft 365)."""
    ordered = sorted(
        ((fold(marker), key) for key, marker in markers if marker), key=lambda m: -len(m[0])
    )
    for text in (fold(text) for text in texts if text):
        for marker, key in ordered:
            if marker in text:
                return key
    return None


def provider_by_domain(
    addresses: Sequence[str], domains: Iterable[tuple[object, str]]
) -> object | None:
    """The provider serving the first recipient's domain (gmail.com → Gmail)."""
    by_domain = {domain.lower(): key for key, domain in domains}
    for address in addresses:
        domain = address.rpartition("@")[2].lower()
        while domain:
            if domain in by_domain:
                return by_domain[domain]
            domain = domain.partition(".")[2]  # mx.yandex.com.tr → yandex.com.tr
    return None


_ADDRESS_RE = re.compile(r"[\w.%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")


def addresses_in(text: str) -> list[str]:
    """The e-mail addresses a text mentions, for the recipient-domain hint."""
    return [match.group(0) for match in _ADDRESS_RE.finditer(text)]
