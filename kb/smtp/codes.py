"""Syntax of SMTP reply codes and enhanced status codes, without Django.

A *basic* reply code is three digits (`450`); an *enhanced* status code is
`class.subject.detail` (`5.1.1`, RFC 3463). 101 and 111 are kept as basic codes
with class 1: they are socket errors some mail clients print, not SMTP replies.
"""

import re

BASIC_RE = re.compile(r"^[1-5][0-9][0-9]$")
# RFC 3463 defines subjects 0 to 7; detail numbers have up to three digits.
ENHANCED_RE = re.compile(r"^([245])\.([0-7])\.([1-9][0-9]{0,2}|0)$")
MAX_CODE_LENGTH = 11  # "5.999.999"


def is_basic(code: str) -> bool:
    return bool(BASIC_RE.match(code))


def is_enhanced(code: str) -> bool:
    return bool(ENHANCED_RE.match(code))


def is_valid(code: str) -> bool:
    return len(code) <= MAX_CODE_LENGTH and (is_basic(code) or is_enhanced(code))


def sort_key(code: str) -> str:
    """A string that orders codes the way people read them.

    Basic codes first, by number; then enhanced codes grouped by subject and detail,
    the classes of one entry side by side (4.1.1, 5.1.1, 5.1.2 …, 5.1.10).
    """
    if is_basic(code):
        return f"1:{code}"
    match = ENHANCED_RE.match(code)
    if match is None:
        raise ValueError(f"not an SMTP code: {code!r}")
    klass, subject, detail = (int(part) for part in match.groups())
    return f"2:{subject:03d}.{detail:03d}.{klass}"


def subject_of(code: str) -> int | None:
    """The subject digit of an enhanced code (`5.7.1` → 7), None for basic codes."""
    match = ENHANCED_RE.match(code)
    return int(match.group(2)) if match else None
