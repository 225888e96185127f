"""The wording of hosted mail services, gateways and appliances (Gmail, Google Groups,
Microsoft, Yahoo-era providers, Japanese carriers, SES, MessageLabs …), in the same form as
:mod:`.families`: a marker that recognises the service, then (reason, wording) rules.
"""

from __future__ import annotations

from kb.smtp.decoder.families import Family, family

SERVICES: tuple[Family, ...] = (
    family(
        "googlegroups",  # Google Groups refusing a post: four bulleted reasons, always the sender
        r"google groups",
        ("rejected", r"(?: \* ?[^*]{1,2000}){4}"),  # the four bullets, in any language
    ),
    family(
        "gmail",  # Gmail's own notices (before Google Workspace's "** Address not found **")
        r"delivery to the following recipients? (?:failed permanently|has been delayed)|"
        r"technical details of (?:permanent|temporary) failure",
        ("systemerror", r"\(state (?:6|8|9)\)"),
        ("norelaying", r"\(state 12\)"),
        ("blocked", r"\(state 13\)"),
        ("userunknown", r"\(state 14\)"),
        ("filtered", r"\(state (?:15|17|18)\)"),
        (
            "expired",
            r"dns error: could not contact dns servers|delivery to the following "
            r"recipient has been delayed|did not accept our requests to connect",
        ),
        (
            "hostunknown",
            r"dns error: domain name not found|dns error: dns server returned answer "
            r"with no data",
        ),
        ("mailboxfull", r"storage quota exceeded"),
    ),
    family(
        "googleworkspace",  # Google Workspace: "** Address not found **"
        r"\*\* (?:address not found|message not delivered) \*\*",
        ("userunknown", r"because the address couldn't be found"),
        ("notaccept", r"null mx"),
        ("networkerror", r" had no relevant answers\.| responded with code nxdomain"),
    ),
    family(
        "ezweb",  # au by KDDI (EZweb): filtered notices carry "X-SPASIGN: NG"
        r"@ezweb\.ne\.jp|@au\.com",
        ("filtered", r"x-spasign: ng"),
        ("expired", r"your message was not delivered within "),
        ("mailboxfull", r"the user\(s\) account is temporarily over quota"),
        ("suspend", r"the user\(s\) account is (?:disabled|temporarily limited)"),
    ),
    family(
        "biglobe",  # BIGLOBE (and the cable ISPs on its platform): "Non-delivered information"
        r"-{5} non-delivered information -{5}",
        ("filtered", r"mail delivery failed\.\.\. user unknown"),
        ("mailboxfull", r"recipient's mailbox exceeded the local limit"),
    ),
    family(
        "verizon",  # Verizon Wireless gateways (vtext.com SMS, vzwpix.com MMS)
        r"vtext\.com|vzwpix\.com",
        (
            "userunknown",
            r"550 - requested action not taken: no such user here|no valid "
            r"recipients for this mm",
        ),
    ),
    family(
        "zoho",  # Zoho Mail: "[Status: Error, Address: <…>, ResponseCode 421, , Host not reachable.]"
        r"x-zohomail:",
        ("expired", r"host not reachable"),
    ),
    family(
        "receivingses",  # Amazon SES receiving: the rule set's own template texts
        r"(?s)^(?=.*x-ses-outgoing:)(?=.*\nthis message could not be delivered\.\n)",
        ("filtered", r"mailbox does not exist"),
        ("mesgtoobig", r"message too large"),
        ("mailboxfull", r"mailbox full"),
        ("contenterror", r"message content rejected"),
    ),
    family(
        "messagelabs",  # Symantec.cloud (MessageLabs): "X-Msg-Ref: server-….messagelabs.com"
        r"x-msg-ref: ",
        ("userunknown", r"542 .{1,200}? rejected|no such user"),
        ("securityerror", r"please turn on smtp authentication in your mail client"),
    ),
    family(
        "aol",  # AOL Mail's own relays ("X-AOL-IP:")
        r"x-aol-ip: ",
        ("hostunknown", r"host or domain name not found"),
        ("notaccept", r"type=mx: malformed or unexpected name server reply"),
    ),
    family(
        "outlook.com",  # Outlook.com / Hotmail DSNs ("X-Message-Delivery:", "X-Message-Info:")
        r"x-message-delivery: |x-message-info: ",
        (
            "hostunknown",
            r"could not be delivered to the recipient because the domain is not "
            r"reachable",
        ),
        ("userunknown", r"requested action not taken: mailbox unavailable"),
    ),
    family(
        "facebook",  # Facebook's own bounces: its postmaster response codes ("RCP-P2")
        r"this message was created automatically by facebook\.",
        ("userunknown", r"\b(?:rcp-p1|int-p[134])\b"),
        ("filtered", r"\brcp-p[23]\b"),
        ("mesgtoobig", r"\b(?:msg-p1|int-p2)\b"),
        ("contenterror", r"\b(?:msg-p[23]|pol-p[67])\b"),
        ("securityerror", r"\bpol-p[125]\b"),
        ("notaccept", r"\bpol-(?:p[34]|t[123])\b"),
        ("rejected", r"\bdns-(?:p[123]|t[12])\b"),
        ("systemerror", r"\bcon-t1\b|\bint-t\d"),
        ("toomanyconn", r"\bcon-t3\b"),
        ("suspend", r"\brcp-t4\b"),
    ),
    family(
        "kddi",  # KDDI (dion, au one net)
        r"could not be delivered to:",
        ("mailboxfull", r"as their mailbox is full"),
        ("userunknown", r"due to an invalid user"),
        ("expired", r"has not been delivered for more than"),
    ),
)
