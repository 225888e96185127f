"""Find why a bounce happened, per recipient, in whatever the customer pasted.

Input: a whole bounce e-mail (raw source or what a mail client shows) or a Postfix/Exim log
line, as ``str`` or ``bytes``. Modules, in the order they work:

1. ``mime``: the e-mail as text *segments* (``policy.compat32``: the same structure as
   ``policy.default``, an order of magnitude faster on hostile input); parts are walked
   without entering the returned original message, text parts decoded, HTML read only when
   there is no plain text, ``message/delivery-status`` parts rebuilt as text; at most
   ``mime.MAX_PARTS`` parts reach the parser. Text after an "original message" marker is cut.
   Amazon SES's JSON bounce notifications become RFC 3464 blocks (``sesjson``).
2. ``scanner``: every code with its context *tier* (the remote server's own words 100,
   transcript lines 80, ``Status:``/``dsn=`` 50, bare text 30) and the RFC 3464 blocks.
   Linear regexes built from ``kb.smtp.codes`` fragments; dates, IPs and sizes never qualify.
3. ``recipients``: one *target* per failed or delayed recipient: its DSN block and its
   section of the human-readable part (each MTA family names recipients its own way).
4. ``cause``: per target, the code that caused the failure (the most specific one, the
   remote server's over local wrappers, the innermost quoted reply).
5. ``formats``, ``hints`` (with ``families`` and ``families_services``), ``providers``,
   ``classify``: the refused command, the family's own wording, the provider's documented
   replies, and from all that the *reason* (:mod:`kb.smtp.reasons`), whether it is a hard
   bounce, the remote host, delays.

An automatic reply (``autoreply``: out-of-office, RFC 3834) is not a bounce: it gets the
reason ``vacation`` and nothing else. The top-level cause is the first failed recipient's
(a delayed one's only when every recipient is delayed). Without any code, English/Turkish phrases (``phrases``) suggest one.
Evidence and diagnostics are masked with :func:`kb.smtp.text.mask`; recipient addresses are
not (the caller decides). Input is capped at ``MAX_INPUT_CHARS``. An exception is a bug: it
is not swallowed here, the view logs it and shows its "bulunamadı" page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kb.smtp.decoder import cause as causes
from kb.smtp.decoder.analysis import (
    Document,
    Outcome,
    analyse,
    overall_action,
    unwanted_addresses,
)
from kb.smtp.decoder.autoreply import is_autoreply
from kb.smtp.decoder.mime import Parsed, cut_original, parse, with_json_reports
from kb.smtp.decoder.phrases import (
    MAILBOX_FULL_CODE,
    MAILBOX_FULL_TEMPORARY_CODE,
    MAILBOX_FULL_TEMPORARY_LABEL,
    PHRASE_RULES,
    TEMPORARY_RE,
)
from kb.smtp.decoder.recipients import Target, build_targets
from kb.smtp.decoder.scanner import Hit, Scanner
from kb.smtp.text import EMAIL_RE, fold, mask

MAX_INPUT_CHARS = 300_000
MAX_RECIPIENTS = 50
MAX_GUESSED_CHARS = 20_000


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
class Recipient:
    address: str  # as the bounce wrote it, NOT masked: the caller decides
    reply_code: str | None
    enhanced_code: str | None
    reason: str | None  # a name of kb.smtp.reasons.REASONS
    action: Literal["failed", "delayed"]
    diagnostic: str | None  # masked

    def __str__(self) -> str:  # safe to show: a template printing a recipient masks it
        return mask(self.address)


@dataclass(frozen=True)
class DecodeResult:
    reply_code: str | None  # cause, 3-digit
    enhanced_code: str | None  # cause, x.y.z
    codes: list[FoundCode]  # cause entries first (reply, enhanced), then others, no duplicates
    guess: Guess | None  # only when no cause code was found
    diagnostic: str | None  # the masked diagnostic line that gave the cause, if any
    recipients: list[Recipient] = field(default_factory=list)  # failed or delayed, in order
    action: Literal["failed", "delayed"] | None = None  # "delayed" only if all are delayed
    will_retry_until: str | None = None  # ISO 8601 when parseable, else as written
    reason: str | None = None  # the first failed recipient's reason
    permanent: bool | None = None  # hard (True) or soft (False) bounce
    remote_host: str | None = None  # the remote MTA the bounce names, lower case


_EMPTY = DecodeResult(None, None, [], None, None)


def decode(text: str | bytes) -> DecodeResult:
    """Find the codes, reason and recipients of a bounce."""
    return _decode(*_as_text(text))


def _as_text(text: str | bytes) -> tuple[str, bool]:
    """The input as text, and whether it was bytes that are not UTF-8 (then read as
    Latin-1, one character per byte, so that each part can be decoded with its charset)."""
    latin1 = False
    if isinstance(text, (bytes, bytearray)):
        raw = bytes(text[: MAX_INPUT_CHARS * 2])
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text, latin1 = raw.decode("latin-1"), True
    text = str(text or "")[:MAX_INPUT_CHARS].replace("\x00", " ")
    return text.replace("\r\n", "\n").replace("\r", "\n"), latin1


def _decode(text: str, latin1: bool = False) -> DecodeResult:
    if not text.strip():
        return _EMPTY
    parsed = parse(text, latin1)
    if not any(segment.strip() for segment in parsed.segments):
        parsed = Parsed([cut_original(text)])  # e.g. DSN fields pasted where headers would be
    parsed = with_json_reports(parsed)
    scan = Scanner()
    for segment_no, segment in enumerate(parsed.segments):
        scan.run(segment_no, segment)
    if is_autoreply(parsed, scan):  # an out-of-office reply: delivered, not a bounce
        return DecodeResult(None, None, [], None, None, reason="vacation")
    unwanted = unwanted_addresses(parsed.headers)
    targets, _ = build_targets(scan.blocks, parsed.segments, parsed.human, unwanted)
    if not targets:  # Exim and Google Groups name them in a header, log lines in passing
        named = EMAIL_RE.finditer(parsed.headers.get("x-failed-recipients", ""))
        found = [f"{m[1]}@{m[2]}" for m in named] + scan.recipients
        seen = {address.lower(): address for address in reversed(found)}
        targets = [Target(address) for key, address in seen.items() if key not in unwanted]
        targets = targets[::-1][:MAX_RECIPIENTS]
    targets = targets[:MAX_RECIPIENTS]
    doc = Document.of(parsed, scan, targets)
    outcomes = [analyse(target, doc) for target in targets]
    primary = next((o for o in outcomes if o.action == "failed"), outcomes[0] if outcomes else None)
    if primary is None:
        primary = analyse(None, doc)
    recipients = [_recipient(outcome) for outcome in outcomes]
    action = overall_action(outcomes, primary)
    return _result(primary, scan, recipients, action)


def _recipient(outcome: Outcome) -> Recipient:
    return Recipient(
        address=outcome.address or "",
        reply_code=outcome.cause.reply if outcome.cause else None,
        enhanced_code=outcome.enhanced.enhanced if outcome.enhanced else None,
        reason=outcome.reason,
        action=outcome.action or "failed",
        diagnostic=outcome.diagnostic,
    )


def _result(primary: Outcome, scan: Scanner, recipients: list[Recipient], action) -> DecodeResult:
    common = {
        "recipients": recipients,
        "action": action,
        "will_retry_until": primary.retry_until,
        "reason": primary.reason,
        "permanent": primary.permanent,
        "remote_host": primary.remote_host,
    }
    cause, enhanced_hit = primary.cause, primary.enhanced
    if cause is None:
        guess = _guess("\n".join(scan.words)[:MAX_GUESSED_CHARS])
        others = [_found(hit, code, "other") for hit, code in causes.other_codes(scan.hits, set())]
        return DecodeResult(None, None, others, guess, None, **common)
    cause_codes = [_found(cause, cause.reply, "cause")] if cause.reply else []
    if enhanced_hit and enhanced_hit.enhanced:
        cause_codes.append(_found(enhanced_hit, enhanced_hit.enhanced, "cause"))
    seen = {found.code for found in cause_codes}
    others = [_found(hit, code, "other") for hit, code in causes.other_codes(scan.hits, seen)]
    return DecodeResult(
        reply_code=cause.reply,
        enhanced_code=enhanced_hit.enhanced if enhanced_hit else None,
        codes=cause_codes + others,
        guess=None,
        diagnostic=primary.diagnostic,
        **common,
    )


def _found(hit: Hit, code: str, role: Literal["cause", "other"]) -> FoundCode:
    return FoundCode(code, role, causes.evidence(hit.line, hit.pos[2]), hit.source)


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
