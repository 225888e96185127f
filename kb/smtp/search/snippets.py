"""Snippets: about 200 characters of a field around the first match, escaped, matched
words wrapped in ``<mark>``. Positions in folded text are positions in the original
(:func:`kb.smtp.text.fold` keeps the length)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

SNIPPET_CHARS = 200
SNIPPET_LEAD = 60  # characters of context before the first match


def _is_prefix_token(token: str) -> bool:
    """Words of 3+ characters with a letter match by prefix ("kutu" → "kutusu")."""
    return len(token) >= 3 and not token.replace(".", "").isdigit()


def _is_code_token(token: str) -> bool:
    """Numbers and codes match whole, or as the start of a longer code ("5.7" → "5.7.26")."""
    return token[0].isdigit()


def mark_pattern(tokens: Iterable[str], words: Iterable[str] = ()) -> re.Pattern[str] | None:
    """Finds what ``tokens`` (by the query's rules) and ``words`` (whole index words that
    a stem, synonym or correction matched) match in folded text; :func:`marked_words`
    checks word starts.

    (Starting the pattern with a literal rather than a lookbehind lets ``re`` skip ahead
    fast, which matters: snippets are most of the time a search takes.)
    """
    parts = []
    for token in sorted(set(tokens), key=len, reverse=True):
        if _is_prefix_token(token):
            parts.append(rf"{re.escape(token)}[^\W_]*")
        elif _is_code_token(token):
            parts.append(rf"{re.escape(token)}(?:\.\d+)*(?![^\W_]|\.\d)")
        else:
            parts.append(rf"{re.escape(token)}(?![^\W_]|\.\d)")
    whole = sorted(set(words), key=len, reverse=True)
    if whole:
        parts.append(rf"(?:{'|'.join(map(re.escape, whole))})(?![^\W_]|\.\d)")
    return re.compile("|".join(parts)) if parts else None


def marked_words(
    folded: str, pattern: re.Pattern[str] | None, start: int, end: int
) -> Iterator[tuple[int, int]]:
    """Spans of the matched words in ``folded[start:end]``."""
    position = start
    while pattern and (match := pattern.search(folded, position, end)):
        begin = match.start()
        before = folded[begin - 1] if begin else " "
        if before.isalnum() or (before == "." and folded[begin].isdigit()):
            position = begin + 1  # inside a word or a code: not a match
            continue
        yield begin, match.end()
        position = match.end()


def snippet(text: str, folded: str, pattern: re.Pattern[str] | None) -> str:
    """~200 characters of ``text`` around the first match, escaped, matches marked."""
    first_start, first_end = next(marked_words(folded, pattern, 0, len(folded)), (0, 0))
    start = 0
    if first_end > SNIPPET_CHARS - 20:
        start = max(0, first_start - SNIPPET_LEAD)
        start = text.find(" ", start, first_start) + 1 or start  # begin on a word
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):  # end on a word too, unless the text has no space to cut at
        end = max(text.rfind(" ", start + SNIPPET_CHARS // 2, end), 0) or end
    parts = ["…"] if start > 0 else []
    position = start
    for word_start, word_end in marked_words(folded, pattern, start, end):
        parts.append(html.escape(text[position:word_start]))
        parts.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
        position = word_end
    parts.append(html.escape(text[position:end]))
    if end < len(text):
        parts.append("…")
    return "".join(parts).strip()
