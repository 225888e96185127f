"""The reason of one recipient's bounce, from its codes, its text and its context.

A reason (:mod:`kb.smtp.reasons`) is decided the way Sisimai decides it, so our names mean
what theirs mean, but with our own tables (:mod:`.reason_phrases`) and rules:

1. A reason the bounce format itself states (``Facts.hint``, from :mod:`.formats`) wins,
   unless it is one of the vague ones (``userunknown``, ``expired`` … in ``RECHECKED``) that
   the text may still refine.
2. The local delivery agent's own words (procmail, maildrop, dovecot …), then the provider's
   known replies (:mod:`.providers`: Gmail, Microsoft, Yahoo, Orange …).
3. *Probes* in a fixed order: each reason checks the enhanced code's meaning
   (``STATUS_REASONS``), the SMTP command that was refused and its phrases. The same words
   mean different things after different commands: "user unknown" in reply to RCPT is an
   unknown user, after DATA it is a content filter (``filtered``).
4. Otherwise the code's meaning, refined by phrases when the code is vague; then the class
   of the code (x.6 → content, x.7 → security), the reply code (501 → syntax) and the action
   (a delay → ``expired``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.smtp import codes, tables
from kb.smtp.decoder import providers
from kb.smtp.decoder.reason_phrases import TABLES
from kb.smtp.text import fold

MAX_TEXT = 4_000

# The reason an enhanced status code stands for when nothing more specific is said
# (kb/smtp/data/status_reasons.toml), and whole subjects that share one.
STATUS_REASONS = tables.by_label(tables.load("status_reasons"))
STATUS_REASONS |= {f"5.6.{n}": "contenterror" for n in (0, 1, 2, 3, 5, 6, 7, 8, 9)}
STATUS_REASONS |= {f"5.7.{n}": "securityerror" for n in (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)}
STATUS_REASONS |= {f"5.7.{n}": "securityerror" for n in (14, 15, 19)}

# What a bare reply code says when nothing else does (RFC 5321, 4954, 7504).
REPLY_REASONS = {
    "422": "securityerror", "432": "securityerror", "451": "systemerror", "452": "systemfull",
    "500": "syntaxerror", "501": "syntaxerror", "502": "syntaxerror", "503": "syntaxerror",
    "504": "syntaxerror", "521": "notaccept", "523": "securityerror", "524": "securityerror",
    "525": "securityerror", "534": "securityerror", "535": "securityerror",
    "538": "securityerror", "552": "mailboxfull", "556": "notaccept",
}  # fmt: skip

# Reasons that a later rule may still make more precise.
RECHECKED = {"systemerror", "securityerror", "expired", "networkerror", "hostunknown"}
RECHECKED |= {"userunknown"}
BEFORE_DATA = {"CONN", "EHLO", "HELO", "MAIL", "RCPT"}

# Local delivery agents: their name in the text, then their wording per reason.
LOCAL_AGENTS = (
    ("your message to <", "> was automatically rejected:"),  # dovecot
    ("mail.local: ",), ("procmail: ", "/procmail "), ("maildrop: ",), ("vdelivermail: ",),
    ("vdeliver: ",),
)  # fmt: skip
LOCAL_AGENT_WORDS = (
    ("mailboxfull", re.compile(r"quota exceeded|not enough disk space|mailbox full|disc quota|"
                               r"over quota|maildir over quota|system quota violation")),
    ("userunknown", re.compile(r"mailbox doesn't exist|unknown user|user unknown|invalid mailbox "
                               r"path|missing home directory|cannot find system user|invalid "
                               r"user specified|no mailbox here by that name|unknown (?:base|"
                               r"virtual) user|does not refer to a virtual user")),
    ("filtered", re.compile(r"user does not exist, but will deliver to ")),
    ("suspend", re.compile(r"account is locked email bounced")),
    ("systemerror", re.compile(r"temporary file write error|service unavailable")),
    ("systemfull", re.compile(r"no space left to finish writing")),
)  # fmt: skip


@dataclass
class Facts:
    """What the engine knows about one recipient; ``text`` is the raw diagnostic."""

    status: str | None = None  # enhanced status code of the cause ("5.1.1")
    reply: str | None = None  # reply code of the cause ("550")
    text: str = ""  # the diagnostic text (normalised by ``reason_of``)
    command: str = ""  # the refused SMTP command: CONN EHLO HELO MAIL RCPT DATA AUTH …
    action: str = ""  # "failed" or "delayed"
    diag_type: str = ""  # "SMTP", "X-UNIX", "X-POSTFIX" … (Diagnostic-Code: type;)
    hint: str = ""  # a reason the bounce format states itself
    host: str = ""  # remote host name, lower case
    domain: str = ""  # the recipient's domain, lower case
    lhost: str = ""  # the host that wrote the bounce, lower case


def reason_of(facts: Facts) -> str | None:
    """The reason name for one recipient, or ``None`` when the bounce does not say."""
    facts.text = normalise(facts.text, facts.reply)
    if facts.hint and facts.hint not in RECHECKED:
        return facts.hint
    found = _local_agent(facts) or providers.reason(facts)
    if not found and facts.diag_type in ("", "SMTP"):
        found = next((name for name, probe in PROBES if probe(facts)), None)
    found = found or _fallback(facts)
    if not found and facts.action == "delayed":
        found = "expired"
    return found or facts.hint or REPLY_REASONS.get(facts.reply or "")


_CONTINUATION_RE = re.compile(rf"(?<![\w.])({codes.REPLY})[- ](?:{codes.ENHANCED}\b)?")
_SPACE_RE = re.compile(r"\s+")


def normalise(text: str, reply: str | None = None) -> str:
    """Folded, one line, without the "550-5.7.1 " prefixes of a multi-line reply."""
    text = fold(text[:MAX_TEXT])
    if reply and f"{reply}-" in text:
        first = next((m for m in _CONTINUATION_RE.finditer(text) if m[1] == reply), None)
        if first:  # keep the first "550 5.7.1", drop the repeats that continue the reply
            rest = _CONTINUATION_RE.sub(
                lambda m: " " if m[1] == reply else m[0], text[first.end() :]
            )
            text = text[: first.end()] + rest
    return _SPACE_RE.sub(" ", text).strip()


def has(name: str, facts: Facts) -> bool:
    return bool(facts.text) and TABLES[name].search(facts.text) is not None


def _code_reason(facts: Facts) -> str:
    return STATUS_REASONS.get(facts.status or "", "")


def _local_agent(facts: Facts) -> str | None:
    if facts.command not in ("", "DATA") or not facts.text:
        return None
    if not any(all(part in facts.text for part in agent) for agent in LOCAL_AGENTS):
        return None
    return next((name for name, words in LOCAL_AGENT_WORDS if words.search(facts.text)), None) or (
        "mailererror"
    )


# --- probes, in the order they are tried ---------------------------------------------------


def _simple(name: str):
    """The reason when the hint or the code says it, or its phrases match."""
    return lambda f: f.hint == name or _code_reason(f) == name or has(name, f)


def _mesgtoobig(f: Facts) -> bool:
    if f.hint == "mesgtoobig" or _code_reason(f) == "mesgtoobig":
        return True
    return _code_reason(f) != "exceedlimit" and has("mesgtoobig", f)


def _suspend(f: Facts) -> bool:
    return f.hint == "suspend" or f.reply == "525" or has("suspend", f)


def _norelaying(f: Facts) -> bool:
    if f.hint == "norelaying":
        return True
    return f.command not in ("CONN", "EHLO", "HELO") and has("norelaying", f)


def _userunknown(f: Facts) -> bool:
    if f.hint == "userunknown":
        return True
    code_reason = _code_reason(f)
    if code_reason == "userunknown":
        others = ("norelaying", "blocked", "mailboxfull", "hasmoved", "rejected", "notaccept")
        return not any(_other_words(name, f) for name in others)
    return code_reason != "suspend" and f.command == "RCPT" and has("userunknown", f)


def _other_words(name: str, f: Facts) -> bool:
    if name == "rejected":
        return _rejected_words(f)
    return has(name, f)


def _filtered(f: Facts) -> bool:
    if f.hint == "filtered":
        return True
    code_reason = _code_reason(f)
    if code_reason == "suspend":
        return False
    if code_reason != "filtered" and f.command in BEFORE_DATA:
        return False
    return has("filtered", f) or has("userunknown", f)


def _contenterror(f: Facts) -> bool:
    if f.hint == "contenterror":
        return True
    if _spamdetected(f):
        return False
    return _code_reason(f) == "contenterror" or has("contenterror", f)


def _rejected_words(f: Facts) -> bool:
    return has("rejected", f) and not has("rejected_not", f)


def _rejected(f: Facts) -> bool:
    code_reason = _code_reason(f)
    if f.hint == "rejected" or code_reason == "rejected":
        return True
    if f.command == "MAIL":
        return _rejected_words(f)
    if f.command == "DATA":
        return code_reason != "userunknown" and _rejected_words(f)
    vague = code_reason in ("", "securityerror", "systemerror")
    return vague and _rejected_words(f)


def _hostunknown(f: Facts) -> bool:
    if f.hint == "hostunknown":
        return True
    if _code_reason(f) == "hostunknown":
        return not has("networkerror", f)
    return has("hostunknown", f)


def _spamdetected(f: Facts) -> bool:
    if f.hint == "spamdetected" or _code_reason(f) == "spamdetected":
        return True
    if not f.status or f.command in BEFORE_DATA:
        return False
    return has("spamdetected", f)


PROBES = (
    ("mailboxfull", _simple("mailboxfull")),
    ("mesgtoobig", _mesgtoobig),
    ("exceedlimit", _simple("exceedlimit")),
    ("suspend", _suspend),
    ("hasmoved", lambda f: f.hint == "hasmoved" or has("hasmoved", f)),
    ("norelaying", _norelaying),
    ("authfailure", _simple("authfailure")),
    ("userunknown", _userunknown),
    ("filtered", _filtered),
    ("requireptr", _simple("requireptr")),
    ("notcompliantrfc", lambda f: f.hint == "notcompliantrfc" or has("notcompliantrfc", f)),
    ("badreputation", lambda f: f.hint == "badreputation" or has("badreputation", f)),
    ("contenterror", _contenterror),
    ("rejected", _rejected),
    ("hostunknown", _hostunknown),
    ("spamdetected", _spamdetected),
    ("speeding", lambda f: f.hint == "speeding" or has("speeding", f)),
    ("toomanyconn", _simple("toomanyconn")),
    ("blocked", _simple("blocked")),
)

# Phrases tried when the code says nothing precise, in this order.
REFINED_BY_WORDS = (
    "mailboxfull", "authfailure", "badreputation", "speeding", "spamdetected", "virusdetected",
    "policyviolation", "norelaying", "systemerror", "networkerror", "suspend", "contenterror",
    "systemfull", "notaccept", "expired", "failedstarttls", "securityerror", "mailererror",
)  # fmt: skip


def _fallback(f: Facts) -> str | None:
    code_reason = _code_reason(f)
    if code_reason and code_reason not in RECHECKED and f.diag_type in ("", "SMTP"):
        return code_reason
    found = next((name for name in REFINED_BY_WORDS if has(name, f)), None)
    if found or code_reason:
        return found or code_reason
    subject = (f.status or "")[:3]
    if subject in ("5.6", "4.6"):
        return "contenterror"
    if subject in ("5.7", "4.7"):
        return "securityerror"
    if f.diag_type.startswith("X-UNIX"):
        return "mailererror"
    if f.reply and f.reply[1] == "0" and f.reply[0] in "45" and "1" <= f.reply[2] <= "7":
        return "syntaxerror"
    if f.action in ("delayed", "expired"):
        return "expired"
    return "blocked" if f.command in ("EHLO", "HELO") else None


# --- hard or soft --------------------------------------------------------------------------

# The address itself is wrong: resending can never work.
HARD_REASONS = {"userunknown", "hostunknown", "hasmoved", "notaccept"}
# The condition passes by itself: the same message may go through later.
SOFT_REASONS = {"expired", "networkerror", "toomanyconn", "speeding", "systemfull"}
_TEMPORARY_RE = re.compile(
    r"temporar|try (?:again )?later|try again in|please retry|retry later|greylist|graylist"
    r"|essayer plus tard|spater erneut|geçici|gecici|daha sonra"
)


def permanent_of(
    reason: str | None, reply: str | None, status: str | None, action: str | None, text: str
) -> bool | None:
    """Hard (True) or soft (False) bounce, from the reason, the code and the text together:
    a delay, a 4xx or a temporary wording is soft even with a 5xx code (Orange answers rate
    limits with "550 5.2.0 … veuillez essayer plus tard"); an unknown address is hard."""
    if action == "delayed":
        return False
    klass = (status or reply or "")[:1]
    if reason in HARD_REASONS:
        return klass != "4"
    if reason in SOFT_REASONS or klass == "4":
        return False
    if klass == "5":
        return not _TEMPORARY_RE.search(text)
    return True if reason else None
