"""Reasons that a bounce states itself (the "hint" of :mod:`.classify`): in its family's own
wording (:mod:`.families`), in a vendor's DSN field (PowerMTA, Amazon SES), or by the enhanced
status code of a Microsoft 365 NDR (Microsoft's own list of NDR codes).
"""

from __future__ import annotations

import re

from kb.smtp.decoder.families import SOFTWARE, Family
from kb.smtp.decoder.families_services import SERVICES
from kb.smtp.text import fold

FAMILIES: tuple[Family, ...] = SOFTWARE + SERVICES

# PowerMTA's own verdict in its DSN block ("X-PowerMTA-BounceCategory: bad-mailbox").
POWERMTA_CATEGORIES = {
    "bad-domain": "hostunknown", "bad-mailbox": "userunknown", "inactive-mailbox": "suspend",
    "message-expired": "expired", "no-answer-from-host": "networkerror",
    "policy-related": "policyviolation", "quota-issues": "mailboxfull",
    "routing-errors": "systemerror", "spam-related": "spamdetected",
}  # fmt: skip


# Amazon SES's bounce sub-type (see :mod:`.sesjson`): only the transient ones say more.
SES_SUBTYPES = {"mailboxfull": "mailboxfull", "messagetoolarge": "mesgtoobig"}


# Microsoft 365 NDRs: the reason each enhanced status code stands for in Microsoft's own list
# of NDR codes ("Email non-delivery reports in Exchange Online").
OFFICE365_STATUSES = tuple(
    (re.compile(pattern), reason)
    for pattern, reason in (
        (r"4\.4\.7", "expired"), (r"[45]\.4\.312", "networkerror"), (r"[45]\.4\.316", "expired"),
        (r"4\.7\.26", "securityerror"), (r"4\.7\.(?:[56]\d\d|8[5-9]\d)", "blocked"),
        (r"5\.4\.1", "norelaying"), (r"5\.4\.6", "networkerror"), (r"5\.6\.11", "contenterror"),
        (r"5\.7\.(?:1|1[23]|124|13[3-6]|511)", "rejected"), (r"5\.7\.25", "networkerror"),
        (r"5\.7\.50[1-3]", "spamdetected"), (r"5\.7\.50[45]", "filtered"),
        (r"5\.7\.(?:50[67]|60[6-9]|6[1-4]\d)", "blocked"), (r"5\.7\.(?:508|7[0-4]\d)", "toomanyconn"),
        (r"5\.7\.(?:509|512)", "securityerror"), (r"5\.7\.510", "notaccept"),
    )
)  # fmt: skip
# What marks a bounce as written by Microsoft 365 (two of them are needed).
_OFFICE365_HEADERS = (
    "x-ms-exchange-message-is-ndr", "x-microsoft-antispam-prvs", "x-exchange-antispam-report-test",
    "x-exchange-antispam-report-cfa-test", "x-ms-exchange-crosstenant-originalarrivaltime",
    "x-ms-exchange-crosstenant-fromentityheader",
    "x-ms-exchange-transport-crosstenantheadersstamped",
)  # fmt: skip
_OUTLOOK_HOST_RE = re.compile(r"\.(?:outbound\.protection|prod)\.outlook\.com\b", re.IGNORECASE)


def is_office365(headers: dict[str, str]) -> bool:
    """The bounce is a Microsoft 365 NDR: its subject, headers and Message-ID say so."""
    signs = "undeliverable:" in headers.get("subject", "").lower()
    signs += sum(bool(headers.get(name, "").strip()) for name in _OFFICE365_HEADERS)
    signs += bool(_OUTLOOK_HOST_RE.search(headers.get("message-id", "")))
    return signs >= 2


def office365_hint(status: str | None) -> str:
    """The reason Microsoft's list gives the enhanced status code of a Microsoft 365 NDR."""
    if not status:
        return ""
    return next((reason for code, reason in OFFICE365_STATUSES if code.fullmatch(status)), "")


def block_hint(fields: dict[str, str]) -> str:
    """The reason a DSN block states in a vendor's own field, or ""."""
    if fields.get("action", "").strip().lower() == "expired":  # SendGrid: "Action: expired"
        return "expired"
    category = fields.get("x-powermta-bouncecategory", "").strip().lower()
    subtype = fields.get("x-ses-bounce-subtype", "").strip().lower()
    return POWERMTA_CATEGORIES.get(category) or SES_SUBTYPES.get(subtype, "")


def families_in(whole: str) -> list[Family]:
    """The families whose fixed sentences appear in ``whole`` (folded text and headers)."""
    return [family for family in FAMILIES if family.marker.search(whole)]


def hint_of(text: str, families: list[Family]) -> str:
    """The reason a family's own wording states in ``text`` (the recipient's part), or ""."""
    if not families:
        return ""
    folded = " ".join(fold(text).split())
    for family in families:
        for reason, words in family.rules:
            if words.search(folded):
                return reason  # "" for wording that must be left to the engine
    return ""
