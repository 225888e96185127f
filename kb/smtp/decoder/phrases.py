"""Phrase tables of the bounce decoder (see the package docstring), English and Turkish.

Two kinds of table live here, so the decoder itself stays about parsing:

- **Context phrases** tell the scanner whose words a line holds: the remote server's reply
  ("said:", "Remote Server returned '...'", "Uzak Sunucu '...' döndürdü"), an SMTP
  transcript, or the start of the returned original message.
- **Guess rules** (``PHRASE_RULES``) name a likely code when the bounce has none.

When a bounce carries no usable SMTP code, the decoder looks for well-known English and
Turkish phrases and suggests the code such a message usually comes with. Rules are tried in
order and the first one that matches wins, so specific rules come before broad ones
("mailbox size limit exceeded" is a full mailbox, not a size problem; "domain not found" is
checked before the generic "not found" of an unknown user).

Guess patterns are written in lower case and compiled folded (``kb.smtp.text.fold``: "ı" →
"i", "ş" → "s" …); they are matched against folded text, which is many times faster than
``re.IGNORECASE`` and gives one lower-casing for the decoder and the search. Every pattern here is a flat alternation of literal words joined by
single ``\\s`` (no nested or unbounded repetition), so matching stays linear on any input.

Client-side connection errors ("Could not connect to SMTP host. Connection refused (111)")
are not SMTP replies at all; they are mapped to 4.4.1 ("no answer from host"), the enhanced
code a mail server logs for the same failure, so the customer lands on the page about
connection problems. Timeouts ("connection timed out", "delivery time expired", "could not
be delivered for 5 days") map to 4.4.7.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from kb.smtp.text import fold

# --- context phrases ----------------------------------------------------------------------

# These three are searched in lower-cased text (``str.lower`` after "İ" → "i": the same
# length, so positions hold), without IGNORECASE: an order of magnitude faster on the
# non-ASCII noise of a hostile input. A word boundary is checked after the first letter
# ("s(?<=\bs)aid"), so that each alternative still starts with a literal.
#
# The remote server's reply follows on the same line, or on the next lines when the phrase
# ends the line ("The response from the remote server was:").
REMOTE_REPLY_RE = re.compile(
    r"s(?<=\bs)aid:|r(?<=\br)eturned\s?['\"]|server\sreturned\b|smtp\serror\sfrom\sremote"
    r"|response\sfrom\sthe\sremote\sserver|t(?<=\bt)he\sresponse\swas|server\sresponse\swas"
    r"|remote\shost\ssaid|r(?<=\br)eason:|reported\serror:|refused\sto\stalk\sto\sme"
    r"|r(?<=\br)esponded:|r(?<=\br)eplied:"
    r"|s(?<=\bs)mtp(?:\s|\w{0,24})(?:error|refused|exception)\b|uzak\ssunucu|yan[ıi]t\sverdi"
)
# Turkish Microsoft 365 puts the verb after the quoted reply: "Uzak Sunucu '550 ...' döndürdü".
REMOTE_REPLY_AFTER_RE = re.compile(r"'\s?d[öo]nd[üu]rd[üu]")
# A Sendmail transcript starts; its unprefixed lines are the MTA's own verdict.
TRANSCRIPT_START_RE = re.compile(r"transcript\sof\ssession|while\stalking\sto")
# What precedes a server line in a transcript: Sendmail, PHPMailer debug, Postfix.
TRANSCRIPT_PREFIX_RE = re.compile(r"(?:<<<|SERVER\s->\sCLIENT:|\bOut:)\s*$")
# A bare reply code after these words is a code, not a count ("Error 550: ...", Zoho's
# "ResponseCode 421").
ERROR_WORD_RE = re.compile(r"(?:\berror|code|\bhata|\bkodu?)[ \t:#]{0,3}$", re.IGNORECASE)
# "Name: value" lines that are bounce text, not a quoted header of the original message.
SCANNED_FIELDS = frozenset(
    {"said", "reason", "error", "hata", "sebep", "neden", "response", "yanıt", "details"}
)
# Everything after this marker is the returned original message (Exim, qmail, Exchange,
# Gmail, Turkish Microsoft 365). Microsoft's "Original Message Details" is not one.
ORIGINAL_MESSAGE_RE = re.compile(
    r"^[ \t>*#-]*(?:original\smessage(?!\sdetails)|this\sis\sa\scopy\sof\sthe\smessage"
    r"|below\sthis\sline\sis\sa\scopy|undelivered\smessage\sheaders|(?:özgün|orijinal)\sileti"
    r"|message\sheaders\sfollow|enclosed\sis\sa\scopy|below\sthe\snext\sline\sis\sa\scopy"
    r"|below\sis\sa\scopy\sof|returned\smessage\s-|mensaje\soriginal)",
    re.IGNORECASE | re.MULTILINE,
)


# --- guess rules ----------------------------------------------------------------------------


class PhraseRule(NamedTuple):
    pattern: re.Pattern[str]
    code: str
    label_tr: str


def _rule(words: str, code: str, label_tr: str) -> PhraseRule:
    return PhraseRule(re.compile(fold(words)), code, label_tr)


MAILBOX_FULL_CODE = "5.2.2"
MAILBOX_FULL_TEMPORARY_CODE = "4.2.2"
MAILBOX_FULL_TEMPORARY_LABEL = (
    "Alıcının posta kutusu şimdilik dolu; gönderen sunucu yeniden deneyecek"
)

PHRASE_RULES: tuple[PhraseRule, ...] = (
    _rule(
        r"mailbox\s(?:is\s)?full|mailbox\ssize\slimit|quota\sexceeded|over\s?quota"
        r"|exceeded\s(?:the\s|their\s|its\s)?(?:storage\s|mailbox\s)?quota"
        r"|insufficient\s(?:storage|disk\sspace)|posta\skutusu\sdolu|kutusu\sdolu"
        r"|kota(?:sı)?\s(?:aşıldı|doldu|aşılmış)",
        MAILBOX_FULL_CODE,
        "Alıcının posta kutusu dolu (kota aşıldı)",
    ),
    _rule(
        r"host\snot\sfound|domain\snot\sfound|host\sor\sdomain\sname\snot\sfound"
        r"|domain\s(?:name\s)?(?:does\snot\sexist|couldn't\sbe\sfound|could\snot\sbe\sfound)"
        r"|no\smx\s(?:record|host)|name\sservice\serror|nxdomain"
        r"|alan\sadı\sbulunamadı|etki\salanı\sbulunamadı",
        "5.1.2",
        "Alıcının alan adı (domain) bulunamadı veya MX kaydı yok",
    ),
    _rule(
        r"user\sunknown|unknown\suser|no\ssuch\suser|recipient\snot\sfound|address\snot\sfound"
        r"|does\snot\sexist|doesn't\sexist|no\smailbox\shere|mailbox\sunavailable"
        r"|mailbox\snot\sfound|invalid\srecipient|unknown\srecipient"
        r"|no\ssuch\s(?:mailbox|recipient|address)|kullanıcı\sbulunamadı"
        r"|böyle\sbir\skullanıcı\syok|alıcı\sbulunamadı|adres\sbulunamadı",
        "5.1.1",
        "Alıcı adresi bulunamadı (böyle bir kullanıcı yok)",
    ),
    _rule(
        r"relay\saccess\sdenied|relaying\sdenied|relay\sdenied|unable\sto\srelay"
        r"|relaying\snot\s(?:permitted|allowed)|relay\snot\spermitted|we\sdo\snot\srelay"
        r"|aktarım\sreddedildi|aktarıma\sizin\sverilmiyor",
        "5.7.1",
        "Sunucu iletiyi aktarmayı (relay) reddetti; genellikle 554 5.7.1 ile gelir",
    ),
    _rule(
        r"\bspf\b|\bdkim\b|\bdmarc\b|unauthenticated\ssender|sender\sis\sunauthenticated"
        r"|kimliği\sdoğrulanmamış",
        "5.7.26",
        "Gönderen kimlik doğrulaması (SPF/DKIM/DMARC) başarısız",
    ),
    _rule(
        r"authentication\s(?:failed|failure|unsuccessful|required)|invalid\scredentials"
        r"|username\sand\spassword|\bpassword\b|kimlik\sdoğrulama(?:sı)?\sbaşarısız"
        r"|\bşifre|\bparola",
        "5.7.8",
        "SMTP kimlik doğrulaması başarısız (kullanıcı adı veya parola hatalı)",
    ),
    _rule(r"unauthenticated|not\sauthenticated", "5.7.26", "Gönderen kimliği doğrulanamadı"),
    _rule(
        r"\bspam\b|\bblocked\b|black\s?listed|black\s?list|block\s?listed|block\s?list"
        r"|spamhaus|\brbl\b|poor\sreputation|engellendi|kara\sliste|istenmeyen\sposta",
        "5.7.1",
        "İleti spam şüphesi veya engel listesi (blocklist) nedeniyle reddedildi",
    ),
    _rule(
        r"message\s(?:is\s)?too\s(?:large|big)|size\sexceeds|exceeds\s(?:the\s)?(?:maximum|size)"
        r"|message\ssize\slimit|çok\sbüyük|boyut\ssınırı",
        "5.3.4",
        "İleti boyutu alıcı sunucunun sınırını aşıyor",
    ),
    _rule(
        r"timed\sout|time\sout|delivery\stime\sexpired|retry\stimeout\sexceeded"
        r"|could\snot\sbe\sdelivered\sfor\s(?:more\sthan\s)?\d{1,4}\sdays?"
        r"|message\sexpired|zaman\saşımı|süresi\sdoldu",
        "4.4.7",
        "İleti belirlenen süre içinde teslim edilemedi (zaman aşımı)",
    ),
    _rule(
        r"connection\srefused|could\snot\sconnect|couldn't\sconnect|unable\sto\sconnect"
        r"|bağlantı\sreddedildi|bağlanılamadı",
        "4.4.1",
        "Sunucuya bağlanılamadı (bağlantı reddedildi); bu bir SMTP yanıtı değildir",
    ),
    _rule(
        r"grey\s?listed|gray\s?listed|grey\s?listing|gray\s?listing|try\sagain\slater"
        r"|please\stry\slater|daha\ssonra\stekrar\sdeneyin",
        "4.7.1",
        "Geçici erteleme (greylisting); sunucu daha sonra tekrar deneyecek",
    ),
)

TEMPORARY_RE = re.compile(
    fold(
        r"temporar|deferred|will\sbe\sretried|still\sbeing\sretried|warning\sonly"
        r"|geçici|tekrar\sdenenecek|yeniden\sdenenecek"
    )
)
