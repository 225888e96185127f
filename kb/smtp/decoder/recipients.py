"""Who the bounce is about: one *target* per failed or delayed recipient.

Recipients come from the RFC 3464 blocks first (``Final-Recipient:``, or
``Original-Recipient:``; blocks whose ``Action:`` says delivered, relayed or expanded are
not failures), then from the human-readable part, where every MTA names the recipient in its
own way. An *anchor* is a line that names a recipient; the lines after it, up to the next
anchor, are its *section*:

- the address alone on its line, maybe in <> and with a colon: Exim ("  ali@example.net"),
  qmail ("<ali@example.net>:"), Sendmail's list, Gmail's and Microsoft's indented address;
- the address first, then its error: Postfix ("<ali@example.net>: host … said: …",
  "(expanded from …)"), OpenSMTPD ("ali@example.net: Domain does not exist"), Exchange 2003
  ("ali@example.net on 29 Apr …"), "ali@example.net [User unknown]";
- a phrase, then the address: "Recipient address: …", "Could not be delivered to: <…>",
  "There was an error delivering your mail to <…>", "wasn't delivered to … because";
- the error first, the address last: "User mailbox exceeds allowed size: ali@example.net".

When the DSN names the recipients, only their addresses are anchors (so the sender's address
in "A message sent by <…>" is not one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.smtp.decoder.scanner import Block

MAX_SECTION_LINES = 30
MAX_TARGETS = 50

_ADDR = r"[\w.%+=?/'!#$&*^`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}"
_ANCHORS = (
    # address alone on its line (Exim, qmail, Sendmail, Gmail, Microsoft, X2, X3 "* ali@…",
    # Mimecast "-- ali@…")
    re.compile(rf"^\s{{0,12}}(?:\*\s+|--\s)?[<(\"]?({_ADDR})[>)\"]?:?\s*$"),
    # address, then its error or a date (Postfix, OpenSMTPD, Exchange 2003, X1, Yahoo …)
    re.compile(
        rf"^\s{{0,2}}<?({_ADDR})>?(?::\s|\s+\(expanded from|\s+on\s+\w|\s+\[|\s+\(unrecoverable"
        rf"|\.\.\.\s|\s+\((?:generated|ultimately)"
        rf"|\s+Invalid Address,)"  # Zoho: "ali@example.net Invalid Address, ERROR_CODE :550"
    ),
    # a phrase, then the address
    re.compile(
        rf"(?:recipient address|delivered to|delivering your mail to|wasn't delivered to"
        rf"|did not reach the following recipient|unable to deliver message to"
        rf"|could not deliver mail to|following recipient|message to|rejected recipient"
        rf"|\[status: \w+, address:)\W{{0,4}}<?({_ADDR})",  # Zoho: "[Status: Error, Address: <…>"
        re.IGNORECASE,
    ),
)
# the error, then the address at the end of the line (IMail, some appliances): "User mailbox
# exceeds allowed size: ali@example.net"; some words must come before the colon.
_AFTER_ERROR_RE = re.compile(rf":\s*<?({_ADDR})>?\.?\s*$")
_WORD_RE = re.compile(r"\w")
# Lines that look like a transcript but name the recipient: Active!hunter's
# ">>> ali@example.net <ali@example.net>", Sendmail's verdict "550 <ali@example.net>... User
# unknown" (Sendmail 5 has no other list of recipients; Sendmail 8's verdict, with its
# enhanced code, repeats its list and is not an anchor).
_LISTED_RE = re.compile(rf"^>>>\s+\S+\s+<({_ADDR})>\s*$|^\d{{3}}\s+<({_ADDR})>\.\.\.\s")
_SECTION_END_RE = re.compile(r"^\s*(?:-{3,}|\*{5,}|={5,})")
_TRANSCRIPT_LINE_RE = re.compile(r"^\s*(?:<<<|>>>|\d{3}[ -])")
_HEADER_LINE_RE = re.compile(
    r"^\s*(?:to|from|cc|bcc|subject|date|reply-to|sender|message-id|in-reply-to|references"
    r"|received|return-path|delivered-to|x-[\w-]+|envelope-from|list-[\w-]+):\s",
    re.IGNORECASE,
)
# Exim: "A message sent by\n\n  <sender@example.com>\n\ncould not be delivered": the sender.
_SENDER_BEFORE_RE = re.compile(r"\b(?:sent by|from|sender(?: address)?:?)\s*$", re.IGNORECASE)


@dataclass
class Section:
    address: str
    segment: int
    first: int  # line number of the anchor
    last: int  # line number after the section
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Target:
    """One failed or delayed recipient and everything that speaks about it."""

    address: str
    block: Block | None = None
    block_no: int | None = None
    section: Section | None = None
    action: str = "failed"
    hits: list = field(default_factory=list)


def find_sections(segments: list[str], human: set[int], wanted: set[str], unwanted: set[str]):
    """Anchors and sections in the human-readable segments. ``wanted`` (lower case) limits
    anchors to known recipients when it is not empty; ``unwanted`` are never anchors."""
    sections: list[Section] = []
    for segment_no in sorted(human):
        lines = segments[segment_no].splitlines()[:5_000]
        anchors: list[tuple[int, str]] = []
        previous = ""  # the last non-blank line before this one
        for line_no, line in enumerate(lines):
            address = _anchor(line, wanted, unwanted, previous)
            if address:
                anchors.append((line_no, address))
            previous = line if line.strip() else previous
        # a section ends at the next anchor that names another recipient
        ends, next_other = [], (len(lines), "")
        for line_no, address in reversed(anchors):
            ends.append(next_other[0])
            if next_other[1] != address.lower():
                next_other = (line_no, address.lower())
        covered: dict[str, int] = {}  # the line where each address's last section ended
        for (line_no, address), end in zip(anchors, reversed(ends), strict=True):
            if covered.get(address.lower(), -1) > line_no:
                continue  # a repeat inside the section of the same address
            body = [lines[line_no]]
            for next_line in lines[line_no + 1 : min(end, line_no + MAX_SECTION_LINES)]:
                if _SECTION_END_RE.match(next_line):
                    break
                body.append(next_line)
            covered[address.lower()] = line_no + len(body)
            sections.append(Section(address, segment_no, line_no, line_no + len(body), body))
    return sections


def _anchor(line: str, wanted: set[str], unwanted: set[str], previous: str) -> str | None:
    if len(line) > 600 or "@" not in line:
        return None
    if listed := _LISTED_RE.match(line):
        return _wanted(listed[1] or listed[2], wanted, unwanted)
    if _TRANSCRIPT_LINE_RE.match(line):
        return None
    if _HEADER_LINE_RE.match(line) or _SENDER_BEFORE_RE.search(previous):
        return None
    for pattern in _ANCHORS:
        match = pattern.search(line)
        if not match:
            continue
        if address := _wanted(match[1].strip("'\""), wanted, unwanted):
            return address
    match = _AFTER_ERROR_RE.search(line)
    if match and _WORD_RE.search(line, max(0, match.start() - 200), max(0, match.start() - 2)):
        return _wanted(match[1], wanted, unwanted)
    return None


def _wanted(address: str, wanted: set[str], unwanted: set[str]) -> str | None:
    lower = address.lower()
    if lower in unwanted or (wanted and lower not in wanted):
        return None
    return address


def dsn_address(block: Block) -> str | None:
    """The recipient a DSN block speaks about: Final-Recipient, else Original-Recipient."""
    for name in ("final-recipient", "x-actual-recipient", "original-recipient"):
        value = block.fields.get(name, "").split(";")[-1].strip(" <>\"'")
        if value:
            return value
    return None


def dsn_action(block: Block) -> str | None:
    """ "failed", "delayed", or ``None`` for blocks that are not failures."""
    action = block.fields.get("action", "").strip().lower()
    status = block.fields.get("status", "").strip()
    if action.startswith(("delivered", "relayed", "expanded")) or status.startswith("2"):
        return None
    if action.startswith("delayed"):
        return "delayed"
    return "failed"


def build_targets(
    blocks: list[Block], segments: list[str], human: set[int], unwanted: set[str]
) -> tuple[list[Target], list[Section]]:
    """Targets from DSN blocks (with their sections), else from the human-readable part."""
    targets: dict[str, Target] = {}
    for block_no, block in enumerate(blocks):
        address = dsn_address(block)
        action = dsn_action(block)
        if not address or action is None or address.lower() in targets:
            continue
        if len(targets) < MAX_TARGETS:
            targets[address.lower()] = Target(address, block, block_no, action=action)
    wanted = set(targets)
    wanted |= {
        block.fields.get("original-recipient", "").split(";")[-1].strip(" <>").lower()
        for block in blocks
    } - {""}
    sections = find_sections(segments, human, wanted if targets else set(), unwanted)
    for section in sections:
        key = section.address.lower()
        target = targets.get(key) or _by_original(blocks, key, targets)
        if target is not None:
            target.section = _joined(target.section, section)
        elif not wanted and len(targets) < MAX_TARGETS:
            targets[key] = Target(section.address, section=section)
    return list(targets.values()), sections


def _joined(first: Section | None, second: Section) -> Section:
    """Two sections naming the same recipient (Sendmail's list and transcript) as one."""
    if first is None:
        return second
    if first.segment != second.segment:
        return first
    lines = first.lines + second.lines
    return Section(first.address, first.segment, first.first, max(first.last, second.last), lines)


def _by_original(blocks: list[Block], key: str, targets: dict[str, Target]) -> Target | None:
    for target in targets.values():
        block = target.block
        if (
            block
            and block.fields.get("original-recipient", "").split(";")[-1].strip(" <>").lower()
            == key
        ):
            return target
    return None
