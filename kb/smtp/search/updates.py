"""An index updated for a few changed documents, without rebuilding it.

``updated(index, documents, removed)`` returns a new SearchIndex in which ``documents``
replace the documents of the same code (or are added) and the codes in ``removed`` are
gone. Only the changed documents are analysed, and only the posting lists, spellings, stems
and typo counts of their words are touched: the cost follows the change, not the corpus.
The old index is never modified (a search running on it in another thread is unaffected);
the new one shares everything the change did not touch.

The result ranks like an index built from scratch over the same documents, with one
exception: an added code takes the last position, so among pages of exactly equal score it
comes last until the next full build (which puts the pages in code order).
"""

from __future__ import annotations

import copy
import math
from bisect import insort
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from kb.smtp import synonyms as builtin_synonyms
from kb.smtp.search.analysis import analyze
from kb.smtp.search.matching import FIELD_WEIGHTS
from kb.smtp.search.morphology import stem
from kb.smtp.search.query import compile_synonyms

if TYPE_CHECKING:
    from kb.smtp.search.index import Document, SearchIndex


def updated(
    index: SearchIndex,
    documents: Iterable[Document] = (),
    removed: Iterable[str] = (),
    synonyms: Mapping[str, Iterable[str]] | None = None,
) -> SearchIndex:
    """A copy of ``index`` with ``documents`` in (replacing those of the same code) and the
    codes of ``removed`` out; with ``synonyms``, the staff's synonym table replaced."""
    new = copy.copy(index)
    new._codes = list(index._codes)
    new._dotless = list(index._dotless)
    new._analyses = list(index._analyses)
    new._class_factors = list(index._class_factors)
    new._doc_of_code = dict(index._doc_of_code)
    new._postings = dict(index._postings)
    new.terms = {}  # what query words match changes with the pages
    touched: set[str] = set()  # words whose posting list changed
    copied: set[str] = set()  # posting lists copied for the new index

    def postings_of(word: str) -> dict[int, int]:
        if word not in copied:
            new._postings[word] = dict(new._postings.get(word, {}))
            copied.add(word)
        return new._postings[word]

    def take_out(doc: int) -> None:
        for word in new._analyses[doc].masks:
            del postings_of(word)[doc]
            touched.add(word)
        new._analyses[doc] = None

    for code in removed:
        doc = new._doc_of_code.pop(code, None)
        if doc is not None:
            take_out(doc)
    for document in documents:
        doc = new._doc_of_code.get(document.code)
        if doc is None:
            doc = new._doc_of_code[document.code] = len(new._codes)
            new._codes.append(document.code)
            new._dotless.append(document.dotless)
            new._analyses.append(None)
            new._class_factors.append(1.0)
        elif new._analyses[doc] is not None:
            take_out(doc)
        analysis = analyze(document)
        new._dotless[doc] = document.dotless
        new._analyses[doc] = analysis
        new._class_factors[doc] = new._class_factor(doc)
        for word, mask in analysis.masks.items():
            postings_of(word)[doc] = mask
            touched.add(word)
    _refresh_words(index, new, touched)
    if synonyms is not None:
        new._synonyms = compile_synonyms(builtin_synonyms.table(), synonyms)
    new._size = sum(analysis is not None for analysis in new._analyses)
    new._rule_boost = FIELD_WEIGHTS[0] * (1.0 + math.log(max(new._size, 1)))
    return new


def _refresh_words(index: SearchIndex, new: SearchIndex, touched: set[str]) -> None:
    """Vocabulary, spellings, stems and typo counts of the words whose postings changed."""
    gone = {word for word in touched if not new._postings[word]}
    for word in gone:
        del new._postings[word]
    added = {word for word in touched if word not in index._postings and word not in gone}
    if gone:
        new._vocabulary = [word for word in index._vocabulary if word not in gone]
    elif added:
        new._vocabulary = list(index._vocabulary)
    for word in added:
        insort(new._vocabulary, word)
    new._written = dict(index._written)
    new._stems = dict(index._stems)
    frequency: dict[str, int | None] = {}
    for word in touched:
        spelling = None
        if word not in gone and word.isalpha():
            # the first spelling in document order, as a full build has it (a word of
            # letters is in a text field, which spelled it, on every page it is on)
            spelling = new._analyses[min(new._postings[word])].spellings[word]
        before = index._written.get(word)
        if spelling != before:
            _restem(new, word, before, spelling)
        if spelling is None:
            new._written.pop(word, None)
        else:
            new._written[word] = spelling
        frequency[word] = len(new._postings[word]) if spelling is not None else None
    new._corrector = index._corrector.updated(frequency)


def _restem(new: SearchIndex, word: str, before: str | None, after: str | None) -> None:
    if len(word) < 3:
        return
    if before is not None:
        key = stem(before)
        words = [other for other in new._stems.get(key, ()) if other != word]
        if words:
            new._stems[key] = words
        else:
            new._stems.pop(key, None)
    if after is not None:
        key = stem(after)
        new._stems[key] = [*new._stems.get(key, ()), word]
