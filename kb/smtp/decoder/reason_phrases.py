"""What servers write for each bounce reason: the phrase tables of :mod:`.classify`.

Each table is a list of fragments matched against the *normalised* diagnostic of one
recipient: folded with :func:`kb.smtp.text.fold` (lower case, no diacritics), whitespace
collapsed, SMTP continuation prefixes ("550-5.7.1 ") removed. A fragment is a regular
expression; most are literal wording, ``_`` stands for "a few words in between" (a bounded
gap, so matching stays linear; " _ " may also be no word at all). The wording is what the servers send (Postfix, Exim,
Sendmail, qmail, Exchange, Gmail, Yahoo, Orange …) in English, French, German, Italian,
Spanish, Japanese and Turkish; the grouping and the regular expressions are ours.
"""

from __future__ import annotations

import re

from kb.smtp import tables
from kb.smtp.text import fold

GAP = r".{0,120}?"  # "_" in a fragment: a short, bounded stretch of anything


def compile_table(fragments: list[str]) -> re.Pattern[str]:
    alternation = "|".join(
        f"(?:{fold(fragment).replace(' _ ', f' (?:{GAP} )?').replace('_', GAP)})"
        for fragment in fragments
    )
    return re.compile(alternation)


# kb/smtp/data/phrases_recipient.toml: the recipient, its mailbox and domain;
# kb/smtp/data/phrases_policy.toml: the sender, its server and the message.
PHRASES: dict[str, list[str]] = tables.load("phrases_recipient") | tables.load("phrases_policy")
TABLES: dict[str, re.Pattern[str]] = {name: compile_table(rows) for name, rows in PHRASES.items()}
