"""Text helpers every part of the site shares: Turkish folding, Markdown as plain text,
masking addresses. No Django.

- :func:`fold` is the one comparison form: search, the decoder's phrase rules and the
  admin's code search all compare folded text ("ÇÖZÜM" → "cozum", "IZIN"/"İzin" → "izin").
  It never changes the length of a string, so a position in folded text is the same
  position in the original (snippets and phrase matches rely on it).
- Every other change of case lives here too: :func:`lower_same_length` (bounces, keeping
  positions), :func:`lower_tr`, :func:`upper_tr` and :func:`capfirst_tr` (Turkish words).
- :func:`markdown_to_text` turns the Markdown staff write into one line of plain text
  (search index, page descriptions, the spell-check script).
- :func:`mask` hides e-mail and IP addresses in text shown back or stored.
"""

import re
import unicodedata

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_TURKISH_LETTERS = (
    ("ç", "c"), ("ğ", "g"), ("ı", "i"), ("ö", "o"), ("ş", "s"), ("ü", "u"),
    ("â", "a"), ("î", "i"), ("û", "u"),
)  # fmt: skip


class _FoldTable(dict[str, str]):
    """Folded form of the rarer non-ASCII characters, filled on first sight."""

    def __missing__(self, char: str) -> str:
        folded = char.lower()
        if len(folded) != 1:  # keep the length: one character in, one character out
            folded = char
        base = unicodedata.normalize("NFD", folded)[0]
        if base.isascii() and base.isalpha():  # é → e, ñ → n …
            folded = base
        self[char] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_TABLE[match.group()]


def lower_same_length(text: str) -> str:
    """``str.lower``, but "İ" becomes "i" first, the one character ``str.lower`` lengthens
    ("İ" → "i̇"): a position in the result is the same position in ``text``. For text that
    is mostly English (bounces); Turkish words want :func:`lower_tr`."""
    return text.replace("İ", "i").lower()


def lower_tr(word: str) -> str:
    """Lower case the Turkish way (I → ı, İ → i), as the Turkish stemmer expects."""
    return word.replace("I", "ı").replace("İ", "i").lower()


def fold(text: str) -> str:
    """Turkish-aware case folding and diacritic removal; the length never changes.

    ``str.lower`` keeps the length of every character except "İ", replaced first; the
    Turkish letters then go through ``str.replace`` (fast, in C), any other non-ASCII
    character through a table built with Unicode decomposition.
    """
    text = lower_same_length(text)
    for letter, plain in _TURKISH_LETTERS:
        if letter in text:
            text = text.replace(letter, plain)
    if not text.isascii():
        text = _NON_ASCII_RE.sub(_fold_char, text)
    return text


_LINK_RE = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")  # [text](url) → text
_LINE_MARKER_RE = re.compile(r"(?m)^[ \t]*(?:\d+[.)]|[-*+>]|#+)[ \t]+")  # "1. ", "- ", "## "


def markdown_to_text(text: str) -> str:
    """Markdown source → one line of plain text (NFC, so folding is char by char).

    Links keep their text; list and heading markers, bold and inline-code ticks go."""
    text = _LINK_RE.sub(r"\1", unicodedata.normalize("NFC", text or ""))
    text = _LINE_MARKER_RE.sub("", text)
    for marker in ("**", "`"):  # bold and inline code
        if marker in text:
            text = text.replace(marker, "")
    return " ".join(text.split())


def upper_tr(text: str) -> str:
    """Upper case the Turkish way: i → İ, ı → I ("ileti" → "İLETİ"; str.upper gives "ILETI")."""
    return text.replace("i", "İ").replace("ı", "I").upper()


def capfirst_tr(text: str) -> str:
    """The first letter in Turkish upper case: "ileti" → "İleti"."""
    return upper_tr(text[:1]) + text[1:]


def first_step(markdown_list: str) -> str:
    """The first item of a Markdown numbered list, as Markdown without its number."""
    for line in markdown_list.splitlines():
        stripped = line.strip()
        if stripped:
            number, dot, rest = stripped.partition(". ")
            return rest if dot and number.isdigit() else stripped
    return ""


def normalize_newlines(text: str) -> str:
    """Text as stored: LF line endings, no trailing spaces on a line or at the end."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


_EMAIL_RE = re.compile(
    r"(?<![\w.%+-])([\w.%+-]{1,64})@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8})"
)
_IPV4_RE = re.compile(r"(?<![\d.])((?:\d{1,3}\.){3})(\d{1,3})(?!\.?\d)")
_IPV6_RE = re.compile(r"(?<![\w:.])[0-9A-Fa-f:]{2,39}(?![\w:])")
EMAIL_RE = _EMAIL_RE


def mask(text: str) -> str:
    """Mask e-mail addresses and IP addresses in ``text``.

    - ``ali.veli@example.com`` -> ``a***@example.com``: the first character of the local
      part and the whole domain stay, so support still sees which domain bounced.
    - IPv4 keeps the first three octets: ``203.0.113.5`` -> ``203.0.113.***`` (anything
      shaped like an IPv4 address is masked, also a version-like ``4.16.55.1``).
    - IPv6 keeps the first two groups: ``2001:db8::25`` -> ``2001:db8:***``.
    """
    text = _EMAIL_RE.sub(lambda m: f"{m[1][0]}***@{m[2]}", text)
    text = _IPV4_RE.sub(lambda m: m[1] + "***" if _is_ipv4(m[0]) else m[0], text)
    return _IPV6_RE.sub(_mask_ipv6, text)


def _is_ipv4(token: str) -> bool:
    return all(int(part) <= 255 for part in token.split("."))


def _mask_ipv6(match: re.Match[str]) -> str:
    token, groups = match[0], match[0].split(":")
    full = len(groups) == 8 and all(groups)
    if ("::" in token or full) and len(groups) >= 3 and all(len(g) <= 4 for g in groups):
        return ":".join(groups[:2]) + ":***"
    return token  # a time such as 10:15:32, or not an address at all
