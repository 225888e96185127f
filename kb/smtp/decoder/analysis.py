"""One recipient's outcome: its cause, reason, action, remote host and retry deadline.

A target's *scope* is what speaks about it: its DSN block and its section of the
human-readable part. With one recipient the whole bounce is its scope; with several, codes
outside every recipient's scope (a shared transcript) are used only by a recipient that has
none of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.smtp.decoder import cause as causes
from kb.smtp.decoder import formats
from kb.smtp.decoder.classify import Facts, permanent_of, reason_of
from kb.smtp.decoder.hints import hint_of
from kb.smtp.decoder.mime import Parsed
from kb.smtp.decoder.recipients import Target
from kb.smtp.decoder.scanner import Hit, Scanner
from kb.smtp.text import EMAIL_RE, fold

MAX_CONTEXT = 20_000
_DEFERRED_RE = re.compile(r"\bstatus=deferred\b")


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


def unwanted_addresses(headers: dict[str, str]) -> set[str]:
    """Addresses of the bounce's own From/To/Return-Path: the sender, never a recipient."""
    found = set()
    for name in ("from", "to", "return-path"):
        found |= {f"{m[1]}@{m[2]}".lower() for m in EMAIL_RE.finditer(headers.get(name, ""))}
    return found


def analyse(target: Target | None, targets: list[Target], scan: Scanner, parsed: Parsed):
    """The outcome of one target, or of the whole bounce when ``target`` is None."""
    human = "\n".join(parsed.segments[i] for i in sorted(parsed.human))[:MAX_CONTEXT]
    subject = parsed.headers.get("subject", "")
    head = "".join(f"{name}: {value}\n" for name, value in parsed.headers.items())
    whole = fold(f"{head}{human}")
    hits = _scoped_hits(target, targets, scan.hits)
    cause = causes.choose_cause(hits)
    enhanced = causes.enhanced_hit(cause, hits) if cause else None
    block = target.block if target else None
    fields = block.fields if block else {}
    dsn_diag = fields.get("diagnostic-code", "")
    single = target is None or len(targets) == 1
    section = target.section.text if target and target.section else ""
    context = human if single else section
    core = "\n".join(part for part in (dsn_diag, section) if part.strip())
    if cause and single and cause.line not in core:
        core = f"{core}\n{cause.line}" if core else cause.line
    text = core or context
    action = _action(target, cause, human, subject)
    address = target.address if target else None
    host = formats.remote_host_of(fields.get("remote-mta", ""), context or dsn_diag)
    facts = Facts(
        status=enhanced.enhanced if enhanced else None,
        reply=cause.reply if cause else None,
        text=text,
        command=_command(dsn_diag, section, context if single else ""),
        action=action or "",
        diag_type=formats.diagnostic_type(dsn_diag),
        hint=hint_of(context or text, whole),
        host=host or "",
        domain=(address or "").rpartition("@")[2].lower(),
    )
    reason = reason_of(facts) if (cause or text.strip() or facts.hint) else None
    diagnostic = causes.diagnostic(cause, scan.blocks) if cause else None
    return Outcome(
        address=address,
        cause=cause,
        enhanced=enhanced,
        reason=reason,
        action=action,
        permanent=permanent_of(reason, facts.reply, facts.status, action, facts.text),
        remote_host=host,
        diagnostic=diagnostic,
        retry_until=formats.retry_until(fields.get("will-retry-until"), context),
    )


def _scoped_hits(target: Target | None, targets: list[Target], hits: list[Hit]) -> list[Hit]:
    if target is None or len(targets) == 1:
        return hits
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


def _action(target: Target | None, cause: Hit | None, human: str, subject: str) -> str | None:
    if target is not None and target.block is not None:
        return target.action
    delayed = formats.is_delay_notice(human, subject) or bool(_DEFERRED_RE.search(human))
    if delayed:
        return "delayed"
    return "failed" if target is not None or cause is not None else None


def overall_action(outcomes: list[Outcome], primary: Outcome) -> str | None:
    if not outcomes:
        return primary.action
    if all(outcome.action == "delayed" for outcome in outcomes):
        return "delayed"
    return "failed"
