"""In-memory search over the reply-code pages, without Django.

The view builds ``SearchIndex(documents, synonyms)`` from the database once, then
``updated(index, changed, removed)`` (:mod:`.updates`) after admin edits, analysing only the
changed pages, and calls ``index.search(query)``. The approach:

* **Folding.** Text and queries go through :func:`kb.smtp.text.fold`, a char-by-char Turkish-aware
  lower-casing and diacritic removal ("ÇÖZÜM" → "cozum", "IZIN"/"İzin" → "izin"). Folding
  never changes the length of a string, so a position in folded text is the same position
  in the original text; snippets use that to put ``<mark>`` around the original words.
* **Index.** Markdown markers are stripped from each field (example lines are joined with
  " · "), the folded field is split into words (``5.7.1`` stays one word), and every word
  of 2+ characters gets a posting list ``{document: field bitmask}``; the page's own code
  is a fifth, snippet-less field. Words are kept in a sorted list, so a prefix query
  ("kutu" → "kutusu"; "5.7" → "5.7.26") is a ``bisect`` range, and grouped by their
  Turkish stem (:mod:`.morphology`), so "kuyruğa" and "kuyruğu" find "kuyruk".
* **Query.** The query's words become *concepts* (:mod:`.query`): the word typed, plus the
  terms our synonym table (:mod:`kb.smtp.synonyms`, and the rows staff add) maps it to
  ("mail" → "ileti", "kara liste" → "blocklist"). A word of 5+ letters that finds nothing
  is corrected to the nearest index word (:mod:`.fuzzy`) and the hits carry the corrected
  query for "Bunu mu demek istediniz?".
* **Ranking.** Codes named in the query (also loosely written: "5,7,26", "(550)") come
  first, enhanced codes before reply codes. Every other document is scored per concept:
  field weight (title 8, meaning 4, remedies 2, examples 1) × a match factor (the word
  itself 1.0, a longer word it begins 0.75, another form of it 0.7, a synonym ×0.6, a
  corrected typo 0.5) × an idf factor, summed over fields and concepts. Documents matching
  every concept get ×1.5, fields holding the whole query as a phrase get a bonus, and the
  English/Turkish phrase rules of the bounce decoder boost their code like a title match of
  a rare word. Success and intermediate pages (2xx, 3xx, 2.x.x) count ×0.2 and dotless
  vendor spellings (422) ×0.4: someone searching in words has a problem.
* **Safety.** Queries are cut to 1,000 characters and 24 concepts; query text never becomes
  a regular expression without ``re.escape``, and the phrase rules are linear by design.
"""

from kb.smtp.search.index import Document, Hit, Hits, SearchIndex
from kb.smtp.search.query import STOP_WORDS, looks_like_bounce
from kb.smtp.search.updates import updated

__all__ = ["STOP_WORDS", "Document", "Hit", "Hits", "SearchIndex", "looks_like_bounce", "updated"]
