"""Amazon SES bounce notifications in JSON, as RFC 3464 text the scanner already reads.

SES sends its bounce events (by e-mail through SNS, or pasted from a log) as JSON::

    {"notificationType": "Bounce",
     "bounce": {"bounceType": "Permanent", "bounceSubType": "General",
                "reportingMTA": "dsn; a27-23.smtp-out.us-west-2.amazonses.com",
                "bouncedRecipients": [{"emailAddress": "ali@example.net", "action": "failed",
                                       "status": "5.1.1",
                                       "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}}

wrapped in an SNS envelope (``"Message": "<the same, as a string>"``) or not. Each bounced
recipient becomes a ``Final-Recipient`` / ``Action`` / ``Status`` / ``Diagnostic-Code``
block. The bounce type and sub-type are kept as ``X-SES-Bounce-Type`` ("Permanent" or
"Transient": hard or soft) and ``X-SES-Bounce-Subtype`` ("MailboxFull", "MessageTooLarge":
``hints.block_hint``).
"""

from __future__ import annotations

import json
import re

MAX_JSON_CHARS = 200_000
MAX_RECIPIENTS = 50
_FOLDED_RE = re.compile(r"!\n[ \t]*")  # some mailers fold long JSON lines as "…!\n  …"


def dsn_text(text: str) -> str | None:
    """The RFC 3464 blocks of an SES bounce notification in ``text``, or ``None``."""
    if '"notificationType"' not in text and '\\"notificationType\\"' not in text:
        return None
    start, end = text.find("{"), text.rfind("}")
    if start == -1 or end <= start or end - start > MAX_JSON_CHARS:
        return None
    payload = _load(text[start : end + 1])
    if isinstance(payload, dict) and isinstance(payload.get("Message"), str):
        payload = _load(payload["Message"])  # the SNS envelope around the SES event
    if not isinstance(payload, dict) or payload.get("notificationType") != "Bounce":
        return None
    bounce = payload.get("bounce")
    if not isinstance(bounce, dict):
        return None
    return _blocks(bounce)


def _load(text: str) -> object:
    for candidate in (text, _FOLDED_RE.sub("", text)):
        try:
            return json.loads(candidate)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
            continue
    return None


def _blocks(bounce: dict) -> str | None:
    reporting = str(bounce.get("reportingMTA") or "").strip()
    subtype = str(bounce.get("bounceSubType") or "").strip()
    kind = str(bounce.get("bounceType") or "").strip()
    blocks = []
    recipients = bounce.get("bouncedRecipients")
    for recipient in recipients[:MAX_RECIPIENTS] if isinstance(recipients, list) else []:
        if not isinstance(recipient, dict) or not recipient.get("emailAddress"):
            continue
        lines = [f"Final-Recipient: rfc822; {_one_line(recipient['emailAddress'])}"]
        for name, key in (("Action", "action"), ("Status", "status")):
            if recipient.get(key):
                lines.append(f"{name}: {_one_line(recipient[key])}")
        if recipient.get("diagnosticCode"):
            lines.append(f"Diagnostic-Code: {_one_line(recipient['diagnosticCode'])}")
        if kind:
            lines.append(f"X-SES-Bounce-Type: {_one_line(kind)}")
        if subtype:
            lines.append(f"X-SES-Bounce-Subtype: {_one_line(subtype)}")
        blocks.append("\n".join(lines))
    if not blocks:
        return None
    if reporting:
        blocks.insert(0, f"Reporting-MTA: {_one_line(reporting)}")
    return "\n\n".join(blocks) + "\n"


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:1000]
