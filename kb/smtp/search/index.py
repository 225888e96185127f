"""The in-memory index and its ranking (see the package docstring for the approach)."""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from kb.smtp import synonyms as builtin_synonyms
from kb.smtp.codes import find_codes, is_enhanced
from kb.smtp.decoder.phrases import PHRASE_RULES
from kb.smtp.search import fuzzy
from kb.smtp.search.analysis import Analysis, analyze
from kb.smtp.search.matching import (
    FIELD_WEIGHTS,
    PHRASE_BONUS,
    PREFIX_FACTOR,
    TEXT_FIELDS,
    Factors,
    Search,
)
from kb.smtp.search.morphology import candidate_roots, stem
from kb.smtp.search.query import WORD_RE, compile_synonyms, concepts
from kb.smtp.search.snippets import mark_pattern, snippet
from kb.smtp.text import fold, lower_tr


@dataclass(frozen=True)
class Document:
    code: str  # "550", "5.1.1"
    title: str  # short Turkish title
    meaning: str  # Markdown text
    remedies: str  # customer + admin remedies, Markdown numbered lists, joined
    examples: str  # example server responses, one per line, "Provider | text"
    dotless: bool = False  # a vendor's dotless spelling of an enhanced code (422 for 4.2.2)


class Hits(list):
    """The hits shown (at most `limit`), how many documents matched in all, and the query
    with its typos corrected when a correction found something ("" otherwise)."""

    def __init__(self, hits: Iterable[Hit] = (), total: int = 0, suggestion: str = "") -> None:
        super().__init__(hits)
        self.total = total
        self.suggestion = suggestion


@dataclass(frozen=True)
class Hit:
    code: str
    score: float
    exact_code: bool  # the query named this code explicitly
    snippet: str  # HTML-safe, matched words wrapped in <mark>…</mark>


EXACT_CODE_BONUS = 100.0  # named codes are listed first whatever their score; this shows it
SUCCESS_FACTOR = 0.2  # 2xx/3xx and 2.x.x pages, for people who have a problem
DOTLESS_FACTOR = 0.4  # 422 below the 4.2.2 it imitates
MAX_QUERY_CHARS = 1000
MAX_TOKENS = 24
TIE = 1e-6  # scores closer than this are equal


class SearchIndex:
    def __init__(
        self, documents: Iterable[Document], synonyms: Mapping[str, Iterable[str]] | None = None
    ) -> None:
        self._codes: list[str] = []
        self._dotless: list[bool] = []
        self._analyses: list[Analysis | None] = []  # None: a document removed by an update
        self._doc_of_code: dict[str, int] = {}
        postings: dict[str, dict[int, int]] = {}
        spellings: dict[str, str] = {}  # folded word → its first spelling as written
        for doc_id, doc in enumerate(documents):
            analysis = analyze(doc)
            self._codes.append(doc.code)
            self._dotless.append(doc.dotless)
            self._analyses.append(analysis)
            self._doc_of_code.setdefault(doc.code, doc_id)
            for word, mask in analysis.masks.items():
                entry = postings.get(word)
                if entry is None:
                    postings[word] = {doc_id: mask}
                else:
                    entry[doc_id] = mask
            for word, spelling in analysis.spellings.items():
                spellings.setdefault(word, spelling)
        self._postings = postings
        self._vocabulary = sorted(postings)
        self._written = spellings
        self._stems: dict[str, list[str]] = {}  # folded stem → the index words it stems
        for word, spelling in spellings.items():
            if len(word) >= 3:
                self._stems.setdefault(stem(spelling), []).append(word)
        self._corrector = fuzzy.Corrector({w: len(postings[w]) for w in spellings if w in postings})
        self._synonyms = compile_synonyms(builtin_synonyms.table(), synonyms or {})
        self._size = len(self._codes)
        # a decoder phrase rule counts like a title match of a word no other page has
        self._rule_boost = FIELD_WEIGHTS[0] * (1.0 + math.log(max(self._size, 1)))
        self._class_factors = [self._class_factor(doc) for doc in range(len(self._codes))]
        self.terms: dict[tuple[str, str], tuple] = {}  # query word → its matches (matching.py)

    def __len__(self) -> int:
        return self._size

    def search(self, query: str, limit: int = 30) -> Hits:
        if not isinstance(query, str) or limit <= 0:
            return Hits()
        query = unicodedata.normalize("NFC", query[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
        exact = self._exact_docs(query)
        folded_query = fold(query)
        spans = [(m.start(), m.end()) for m in WORD_RE.finditer(folded_query)]
        words = [folded_query[start:end] for start, end in spans]
        originals = {folded_query[s:e]: query[s:e] for s, e in spans}
        search = Search(self, concepts(words, self._synonyms), originals)
        totals = search.scores()
        bonuses = self._phrase_bonuses(totals, words)
        for doc, bonus in bonuses.items():
            totals[doc] += sum(bonus)
        for doc in self._rule_docs(folded_query):
            totals[doc] = totals.get(doc, 0.0) + self._rule_boost
        class_factors = self._class_factors
        for doc in totals:
            totals[doc] *= class_factors[doc]
        named = set(exact)
        matching = [doc for doc, total in totals.items() if total > 0 and doc not in named]
        pattern = mark_pattern(search.mark_tokens, search.mark_words)
        any_enhanced = any(is_enhanced(self._codes[doc]) for doc in exact)
        hits = [
            self._hit(
                doc,
                totals.get(doc, 0.0) + EXACT_CODE_BONUS,
                is_enhanced(self._codes[doc]) or not any_enhanced,
                search,
                bonuses,
                pattern,
            )
            for doc in exact[:limit]
        ]
        ranked = self._best_ranked(matching, totals, limit - len(hits))
        hits += [self._hit(doc, totals[doc], False, search, bonuses, pattern) for doc in ranked]
        suggestion = ""
        if search.corrections and hits:
            suggestion = query
            for start, end in reversed(spans):
                if (better := search.corrections.get(folded_query[start:end])) is not None:
                    suggestion = (
                        suggestion[:start] + lower_tr(self._written[better]) + suggestion[end:]
                    )
        return Hits(hits, total=len(exact) + len(matching), suggestion=suggestion)

    # ranking

    def _exact_docs(self, query: str) -> list[int]:
        """Documents of the codes the query names: enhanced codes first (the reason), then
        reply codes, each in query order."""
        docs = [self._doc_of_code[c] for c in find_codes(query) if c in self._doc_of_code]
        return sorted(docs, key=lambda doc: not is_enhanced(self._codes[doc]))

    def _class_factor(self, doc: int) -> float:
        """Pages of success and intermediate codes and dotless spellings rank lower: the
        reader searching in words has a problem (named codes are listed first anyway)."""
        code = self._codes[doc]
        factor = SUCCESS_FACTOR if code[0] in "23" else 1.0
        return factor * DOTLESS_FACTOR if self._dotless[doc] else factor

    def matched_words(self, token: str) -> Iterator[tuple[str, float]]:
        """Index words that ``token`` matches: 1.0 for the word itself, 0.75 for longer
        words it begins, 0.7 for another form of it (same stem or root)."""
        prefix = len(token) >= 3 and not token.replace(".", "").isdigit()
        code = token[0].isdigit()
        vocabulary = self._vocabulary
        for position in range(bisect_left(vocabulary, token), len(vocabulary)):
            word = vocabulary[position]
            if word == token:
                yield word, 1.0
            elif not (prefix or code) or not word.startswith(token):
                break  # short tokens match whole words only
            elif prefix or word[len(token)] == ".":
                yield word, PREFIX_FACTOR

    def word_forms(self, token: str, original: str) -> set[str]:
        """Index words that are other forms of ``token``: same Snowball stem as the word
        typed, or built on one of its roots ("kotasi" → "kota", "kuyruga" → "kuyruk")."""
        if len(token) < 4 or not token.isalpha():
            return set()
        forms: set[str] = set()
        for key in {stem(original), stem(token), *candidate_roots(token)}:
            forms.update(self._stems.get(key, ()))
            if key in self._postings:
                forms.add(key)
        return forms

    def correct(self, token: str) -> str | None:
        return self._corrector.correct(token)

    def postings(self, word: str) -> dict[int, int]:
        return self._postings.get(word, {})

    @property
    def size(self) -> int:
        return self._size

    @staticmethod
    def _best_ranked(docs: list[int], totals: dict[int, float], count: int) -> list[int]:
        """The ``count`` best of ``docs``; equal scores (up to float noise: sums are taken
        in any order) go by code order."""
        if count <= 0:
            return []
        if len(docs) > count:  # only what can make the cut is sorted
            floor = heapq.nlargest(count, (totals[doc] for doc in docs))[-1] - TIE
            docs = [doc for doc in docs if totals[doc] >= floor]
        return sorted(docs, key=lambda doc: (-round(totals[doc], 9), doc))[:count]

    def _phrase_bonuses(self, scores: dict[int, float], words: Sequence[str]) -> dict[int, Factors]:
        """Bonus per field where the query's words appear in a row (the last one may be a
        prefix), for the documents in ``scores``."""
        if len(words) < 2 or not scores or len(words) > MAX_TOKENS:
            return {}
        phrase = " " + " ".join(words)
        # all but the last word (a prefix) must be on the page as is; one-letter words are
        # not indexed
        required = sorted(
            (self._postings.get(word, {}) for word in words[:-1] if len(word) >= 2), key=len
        )
        candidates = set(required[0] if required else scores)
        for postings in required[1:]:
            candidates.intersection_update(postings)
            if not candidates:
                return {}
        candidates.intersection_update(scores)
        last = words[-1]
        if len(last) >= 3 and len(candidates) > 64:  # and a word the last one begins
            vocabulary, beginning = self._vocabulary, set()
            for position in range(bisect_left(vocabulary, last), len(vocabulary)):
                if not vocabulary[position].startswith(last):
                    break
                beginning.update(self._postings[vocabulary[position]])
            candidates.intersection_update(beginning)
        bonuses: dict[int, Factors] = {}
        for doc in candidates:
            for field, text in enumerate(self._analyses[doc].phrases):
                if phrase in text:
                    bonus = bonuses.setdefault(doc, [0.0] * len(FIELD_WEIGHTS))
                    bonus[field] += (PHRASE_BONUS + FIELD_WEIGHTS[field]) * (len(words) - 1)
        return bonuses

    def _rule_docs(self, folded_query: str) -> list[int]:
        """Documents whose code is named by a decoder phrase rule that matches the query."""
        docs: list[int] = []
        for rule in PHRASE_RULES:  # compiled folded, so they match the folded query
            doc = self._doc_of_code.get(rule.code)
            if doc is not None and doc not in docs and rule.pattern.search(folded_query):
                docs.append(doc)
        return docs

    def _hit(
        self,
        doc: int,
        score: float,
        exact: bool,
        search: Search,
        bonuses: dict[int, Factors],
        pattern: re.Pattern[str] | None,
    ) -> Hit:
        """The hit for ``doc``; the snippet comes from the best-scoring text below the
        title (the title is shown above it anyway), the meaning if none matched."""
        field_scores = search.field_scores(doc)
        for field, bonus in enumerate(bonuses.get(doc, ())):
            field_scores[field] += bonus
        scores = field_scores[1:TEXT_FIELDS]
        field = 1 + scores.index(max(scores)) if max(scores) > 0 else 1
        analysis = self._analyses[doc]
        if not analysis.fields[field]:
            field = 0
        text = snippet(analysis.fields[field], analysis.folded[field], pattern)
        return Hit(code=self._codes[doc], score=round(score, 3), exact_code=exact, snippet=text)
