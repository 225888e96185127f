"""One recipient's outcome: its cause, reason, action, remote host and retry deadline.

A target's *scope* is what speaks about it: its DSN block and its section of the
human-readable part. With one recipient the whole bounce is its scope; with several, codes
outside every recipient's scope (a shared transcript) are used only by a recipient that has
none of its own. What does not depend on the recipient (the human-readable text, the MTA
families it matches, whether it is a delay notice) is worked out once, in :class:`Document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.smtp.decoder import cause as causes
from kb.smtp.decoder import formats
from kb.smtp.decoder.classify import Facts, permanent_of, reason_of
from kb.smtp.decoder.families import Family
from kb.smtp.decoder.hints import (
    block_hint,
    families_in,
    hint_of,
    is_office365,
    office365_hint,
)
from kb.smtp.decoder.mime import Parsed
from kb.smtp.decoder.recipients import Target
from kb.smtp.decoder.scanner import Hit, Scanner
from kb.smtp.text import EMAIL_RE, fold

MAX_CONTEXT = 20_000
MAX_ERROR_LINES = 40
_SES_BOUNCE_TYPES = {"permanent": True, "transient": False}  # Amazon SES says it (sesjson)
# Log lines of a delivery that will be retried: Postfix "status=deferred", Exim's "==" line
# ("2024-11-28 11:02:47 1tGYbq-0008Lm-3F == ali@example.net R=dnslookup … defer (-44) …").
_DEFERRED_RE = re.compile(r"\bstatus=deferred\b|^\S+ \S+ [\w-]{16,23} == \S+@", re.MULTILINE)
# Local delivery agents write their error without a code ("mail.local: unknown user: ali").
_AGENT_LINE_RE = re.compile(
    r"^.*(?:mail\.local: |procmail: |maildrop: |vdelivermail: |vdeliver: |was automatically "
    r"rejected:).*$",
    re.MULTILINE,
)
# Sendmail's transcript: only its coded lines are the error (program output is not).
_SENDMAIL_RE = re.compile(r"-{5} transcript of session follows -{5}", re.IGNORECASE)
_SENDMAIL_SUBJECT_RE = re.compile(r"see transcript for details$|^warning: ", re.IGNORECASE)


@dataclass
class Outcome:
    address: str | None
    cause: Hit | None
    enhanced: Hit | None
    reason: str | None
    action: str | None  # "failed", "delayed" or None (nothing known)
    permanent: bool | None
    remote_host: str | None
    diagnostic: str | None
    retry_until: str | None


@dataclass
class Document:
    """What every recipient of one bounce shares."""

    parsed: Parsed
    scan: Scanner
    targets: list[Target]
    human: str = ""
    subject: str = ""
    head: str = ""  # the bounce's own kept headers, "name: value" lines
    families: list[Family] = field(default_factory=list)
    delayed: bool = False
    lhost: str = ""  # the host that wrote the bounce (Reporting-MTA or the From: domain)
    error_lines: str = ""  # the coded lines of the human-readable part
    office365: bool = False  # a Microsoft 365 NDR (its status codes have Microsoft's meaning)

    @classmethod
    def of(cls, parsed: Parsed, scan: Scanner, targets: list[Target]) -> Document:
        human = "\n".join(parsed.segments[i] for i in sorted(parsed.human))[:MAX_CONTEXT]
        subject = parsed.headers.get("subject", "")
        head = "".join(f"{name}: {value}\n" for name, value in parsed.headers.items())
        folded = fold(human)
        delayed = formats.is_delay_notice(folded, subject) or bool(_DEFERRED_RE.search(human))
        return cls(
            parsed, scan, targets, human, subject, head, families_in(fold(head) + folded), delayed,
            _lhost(scan, parsed), _error_lines(scan, parsed, human), is_office365(parsed.headers),
        )  # fmt: skip


def unwanted_addresses(headers: dict[str, str]) -> set[str]:
    """Addresses of the bounce's own From/To/Return-Path: the sender, never a recipient."""
    found = set()
    for name in ("from", "to", "return-path"):
        found |= {f"{m[1]}@{m[2]}".lower() for m in EMAIL_RE.finditer(headers.get(name, ""))}
    return found


def analyse(target: Target | None, doc: Document) -> Outcome:
    """The outcome of one target, or of the whole bounce when ``target`` is None."""
    single = target is None or len(doc.targets) == 1
    hits = doc.scan.hits if single else _scoped_hits(target, doc.scan.hits)
    cause = causes.choose_cause(hits)
    enhanced = causes.enhanced_hit(cause, hits) if cause else None
    fields = target.block.fields if target and target.block else {}
    dsn_diag = fields.get("diagnostic-code", "")
    diag_value = dsn_diag.partition(";")[2] if formats.diagnostic_type(dsn_diag) else dsn_diag
    section = target.section.text if target and target.section else ""
    context = doc.human if single else section
    parts = [diag_value, section] + ([doc.error_lines] if single else [])
    if cause and cause.line not in "\n".join(parts):
        parts.append(cause.line)
    text = "\n".join(part for part in parts if part.strip()) or context
    action = _action(target, cause, doc)
    address = target.address if target else None
    host = formats.remote_host_of(fields.get("remote-mta", ""), context or dsn_diag)
    facts = Facts(
        status=enhanced.enhanced if enhanced else None,
        reply=cause.reply if cause else None,
        text=text,
        command=_command(dsn_diag, section, context if single else ""),
        action=action or "",
        diag_type=formats.diagnostic_type(dsn_diag),
        hint=block_hint(fields)
        or (office365_hint(enhanced.enhanced if enhanced else None) if doc.office365 else "")
        or hint_of(_hint_source(single, doc, context, text, diag_value), doc.families),
        host=host or "",
        domain=(address or "").rpartition("@")[2].lower(),
        lhost=doc.lhost,
    )
    reason = reason_of(facts) if (cause or text.strip() or facts.hint) else None
    return Outcome(
        address=address,
        cause=cause,
        enhanced=enhanced,
        reason=reason,
        action=action,
        permanent=_SES_BOUNCE_TYPES.get(fields.get("x-ses-bounce-type", "").strip().lower())
        if fields.get("x-ses-bounce-type")
        else permanent_of(reason, facts.reply, facts.status, action, facts.text),
        remote_host=host,
        diagnostic=causes.diagnostic(cause, doc.scan.blocks) if cause else None,
        retry_until=formats.retry_until(fields.get("will-retry-until"), context),
    )


def _hint_source(single: bool, doc: Document, context: str, text: str, diag: str) -> str:
    """Where a family's wording is looked for: the bounce's headers and text with one
    recipient, that recipient's section otherwise; and the DSN diagnostic."""
    own = (doc.head + context) if single else (context or text)
    return f"{own}\n{diag}" if diag and diag not in own else own


def _scoped_hits(target: Target, hits: list[Hit]) -> list[Hit]:
    section = target.section
    own = [
        hit
        for hit in hits
        if (target.block_no is not None and hit.block == target.block_no)
        or (
            section is not None
            and hit.pos[0] == section.segment
            and section.first <= hit.pos[1] < section.last
        )
    ]
    return own if any(hit.failure_class in "45" for hit in own) else hits


def _command(dsn_diag: str, section: str, context: str) -> str:
    for text in (dsn_diag, section, context):
        if text and (found := formats.command_of(text)):
            return found
    return formats.bare_command_of(dsn_diag) if dsn_diag else ""


def _action(target: Target | None, cause: Hit | None, doc: Document) -> str | None:
    if target is not None and target.block is not None:
        return target.action
    if doc.delayed:
        return "delayed"
    return "failed" if target is not None or cause is not None else None


def overall_action(outcomes: list[Outcome], primary: Outcome) -> str | None:
    if not outcomes:
        return primary.action
    if all(outcome.action == "delayed" for outcome in outcomes):
        return "delayed"
    return "failed"


def _lhost(scan: Scanner, parsed: Parsed) -> str:
    for block in scan.blocks:
        value = block.fields.get("reporting-mta", "").split(";")[-1].split()
        if value:
            return value[0].strip("[]().").lower()
    sender = EMAIL_RE.search(parsed.headers.get("from", ""))
    return sender[2].lower() if sender else ""


def _error_lines(scan: Scanner, parsed: Parsed, human: str) -> str:
    """The lines of the human-readable part that carry a failure code (a transcript's
    "<<< 550 …" replies, Sendmail's "550 5.1.1 … User unknown"), and the local delivery
    agent's own lines, which have no code (except in Sendmail's transcripts)."""
    subject = parsed.headers.get("subject", "")
    sendmail = bool(_SENDMAIL_RE.search(human) and _SENDMAIL_SUBJECT_RE.search(subject))
    lines = []
    for hit in scan.hits:
        if hit.block is not None or hit.pos[0] not in parsed.human or hit.failure_class not in "45":
            continue
        if sendmail and not hit.line.lstrip().startswith("<<<"):
            continue  # Sendmail's own verdict ("550 5.1.1 … User unknown") repeats the reply
        if hit.line not in lines:
            lines.append(hit.line)
    if not sendmail:
        lines += _AGENT_LINE_RE.findall(human)[:5]
    return "\n".join(lines[:MAX_ERROR_LINES])
