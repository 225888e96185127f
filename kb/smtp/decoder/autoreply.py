"""Automatic replies (RFC 3834: out-of-office and vacation notices) pasted as if they were
bounces. They are not failures: the message was delivered and the recipient's mailbox
answered by itself. Their reason is ``vacation``.

A notice counts as an automatic reply when the mail says it is one (``Auto-Submitted:
auto-replied``, ``X-Autoreply``, ``Precedence: auto_reply``, or a subject such as "Automatic
reply:", "Out of Office", "Otomatik yanıt") and nothing in it is a bounce: no delivery
status part, no failure code, not sent by a mailer daemon or postmaster (Exim marks its own
bounces ``Auto-Submitted: auto-replied`` too).
"""

from __future__ import annotations

import re

from kb.smtp.decoder.mime import Parsed
from kb.smtp.decoder.scanner import Scanner

_HEADER_SIGNS = (
    ("auto-submitted", re.compile(r"auto-replied", re.I)),
    ("x-autoreply", re.compile(r"\S")),
    ("x-autorespond", re.compile(r"\S")),
    ("precedence", re.compile(r"auto_reply", re.I)),
)
_SUBJECT_RE = re.compile(
    r"^\s*(?:auto(?:matic|matische)? ?(?:reply|response|antwort)\b|auto:|out of (?:the )?office"
    r"|abwesenheit|r[ée]ponse automatique|risposta automatica|respuesta autom[áa]tica"
    r"|otomatik (?:yan[ıi]t|cevap)|ofis d[ıi][şs][ıi]nda|izindeyim|vacation|不在)",
    re.IGNORECASE,
)
_DAEMON_RE = re.compile(r"mailer-daemon|postmaster|mail delivery", re.IGNORECASE)


def is_autoreply(parsed: Parsed, scan: Scanner) -> bool:
    """The pasted mail is an automatic reply, not a bounce."""
    headers = parsed.headers
    if scan.blocks or any(hit.failure_class in "45" for hit in scan.hits):
        return False
    if _DAEMON_RE.search(headers.get("from", "")):
        return False
    if _SUBJECT_RE.search(headers.get("subject", "")):
        return True
    return any(sign.search(headers.get(name, "")) for name, sign in _HEADER_SIGNS)
