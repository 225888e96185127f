"""Provider rules: what a mailbox provider's own replies mean (the "rhost" of a bounce).

Big providers document their replies (Gmail's "About SMTP error messages", Microsoft's
"Email non-delivery reports in Exchange Online", Yahoo's "SMTP error codes", Orange's OFR/LPN
labels, Cox's and Spectrum's AUP# codes …). The same code means different things by provider
and wording: Gmail's 550 5.2.1 "receiving mail at a rate that prevents additional messages"
is a rate limit, not a disabled mailbox; Orange's "550 5.5.0 … LPN007_416" is an unknown user.

A provider is recognised by the remote host name (``Facts.host``) or the recipient's domain;
each rule is (enhanced code or "" for any, fragment of the folded text, reason). Microsoft
and Google rules live in :mod:`.providers_large`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kb.smtp import codes
from kb.smtp.decoder.providers_large import GOOGLE, MICROSOFT, MICROSOFT_LABELS

if TYPE_CHECKING:
    from kb.smtp.decoder.classify import Facts

# Provider → (remote host suffixes, recipient domains).
PROVIDERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "google": (("aspmx.l.google.com", "gmail-smtp-in.l.google.com", ".google.com"),
               ("gmail.com", "googlemail.com")),
    "microsoft": ((".prod.outlook.com", ".protection.outlook.com", ".onmicrosoft.com",
                   ".exchangelabs.com", ".hotmail.com", ".outlook.com"),
                  ("outlook.com", "hotmail.com", "live.com", "msn.com")),
    "yahoo": ((".yahoodns.net", ".yahoo.com", ".aol.com"), ("yahoo.com", "aol.com", "ymail.com")),
    "apple": ((".mail.icloud.com", ".apple.com", ".me.com"), ("icloud.com", "me.com", "mac.com")),
    "orange": ((".laposte.net", ".orange.fr", ".wanadoo.fr"),
               ("laposte.net", "orange.fr", "wanadoo.fr")),
    "cox": (("cox.net",), ("cox.net",)),
    "spectrum": (("charter.net",), ("charter.net", "spectrum.net")),
    "godaddy": (("secureserver.net",), ()),
    "kddi": ((".ezweb.ne.jp", "msmx.au.com"), ("ezweb.ne.jp", "au.com")),
    "docomo": (("mfsmax.docomo.ne.jp",), ("docomo.ne.jp",)),
    "iua": ((".email.ua", ".i.ua"), ("email.ua", "i.ua")),
    "messagelabs": ((".messagelabs.com",), ()),
    "mimecast": ((".mimecast.com",), ()),
    "tencent": ((".qq.com",), ("qq.com", "foxmail.com")),
    "zoho": ((".zoho.com", ".zohomail.com"), ("zoho.com", "zohomail.com")),
    "facebook": ((".facebook.com",), ()),
    "cloudflare": ((".mx.cloudflare.net",), ()),
}  # fmt: skip

# Wording rules of the smaller providers: (reason, fragments).
WORDING: dict[str, tuple[tuple[str, str], ...]] = {
    "yahoo": (
        ("authfailure", r"requires all senders to authenticate with either spf or dkim"),
        ("blocked", r"because the ip is in spamhaus's list|not accepted from ip addresses on "
                    r"spamhaus xbl"),
        ("norelaying", r"relaying denied for "),
        ("notcompliantrfc", r"headers are not rfc compliant"),
        ("policyviolation", r"not accepted for policy reasons"),
        ("rejected", r"temporarily deferred due to unexpected volume or user complaints|due to "
                     r"unresolvable rfc\.5321 (?:from )?domain| will be permanently deferred"),
        ("speeding", r"user is receiving mail too quickly"),
        ("suspend", r" is no longer valid\.|this mailbox is disabled"),
        ("syntaxerror", r"syntax error in parameters or arguments"),
        ("toomanyconn", r"max message per connection reached"),
        ("userunknown", r"dd this user doesn't have a |mailbox not found"),
    ),
    "apple": (
        ("authfailure", r"s dmarc policy|blocked for failing both spf and dkim"),
        ("blocked", r"rejected due to (?:having a domain present in|listing in) the spamhaus|"
                    r"blocked - see https://support\.proofpoint\.com/dnsbl-lookup|not accepting "
                    r"connections"),
        ("hasmoved", r"recipient no longer on server"),
        ("mailboxfull", r"user is over quota"),
        ("norelaying", r"relay access denied"),
        ("notaccept", r"host/domain does not accept mail"),
        ("policyviolation", r"due to local policy"),
        ("rejected", r"sender address rejected"),
        ("speeding", r"due to excessive volume"),
        ("userunknown", r"inactive email address|user does not exist|unknown or illegal alias"),
    ),
    "kddi": (("filtered", r"550 : user unknown"), ("userunknown", r">: user unknown")),
    "docomo": (
        ("mailboxfull", r"552 too much mail data"), ("toomanyconn", r"552 too many recipients"),
        ("syntaxerror", r"503 bad sequence of commands|504 command parameter not implemented"),
        ("userunknown", r"550 unknown user"),
    ),
    "cox": (
        ("blocked", r"cox too many bad commands from|too many invalid recipients"),
        ("requireptr", r"dns check failure - try again later|rejected - no rdns"),
        ("policyviolation", r"esmtp no data before greeting|attachment extension is forbidden"),
        ("rejected", r"sender rejected"), ("userunknown", r"recipient rejected"),
        ("systemerror", r"esmtp server temporarily not available"),
        ("toomanyconn", r"too many sessions from|requested action aborted: try again later|"
                        r"message threshold exceeded"),
    ),
    "godaddy": (
        ("blocked", r"rbl reject|www\.spamhaus\.org/query/bl\?ip="),
        ("expired", r"has been in the queue too long|delivery timeout"),
        ("mailboxfull", r"account storage limit"), ("suspend", r"account disabled"),
        ("spamdetected", r"message rejected for spam or virus content"),
        ("systemerror", r"message is looping"),
        ("userunknown", r"recipient not found|account does not exist"),
    ),
    "messagelabs": (
        ("authfailure", r"domain authentication fail"),
        ("badreputation", r"connection rejected by policy"),
        ("blocked", r"mail rejected because your ip is in the pbl|your ip address has been "),
        ("contenterror", r"stray linefeeds in message"),
        ("failedstarttls", r"tls/sslv3 connection required"), ("norelaying", r" as a relay, "),
        ("notcompliantrfc", r"550 requested action aborted \[4\]|this message is not rfc 5322"),
        ("rejected", r"sender envelope domain not allowed|your (?:domain|email address) has been "
                     r"(?:blocked|blacklisted)|envelope sender is in my badmailfrom list"),
        ("securityerror", r"please turn on smtp authentication in your mail client"),
        ("spamdetected", r"message filtered|filtered by outbound scanning"),
        ("toomanyconn", r"too many recipients received this hour|too many messages"),
        ("userunknown", r"no such user|invalid recipient|mailbox is not allowed"),
    ),
    "mimecast": (
        ("authfailure", r"(?:spf|dkim|dmarc) sender invalid - envelope rejected"),
        ("badreputation", r"internal resources are temporarily unavailable|local ct ip "
                          r"reputation - \(reject\)"),
        ("blocked", r"sender address blocked|recipient temporarily unavailable|ip temporarily "
                    r"blacklisted"),
        ("failedstarttls", r"this route requires (?:encryption|tls version|high-strength)"),
        ("mesgtoobig", r"maximum email size exceeded"),
        ("networkerror", r"the incorrect hostname used for inbounds|mail loop detected"),
        ("norelaying", r"open relay (?:is )?not allowed"), ("notaccept", r"account inbounds "
                                                                         r"disabled"),
        ("policyviolation", r"anti-spoofing policy|content examination policy|host network,? "
                            r"not allowed"),
        ("rejected", r"envelope blocked|manually blocked senders|blocked senders - block policy|"
                     r"block policy for envelope from"),
        ("securityerror", r"incorrect authentication data|submitter failed to"),
        ("systemerror", r"unable to process (?:connection|command|an email)|message ended early"),
        ("toomanyconn", r"account service is temporarily unavailable|too many recipients|"
                        r"exceeding outbound thread limit"),
        ("userunknown", r"invalid address|user unknown|invalid recipient"),
        ("virusdetected", r"message contains a virus|virus signature"),
    ),
    "tencent": (
        ("authfailure", r"(?:spf|dmarc) check failed"),
        ("blocked", r"suspected bounce attacks|suspected spam ip|connection denied"),
        ("mesgtoobig", r"message too large"),
        ("rejected", r"suspected spam|mail is rejected by recipients"),
        ("spamdetected", r"spam is embedded in the email|mail content denied"),
        ("speeding", r"mailbox unavailable or access denined|frequency of receiving messages"),
        ("suspend", r"is a deactivated mailbox"), ("syntaxerror", r"bad address syntax"),
        ("toomanyconn", r"(?:ip|domain|sender|connection) frequency limited"),
        ("userunknown", r"mailbox not found"),
    ),
    "zoho": (
        ("authfailure", r"email rejected per dmarc policy"),
        ("blocked", r"greylisted, try again after some time"),
        ("rejected", r"email flagged as spam|mail rejected by destination domain"),
        ("policyviolation", r"email policy violation detected|delivery restricted by policy"),
        ("systemerror", r"temporary system error"), ("userunknown", r"user does not exist"),
        ("virusdetected", r" detected by zoho mail"),
    ),
    "cloudflare": (("blocked", r"found on one or more dnsbls"), ("systemerror", r"upstream error")),
}  # fmt: skip

# Label-coded replies: a label in the text, then a number that names the reason.
ORANGE_LABEL_RE = re.compile(r"\b(?:lpn|lpnaaa|ofr|ouk)\d*[_-](\d{3})\b")
ORANGE_CODES = {
    "101": "blocked", "102": "blocked", "103": "blocked", "104": "toomanyconn",
    "305": "securityerror", "401": "authfailure", "402": "securityerror", "403": "rejected",
    "405": "rejected", "415": "rejected", "416": "userunknown", "417": "mailboxfull",
    "420": "suspend", "421": "rejected", "426": "suspend", "505": "systemerror",
    "506": "spamdetected", "510": "blocked", "514": "mesgtoobig", "517": "authfailure",
    "630": "policyviolation", "999": "blocked",
}  # fmt: skip
AUP_RE = re.compile(r"aup#(?:[io]-)?(\w+)")
COX_CODES = {"cxbl": "blocked", "cxdns": "requireptr", "cxsndr": "authfailure",
             "cxsmtp": "rejected", "cxcnct": "toomanyconn", "cxmxrt": "toomanyconn",
             "cdrbl": "blocked", "cxthrt": "securityerror", "cxmj": "securityerror"}  # fmt: skip
SPECTRUM_RANGES = (
    (1000, 1000, "blocked"), (1010, 1080, "rejected"), (1090, 1090, "systemerror"),
    (1100, 1150, "requireptr"), (1160, 1190, "policyviolation"), (1200, 1250, "blocked"),
    (1260, 1260, "networkerror"), (1300, 1340, "toomanyconn"), (1350, 1490, "speeding"),
    (1500, 1520, "rejected"), (1530, 1530, "mesgtoobig"), (1540, 1550, "speeding"),
    (1560, 1560, "policyviolation"), (1580, 1580, "speeding"),
)  # fmt: skip
GODADDY_RE = re.compile(r"\bib(\d{3})\b")
GODADDY_CODES = {
    "401": "securityerror", "501": "notcompliantrfc", "502": "notcompliantrfc",
    "506": "rejected", "508": "authfailure", "108": "requireptr", "212": "spamdetected",
    "705": "virusdetected", "605": "toomanyconn", "007": "toomanyconn", "101": "speeding",
    "110": "blocked", "111": "blocked", "112": "blocked", "113": "blocked", "504": "speeding",
    "510": "speeding", "607": "speeding", "103": "badreputation", "104": "blocked",
    "105": "blocked", "106": "blocked",
}  # fmt: skip
IUA_RE = re.compile(r"\.i\.ua/err/(\d+)/")
IUA_CODES = {"1": "norelaying", "2": "userunknown", "3": "suspend", "4": "mailboxfull",
             "5": "toomanyconn", "6": "norelaying", "7": "blocked", "8": "rejected",
             "9": "blocked", "10": "filtered"}  # fmt: skip
FACEBOOK_RE = re.compile(r"\b((?:pol|msg|rcp|int|dns|con)-[pt]\d)\b")
FACEBOOK_CODES = {
    "pol-p7": "authfailure", "pol-p1": "blocked", "pol-p2": "blocked", "pol-p3": "blocked",
    "pol-p4": "blocked", "pol-t1": "blocked", "pol-t2": "blocked", "pol-t3": "blocked",
    "msg-p2": "contenterror", "rcp-p2": "filtered", "rcp-p3": "filtered", "msg-p1": "mesgtoobig",
    "int-p2": "mesgtoobig", "msg-p3": "notcompliantrfc", "dns-p1": "rejected",
    "dns-p2": "rejected", "dns-t1": "rejected", "dns-p3": "requireptr", "dns-t2": "requireptr",
    "pol-p6": "spamdetected", "rcp-t4": "suspend", "rcp-t1": "systemerror",
    "con-t1": "toomanyconn", "con-t2": "toomanyconn", "con-t3": "toomanyconn",
    "con-t4": "toomanyconn", "msg-t1": "toomanyconn", "rcp-p1": "userunknown",
    "int-p1": "userunknown", "int-p3": "userunknown", "int-p4": "userunknown",
    "pol-p5": "virusdetected",
}  # fmt: skip

_COMPILED = {
    name: tuple((reason, re.compile(pattern)) for reason, pattern in rules)
    for name, rules in WORDING.items()
}


def provider_of(host: str, domain: str, lhost: str = "") -> str | None:
    """The provider of the remote host, else of the recipient's domain, else of the host
    that wrote the bounce (Microsoft 365 reports a remote server's reply in its own words)."""
    for name, (suffixes, _) in PROVIDERS.items():
        if _is_host_of(host, suffixes):
            return name
    for name, (_, domains) in PROVIDERS.items():
        if domain and any(domain == d or domain.endswith("." + d) for d in domains):
            return name
    for name, (suffixes, domains) in PROVIDERS.items():
        if _is_host_of(lhost, suffixes + domains):
            return name
    return None


def _is_host_of(host: str, suffixes: tuple[str, ...]) -> bool:
    return bool(host) and any(
        host == s.lstrip(".") or host.endswith(s if s.startswith(".") else "." + s)
        for s in suffixes
    )


def reason(facts: Facts) -> str | None:
    """The reason the provider's own reply stands for, or ``None``."""
    provider = provider_of(facts.host, facts.domain, facts.lhost)
    if provider is None or not facts.text:
        return None
    text = facts.text
    if provider == "google":
        return _coded(GOOGLE, facts)
    if provider == "microsoft":
        return _coded(MICROSOFT, facts) or _labelled(MICROSOFT_LABELS, facts)
    if provider == "orange":
        labels = ORANGE_LABEL_RE.findall(text)
        found = ORANGE_CODES.get(labels[-1]) if labels else None
        return found or ("authfailure" if "spf/dns de votre nom de domaine" in text else None)
    if provider in ("cox", "spectrum"):
        found = _aup(AUP_RE.search(text), provider)
        if found or provider == "spectrum":
            return found
    if provider == "docomo":
        return _docomo(facts)
    coded = {"godaddy": (GODADDY_RE, GODADDY_CODES), "iua": (IUA_RE, IUA_CODES),
             "facebook": (FACEBOOK_RE, FACEBOOK_CODES)}.get(provider)  # fmt: skip
    if coded and (match := coded[0].search(text)) and match[1] in coded[1]:
        return coded[1][match[1]]
    return next(
        (name for name, pattern in _COMPILED.get(provider, ()) if pattern.search(text)), None
    )


def _coded(rules: tuple[tuple[str, str, str], ...], facts: Facts) -> str | None:
    """Rules keyed by enhanced code: exact, a range ("5.7.606-649"), class-free ("x.7.0")
    or "" for any code."""
    status = facts.status or ""
    for code, fragment, name in rules:
        if fragment in facts.text and _code_fits(code, status):
            return name
    return None


def _code_fits(code: str, status: str) -> bool:
    if code.startswith("x."):  # either class
        code = status[:1] + code[1:]
    if not code or code == status:
        return True
    return codes.is_range(code) and codes.range_contains(code, status)


def _labelled(labels: dict[str, tuple[str, str]], facts: Facts) -> str | None:
    """Outlook.com's postmaster labels ("(RP-001)"), valid with their reply code."""
    for label, (reply, name) in labels.items():
        if label in facts.text and facts.reply == reply:
            return name
    return None


def _aup(match: re.Match[str] | None, provider: str) -> str | None:
    if match is None:
        return None
    label = match[1]
    if provider == "cox":
        if label.startswith("ipbl"):
            return "blocked"
        if label.startswith("urlbl"):
            return "spamdetected"
        return COX_CODES.get(label)
    digits = label[-4:]
    if not digits.isdigit():
        return None
    number = int(digits)
    return next((name for low, high, name in SPECTRUM_RANGES if low <= number <= high), None)


def _docomo(facts: Facts) -> str | None:
    """NTT docomo answers RCPT with 550 for unknown users and DATA with 550 for its filters."""
    if facts.status in ("5.1.1", "5.0.911"):
        return "userunknown"
    if facts.status == "5.2.0":
        return "filtered"
    for name, pattern in _COMPILED.get("docomo", ()):
        if pattern.search(facts.text):
            return name
    if facts.status == "5.0.0":
        return {"RCPT": "userunknown", "DATA": "rejected"}.get(facts.command)
    return None
