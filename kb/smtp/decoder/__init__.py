"""Find the SMTP code that caused a bounce, in whatever the customer pasted.

Modules: ``mime`` (e-mail structure), ``scanner`` (lines and their context), ``phrases``
(the English and Turkish phrase tables); this one chooses the cause.

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
   sizes and IDs never qualify: ``kb.smtp.codes.REPLY`` and ``ENHANCED``: enhanced ``class.subject.detail``,
   class 2/4/5, 1-3 digits without leading zeros. A reply and an enhanced code written
   together must share their class, otherwise the enhanced one is dropped.
4. **Cause.** Only 4xx/5xx can cause a failure: highest tier, then 5 before 4, then the least
   vague (x.0.0 and bare enhanced codes in free text are vague), then the first one (so the
   first failed recipient wins). A missing enhanced code is completed from the same line or
   a ``Status:`` field; a bare ``Status:`` cause takes the reply that states the same code.
   Every other distinct code is listed as "other", by tier and position.
5. **Guess.** Without a cause, English/Turkish phrases (``phrases``) suggest a code.

Evidence, diagnostic and recipients are masked with :func:`mask`. Input is capped at
``MAX_INPUT_CHARS`` and ``MAX_LINES`` lines per segment. An exception is a bug: it is not
swallowed here, the view logs it and shows its "bulunamadı" page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kb.smtp.decoder.mime import cut_original, text_segments
from kb.smtp.decoder.phrases import (
    MAILBOX_FULL_CODE,
    MAILBOX_FULL_TEMPORARY_CODE,
    MAILBOX_FULL_TEMPORARY_LABEL,
    PHRASE_RULES,
    TEMPORARY_RE,
)
from kb.smtp.decoder.scanner import Block, Hit, Scanner
from kb.smtp.text import fold, mask

MAX_INPUT_CHARS = 300_000
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


def decode(text: str | bytes) -> DecodeResult:
    """Find the SMTP reply code and enhanced status code that caused a bounce."""
    return _decode(_as_text(text))


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


def _scan(segments: list[str]) -> Scanner:
    scanner = Scanner()
    for segment_no, segment in enumerate(segments):
        scanner.run(segment_no, segment)
    return scanner


def _choose_cause(hits: list[Hit]) -> Hit | None:
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


def _vagueness(hit: Hit) -> int:
    """0 for a reply, 1 for a bare enhanced code in free text, 2 for an x.0.0 code."""
    if (hit.enhanced or "").endswith(".0.0"):
        return 2
    return 1 if hit.reply is None and hit.tier < 50 else 0


def _enhanced_hit(cause: Hit, hits: list[Hit]) -> Hit | None:
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


def _other_codes(hits: list[Hit], seen: set[str]) -> list[FoundCode]:
    others = []
    for hit in sorted(hits, key=lambda hit: (-hit.tier, hit.pos)):
        for code in (hit.reply, hit.enhanced):
            if code and code not in seen and len(others) < MAX_OTHER_CODES:
                seen.add(code)
                others.append(_found(hit, code, "other"))
    return others


def _found(hit: Hit, code: str, role: Literal["cause", "other"]) -> FoundCode:
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


def _diagnostic(cause: Hit, blocks: list[Block]) -> str:
    if cause.source == "status-field" and cause.block is not None:
        detail = blocks[cause.block].fields.get("diagnostic-code")
        if detail:  # "X-Postfix; connect to ...: Connection timed out" explains a Status:
            return _evidence(f"Diagnostic-Code: {detail}", 0)
    return _evidence(cause.line, cause.pos[2])


def _failed_recipients(blocks: list[Block]) -> list[str]:
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

    Rules and text are compared folded (:func:`kb.smtp.text.fold`), so "MAILBOX FULL",
    "KULLANICI BULUNAMADI" and "kullanici bulunamadi" all match; folding keeps positions,
    so the phrase is shown as it was written."""
    folded = fold(text)
    for rule in PHRASE_RULES:
        if match := rule.pattern.search(folded):
            code, label = rule.code, rule.label_tr
            if code == MAILBOX_FULL_CODE and TEMPORARY_RE.search(folded):
                code, label = MAILBOX_FULL_TEMPORARY_CODE, MAILBOX_FULL_TEMPORARY_LABEL
            return Guess(code, " ".join(text[match.start() : match.end()].split()), label)
    return None
