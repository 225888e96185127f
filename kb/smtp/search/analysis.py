"""One document as the index sees it: its cleaned and folded fields, and its words.

Analysing is most of the cost of building an index, and it depends on the document alone,
so an index updated for a few changed documents (:mod:`.updates`) analyses only those."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kb.smtp.search.query import WORD_RE
from kb.smtp.text import fold, markdown_to_text

if TYPE_CHECKING:
    from kb.smtp.search.index import Document


@dataclass(frozen=True)
class Analysis:
    fields: tuple[str, ...]  # cleaned original text per field
    folded: tuple[str, ...]  # same text, folded
    phrases: tuple[str, ...]  # " word word … " per field, for phrases
    masks: dict[str, int]  # folded word of 2+ characters → bitmask of the fields holding it
    spellings: dict[str, str]  # folded word of letters → its first spelling as written


def analyze(doc: Document) -> Analysis:
    examples = " · ".join(line for line in (doc.examples or "").splitlines() if line.strip())
    fields = tuple(
        markdown_to_text(text) for text in (doc.title, doc.meaning, doc.remedies, examples)
    )
    folded = tuple(fold(text) for text in fields)
    words = tuple(WORD_RE.findall(text) for text in folded)
    masks: dict[str, int] = {}
    for field, field_words in enumerate((*words, WORD_RE.findall(fold(doc.code)))):
        for word in set(field_words):
            if len(word) >= 2:
                masks[word] = masks.get(word, 0) | (1 << field)
    spellings: dict[str, str] = {}
    for text, folded_text in zip(fields, folded, strict=True):
        for match in WORD_RE.finditer(folded_text):
            if match[0] not in spellings and match[0].isalpha():
                spellings[match[0]] = text[match.start() : match.end()]
    return Analysis(fields, folded, tuple(f" {' '.join(w)} " for w in words), masks, spellings)
