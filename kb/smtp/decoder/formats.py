"""What the human-readable part of each MTA family says beyond the codes.

Four things are read here, each from the wording a family uses:

- the refused SMTP **command** ("in reply to RCPT TO command", "after end of data",
  "does not like recipient", ">>> DATA" in a transcript …), which decides between reasons
  that share their words (see :mod:`.classify`);
- a **hint**: the reason a family states in its own words ("retry timeout exceeded" from
  Exim is an expired message, qmail's "Sorry, I couldn't find a mail exchanger or IP address"
  a domain that accepts no mail …), see :mod:`.hints`;
- whether the notice is a **delay** (a warning, the message is still queued);
- the **remote host** the bounce names and the **retry deadline** of a delay.
"""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime

# --- the refused command ------------------------------------------------------------------

_COMMAND_WORDS = (
    ("RCPT", r"rcpt to"), ("MAIL", r"mail from"), ("DATA", r"end of data|data|message body"),
    ("EHLO", r"ehlo"), ("HELO", r"helo"), ("CONN", r"initial connection|greeting"),
    ("AUTH", r"auth"), ("STARTTLS", r"starttls"),
)  # fmt: skip
_COMMAND_PHRASES = (
    # Postfix: "(in reply to RCPT TO command)", "while sending MAIL FROM"
    re.compile(r"in reply to (rcpt to|mail from|end of data|data|helo|ehlo|auth|starttls)\b"),
    re.compile(
        r"while (?:sending|performing the) (rcpt to|mail from|message body|end of data|"
        r"data|helo|ehlo|starttls)\b"
    ),
    # Exim: "SMTP error from remote mail server after RCPT TO:<…>:"; GMX and 1&1: "… after
    # RCPT command:", "… for TEXT command" (the message text: DATA)
    re.compile(
        r"error (?:from remote mail(?:er| server) )?(?:after|for) (rcpt to|mail from|end of "
        r"data|data|initial connection|ehlo|helo|auth|starttls|pipelined \w+ \w+|rcpt|mail|"
        r"text)\b"
    ),
    # X3: "SMTP:RCPT host 192.0.2.8: 553 …"; X6: "(Error following RCPT command)"
    re.compile(r"smtp:(rcpt|mail|data|ehlo|helo) host|error following (rcpt|mail|data|ehlo|helo)"),
    # m-FILTER: "-------SMTP command" and the command on the next line
    re.compile(r"-{7}smtp command (rcpt to|mail from|data|ehlo|helo)"),
    # DragonFly: "did not like our RCPT TO:"
    re.compile(r"did not like our (rcpt to|mail from|data|helo|ehlo)"),
    # Yahoo: "[RCPT_TO]", "[MAIL_FROM]"
    re.compile(r"\[(rcpt_to|mail_from)\]"),
)
# qmail-remote's own sentences
_QMAIL_COMMANDS = (
    ("CONN", " but greeting failed"), ("EHLO", " but my name was rejected"),
    ("MAIL", " but sender was rejected"), ("RCPT", " does not like recipient"),
    ("DATA", " failed on data command"), ("DATA", " failed after i sent the message"),
)  # fmt: skip
_TRANSCRIPT_COMMAND_RE = re.compile(r"^\s*(?:>>>|in:)\s*([a-z]{4})", re.IGNORECASE | re.M)
_TRANSCRIPT_ERROR_RE = re.compile(r"^\s*(?:<<<|out:)\s*[45]\d\d\b", re.IGNORECASE | re.M)
_BARE_COMMAND_RE = re.compile(r"(?<![\w.@-])(rcpt to|mail from|data|ehlo|helo)(?![\w.@-])")


def command_of(text: str) -> str:
    """The SMTP command the failure answered, "" when the text does not say."""
    lower = " ".join(text.lower().split())
    for pattern in _COMMAND_PHRASES:
        if match := pattern.search(lower):
            return _command_name(next(group for group in match.groups() if group).replace("_", " "))
    for name, words in _QMAIL_COMMANDS:
        if words in lower:
            return name
    if "refused to talk to me" in lower:  # Postfix: rejected at the greeting
        return "HELO"
    if error := _TRANSCRIPT_ERROR_RE.search(text):  # Sendmail's ">>> DATA" before "<<< 550"
        commands = _TRANSCRIPT_COMMAND_RE.findall(text, 0, error.start())
        if commands:
            return _command_name(commands[-1].lower())
        if "while talking to" in lower:  # refused before any command: at the greeting
            return "EHLO"
    return ""


def bare_command_of(text: str) -> str:
    """The last command named anywhere in a short diagnostic ("RCPT first" …)."""
    found = _BARE_COMMAND_RE.findall(text.lower())
    return _command_name(found[-1]) if found else ""


def _command_name(words: str) -> str:
    if words.startswith("pipelined"):
        words = words.split()[-2] + " " + words.split()[-1]
    for name, pattern in _COMMAND_WORDS:
        if re.fullmatch(pattern, words):
            return name
    return {"rcpt": "RCPT", "mail": "MAIL", "data": "DATA", "quit": "DATA", "text": "DATA"}.get(
        words[:4], ""
    )


# --- delays -------------------------------------------------------------------------------

DELAY_RE = re.compile(
    r"delivery to the following recipients? (?:has been|was) delayed"  # Gmail
    r"|this is a delivery status notification, not an error"  # Gmail, RFC 3464 gateways
    r"|#{5,} warning: message delayed|warning: message still undelivered"  # Postfix, Sendmail
    r"|this is a warning message only|you do not need to resend your message"  # Sendmail
    r"|message delay|has not yet been delivered to one or more of its recipients"  # Exim
    r"|delivery is delayed|delivery has been delayed|delivery delayed"  # Exchange
    r"|is only a temporary failure report|a message is delayed for more than"  # OpenSMTPD
    r"|will (?:retry|keep trying|continue (?:trying|delivery attempts))"
    r"|still (?:being )?retried|(?:iletiniz|ileti) (?:gecikti|henuz teslim edilmedi)"
    r"|teslimi gecikti|teslim gecikmesi|yeniden denenecek"
)
DELAY_SUBJECT_RE = re.compile(
    r"\(delay\)|delayed mail|delivery delayed|warning: could not send message|message delay"
    r"|delivery status notification \(delay\)|: delayed|warning: message|gecik",
    re.IGNORECASE,
)
FAILURE_RE = re.compile(
    r"failed permanently|permanent (?:fatal )?error|could not be delivered|undeliverable"
    r"|returned to sender|i've given up|will not be retried|giving up"
)


def is_delay_notice(folded: str, subject: str) -> bool:
    """A warning that the message is still queued, not a final failure. ``folded`` is the
    human-readable part after :func:`kb.smtp.text.fold` (``DELAY_RE`` and ``FAILURE_RE``
    are written folded: faster than IGNORECASE on long non-ASCII text)."""
    if DELAY_SUBJECT_RE.search(subject or ""):
        return True
    return bool(DELAY_RE.search(folded)) and not FAILURE_RE.search(folded)


# --- retry deadline ------------------------------------------------------------------------

_UNTIL_RE = re.compile(r"(?:will (?:keep trying|retry|continue[^.\n]{0,40}?)|retry) until\s+"
                       r"([^\n.;]{6,60}?\d{2}(?::\d{2}){1,2}(?:\s?[AP]M)?(?:\s?[+-]\d{4}"
                       r"|\s?\(?(?:UTC|GMT)[^)\n]{0,8}\)?)?)", re.IGNORECASE)  # fmt: skip


def retry_until(value: str | None, text: str) -> str | None:
    """``Will-Retry-Until:`` (or a "will keep trying until …" sentence) as ISO 8601, or raw."""
    if not value:
        match = _UNTIL_RE.search(text)
        value = match[1] if match else None
    if not value:
        return None
    value = " ".join(value.split())
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return value


# --- remote host ---------------------------------------------------------------------------

_HOST = r"([a-z0-9](?:[a-z0-9-]{0,62}\.)+[a-z]{2,24})\.?"
_REMOTE_HOST_RES = (
    re.compile(rf"\bhost\s+{_HOST}\s?\[", re.I),  # Postfix, Exim: "host mx.example.net[…]"
    re.compile(
        rf"(?:connect to|lost connection with|conversation with|delivery to) {_HOST}\[", re.I
    ),
    re.compile(rf"while talking to {_HOST}:", re.I),  # Sendmail
    re.compile(rf"\bremote (?:system|host|server|mta)\s*[:=]\s*(?:dns;\s*)?{_HOST}", re.I),
    re.compile(rf"^\s*{_HOST} (?:gave this error|rejected your message|returned)", re.I | re.M),
    re.compile(rf"\bmx(?: server)?[: ]+{_HOST}", re.I),
    re.compile(rf"\b(?:remote )?server at {_HOST} \(", re.I),  # Exchange: "Server at mx… (ip)"
    re.compile(rf"^\s*host:\s+{_HOST}", re.I | re.M),  # GMX, 1&1: "host: mx.example.net"
    re.compile(rf"^\s+{_HOST} \[[\d.:a-f]+\]:\s*$", re.I | re.M),  # Courier: "  mx… [ip]:"
    re.compile(rf"\bserver <?{_HOST}>?(?:\[[\d.:a-f]+\])? (?:failed with|rejected)", re.I),
    # Microsoft names its own server at the end of a reply: "[AM0PR01MB1234.….outlook.com]"
    re.compile(r"\[((?:[a-z0-9-]+\.)+(?:protection|prod)\.outlook\.com)\]", re.I),
    re.compile(rf"\b(?:generating server|oluşturan sunucu):\s*{_HOST}", re.I),  # the NDR's writer
)
_IP_ONLY_RE = re.compile(r"^[\d.]+$|^[0-9a-f:]+$")


def remote_host_of(remote_mta: str, text: str) -> str | None:
    """The remote MTA's host name, lower case: the DSN ``Remote-MTA:`` field, else the name
    the human-readable part gives. IP addresses alone are not host names."""
    words = remote_mta.split(";")[-1].split()
    value = words[0].strip("[]().").lower() if words else ""
    if value and "." in value and not _IP_ONLY_RE.match(value):
        return value
    for pattern in _REMOTE_HOST_RES:
        if match := pattern.search(text):
            host = match[1].lower().rstrip(".")
            if not _IP_ONLY_RE.match(host):
                return host
    return None


def diagnostic_type(diagnostic_code: str) -> str:
    """ "SMTP", "X-UNIX", "X-POSTFIX" … from "Diagnostic-Code: smtp; …"; "" without one."""
    kind, semicolon, _ = diagnostic_code.partition(";")
    kind = kind.strip().upper()
    return kind if semicolon and re.fullmatch(r"[A-Z][A-Z0-9-]{1,20}", kind) else ""
