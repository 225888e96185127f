"""The wording of each MTA software family: the reasons it states in its own words (the
hosted services and appliances are in :mod:`.families_services`).

A family is recognised by its fixed sentences; each rule says which reason one of its own
messages stands for. Rules are checked against the recipient's section of the bounce (or
the whole text when there is one recipient), folded. The source of each family's wording is
the MTA itself (qmail-remote.c, Exim's deliver.c and transports, OpenSMTPD's bounce.c …).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.smtp.text import fold


class Family(NamedTuple):
    name: str
    marker: re.Pattern[str]  # recognises the family in the folded text (or subject)
    rules: tuple[tuple[str, re.Pattern[str]], ...]  # (reason, its wording), in order


def family(name: str, marker: str, *rules: tuple[str, str]) -> Family:
    """Patterns are folded like the text, so they are written in lower case and never use
    the upper-case escapes (\\S, \\W, \\D, \\B), which folding would turn around."""
    return Family(
        name,
        re.compile(fold(marker)),
        tuple((reason, re.compile(fold(words))) for reason, words in rules),
    )


SOFTWARE: tuple[Family, ...] = (
    family(
        "qmail",  # qmail-send.c, qmail-remote.c, qmail-local.c and the qmail-ldap patch
        r"this is the qmail-send program|hi\. this is the qmail|subject: failure notice",
        ("blocked", r" but my name was rejected"),
        ("hostunknown", r"sorry, i couldn't find any host "),
        ("mailboxfull", r"disk quota exceeded"),
        ("mesgtoobig", r"message size exceeds fixed maximum message size:"),
        (
            "networkerror",
            r"sorry, i wasn't able to establish an smtp connection|although i'm "
            r"listed as a best-preference mx or a for that host",
        ),
        ("notaccept", r"sorry, i couldn't find a mail exchanger or ip address"),
        ("systemfull", r"mailbox unavailable \(not enough free space\)"),
        ("userunknown", r"no mailbox here by that name"),
        ("exceedlimit", r"the message exeeded the maximum size the user accepts"),
        ("suspend", r"mailaddress is administrativ\w* disabled"),
        (
            "systemerror",
            r"automatic homedir creator crashed|illegal value in ldap attribute|ldap "
            r"attribute is not given but mandatory|while performing search on ldap|"
            r"too many results returned but needs to be unique|error while executing "
            r"qmail-forward|error in automatic homedir creation|failure in ldap "
            r"lookup|unable to (?:contact|login into) ldap server|bad interpreter: "
            r"no such file or directory",
        ),
        ("", r" does not like recipient\..{0,400}?this message has been in the queue too long"),
        ("expired", r"this message has been in the queue too long"),
    ),
    family(
        "qmail-clone",  # qmail clones (Sisimai's "X4"): qmail-remote's lines, their own opening
        r"unable to deliver message to the following address|su mensaje no pudo ser entregado|"
        r"this is the machine generated message from mail service|this is the mail delivery "
        r"agent at|unfortunately, your mail was not delivered to the following address:|"
        r"your mail message to the following address|he/her is not .{1,80} user|"
        r"hi\. .{1,80} unable to deliver your message to the following addresses",
        ("userunknown", r" does not like recipient\."),
    ),
    family(
        "exim",  # exim/src/deliver.c, routers/dnslookup.c, transports/appendfile.c, smtp.c
        r"this message was created automatically by mail delivery software|a message that you "
        r"sent (?:could not be delivered|contained one or more recipient)|has been frozen",
        ("blocked", r"smtp error from remote mail(?:er| server) after (?:ehlo|helo)\b"),
        ("", r"smtp error from remote mail(?:er| server) after mail from"),
        ("userunknown", r"\buser not found"),
        (
            "hostunknown",
            r"all host address lookups failed permanently|all relevant mx records "
            r"point to non-existent hosts|unrouteable address",
        ),
        ("mailboxfull", r"mailbox is full|error: quota exceed"),
        (
            "notaccept",
            r"an mx or srv record indicated no smtp service|no host found for existing "
            r"smtp connection",
        ),
        (
            "syntaxerror",
            r"angle-brackets nested too deep|expected word or \"<\"|domain missing in "
            r"source-routed address|malformed address:",
        ),
        (
            "systemerror",
            r"delivery to (?:file|pipe) forbidden|local delivery failed|lmtp error "
            r"after ",
        ),
        ("contenterror", r"too many \"received\" headers"),
        (
            "expired",
            r"retry timeout exceeded|no action is required on your part|retry time not "
            r"reached for any host after a long failure period|all hosts have been "
            r"failing for a long time|delay reason: |has been frozen|was frozen on "
            r"arrival by ",
        ),
        ("mailererror", r"pipe to \|"),
    ),
    family(
        "dragonfly",  # DragonFly Mail Agent (dma.c, net.c)
        r"this is the dragonfly mail agent",
        ("expired", r"could not deliver for the last "),
        ("hostunknown", r"dns lookup failure: host "),
    ),
    family(
        "exchange2003",  # Exchange 2000/2003 IMS: "MSEXCH:IMS:… (000C05A6) Unknown Recipient"
        r"did not reach the following recipient\(s\)|msexch:",
        ("userunknown", r"\(000c05a6\)"),
        ("filtered", r"\(000c0595\)"),
        ("systemerror", r"\(00010256\)|\(000d06b5\)"),
        ("networkerror", r"\(00120270\)"),
        ("contenterror", r"\(00050311\)|\(000502cc\)"),
        ("securityerror", r"\(000b0981\)"),
    ),
    family(
        "imail",  # Ipswitch/Progress IMail Server: "<reason>: <address>"
        r"subject: undeliverable mail|<smtp32 v",
        ("hostunknown", r"unknown host"),
        (
            "userunknown",
            r"unknown user|invalid final delivery "
            r"userid",
        ),
        ("mailboxfull", r"user mailbox exceeds allowed size"),
        ("virusdetected", r"requested action not taken: virus detected"),
        ("spamdetected", r"blacklisted url in message"),
        ("expired", r"delivery failed \d+ attempts"),
    ),
    family(
        "opensmtpd",  # OpenSMTPD bounce.c, mta.c, queue.c
        r"this is the mailer-daemon, please do not reply to this",
        ("expired", r"envelope expired"),
        ("securityerror", r"could not retrieve credentials"),
        ("hostunknown", r"invalid domain name|domain does not exist"),
        (
            "networkerror",
            r"address family mismatch on destination mxs|all routes to destination "
            r"blocked|bad dns lookup error code|could not retrieve source address|"
            r"loop detected|network error on destination mxs|no valid route to "
            r"(?:remote mx|destination)|temporary failure in mx lookup",
        ),
        (
            "notaccept",
            r"destination seem to reject all mails|no mx found for (?:domain|"
            r"destination)",
        ),
    ),
    family(
        "notes",  # Lotus/HCL Notes: "------- Failure Reasons --------"
        r"-{3,} failure reasons",
        ("networkerror", r"message has exceeded maximum hop count"),
        (
            "userunknown",
            r"user not listed in public name & address book|ディレクトリのリストにありません",
        ),
    ),
    family(
        "fml",  # fml mailing list manager
        r"x-mlserver:|-admin@|\.fml",
        (
            "rejected",
            r" header may cause mail loop|not member article from |reject mail from |"
            r"reject spammers:|you are not a member of this mailing list| are not member",
        ),
        ("notcompliantrfc", r"duplicated message-id"),
        ("securityerror", r"security alert"),
        ("systemerror", r" has detected a loop condition so that|loop back warning"),
    ),
    family(
        "domino",  # IBM/HCL Domino: "Your message … was not delivered to: … because: …"
        r"subject: delivery failure:|was not delivered to:",
        (
            "userunknown",
            r"not listed in (?:domino directory|public name & address book)|"
            r"domino ディレクトリには見つかりません",
        ),
        ("filtered", r"cannot route mail to user"),
        ("systemerror", r"several matches found in domino directory"),
    ),
    family(
        "mcafee",  # McAfee Email Gateway: "<ali@…>   (Unknown user ali@…)"
        r"x-nai-header: modified by mcafee",
        (
            "userunknown",
            r" user \(.{1,200}?@.{1,200}?\) unknown\. |550 unknown user [^ ]+@|"
            r"550 <.{1,200}?@.{1,200}?>\.+ user not exist|no such user",
        ),
    ),
    family(
        "exchange2007",  # Exchange 2007-2019 NDRs: "#550 5.1.1 RESOLVER.ADR.RecipNotFound; …"
        r"(?s)^(?=.*subject: (?:undeliverable|non_remis_))(?=.*content-language: [a-z]{2}\b)",
        ("hostunknown", r" smtpsend\.dns\.nonexistentdomain;"),
        ("networkerror", r" smtpsend\.dns\.mxloopback;"),
        ("userunknown", r" resolver\.adr\.(?:ex)?recipnotfound;"),
        ("toomanyconn", r" resolver\.adr\.reciplimit;"),
        ("systemerror", r" resolver\.adr\.(?:badprimary|invalidinsmtp|ambiguous);"),
        ("securityerror", r" resolver\.rst\.authrequired;"),
        ("rejected", r" resolver\.rst\.notauthorized;"),
        ("mesgtoobig", r" resolver\.rst\.recipsizelimit;"),
        ("expired", r" queue\.expired;"),
    ),
    family(
        "messagingserver",  # Sun/Oracle Communications Messaging Server
        r"this report relates to a message you sent with the following header fields",
        ("hostunknown", r"illegal host/domain name found"),
    ),
    family(
        "interscan",  # Trend Micro InterScan Messaging Security Suite
        r"interscan",
        ("userunknown", r"unable to deliver message to"),
    ),
)
