"""From a decoded bounce to a domain check: which domain matters for its code (the
sender's for authentication codes, the recipient's for routing codes) and the sending IP
the receiving server named."""

import ipaddress
import re

from kb.smtp.codes import find_codes
from kb.smtp.domaincheck import codes
from kb.smtp.domaincheck.names import InvalidName, parse_domain
from kb.smtp.text import EMAIL_RE

_HEADER_RE = re.compile(r"^(From|Return-Path|To|X-Original-Sender):([^\n]*)", re.I | re.M)
_SYSTEM_SENDERS = ("mailer-daemon", "postmaster", "noreply", "no-reply", "bounce")
_IPV4_RE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,3}){3})(?![\d.])")
_IPV6_RE = re.compile(
    r"(?<![\w:])((?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{0,4}|(?:[0-9a-f]{1,4}:){1,6}:[0-9a-f:]*)(?![\w:])",
    re.I,
)
# Documentation ranges (RFC 5737, 3849): examples and tests use them, so they are accepted
_DOCUMENTATION = [
    ipaddress.ip_network(net)
    for net in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
]
_REMOTE_LINE_RE = re.compile(r"^(Remote-MTA|Reporting-MTA|Received|X-Received):", re.I)
# "Unauthenticated email from example.com is not accepted…", "mail from <a@example.com>"
_PHRASE_RE = re.compile(
    r"\b(?:e-?mail|mail|message)s?\s+from\s+<?(?:[\w.+'-]+@)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)",
    re.I,
)


def sender_domain(text: str) -> str | None:
    """The original sender's domain: the original message's From; else the domain the reply
    names ("email from example.com"); else Return-Path or the bounce's own To (a bounce goes
    back to the sender). System senders (MAILER-DAEMON, postmaster…) are skipped."""
    found: dict[str, list[str]] = {}
    for match in _HEADER_RE.finditer(text):
        address = EMAIL_RE.search(match.group(2))
        if address is None or address[1].lower().startswith(_SYSTEM_SENDERS):
            continue
        found.setdefault(match.group(1).lower(), []).append(address[2])
    if "from" in found:
        return found["from"][0].lower()
    if phrase := _PHRASE_RE.search(" ".join(_reply_lines(text))):
        return phrase.group(1).lower()
    for header in ("return-path", "x-original-sender", "to"):
        if header in found:
            return found[header][0].lower()
    return None


def _reply_lines(text: str):
    """The receiving server's reply: Diagnostic-Code and lines naming an SMTP code, with
    their indented continuation lines; never the Remote-MTA or Received headers."""
    keep = False
    for line in text.splitlines():
        if _REMOTE_LINE_RE.match(line):
            keep = False
            continue
        if line.lower().startswith("diagnostic-code:") or find_codes(line):
            keep = True
        elif not line[:1].isspace():
            keep = False
        if keep:
            yield line


def domain_for(code: str | None, text: str, recipients: list[str]) -> str | None:
    """The domain a check of this bounce should look at, or None (not check-worthy)."""
    focus = codes.focus_of(code)
    if focus is None:
        return None
    if focus.domain == codes.RECIPIENT:
        candidate = next((a.rsplit("@", 1)[1] for a in recipients if "@" in a), None)
    else:
        candidate = sender_domain(text)
    if candidate is None:
        return None
    try:
        return parse_domain(candidate).unicode
    except InvalidName:
        return None


def sending_ip(text: str) -> str | None:
    """The first public IP address in the receiving server's reply, where servers name the
    address they refused (documentation ranges count, for examples and tests)."""
    for line in _reply_lines(text):
        for candidate in _IPV4_RE.findall(line) + _IPV6_RE.findall(line):
            try:
                address = ipaddress.ip_address(candidate)
            except ValueError:
                continue
            documentation = any(
                address in net for net in _DOCUMENTATION if net.version == address.version
            )
            if address.is_global or documentation:
                return str(address)
    return None


GENERIC = ("550", "554", "5.7.1")  # check-worthy only when the reply names DNS authentication
_AUTH_WORDS_RE = re.compile(
    r"\b(spf|dkim|dmarc|ptr|rdns|reverse dns|reverse lookup|authenticat\w*|sender policy)\b",
    re.I,
)


def check_code(found: list[str], diagnostic: str | None) -> str | None:
    """The code a domain check should explain: the most specific cause code (enhanced
    first), if it is check-worthy; 550, 554 and 5.7.1 only when the reply mentions SPF,
    DKIM, DMARC, PTR or authentication (a 550 5.1.1 is about a mailbox, not DNS)."""
    for code in found:
        if codes.focus_of(code) is None:
            if "." in code:  # a specific enhanced code that is not about DNS decides
                return None
            continue
        if code in GENERIC and not _AUTH_WORDS_RE.search(diagnostic or ""):
            continue
        return code
    return None
