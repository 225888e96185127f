"""Provider rules: what a mailbox provider's own replies mean (the "rhost" of a bounce).

Big providers document their replies (Gmail's "About SMTP error messages", Microsoft's
"Email non-delivery reports in Exchange Online", Yahoo's "SMTP error codes", Orange's OFR/LPN
labels, Cox's and Spectrum's AUP# codes …). The same code means different things by provider
and wording: Gmail's 550 5.2.1 "receiving mail at a rate that prevents additional messages"
is a rate limit, not a disabled mailbox; Orange's "550 5.5.0 … LPN007_416" is an unknown user.

A provider is recognised by the remote host name (``Facts.host``) or the recipient's domain;
each rule is (enhanced code or "" for any, fragment of the folded text, reason). The rules
themselves are data, in ``kb/smtp/data/`` (providers.toml, provider_codes.toml,
provider_rules.toml).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kb.smtp import codes, tables

if TYPE_CHECKING:
    from kb.smtp.decoder.classify import Facts

# The providers in the order they are tried, with their host suffixes, recipient domains and
# wording rules (kb/smtp/data/providers.toml), and the label-coded replies of some of them
# (kb/smtp/data/provider_codes.toml): a label in the text, then a number that names the reason.
_PROVIDER_DATA = tables.load("providers")
PROVIDERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    name: (tuple(entry["hosts"]), tuple(entry["domains"])) for name, entry in _PROVIDER_DATA.items()
}
WORDING: dict[str, tuple[tuple[str, str], ...]] = {
    name: tables.rows(entry["wording"])
    for name, entry in _PROVIDER_DATA.items()
    if "wording" in entry
}
_CODES = tables.load("provider_codes")
ORANGE_LABEL_RE = re.compile(r"\b(?:lpn|lpnaaa|ofr|ouk)\d*[_-](\d{3})\b")
ORANGE_CODES = tables.by_label(_CODES["orange"])
AUP_RE = re.compile(r"aup#(?:[io]-)?(\w+)")
COX_CODES = tables.by_label(_CODES["cox"])
SPECTRUM_RANGES: tuple[tuple[int, int, str], ...] = tables.rows(_CODES["spectrum"]["ranges"])
GODADDY_RE = re.compile(r"\bib(\d{3})\b")
GODADDY_CODES = tables.by_label(_CODES["godaddy"])
IUA_RE = re.compile(r"\.i\.ua/err/(\d+)/")
IUA_CODES = tables.by_label(_CODES["iua"])
FACEBOOK_RE = re.compile(r"\b((?:pol|msg|rcp|int|dns|con)-[pt]\d)\b")
FACEBOOK_CODES = tables.by_label(_CODES["facebook"])

# Google's and Microsoft's long documented reply tables: (enhanced code, fragment, reason),
# tried in order (kb/smtp/data/provider_rules.toml), and Outlook.com's postmaster labels.
_RULES = tables.load("provider_rules")
GOOGLE: tuple[tuple[str, str, str], ...] = tables.rows(_RULES["google"])
MICROSOFT: tuple[tuple[str, str, str], ...] = tables.rows(_RULES["microsoft"])
MICROSOFT_LABELS: dict[str, tuple[str, str]] = {
    label: tuple(pair) for label, pair in _RULES["microsoft_labels"].items()
}

_COMPILED = {
    name: tuple((reason, re.compile(pattern)) for reason, pattern in rules)
    for name, rules in WORDING.items()
}


def provider_of(host: str, domain: str, lhost: str = "") -> str | None:
    """The provider of the remote host, else of the recipient's domain, else of the host
    that wrote the bounce (Microsoft 365 reports a remote server's reply in its own words)."""
    for name, (suffixes, _) in PROVIDERS.items():
        if _is_host_of(host, suffixes):
            return name
    for name, (_, domains) in PROVIDERS.items():
        if domain and any(domain == d or domain.endswith("." + d) for d in domains):
            return name
    for name, (suffixes, domains) in PROVIDERS.items():
        if _is_host_of(lhost, suffixes + domains):
            return name
    return None


def _is_host_of(host: str, suffixes: tuple[str, ...]) -> bool:
    return bool(host) and any(
        host == s.lstrip(".") or host.endswith(s if s.startswith(".") else "." + s)
        for s in suffixes
    )


def reason(facts: Facts) -> str | None:
    """The reason the provider's own reply stands for, or ``None``."""
    provider = provider_of(facts.host, facts.domain, facts.lhost)
    if provider is None or not facts.text:
        return None
    text = facts.text
    if provider == "google":
        return _coded(GOOGLE, facts)
    if provider == "microsoft":
        return _coded(MICROSOFT, facts) or _labelled(MICROSOFT_LABELS, facts)
    if provider == "orange":
        labels = ORANGE_LABEL_RE.findall(text)
        found = ORANGE_CODES.get(labels[-1]) if labels else None
        return found or ("authfailure" if "spf/dns de votre nom de domaine" in text else None)
    if provider in ("cox", "spectrum"):
        found = _aup(AUP_RE.search(text), provider)
        if found or provider == "spectrum":
            return found
    if provider == "docomo":
        return _docomo(facts)
    coded = {"godaddy": (GODADDY_RE, GODADDY_CODES), "iua": (IUA_RE, IUA_CODES),
             "facebook": (FACEBOOK_RE, FACEBOOK_CODES)}.get(provider)  # fmt: skip
    if coded and (match := coded[0].search(text)) and match[1] in coded[1]:
        return coded[1][match[1]]
    return next(
        (name for name, pattern in _COMPILED.get(provider, ()) if pattern.search(text)), None
    )


def _coded(rules: tuple[tuple[str, str, str], ...], facts: Facts) -> str | None:
    """Rules keyed by enhanced code: exact, a range ("5.7.606-649"), class-free ("x.7.0")
    or "" for any code."""
    status = facts.status or ""
    for code, fragment, name in rules:
        if fragment in facts.text and _code_fits(code, status):
            return name
    return None


def _code_fits(code: str, status: str) -> bool:
    if code.startswith("x."):  # either class
        code = status[:1] + code[1:]
    if not code or code == status:
        return True
    return codes.is_range(code) and codes.range_contains(code, status)


def _labelled(labels: dict[str, tuple[str, str]], facts: Facts) -> str | None:
    """Outlook.com's postmaster labels ("(RP-001)"), valid with their reply code."""
    for label, (reply, name) in labels.items():
        if label in facts.text and facts.reply == reply:
            return name
    return None


def _aup(match: re.Match[str] | None, provider: str) -> str | None:
    if match is None:
        return None
    label = match[1]
    if provider == "cox":
        if label.startswith("ipbl"):
            return "blocked"
        if label.startswith("urlbl"):
            return "spamdetected"
        return COX_CODES.get(label)
    digits = label[-4:]
    if not digits.isdigit():
        return None
    number = int(digits)
    return next((name for low, high, name in SPECTRUM_RANGES if low <= number <= high), None)


def _docomo(facts: Facts) -> str | None:
    """NTT docomo answers RCPT with 550 for unknown users and DATA with 550 for its filters."""
    if facts.status in ("5.1.1", "5.0.911"):
        return "userunknown"
    if facts.status == "5.2.0":
        return "filtered"
    for name, pattern in _COMPILED.get("docomo", ()):
        if pattern.search(facts.text):
            return name
    if facts.status == "5.0.0":
        return {"RCPT": "userunknown", "DATA": "rejected"}.get(facts.command)
    return None
