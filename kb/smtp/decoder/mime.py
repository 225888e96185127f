"""The MIME side of the bounce decoder: turn a pasted e-mail into text blocks to scan.

Parsed with the standard ``email`` package (``policy.compat32``: the same structure as
``policy.default``, an order of magnitude faster on hostile input). Parts are walked without
descending into the returned original message; text parts are decoded (base64,
quoted-printable, charset), HTML is used only when there is no plain-text part, and
``message/delivery-status`` parts are rebuilt as text.
"""

from __future__ import annotations

import base64
import binascii
import email
import html
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.errors import HeaderParseError
from email.header import decode_header
from email.message import Message
from itertools import islice

from kb.smtp.decoder import sesjson
from kb.smtp.decoder.phrases import ORIGINAL_MESSAGE_RE

MAX_PARTS = 200
# Headers of the bounce itself that name its sender or its family.
HEADERS_KEPT = (
    "from", "subject", "to", "return-path", "x-failed-recipients", "x-mailer", "message-id",
    "x-spasign", "x-mlserver", "x-ms-embedded-report", "x-mimeole",
    # headers that name the MTA or ESP family (see hints.FAMILIES)
    "x-zohomail", "x-gmx-antispam", "x-ahmailid", "x-ses-outgoing", "x-sef-processed",
    "x-msg-ref", "content-language", "x-original-mailer", "x-nai-header",
    "x-ms-exchange-message-is-ndr", "x-microsoft-antispam-prvs",
    "x-exchange-antispam-report-test", "x-exchange-antispam-report-cfa-test",
    "x-ms-exchange-crosstenant-originalarrivaltime", "x-ms-exchange-crosstenant-fromentityheader",
    "x-ms-exchange-transport-crosstenantheadersstamped", "x-aol-ip", "x-message-delivery", "x-message-info",
    # automatic replies (see autoreply.py)
    "auto-submitted", "x-autoreply", "x-autorespond", "precedence",
)  # fmt: skip

_SKIPPED_PARTS = {"message/rfc822", "text/rfc822-headers", "message/rfc822-headers"}
_EMAIL_HEADERS = {"from", "to", "subject", "date", "received", "return-path", "mime-version"}
_HTML_BREAK_RE = re.compile(r"<(?:br|/p|/div|/tr|/li|/h[1-6]|/table|/pre)\b[^<>]{0,200}>", re.I)
_HTML_TAG_RE = re.compile(r"<[^<>]{0,2000}>")


@dataclass
class Parsed:
    """The bounce as text blocks: ``segments`` in reading order, the indexes of those that
    are ``message/delivery-status`` parts, and a few headers of the bounce itself."""

    segments: list[str]
    dsn: set[int] = field(default_factory=set)
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def human(self) -> set[int]:
        return set(range(len(self.segments))) - self.dsn


def parse(text: str, latin1: bool = False) -> Parsed:
    """Decoded text blocks worth scanning, in reading order, and the bounce's headers.
    ``latin1``: the input was bytes that are not UTF-8, read one byte per character, so an
    8-bit part is decoded again with its own charset (windows-1254, iso-2022-jp …)."""
    message = email.message_from_string(_bounded(text), policy=policy.compat32)
    if not any(key.lower() in _EMAIL_HEADERS for key in message.keys()):
        return Parsed([cut_original(text)])
    headers = {
        name: _header_text(message.get(name))
        for name in HEADERS_KEPT
        if message.get(name) is not None
    }
    plain: list[str] = []
    markup: list[str] = []
    dsn: set[int] = set()
    for part in islice(_walk(message, depth=0), MAX_PARTS):
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            dsn.add(len(plain))
            plain.append(_delivery_status_text(part))
        elif kind == "text/html":
            markup.append(cut_original(_html_to_text(_part_text(part, latin1))))
        elif part.get_content_maintype() == "text":
            plain.append(cut_original(_part_text(part, latin1)))
    if any(segment.strip() for segment in plain):
        return Parsed(plain, dsn, headers)
    return Parsed(plain + markup, dsn, headers)


def with_json_reports(parsed: Parsed) -> Parsed:
    """Amazon SES's JSON bounce notifications (:mod:`.sesjson`) read as RFC 3464 parts."""
    for index in sorted(parsed.human):
        if blocks := sesjson.dsn_text(parsed.segments[index]):
            parsed.segments[index] = blocks
            parsed.dsn.add(index)
    return parsed


def text_segments(text: str) -> list[str]:
    """Decoded text blocks worth scanning, in reading order."""
    return parse(text).segments


_PART_HEADER_RE = re.compile(r"^content-type:", re.IGNORECASE | re.MULTILINE)


def _bounded(text: str) -> str:
    """At most ``MAX_PARTS`` part headers reach the parser: deeper nesting is cut off, so
    2,000 nested multiparts cost what 200 do."""
    count = 0
    for match in _PART_HEADER_RE.finditer(text):
        count += 1
        if count > MAX_PARTS:
            return text[: match.start()]
    return text


def _header_text(value: object) -> str:
    """A header as text: RFC 2047 encoded words decoded, unknown charsets replaced."""
    raw = str(value)
    try:
        pieces = decode_header(raw)
    except (HeaderParseError, ValueError):
        return raw
    decoded = []
    for piece, charset in pieces:
        if isinstance(piece, bytes):
            try:
                piece = piece.decode(charset or "ascii", errors="replace")
            except LookupError:
                piece = piece.decode("utf-8", errors="replace")
        decoded.append(piece)
    return " ".join("".join(decoded).split())[:500]


def _walk(part: Message, depth: int) -> Iterator[Message]:
    kind = part.get_content_type()
    if kind in _SKIPPED_PARTS or depth > 20:
        return
    if kind == "message/delivery-status" or not part.is_multipart():
        yield part
        return
    for sub in part.get_payload():
        yield from _walk(sub, depth + 1)


def _part_text(part: Message, latin1: bool = False) -> str:
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    payload = part.get_payload()
    if isinstance(payload, str) and encoding not in ("base64", "quoted-printable"):
        # 7bit/8bit text is already text: get_payload(decode=True) would turn non-ASCII
        # characters into escapes ("\\u0130") instead of bytes of the part's charset.
        if payload.isascii():  # still decoded: ISO-2022-JP and UTF-7 are 7-bit
            return _decoded(payload.encode("ascii"), part)
        if not latin1:
            return payload
        return _decoded(payload.encode("latin-1", errors="replace"), part)
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return str(part.get_payload())
    return _decoded(payload, part)


def _decoded(payload: bytes, part: Message) -> str:
    try:
        return payload.decode(part.get_content_charset() or "utf-8", errors="replace")
    except (LookupError, ValueError):  # an unknown charset name, or not a text codec
        return payload.decode("utf-8", errors="replace")


def _delivery_status_text(part: Message) -> str:
    """The ``email`` parser splits this part into field blocks; join them back, decoded."""
    blocks = part.get_payload()
    text = "\n\n".join(
        "".join(f"{name}: {value}\n" for name, value in block.raw_items())
        + str(block.get_payload())
        for block in (blocks if isinstance(blocks, list) else [])
        if isinstance(block, Message)
    )
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    try:
        if encoding == "base64":
            return base64.b64decode("".join(text.split())).decode("utf-8", errors="replace")
        if encoding == "quoted-printable":
            return quopri.decodestring(text.encode()).decode("utf-8", errors="replace")
    except (binascii.Error, ValueError):
        pass
    return text


def _html_to_text(markup: str) -> str:
    for tag in ("style", "script"):
        markup = _drop_element(markup, tag)
    return html.unescape(_HTML_TAG_RE.sub(" ", _HTML_BREAK_RE.sub("\n", markup)))


def _drop_element(markup: str, tag: str) -> str:
    lower, pieces, start = markup.lower(), [], 0
    while (opening := lower.find(f"<{tag}", start)) != -1:
        closing = lower.find(f"</{tag}>", opening)
        pieces.append(markup[start:opening])
        start = len(markup) if closing == -1 else closing + len(tag) + 3
    return "".join(pieces) + markup[start:]


def cut_original(text: str) -> str:
    match = ORIGINAL_MESSAGE_RE.search(text)
    return text[: match.start()] if match else text
