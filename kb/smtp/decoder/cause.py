"""Choosing the cause among the codes the scanner found (see the package docstring, step 4).

Only 4xx/5xx can cause a failure. Among them: the highest tier (the remote server's own
words first), then a reply quoted inside another one ("554 4.4.7 Message expired <421 4.4.2
Connection timed out>" → 421/4.4.2), then 5 before 4, then the least vague (x.0.0 and bare
enhanced codes in free text are vague), then the first one.

The enhanced code completes a bare reply from, in order: the same line, the next lines of the
same paragraph, the same DSN block, the same reply elsewhere, a ``Status:`` field. A specific
``Status:`` beats an x.0.0 written in the text ("550 5.0.0 … Insufficient permission" with
``Status: 5.3.0``); when no code of the reply's class exists at all, the ``Status:`` of the
recipient is still reported (Postfix writes ``Status: 4.0.0`` for a 554 greeting it retried).
"""

from __future__ import annotations

from typing import Literal

from kb.smtp.decoder.scanner import Block, Hit
from kb.smtp.text import mask

MAX_EVIDENCE = 300
MAX_OTHER_CODES = 30
PARAGRAPH_LINES = 3


def choose_cause(hits: list[Hit]) -> Hit | None:
    failures = [hit for hit in hits if hit.failure_class in "45"]
    if not failures:
        return None
    cause = min(failures, key=_rank)
    if cause.reply is None and cause.source == "status-field":
        # Exchange's "#550 5.1.1 ..." line in free text, confirmed by "Status: 5.1.1"
        stated = [hit for hit in failures if hit.reply and hit.enhanced == cause.enhanced]
        return stated[0] if stated else cause
    return cause


def _rank(hit: Hit) -> tuple:
    complete = bool(hit.reply and hit.enhanced)  # "421 4.7.0 …" says more than a bare "554"
    return (-hit.tier, not hit.nested, not complete, hit.failure_class != "5", _vagueness(hit),
            hit.pos)  # fmt: skip


def _vagueness(hit: Hit) -> int:
    """0 for a reply, 1 for a bare enhanced code in free text, 2 for an x.0.0 code."""
    if (hit.enhanced or "").endswith(".0.0"):
        return 2
    return 1 if hit.reply is None and hit.tier < 50 else 0


def enhanced_hit(cause: Hit, hits: list[Hit]) -> Hit | None:
    """The hit whose enhanced code goes with the cause (see the module docstring)."""
    found = cause if cause.enhanced else _completion(cause, hits)
    statuses = [hit for hit in hits if hit.source == "status-field" and hit.enhanced]
    if found is None or found.enhanced.endswith(".0.0"):
        same_class = [hit for hit in statuses if hit.enhanced[0] == cause.failure_class]
        specific = [hit for hit in same_class if not hit.enhanced.endswith(".0.0")]
        if specific:
            return specific[0]
    return found or (statuses[0] if statuses and cause.reply else None)


def _completion(cause: Hit, hits: list[Hit]) -> Hit | None:
    same_class = [hit for hit in hits if (hit.enhanced or "x")[0] == cause.failure_class]
    segment, line = cause.pos[:2]
    same_line = [hit for hit in same_class if hit.pos[:2] == (segment, line)]
    candidates = (
        [hit for hit in same_line if hit.pos > cause.pos],
        [hit for hit in same_line if not hit.enhanced.endswith(".0.0")],
        [
            hit
            for hit in same_class
            if hit.pos[0] == segment
            and line < hit.pos[1] <= line + PARAGRAPH_LINES
            and hit.tier >= cause.tier
        ],
        [hit for hit in same_class if cause.block is not None and hit.block == cause.block],
        [hit for hit in same_class if hit.reply == cause.reply and hit.tier >= 80],
        _same_reply_elsewhere(cause, hits, same_class),
        [hit for hit in same_class if hit.source == "status-field"],
    )
    return next((group[0] for group in candidates if group), None)


def _same_reply_elsewhere(cause: Hit, hits: list[Hit], same_class: list[Hit]) -> list[Hit]:
    """Enhanced codes written after the same reply elsewhere: Postfix repeats its
    "said: 501 … 5.7.1 …" in the DSN's Diagnostic-Code on one joined line."""
    twins = [hit for hit in hits if hit.reply == cause.reply and hit.tier >= 80 and hit != cause]
    return [
        hit
        for twin in twins
        for hit in same_class
        if hit.pos[:2] == twin.pos[:2] and hit.pos > twin.pos and hit.reply is None
    ]


def other_codes(hits: list[Hit], seen: set[str]) -> list[tuple[Hit, str]]:
    """Every other distinct code, by tier and position."""
    others = []
    for hit in sorted(hits, key=lambda hit: (-hit.tier, hit.pos)):
        for code in (hit.reply, hit.enhanced):
            if code and code not in seen and len(others) < MAX_OTHER_CODES:
                seen.add(code)
                others.append((hit, code))
    return others


def evidence(line: str, column: int) -> str:
    """The masked fragment of ``line`` around ``column``, at most 300 characters."""
    start, end = max(column - 100, 0), column + 250
    if start:  # cut on spaces, so no address or IP is cut in half and left unmasked
        space = line.find(" ", start, column)
        start = space + 1 if space != -1 else start
    if end < len(line):
        space = line.rfind(" ", column, end)
        end = space if space > column else end
    return " ".join(mask(line[start:end]).split())[:MAX_EVIDENCE]


def diagnostic(cause: Hit, blocks: list[Block]) -> str:
    if cause.source == "status-field" and cause.block is not None:
        detail = blocks[cause.block].fields.get("diagnostic-code")
        if detail:  # "X-Postfix; connect to ...: Connection timed out" explains a Status:
            return evidence(f"Diagnostic-Code: {detail}", 0)
    return evidence(cause.line, cause.pos[2])


Role = Literal["cause", "other"]
