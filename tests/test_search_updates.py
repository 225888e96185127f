"""An index updated for a few changed pages answers exactly like one built from scratch over
the same pages, and leaves the index it started from untouched."""

import dataclasses

from kb.smtp.search import Document, SearchIndex, updated
from tests.test_search import CORPUS, mixed_queries, synthetic_corpus

QUERIES = [
    *mixed_queries(120),
    "kuyurk",
    "posat kutsu",
    "zümrütkelime",
    "zumrutkelime",
    "zümrütkelim",
    "yepyenisözcük",
    "zümrüdü",
    "zümrütleri",
    "kalemlikler",
    "5.7",
    "55",
]


def corpus(size: int) -> list[Document]:
    """The test corpus and generated pages, one page per code (as in the database)."""
    taken = {doc.code for doc in CORPUS}
    return [*CORPUS, *(doc for doc in synthetic_corpus(size) if doc.code not in taken)]


def answers(index: SearchIndex) -> list:
    found = []
    for query in QUERIES:
        hits = index.search(query)
        found.append(
            (query, [(h.code, h.score, h.exact_code, h.snippet) for h in hits], hits.total)
        )
        found.append((query, hits.suggestion))
    return found


def edited(doc: Document, **changes) -> Document:
    return dataclasses.replace(doc, **changes)


def test_changed_pages_rank_as_in_a_full_build():
    documents = corpus(120)
    before = SearchIndex(documents, {"zümrütkelime": ["kota"]})
    after = list(documents)
    after[1] = edited(
        after[1], meaning=after[1].meaning + " Zümrütkelime ve zümrütlerimiz eklendi."
    )
    after[3] = edited(after[3], title="Yepyenisözcük başlıkta", dotless=True)
    after[40] = edited(after[40], examples="", remedies="Kuyruk boşaltılır; kalemliğe bakın.")

    index = updated(before, [after[1], after[3], after[40]])

    assert answers(index) == answers(SearchIndex(after, {"zümrütkelime": ["kota"]}))


def test_removed_and_added_pages_rank_as_in_a_full_build():
    documents = corpus(80)
    before = SearchIndex(documents)
    removed = [documents[0].code, documents[7].code]
    added = Document("5.9.99", "Zümrütkelime sayfası", "Yepyenisözcük burada.", "", "")
    after = [doc for doc in documents if doc.code not in removed] + [added]

    index = updated(before, [added], removed)

    assert len(index) == len(after)
    assert answers(index) == answers(SearchIndex(after))


def test_the_old_index_is_left_as_it_was():
    before = SearchIndex(CORPUS)
    expected = answers(before)
    changed = edited(CORPUS[2], title="Zümrütkelime", meaning="Başka bir metin.")

    updated(before, [changed], [CORPUS[0].code], {"kota": ["zümrütkelime"]})

    assert answers(before) == expected


def test_a_new_synonym_table_applies_without_changed_pages():
    index = SearchIndex(CORPUS)
    assert index.search("zümrütkelime") == []

    index = updated(index, synonyms={"zümrütkelime": ["kota"]})

    assert {hit.code for hit in index.search("zümrütkelime")} >= {"4.2.2", "5.2.2"}


def test_words_and_concepts_the_index_remembers_answer_as_the_first_time():
    documents = corpus(60)
    first = answers(SearchIndex(documents))
    index = SearchIndex(documents)
    for query in reversed(QUERIES):  # other queries first: their words are kept
        index.search(query)

    assert answers(index) == first
