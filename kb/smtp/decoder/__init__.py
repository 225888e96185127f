"""Find the SMTP code that caused a bounce, in whatever the customer pasted (MIME: decoder_mime.py).

Input: a whole bounce e-mail (raw source or what a mail client shows) or a Postfix/Exim log
line, as ``str`` or ``bytes``. The approach:

1. **Segments.** Input that looks like an e-mail is parsed with the standard ``email``
   package (``policy.compat32``: we need only structure and payloads, and the header objects
   of ``policy.default`` are ~20x slower on a pathological 100 KB input with thousands of
   parts). Parts are walked without entering the returned original message; text parts are
   decoded (base64, quoted-printable, charset); HTML is read only when there is no plain text;
   ``message/delivery-status`` parts are rebuilt as text (base64/QP ones decoded). Text after
   an "original message" marker is dropped. Anything else is one plain-text segment.
2. **Hits.** Segments are read line by line. RFC 3464 fields form per-recipient blocks;
   quoted header lines of the original message (Received:, Date:, Subject:, X-...:) are
   skipped. Each code gets a *tier* from its context: the remote server's own words
   (``Diagnostic-Code:``, "said:", "Remote Server returned '...'", "Uzak Sunucu '...'
   döndürdü", Exim's "SMTP error from remote mail server", transcript ``<<<`` lines) 100,
   other Sendmail transcript lines 80, ``Status:``/``dsn=`` 50, bare text 30. A context
   phrase ending a line ("The response from the remote server was:") covers the next lines.
3. **Validation.** Linear regexes with non-digit boundaries, so dates, times, IPs, ports,
   sizes and IDs never qualify: reply ``[2-5][0-5][0-9]``; enhanced ``class.subject.detail``,
   class 2/4/5, 1-3 digits without leading zeros. A reply and an enhanced code written
   together must share their class, otherwise the enhanced one is dropped.
4. **Cause.** Only 4xx/5xx can cause a failure: highest tier, then 5 before 4, then the least
   vague (x.0.0 and bare enhanced codes in free text are vague), then the first one (so the
   first failed recipient wins). A missing enhanced code is completed from the same line or
   a ``Status:`` field; a bare ``Status:`` cause takes the reply that states the same code.
   Every other distinct code is listed as "other", by tier and position.
5. **Guess.** Without a cause, English/Turkish phrases (``decoder_phrases``) suggest a code.

Evidence, diagnostic and recipients are masked with :func:`mask`. Input is capped at
``MAX_INPUT_CHARS`` and ``MAX_LINES`` lines per segment; ``decode`` never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Literal, NamedTuple

from kb.decoder_mime import cut_original, text_segments
from kb.decoder_phrases import (
    ERROR_WORD_RE,
    MAILBOX_FULL_CODE,
    MAILBOX_FULL_TEMPORARY_CODE,
    MAILBOX_FULL_TEMPORARY_LABEL,
    PHRASE_RULES,
    REMOTE_REPLY_AFTER_RE,
    REMOTE_REPLY_RE,
    SCANNED_FIELDS,
    TEMPORARY_RE,
    TRANSCRIPT_PREFIX_RE,
    TRANSCRIPT_START_RE,
)

MAX_INPUT_CHARS = 300_000
MAX_LINES = 20_000
MAX_HITS = 500
MAX_CODES_PER_LINE = 20
MAX_EVIDENCE = 300
MAX_OTHER_CODES = 30
MAX_RECIPIENTS = 20


@dataclass(frozen=True)
class FoundCode:
    code: str  # "550" or "5.1.1"
    role: Literal["cause", "other"]
    evidence: str  # the (masked, <= 300 chars) line/fragment it was found in
    source: str  # "diagnostic-code", "remote-said", "status-field", "transcript", "text"


@dataclass(frozen=True)
class Guess:
    code: str  # likely code, e.g. "5.2.2"
    phrase: str  # the phrase that matched, e.g. "mailbox full"
    label_tr: str  # short Turkish explanation


@dataclass(frozen=True)
class DecodeResult:
    reply_code: str | None  # cause, 3-digit
    enhanced_code: str | None  # cause, x.y.z
    codes: list[FoundCode]  # cause entries first (reply, enhanced), then others, no duplicates
    guess: Guess | None  # only when no cause code was found
    diagnostic: str | None  # the masked diagnostic line that gave the cause, if any
    recipients: list[str]  # masked failed recipient addresses, if found


_EMPTY = DecodeResult(None, None, [], None, None, [])

# --- masking ----------------------------------------------------------------------------

_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])([\w.%+-]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})"
)
_IPV4_RE = re.compile(r"(?<![\d.])((?:\d{1,3}\.){3})(\d{1,3})(?!\.?\d)")
_IPV6_RE = re.compile(r"(?<![\w:.])[0-9A-Fa-f:]{2,39}(?![\w:])")


def mask(text: str) -> str:
    """Mask e-mail addresses and IP addresses in ``text``.

    - ``ali.veli@example.com`` -> ``a***@example.com``: the first character of the local
      part and the whole domain stay, so support still sees which domain bounced.
    - IPv4 keeps the first three octets: ``203.0.113.5`` -> ``203.0.113.***`` (anything
      shaped like an IPv4 address is masked, also a version-like ``4.16.55.1``).
    - IPv6 keeps the first two groups: ``2001:db8::25`` -> ``2001:db8:***``.
    """
    text = _EMAIL_RE.sub(lambda m: f"{m[1][0]}***@{m[2]}", text)
    text = _IPV4_RE.sub(lambda m: m[1] + "***" if _is_ipv4(m[0]) else m[0], text)
    return _IPV6_RE.sub(_mask_ipv6, text)


def _is_ipv4(token: str) -> bool:
    return all(int(part) <= 255 for part in token.split("."))


def _mask_ipv6(match: re.Match[str]) -> str:
    token, groups = match[0], match[0].split(":")
    full = len(groups) == 8 and all(groups)
    if ("::" in token or full) and len(groups) >= 3 and all(len(g) <= 4 for g in groups):
        return ":".join(groups[:2]) + ":***"
    return token  # a time such as 10:15:32, or not an address at all


# --- hits -------------------------------------------------------------------------------

_ENH = r"[245]\.(?:0|[1-9]\d{0,2})\.(?:0|[1-9]\d{0,2})(?![\w@]|[.,:-]\d)"
_CODE_RE = re.compile(
    rf"(?<![\w.,/@=+:%$-])(?P<reply>[2-5][0-5]\d)"
    rf"(?:[ \t-]{{1,3}}#?(?P<enh>{_ENH})|(?=[\s'\")\];,]|[.:-](?!\d)|$))"
    rf"|(?<![\w.,/@+:-])(?P<lone>{_ENH})"
)
_FIELD_RE = re.compile(r"([A-Za-z][\w-]{0,60}):(?:[ \t]|$)")
_DSN_FIELDS = {"final-recipient", "action", "status", "diagnostic-code", "remote-mta"}
_LETTER_AFTER_RE = re.compile(r"[ \t:-]\s?[^\W\d_]")
_ADDR = r"[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
_RECIPIENT_RE = re.compile(
    rf"^\s{{0,8}}<?({_ADDR})>?(?::|\s*$)|\bto=<({_ADDR})>|(?:\*\*|==)\s({_ADDR})"
    rf"|delivered\sto\s<?({_ADDR})",
    re.IGNORECASE,
)


class _Hit(NamedTuple):
    reply: str | None
    enhanced: str | None
    source: str
    tier: int
    pos: tuple[int, int, int]  # segment, line, column
    line: str
    block: int | None = None  # index of the DSN block the hit came from

    @property
    def failure_class(self) -> str:
        return (self.reply or self.enhanced or "0")[0]


@dataclass
class _Block:
    """One RFC 3464 field group (per-message or per-recipient) and its line numbers."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _codes(text: str) -> Iterator[tuple[int, str | None, str | None]]:
    """(column, reply, enhanced) for every syntactically valid code in ``text``."""
    for match in islice(_CODE_RE.finditer(text), MAX_CODES_PER_LINE):
        reply, enhanced = match["reply"], match["enh"] or match["lone"]
        if reply and enhanced and reply[0] != enhanced[0]:
            enhanced = None  # "550 4.1.1" contradicts itself: keep only the reply
        yield match.start(), reply, enhanced


class _Scanner:
    """Reads segments line by line, collecting hits, DSN blocks, recipients and ``words``:
    the lines that belong to the bounce itself (the phrase guess reads only those)."""

    def __init__(self) -> None:
        self.hits: list[_Hit] = []
        self.blocks: list[_Block] = []
        self.recipients: list[str] = []
        self.words: list[str] = []

    def run(self, segment_no: int, text: str) -> None:
        self.segment_no, self.block, self.field = segment_no, _Block(), None
        self.lead_in, self.in_transcript = 0, False
        for line_no, line in enumerate(text.splitlines()[:MAX_LINES]):
            self.feed(line_no, line)
        self.close_block()

    def feed(self, line_no: int, line: str) -> None:
        if not line.strip():
            self.close_block()
            self.field = None
        elif line[0] in " \t" and self.field:  # a folded continuation line
            if self.field != "skip":
                self.block.fields[self.field] += " " + line.strip()
        elif (match := _FIELD_RE.match(line)) and match[1].lower() in _DSN_FIELDS:
            self.start_field(match[1].lower(), line[match.end() :].strip(), line_no)
        elif match and match[1].lower() not in SCANNED_FIELDS:
            self.field = "skip"  # a quoted header of the original message, or DSN noise
        else:
            self.field = None
            self.words.append(line)
            self.scan_line(line_no, line)

    def start_field(self, name: str, value: str, line_no: int) -> None:
        if name == "final-recipient" and name in self.block.fields:
            self.close_block()  # recipients pasted without the blank line between them
        self.block.fields[name], self.block.lines[name] = value, line_no
        self.field = name

    def close_block(self) -> None:
        block, self.block = self.block, _Block()
        if not block.fields:
            return
        self.blocks.append(block)
        self.words.append(block.fields.get("diagnostic-code", ""))
        fields = (("diagnostic-code", "diagnostic-code", 100), ("status", "status-field", 50))
        for name, source, tier in fields:
            value = block.fields.get(name, "")
            for column, reply, enhanced in _codes(value):
                pos = (self.segment_no, block.lines[name], column + len(name) + 2)
                line = f"{name.title()}: {value}"
                self.add(_Hit(reply, enhanced, source, tier, pos, line, len(self.blocks) - 1))

    def scan_line(self, line_no: int, line: str) -> None:
        if line.lstrip().startswith(">>>"):
            return  # our own SMTP commands in a Sendmail transcript
        self.in_transcript = self.in_transcript or bool(TRANSCRIPT_START_RE.search(line))
        if recipient := _RECIPIENT_RE.search(line):
            self.recipients.append(next(group for group in recipient.groups() if group))
        trigger = REMOTE_REPLY_RE.search(line)
        remote_after = REMOTE_REPLY_AFTER_RE.search(line) is not None
        remote_found = False
        for column, reply, enhanced in _codes(line):
            remote = remote_after or self.lead_in > 0 or bool(trigger and column >= trigger.end())
            source, tier = self.classify(line, column, reply, enhanced, remote)
            if source:
                self.add(
                    _Hit(reply, enhanced, source, tier, (self.segment_no, line_no, column), line)
                )
                remote_found = remote_found or tier == 100
        if trigger and not remote_found:
            self.lead_in = 3  # "The response from the remote server was:" + code below
        else:
            self.lead_in = 0 if remote_found else max(self.lead_in - 1, 0)

    def classify(
        self, line: str, column: int, reply: str | None, enhanced: str | None, remote: bool
    ) -> tuple[str | None, int]:
        prefix = line[:column]
        if remote:
            return "remote-said", 100
        if TRANSCRIPT_PREFIX_RE.search(prefix):
            return "transcript", 100
        if self.in_transcript and not prefix.strip():
            return "transcript", 80
        if reply is None and prefix.endswith("dsn="):
            return "status-field", 50
        if (reply or enhanced or "0")[0] not in "45" or prefix.endswith("="):
            return None, 0  # 2xx/3xx in free text, or a value such as score=5.5.1
        if reply and not enhanced:  # a bare number: only "550 Text" at a line's start
            at_start = not prefix.strip(" \t'\"(>#*") or ERROR_WORD_RE.search(prefix)
            if not (at_start and _LETTER_AFTER_RE.match(line, column + 3)):
                return None, 0
        return "text", 30

    def add(self, hit: _Hit) -> None:
        if len(self.hits) < MAX_HITS:
            self.hits.append(hit)


# --- result -----------------------------------------------------------------------------


def decode(text: str | bytes) -> DecodeResult:
    """Find the SMTP reply code and enhanced status code that caused a bounce."""
    try:
        return _decode(_as_text(text))
    except Exception:  # a paste must never crash the page; an empty result is honest
        return _EMPTY


def _as_text(text: str | bytes) -> str:
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text[: MAX_INPUT_CHARS * 2]).decode("utf-8", errors="replace")
    text = str(text or "")[:MAX_INPUT_CHARS].replace("\x00", " ")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(text: str) -> DecodeResult:
    if not text.strip():
        return _EMPTY
    blocks = text_segments(text)
    if not any(segment.strip() for segment in blocks):
        blocks = [cut_original(text)]  # e.g. DSN fields pasted where headers would be
    scan = _scan(blocks)
    recipients = _failed_recipients(scan.blocks) or _unique(scan.recipients)
    recipients = [mask(address) for address in recipients[:MAX_RECIPIENTS]]
    cause = _choose_cause(scan.hits)
    if cause is None:
        guess = _guess("\n".join(scan.words))
        return DecodeResult(None, None, _other_codes(scan.hits, set()), guess, None, recipients)
    enhanced_hit = _enhanced_hit(cause, scan.hits)
    cause_codes = [_found(cause, cause.reply, "cause")] if cause.reply else []
    if enhanced_hit and enhanced_hit.enhanced:
        cause_codes.append(_found(enhanced_hit, enhanced_hit.enhanced, "cause"))
    others = _other_codes(scan.hits, {found.code for found in cause_codes})
    return DecodeResult(
        reply_code=cause.reply,
        enhanced_code=enhanced_hit.enhanced if enhanced_hit else None,
        codes=cause_codes + others,
        guess=None,
        diagnostic=_diagnostic(cause, scan.blocks),
        recipients=recipients,
    )


def _scan(segments: list[str]) -> _Scanner:
    scanner = _Scanner()
    for segment_no, segment in enumerate(segments):
        scanner.run(segment_no, segment)
    return scanner


def _choose_cause(hits: list[_Hit]) -> _Hit | None:
    """Highest tier, then 5xx before 4xx, then the least vague, then the first one."""
    failures = [hit for hit in hits if hit.failure_class in "45"]
    if not failures:
        return None
    cause = min(
        failures, key=lambda hit: (-hit.tier, hit.failure_class != "5", _vagueness(hit), hit.pos)
    )
    if cause.reply is None and cause.source == "status-field":
        # Exchange's "#550 5.1.1 ..." line in free text, confirmed by "Status: 5.1.1"
        stated = [hit for hit in failures if hit.reply and hit.enhanced == cause.enhanced]
        return stated[0] if stated else cause
    return cause


def _vagueness(hit: _Hit) -> int:
    """0 for a reply, 1 for a bare enhanced code in free text, 2 for an x.0.0 code."""
    if (hit.enhanced or "").endswith(".0.0"):
        return 2
    return 1 if hit.reply is None and hit.tier < 50 else 0


def _enhanced_hit(cause: _Hit, hits: list[_Hit]) -> _Hit | None:
    """The hit giving the cause's enhanced code: itself, or one that completes it (later on
    the same line, the same DSN block, the same reply elsewhere, any Status: field)."""
    if cause.enhanced:
        return cause
    same_class = [hit for hit in hits if (hit.enhanced or "x")[0] == cause.failure_class]
    candidates = (
        [hit for hit in same_class if hit.pos[:2] == cause.pos[:2] and hit.pos > cause.pos],
        [hit for hit in same_class if cause.block is not None and hit.block == cause.block],
        [hit for hit in same_class if hit.reply == cause.reply and hit.tier >= 80],
        [hit for hit in same_class if hit.source == "status-field"],
    )
    return next((group[0] for group in candidates if group), None)


def _other_codes(hits: list[_Hit], seen: set[str]) -> list[FoundCode]:
    others = []
    for hit in sorted(hits, key=lambda hit: (-hit.tier, hit.pos)):
        for code in (hit.reply, hit.enhanced):
            if code and code not in seen and len(others) < MAX_OTHER_CODES:
                seen.add(code)
                others.append(_found(hit, code, "other"))
    return others


def _found(hit: _Hit, code: str, role: Literal["cause", "other"]) -> FoundCode:
    return FoundCode(code, role, _evidence(hit.line, hit.pos[2]), hit.source)


def _evidence(line: str, column: int) -> str:
    """The masked fragment of ``line`` around ``column``, at most 300 characters."""
    start, end = max(column - 100, 0), column + 250
    if start:  # cut on spaces, so no address or IP is cut in half and left unmasked
        space = line.find(" ", start, column)
        start = space + 1 if space != -1 else start
    if end < len(line):
        space = line.rfind(" ", column, end)
        end = space if space > column else end
    return " ".join(mask(line[start:end]).split())[:MAX_EVIDENCE]


def _diagnostic(cause: _Hit, blocks: list[_Block]) -> str:
    if cause.source == "status-field" and cause.block is not None:
        detail = blocks[cause.block].fields.get("diagnostic-code")
        if detail:  # "X-Postfix; connect to ...: Connection timed out" explains a Status:
            return _evidence(f"Diagnostic-Code: {detail}", 0)
    return _evidence(cause.line, cause.pos[2])


def _failed_recipients(blocks: list[_Block]) -> list[str]:
    found = []
    for block in blocks:
        action = block.fields.get("action", "").strip().lower()
        status = block.fields.get("status", "").strip()
        recipient = block.fields.get("final-recipient", "").split(";")[-1].strip(" <>")
        failed = action.startswith(("failed", "delayed")) or status[:1] in ("4", "5")
        if failed and "@" in recipient:
            found.append(recipient)
    return _unique(found)


def _unique(addresses: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for address in addresses:
        seen.setdefault(address.lower(), address)
    return list(seen.values())


def _guess(text: str) -> Guess | None:
    """The first phrase rule that matches the bounce's own words, or ``None``.

    Rules are tried on the text lower-cased the usual way and the Turkish way (I -> ı,
    İ -> i), so both "MAILBOX FULL" and "KULLANICI BULUNAMADI" are recognised."""
    variants = (text.lower(), text.replace("I", "ı").replace("İ", "i").lower())
    for rule in PHRASE_RULES:
        for lowered in variants:
            if match := rule.pattern.search(lowered):
                code, label = rule.code, rule.label_tr
                if code == MAILBOX_FULL_CODE and TEMPORARY_RE.search(lowered):
                    code, label = MAILBOX_FULL_TEMPORARY_CODE, MAILBOX_FULL_TEMPORARY_LABEL
                return Guess(code, " ".join(match[0].split()), label)
    return None
