"""The line scanner of the bounce decoder: finds every code in the decoded text with its
context (DSN field, remote server's words, transcript, bare text) and collects DSN blocks
and recipients. See the package docstring for the tiers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import NamedTuple

from kb.smtp import codes
from kb.smtp.decoder.phrases import (
    ERROR_WORD_RE,
    REMOTE_REPLY_AFTER_RE,
    REMOTE_REPLY_RE,
    SCANNED_FIELDS,
    TRANSCRIPT_PREFIX_RE,
    TRANSCRIPT_START_RE,
)
from kb.smtp.text import lower_same_length

MAX_LINES = 20_000
MAX_HITS = 500
MAX_CODES_PER_LINE = 20

_ENH = rf"{codes.ENHANCED}(?![\w@]|[.,:-]\d)"
_CODE_RE = re.compile(
    rf"(?<![\w.,/@=+:%$-])(?P<reply>{codes.REPLY})"
    rf"(?:(?:[ \t-]{{1,3}}|:[ \t]{{1,2}})#?(?P<enh>{_ENH})|(?=[\s'\")\];,]|[.:-](?!\d)|$))"
    rf"|(?<![\w.,/@+:-])(?P<lone>{_ENH})"
)
# What opens a reply quoted inside another one: "554 4.4.7 Message expired <421 4.4.2 …>",
# "550 5.1.351 … -> 550 <a@example.net>: User unknown", "… said: '550 …'".
_NESTED_BEFORE_RE = re.compile(r"(?:[<'\"(]|->|said:|returned)\s{0,2}$", re.IGNORECASE)
_FIELD_RE = re.compile(r"([A-Za-z][\w-]{0,60}):(?:[ \t]|$)")
_DSN_FIELDS = {
    "final-recipient", "original-recipient", "action", "status", "diagnostic-code",
    "remote-mta", "will-retry-until", "x-actual-recipient", "reporting-mta",
    "x-powermta-bouncecategory", "x-ses-bounce-subtype",
    "x-ses-bounce-type",
}  # fmt: skip
# "550 User unknown", "550-Denied", "550: Denied", "550 - Requested action not taken" (James)
_LETTER_AFTER_RE = re.compile(r"(?:[ \t:-]|[ \t]-[ \t])\s?[^\W\d_]")
_ENDS_WITH_REPLY_RE = re.compile(rf"(?<![\w.])(?:{codes.REPLY})\s*$")
# Zoho writes "ERROR_CODE :550, ERROR_CODE :5.1.1": read as "ERROR_CODE  550" (same length).
_ZOHO_CODE_RE = re.compile(r"(?<=ERROR_CODE) :(?=\d)")
_ADDR = r"[\w.%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
# "<ali@example.net>: 550 5.1.6 …": the remote reply right after the recipient it concerns.
# SurfControl: "ali@example.net: [192.0.2.5], 550 ali@example.net... No such user".
_AFTER_RECIPIENT_RE = re.compile(
    rf"^\s{{0,4}}<?{_ADDR}>?:\s{{1,3}}(?:\[[\d.:a-fA-F]{{3,45}}\],?\s{{1,3}})?$"
)
# Searched in the lower-cased line, like the phrases (see ``phrases.REMOTE_REPLY_RE``).
_RECIPIENT_RE = re.compile(
    rf"^\s{{0,8}}<?({_ADDR})>?(?::|\s*$)|\bto=<({_ADDR})>|(?:\*\*|==)\s({_ADDR})"
    rf"|delivered\sto\s<?({_ADDR})"
)


class Hit(NamedTuple):
    reply: str | None
    enhanced: str | None
    source: str
    tier: int
    pos: tuple[int, int, int]  # segment, line, column
    line: str
    block: int | None = None  # index of the DSN block the hit came from
    nested: bool = False  # a reply quoted inside an earlier reply on the same line

    @property
    def failure_class(self) -> str:
        return (self.reply or self.enhanced or "0")[0]


@dataclass
class Block:
    """One RFC 3464 field group (per-message or per-recipient) and its line numbers."""

    fields: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def line_codes(text: str) -> Iterator[tuple[int, str | None, str | None, bool]]:
    """(column, reply, enhanced, nested) for every syntactically valid code in ``text``;
    ``nested`` marks a reply quoted after an earlier reply on the same line."""
    replies = 0
    for match in islice(_CODE_RE.finditer(text), MAX_CODES_PER_LINE):
        reply, enhanced = match["reply"], match["enh"] or match["lone"]
        if reply and enhanced and reply[0] != enhanced[0]:
            enhanced = None  # "550 4.1.1" contradicts itself: keep only the reply
        nested = bool(
            reply
            and replies
            and text[match.end() : match.end() + 1] in (" ", "-")
            and _NESTED_BEFORE_RE.search(text, 0, match.start())
        )
        replies += bool(reply)
        yield match.start(), reply, enhanced, nested


class Scanner:
    """Reads segments line by line, collecting hits, DSN blocks, recipients and ``words``:
    the lines that belong to the bounce itself (the phrase guess reads only those)."""

    def __init__(self) -> None:
        self.hits: list[Hit] = []
        self.blocks: list[Block] = []
        self.recipients: list[str] = []
        self.words: list[str] = []

    def run(self, segment_no: int, text: str) -> None:
        self.segment_no, self.block, self.field = segment_no, Block(), None
        self.lead_in, self.in_transcript, self.continuing = 0, False, False
        for line_no, line in enumerate(text.splitlines()[:MAX_LINES]):
            self.feed(line_no, line)
        self.close_block()

    def feed(self, line_no: int, line: str) -> None:
        if not line.strip():
            self.close_block()
            self.field, self.continuing = None, False
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
        block, self.block = self.block, Block()
        if not block.fields:
            return
        self.blocks.append(block)
        self.words.append(block.fields.get("diagnostic-code", ""))
        fields = (("diagnostic-code", "diagnostic-code", 100), ("status", "status-field", 50))
        for name, source, tier in fields:
            value = block.fields.get(name, "")
            for column, reply, enhanced, nested in line_codes(value):
                pos = (self.segment_no, block.lines[name], column + len(name) + 2)
                line = f"{name.title()}: {value}"
                block_no = len(self.blocks) - 1
                self.add(Hit(reply, enhanced, source, tier, pos, line, block_no, nested))

    def scan_line(self, line_no: int, line: str) -> None:
        if line.lstrip().startswith(">>>"):
            return  # our own SMTP commands in a Sendmail transcript
        if "ERROR_CODE :" in line:
            line = _ZOHO_CODE_RE.sub("  ", line)
        low = lower_same_length(line)  # positions in `low` are positions in `line`
        self.in_transcript = self.in_transcript or bool(TRANSCRIPT_START_RE.search(low))
        if "@" in line and (recipient := _RECIPIENT_RE.search(low)):
            group = next(n for n in range(1, 5) if recipient[n])
            self.recipients.append(line[recipient.start(group) : recipient.end(group)])
        trigger = REMOTE_REPLY_RE.search(low)
        remote_after = REMOTE_REPLY_AFTER_RE.search(low) is not None
        remote_found = False
        # Postfix folds a long reply onto indented lines: an enhanced code there ("RCPT TO not
        # accepted: 5.7.1 …") is still the remote server's
        continued = self.continuing and line[0] in " \t"
        for column, reply, enhanced, nested in line_codes(line):
            remote = remote_after or self.lead_in > 0 or bool(trigger and column >= trigger.end())
            remote = remote or bool(_AFTER_RECIPIENT_RE.match(line, 0, column))
            remote = remote or (continued and reply is None)
            source, tier = self.classify(line, column, reply, enhanced, remote)
            if source:
                pos = (self.segment_no, line_no, column)
                self.add(Hit(reply, enhanced, source, tier, pos, line, None, nested))
                remote_found = remote_found or tier == 100
        self.continuing = remote_found or continued
        if trigger and not remote_found:
            self.lead_in = 3  # "The response from the remote server was:" + code below
        elif remote_found and _ENDS_WITH_REPLY_RE.search(line):
            self.lead_in = 1  # Postfix wraps "said: 550" and puts "5.1.1 …" on the next line
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
        if reply and not enhanced:  # a bare number: "550 Text" at a line's start, "Error 550"
            if ERROR_WORD_RE.search(prefix):
                return "text", 30
            at_start = not prefix.strip(" \t'\"(>#*")
            if not (at_start and _LETTER_AFTER_RE.match(line, column + 3)):
                return None, 0
        return "text", 30

    def add(self, hit: Hit) -> None:
        if len(self.hits) < MAX_HITS:
            self.hits.append(hit)
