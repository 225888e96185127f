"""In-memory search over the reply-code pages, without Django.

The view builds ``SearchIndex(documents)`` from the database (again after admin edits)
and calls ``index.search(query)``. The approach:

* **Folding.** Text and queries go through :func:`kb.smtp.text.fold`, a char-by-char Turkish-aware
  lower-casing and diacritic removal ("ÇÖZÜM" → "cozum", "IZIN"/"İzin" → "izin"). Folding
  never changes the length of a string, so a position in folded text is the same position
  in the original text; snippets use that to put ``<mark>`` around the original words.
* **Index.** Markdown markers are stripped from each field (example lines are joined with
  " · "), the folded field is split into words (``5.7.1`` stays one word), and every word
  of 2+ characters gets a posting list ``{document: field bitmask}``; the page's own code
  is a fifth, snippet-less field. Words are also kept in a sorted list, so a prefix query
  ("kutu" → "kutusu", "kutular"; "5.7" → "5.7.26") is a ``bisect`` range.
* **Ranking.** Codes named in the query ("550-5.1.1") come first, in query order. Every other
  document is scored per query token: field weight (title 8, meaning 4, remedies 2,
  examples 1) × 1.0 for a whole word or 0.75 for a prefix × an idf factor, summed over
  fields and tokens. Documents matching every token get ×1.5, fields holding the whole
  query as a phrase get a bonus, and the English/Turkish phrase rules of the bounce decoder
  (``kb.smtp.decoder.phrases.PHRASE_RULES``, compiled folded, on the folded query) boost
  their code like a title match of a rare word.
* **Safety.** Queries are cut to 1,000 characters and 24 tokens; query text never becomes
  a regular expression without ``re.escape``, and the phrase rules are linear by design.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from kb.smtp.codes import ENHANCED, REPLY, find_codes
from kb.smtp.decoder.phrases import PHRASE_RULES
from kb.smtp.text import fold, markdown_to_text


@dataclass(frozen=True)
class Document:
    code: str  # "550", "5.1.1"
    title: str  # short Turkish title
    meaning: str  # Markdown text
    remedies: str  # customer + admin remedies, Markdown numbered lists, joined
    examples: str  # example server responses, one per line, "Provider | text"


class Hits(list):
    """The hits shown (at most `limit`), and how many documents matched in all."""

    def __init__(self, hits: Iterable[Hit] = (), total: int = 0) -> None:
        super().__init__(hits)
        self.total = total


@dataclass(frozen=True)
class Hit:
    code: str
    score: float
    exact_code: bool  # the query named this code explicitly
    snippet: str  # HTML-safe, matched words wrapped in <mark>…</mark>


FIELD_WEIGHTS = (8.0, 4.0, 2.0, 1.0, 8.0)  # title, meaning, remedies, examples, the code
TEXT_FIELDS = 4  # the code itself is searchable ("5.7" → 5.7.26) but makes no snippet
PREFIX_FACTOR = 0.75  # "kutu" matching "kutusu" counts a little less than "kutu" itself
ALL_TOKENS_FACTOR = 1.5  # every query token found in the document
PHRASE_BONUS = 10.0  # per extra word, when the query appears in a row (plus the field weight)
EXACT_CODE_BONUS = 100.0  # named codes are listed first whatever their score; this shows it
MAX_QUERY_CHARS = 1000
MAX_TOKENS = 24
SNIPPET_CHARS = 200
SNIPPET_LEAD = 60  # characters of context before the first match

STOP_WORDS = frozenset(
    "ve ile bir bu da de ki mi mu ne icin gibi olan nedir nasil neden "
    "the an to is of and or in on for at by be it as are was "
    "smtp hata hatasi hatalari kod kodu kodlari error code".split()
)

_WORD_RE = re.compile(r"\d+(?:\.\d+)+|[^\W_]+")
# Signs that a "query" is a pasted bounce or diagnostic line, not words to search for.
_BOUNCE_MARKERS = re.compile(
    rf"diagnostic-code:|final-recipient:|^status:\s*{ENHANCED}|^action:\s*(?:failed|delayed)"
    r"|\bsaid:|remote server returned|mailer-daemon|delivery status notification"
    r"|undeliverable|undelivered mail|teslim edilemedi|returned to sender",
    re.IGNORECASE | re.MULTILINE,
)
_REPLY_AND_STATUS = re.compile(rf"(?<![\d.]){REPLY}[ -]{ENHANCED}(?![\d.])")
BOUNCE_MIN_WORDS = 4  # "550 5.1.1" is a code to look up; with a sentence it is a diagnostic


def looks_like_bounce(text: str) -> bool:
    """Whether a search box received a pasted bounce or diagnostic line (hand it to the
    decoder) rather than words or a code to search for."""
    if text.count("\n") >= 2 or _BOUNCE_MARKERS.search(text):
        return True
    pair = _REPLY_AND_STATUS.search(text)
    return bool(pair) and len(_WORD_RE.findall(text)) - 2 >= BOUNCE_MIN_WORDS


def _query_tokens(folded_words: Sequence[str]) -> list[str]:
    tokens = [w for w in folded_words if len(w) >= 2 and w not in STOP_WORDS]
    return list(dict.fromkeys(tokens))[:MAX_TOKENS]


def _is_prefix_token(token: str) -> bool:
    """Words of 3+ characters with a letter match by prefix ("kutu" → "kutusu")."""
    return len(token) >= 3 and not token.replace(".", "").isdigit()


def _is_code_token(token: str) -> bool:
    """Numbers and codes match whole, or as the start of a longer code ("5.7" → "5.7.26")."""
    return token[0].isdigit()


def _mark_pattern(tokens: Sequence[str]) -> re.Pattern[str] | None:
    """Finds what ``tokens`` match in folded text; :func:`_marked_words` checks word starts.

    (Starting the pattern with a literal rather than a lookbehind lets ``re`` skip ahead
    fast, which matters: snippets are most of the time a search takes.)
    """
    parts = []
    for token in sorted(tokens, key=len, reverse=True):
        if _is_prefix_token(token):
            parts.append(rf"{re.escape(token)}[^\W_]*")
        elif _is_code_token(token):
            parts.append(rf"{re.escape(token)}(?:\.\d+)*(?![^\W_]|\.\d)")
        else:
            parts.append(rf"{re.escape(token)}(?![^\W_]|\.\d)")
    return re.compile("|".join(parts)) if parts else None


def _marked_words(
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


class SearchIndex:
    def __init__(self, documents: Iterable[Document]) -> None:
        self._codes: list[str] = []
        self._fields: list[tuple[str, ...]] = []  # cleaned original text per field
        self._folded: list[tuple[str, ...]] = []  # same text, folded
        self._phrases: list[tuple[str, ...]] = []  # " word word … " per field, for phrases
        self._doc_of_code: dict[str, int] = {}
        postings: dict[str, dict[int, int]] = {}
        for doc_id, doc in enumerate(documents):
            examples = " · ".join(
                line for line in (doc.examples or "").splitlines() if line.strip()
            )
            fields = tuple(
                markdown_to_text(text) for text in (doc.title, doc.meaning, doc.remedies, examples)
            )
            folded = tuple(fold(text) for text in fields)
            words = tuple(_WORD_RE.findall(text) for text in folded)
            self._codes.append(doc.code)
            self._fields.append(fields)
            self._folded.append(folded)
            self._phrases.append(tuple(f" {' '.join(w)} " for w in words))
            self._doc_of_code.setdefault(doc.code, doc_id)
            code_words = _WORD_RE.findall(fold(doc.code))
            for field, field_words in enumerate((*words, code_words)):
                for word in set(field_words):
                    if len(word) >= 2:
                        entry = postings.setdefault(word, {})
                        entry[doc_id] = entry.get(doc_id, 0) | (1 << field)
        self._postings = postings
        self._vocabulary = sorted(postings)
        # a decoder phrase rule counts like a title match of a word no other page has
        self._rule_boost = FIELD_WEIGHTS[0] * (1.0 + math.log(max(len(self._codes), 1)))

    def __len__(self) -> int:
        return len(self._codes)

    def search(self, query: str, limit: int = 30) -> Hits:
        if not isinstance(query, str) or limit <= 0:
            return Hits()
        query = unicodedata.normalize("NFC", query[: MAX_QUERY_CHARS * 2])[:MAX_QUERY_CHARS]
        exact = [self._doc_of_code[c] for c in find_codes(query) if c in self._doc_of_code]
        folded_query = fold(query)
        words = _WORD_RE.findall(folded_query)
        tokens = _query_tokens(words)
        field_scores = self._score_tokens(tokens)
        self._add_phrase_bonus(field_scores, tokens, words)
        totals = {doc: sum(scores) for doc, scores in field_scores.items()}
        for doc in self._rule_docs(folded_query):
            totals[doc] = totals.get(doc, 0.0) + self._rule_boost
        ranked = sorted(
            (doc for doc, total in totals.items() if total > 0 and doc not in exact),
            key=lambda doc: (-totals[doc], doc),
        )
        pattern = _mark_pattern(tokens)
        hits = [
            self._hit(doc, totals.get(doc, 0.0) + EXACT_CODE_BONUS, True, field_scores, pattern)
            for doc in exact[:limit]
        ]
        hits += [
            self._hit(doc, totals[doc], False, field_scores, pattern)
            for doc in ranked[: limit - len(hits)]
        ]
        return Hits(hits, total=len(exact) + len(ranked))

    # ranking

    def _matched_words(self, token: str) -> Iterator[tuple[str, float]]:
        """Index words that ``token`` matches, with 1.0 for the word itself, 0.75 for longer."""
        prefix, code = _is_prefix_token(token), _is_code_token(token)
        vocabulary = self._vocabulary
        for position in range(bisect_left(vocabulary, token), len(vocabulary)):
            word = vocabulary[position]
            if word == token:
                yield word, 1.0
            elif not (prefix or code) or not word.startswith(token):
                return  # short tokens match whole words only
            elif prefix or word[len(token)] == ".":
                yield word, PREFIX_FACTOR

    def _matches(self, token: str) -> dict[int, list[float]]:
        """Per document, the best factor of ``token`` in each field (0.0: no match)."""
        found: dict[int, list[float]] = {}
        for word, factor in self._matched_words(token):
            for doc, mask in self._postings[word].items():
                factors = found.setdefault(doc, [0.0] * len(FIELD_WEIGHTS))
                for field in range(len(FIELD_WEIGHTS)):
                    if mask & (1 << field) and factors[field] < factor:
                        factors[field] = factor
        return found

    def _score_tokens(self, tokens: Sequence[str]) -> dict[int, list[float]]:
        """Score of each document per field, summed over the query tokens."""
        scores: dict[int, list[float]] = {}
        matched: dict[int, int] = {}
        for token in tokens:
            found = self._matches(token)
            if not found:
                continue
            idf = 1.0 + math.log(len(self._codes) / len(found))
            for doc, factors in found.items():
                doc_scores = scores.setdefault(doc, [0.0] * len(FIELD_WEIGHTS))
                for field, factor in enumerate(factors):
                    doc_scores[field] += FIELD_WEIGHTS[field] * factor * idf
                matched[doc] = matched.get(doc, 0) + 1
        if len(tokens) >= 2:
            for doc, count in matched.items():
                if count == len(tokens):
                    scores[doc] = [score * ALL_TOKENS_FACTOR for score in scores[doc]]
        return scores

    def _add_phrase_bonus(
        self, scores: dict[int, list[float]], tokens: Sequence[str], words: Sequence[str]
    ) -> None:
        """Bonus where the query's words appear in a row (the last one may be a prefix)."""
        if len(words) < 2 or not tokens or len(words) > MAX_TOKENS:
            return
        phrase = " " + " ".join(words)
        for doc, doc_scores in scores.items():
            for field, text in enumerate(self._phrases[doc]):
                if phrase in text:
                    bonus = (PHRASE_BONUS + FIELD_WEIGHTS[field]) * (len(words) - 1)
                    doc_scores[field] += bonus

    def _rule_docs(self, folded_query: str) -> list[int]:
        """Documents whose code is named by a decoder phrase rule that matches the query."""
        docs: list[int] = []
        for rule in PHRASE_RULES:  # compiled folded, so they match the folded query
            doc = self._doc_of_code.get(rule.code)
            if doc is not None and doc not in docs and rule.pattern.search(folded_query):
                docs.append(doc)
        return docs

    # snippets

    def _hit(
        self,
        doc: int,
        score: float,
        exact: bool,
        field_scores: dict[int, list[float]],
        pattern: re.Pattern[str] | None,
    ) -> Hit:
        """The hit for ``doc``, its snippet from the best-scoring field (title if none)."""
        scores = field_scores.get(doc, [0.0])[:TEXT_FIELDS]
        field = scores.index(max(scores))
        snippet = self._snippet(self._fields[doc][field], self._folded[doc][field], pattern)
        return Hit(code=self._codes[doc], score=round(score, 3), exact_code=exact, snippet=snippet)

    @staticmethod
    def _snippet(text: str, folded: str, pattern: re.Pattern[str] | None) -> str:
        """~200 characters of ``text`` around the first match, escaped, matches marked."""
        first_start, first_end = next(_marked_words(folded, pattern, 0, len(folded)), (0, 0))
        start = 0
        if first_end > SNIPPET_CHARS - 20:
            start = max(0, first_start - SNIPPET_LEAD)
            start = text.find(" ", start, first_start) + 1 or start  # begin on a word
        end = min(len(text), start + SNIPPET_CHARS)
        if end < len(text):  # end on a word too, unless the text has no space to cut at
            end = max(text.rfind(" ", start + SNIPPET_CHARS // 2, end), 0) or end
        parts = ["…"] if start > 0 else []
        position = start
        for word_start, word_end in _marked_words(folded, pattern, start, end):
            parts.append(html.escape(text[position:word_start]))
            parts.append(f"<mark>{html.escape(text[word_start:word_end])}</mark>")
            position = word_end
        parts.append(html.escape(text[position:end]))
        if end < len(text):
            parts.append("…")
        return "".join(parts).strip()
