"""What customers type, on the real corpus (fixtures/codes.json, no database): Turkish word
forms, synonyms, typos, loosely written codes, and ranking for people with a problem."""

import json

import pytest
from django.conf import settings

from kb.search_index import is_dotless
from kb.smtp.codes import find_codes
from kb.smtp.search import Document, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    entries = json.loads(settings.KB_FIXTURE_PATH.read_text(encoding="utf-8"))
    return SearchIndex(
        Document(
            entry["code"],
            entry["title"],
            entry["meaning"],
            f"{entry['remedy_customer']}\n{entry['remedy_admin']}",
            "\n".join(entry["examples"]),
            dotless=is_dotless(entry["origin"]),
        )
        for entry in entries
    )


def top(index: SearchIndex, query: str, count: int = 3) -> list[str]:
    return [hit.code for hit in index.search(query)[:count]]


def small_index(*texts: str, synonyms=None) -> SearchIndex:
    documents = [Document(f"5.{n}.{n}", f"Sayfa {n}", text, "", "") for n, text in enumerate(texts)]
    return SearchIndex(documents, synonyms)


# Turkish word forms: each surface form finds the page that has the dictionary form

WORD_FORMS = [
    ("kuyruğa alındı", "İleti kuyruk içinde bekliyor.", "kuyruk"),
    ("kuyruğu", "İleti kuyruk içinde bekliyor.", "kuyruk"),
    ("kuyruga", "İleti kuyruk içinde bekliyor.", "kuyruk"),
    ("kotası", "Alıcının kota değeri aşıldı.", "kota"),
    ("kotasi", "Alıcının kota değeri aşıldı.", "kota"),
    ("limitini", "Günlük limit aşıldı.", "limit"),
    ("kitabı", "Adres kitap içinde yok.", "kitap"),  # p → b
    ("dolabı", "Dolap dolu.", "dolap"),
    ("ağacı", "Dizin ağaç yapısında.", "ağaç"),  # ç → c
    ("adresimi", "Adres bulunamadı.", "adres"),
    ("sunucuları", "Sunucu yanıt vermiyor.", "sunucu"),
    ("parolamı", "Parola kabul edilmedi.", "parola"),
]


@pytest.mark.parametrize(("query", "text", "word"), WORD_FORMS)
def test_a_suffixed_word_finds_the_page_with_its_dictionary_form(query, text, word):
    index = SearchIndex(
        [Document("5.7.1", "Başlık", text, "", ""), Document("4.4.1", "Boş", "Hiç", "", "")]
    )
    assert [hit.code for hit in index.search(query)] == ["5.7.1"]


def test_the_dictionary_form_finds_the_suffixed_word_in_the_text():
    index = small_index("İleti kuyruğa alındı.", "Başka bir şey.")
    assert [hit.code for hit in index.search("kuyruk")] == ["5.0.0"]


def test_the_exact_word_ranks_above_another_form_of_it():
    index = small_index("Kuyruğu boşaltın.", "Kuyruk boşaltın.")
    assert [hit.code for hit in index.search("kuyruk")] == ["5.1.1", "5.0.0"]


def test_another_form_of_the_word_is_marked_in_the_snippet():
    index = small_index("İleti kuyruğa alındı.")
    assert "<mark>kuyruğa</mark>" in index.search("kuyruk")[0].snippet


@pytest.mark.parametrize(
    ("query", "accept"),
    [
        ("kuyruğa alındı", {"4.4.7", "2.6.0", "250", "451", "452", "458"}),
        ("posta kutusu kotası doldu", {"4.2.2", "5.2.2", "552"}),
        (
            "gönderim limitini aştım",
            {"5.1.90", "4.7.27", "4.7.28", "5.7.705", "4.7.500-699", "5.2.121"},
        ),
    ],
)
def test_suffixed_queries_find_their_pages_on_the_real_corpus(index, query, accept):
    assert accept & set(top(index, query))


# synonyms

SYNONYMS = [
    ("mail", "ileti"),
    ("e-posta", "ileti"),
    ("posta", "ileti"),
    ("limit", "sınır"),
    ("sınır", "kota"),
    ("kota", "limit"),
    ("meşgul", "yoğun"),
    ("busy", "meşgul"),
    ("yoğun", "busy"),
    ("gitmiyor", "iletilmedi"),
    ("gitmiyor", "geri döndü"),
    ("engellendi", "kara liste"),
    ("kara liste", "blocklist"),
    ("blocklist", "engellendi"),
    ("şifre", "parola"),
    ("spam", "istenmeyen posta"),
]


@pytest.mark.parametrize(("query", "page_term"), SYNONYMS)
def test_a_customer_word_finds_the_page_that_uses_its_synonym(query, page_term):
    index = small_index(f"Burada yalnızca {page_term} yazıyor.", "Alakasız metin.")
    assert [hit.code for hit in index.search(query)] == ["5.0.0"]


def test_the_word_itself_ranks_above_its_synonym():
    index = small_index("Günlük sınır aşıldı.", "Günlük limit aşıldı.")
    assert [hit.code for hit in index.search("limit")] == ["5.1.1", "5.0.0"]


def test_a_suffixed_customer_word_finds_its_synonym():
    index = small_index("Günlük sınır aşıldı.", "Alakasız metin.")
    assert [hit.code for hit in index.search("limitini")] == ["5.0.0"]


def test_synonyms_given_to_the_index_are_merged_with_the_built_in_table():
    index = small_index(
        "Teslim edilemedi bildirimi.", "Alakasız metin.", synonyms={"zıpladı": ["teslim edilemedi"]}
    )
    assert [hit.code for hit in index.search("zıpladı")] == ["5.0.0"]


# typos


def test_a_typo_finds_the_word_it_misspells():
    index = small_index("İleti kuyruk içinde bekliyor.", "Alakasız metin.")
    assert [hit.code for hit in index.search("kuyurk")] == ["5.0.0"]


def test_a_typo_carries_the_corrected_query_as_a_suggestion():
    index = small_index("İleti kuyruk içinde bekliyor.")
    assert index.search("ileti kuyurk").suggestion == "ileti kuyruk"


def test_a_suggested_word_written_with_a_capital_i_is_lowered_the_turkish_way():
    index = small_index("İzinsiz gönderim reddedildi.")
    assert index.search("izinsz").suggestion == "izinsiz"  # not "i̇zinsiz" (i + U+0307)


def test_two_typos_in_a_long_word_are_corrected():
    index = small_index("Sunucu greylisting yapıyor.")
    assert index.search("greyilsting").suggestion == "greylisting"


def test_words_shorter_than_five_letters_are_not_corrected():
    index = small_index("Kota dolu.")
    assert index.search("kpta") == []


def test_a_query_that_finds_its_words_has_no_suggestion():
    index = small_index("İleti kuyruk içinde bekliyor.")
    assert index.search("kuyruk").suggestion == ""


def test_a_typo_ranks_below_an_exact_hit():
    index = small_index("Sunucu yanıt vermiyor.", "İleti kuyruk içinde.")
    assert [hit.code for hit in index.search("sunucu kuyurk")] == ["5.0.0", "5.1.1"]


# loosely written codes


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("5,7,26", "5.7.26"),
        ("5 7 26", "5.7.26"),
        ("5.7.26.", "5.7.26"),
        ("5-7-26", "5.7.26"),
        ("#550", "550"),
        ("SMTP; 550", "550"),
        ("(550)", "550"),
        ("[5.1.1]", "5.1.1"),
    ],
)
def test_a_loosely_written_code_is_found(index, query, code):
    assert find_codes(query) == [code]
    assert top(index, query, 1) == [code]


@pytest.mark.parametrize("query", ["2024-05-12", "192.0.2.1", "5,75", "1 2 3"])
def test_numbers_that_only_look_like_codes_stay_numbers(query):
    assert find_codes(query) == []


def test_a_reply_and_an_enhanced_code_rank_the_enhanced_code_first(index):
    hits = index.search("550 5.1.1")
    assert [(hit.code, hit.exact_code) for hit in hits[:2]] == [("5.1.1", True), ("550", False)]


# ranking for people with a problem

PROBLEM_QUERIES = [
    "mail gitmiyor",
    "mailim gitmiyor",
    "ileti gönderilemedi",
    "posta kutusu dolu",
    "kimlik doğrulama",
    "şifre kabul edilmedi",
    "kara listeye girdim",
    "kuyruğa alındı",
    "bağlantı reddedildi",
    "ileti reddedildi",
    "mailbox full",
    "user unknown",
    "spam olarak engellendi",
    "sunucu meşgul",
]


@pytest.mark.parametrize("query", PROBLEM_QUERIES)
def test_success_and_intermediate_codes_are_never_in_the_top_three_of_a_problem(index, query):
    assert not [code for code in top(index, query) if code[0] in "23"]


def test_mail_gitmiyor_does_not_show_250_near_the_top(index):
    assert "250" not in top(index, "mail gitmiyor", 10)


def test_a_success_code_asked_for_by_number_comes_first(index):
    assert top(index, "250 2.0.0", 1) == ["2.0.0"]


def test_the_real_codes_rank_above_the_dotless_spelling_for_a_full_mailbox(index):
    codes = [hit.code for hit in index.search("posta kutusu dolu")]
    assert codes.index("4.2.2") < codes.index("422")
    assert codes.index("5.2.2") < codes.index("422")


def test_snippets_show_text_that_is_not_the_title(index):
    hit = index.search("posta kutusu dolu")[0]
    title = next(
        e["title"]
        for e in json.loads(settings.KB_FIXTURE_PATH.read_text())
        if e["code"] == hit.code
    )
    assert hit.snippet.replace("<mark>", "").replace("</mark>", "") != title
