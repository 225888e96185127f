"""The in-memory search of kb/smtp/search/: folding, code parsing, ranking, snippets.

Plain unit tests: no database, the corpus below imitates a few pages of the real site.
"""

import random
import re

import pytest

from kb.smtp.codes import find_codes as parse_codes
from kb.smtp.search import Document, Hit, SearchIndex
from kb.smtp.search.index import MAX_QUERY_CHARS
from kb.smtp.text import fold

CORPUS = (
    Document(
        code="550",
        title="Alıcı posta kutusu kullanılamıyor",
        meaning=(
            "Alıcı sunucu iletiyi kalıcı olarak reddetti: posta kutusu yok, kapatılmış ya da "
            "gönderene izin verilmiyor. Asıl nedeni genişletilmiş kod söyler (`5.1.1` adres "
            "yok, `5.7.1` izin yok)."
        ),
        remedies=(
            "1. Alıcının adresini harf harf kontrol edin.\n"
            "2. Hata sürerse alıcıya başka bir yoldan ulaşın.\n\n"
            "1. Günlükte genişletilmiş kodu bulun: `grep 550 /var/log/mail.log`."
        ),
        examples=(
            "Gmail | 550-5.1.1 The email account that you tried to reach does not exist.\n"
            "Exchange | 550 5.7.1 Unable to relay"
        ),
    ),
    Document(
        code="5.1.1",
        title="Alıcı adresi yok",
        meaning=(
            "Alıcı sunucu bu adreste bir posta kutusu bulamadı: adres yanlış yazılmış ya da "
            "hesap silinmiş. Çoğunlukla 550 ile birlikte gelir."
        ),
        remedies=(
            "1. Adresteki yazım hatalarını düzeltin (ör. `gmial.com`).\n"
            "2. Alıcıdan güncel adresini isteyin.\n\n"
            "1. Sanal posta kutusu tablosunda adresin tanımlı olduğunu doğrulayın."
        ),
        examples=(
            "Postfix | 550 5.1.1 <kullanici@example.net>: Recipient address rejected: "
            "User unknown in virtual mailbox table\n"
            "Gmail | 550-5.1.1 The email account that you tried to reach does not exist."
        ),
    ),
    Document(
        code="4.2.2",
        title="Posta kutusu dolu (geçici)",
        meaning=(
            "Alıcının posta kutusu kotasını doldurdu. Hata geçicidir: gönderen sunucu iletiyi "
            "bir süre sonra yeniden dener."
        ),
        remedies=(
            "1. Birkaç saat bekleyin; sunucu yeniden deneyecektir.\n"
            "2. Acil ise alıcıya başka bir yoldan haber verin."
        ),
        examples=(
            "Gmail | 452-4.2.2 The email account that you tried to reach is over quota\n"
            "Dovecot | 452 4.2.2 Mailbox is full"
        ),
    ),
    Document(
        code="5.2.2",
        title="Posta kutusu dolu",
        meaning=(
            "Alıcının posta kutusu kotası aşıldı ve sunucu iletiyi kalıcı olarak geri çevirdi."
        ),
        remedies=(
            "1. Alıcıdan posta kutusunda yer açmasını isteyin.\n"
            "2. Yer açıldıktan sonra iletiyi yeniden gönderin.\n\n"
            "1. Kendi sunucunuzdaysa kotayı `doveadm quota get -u kullanici` ile kontrol edin."
        ),
        examples=(
            "Gmail | 552-5.2.2 The email account that you tried to reach is over quota\n"
            "Postfix | 552 5.2.2 <kullanici@example.net>: Mailbox full"
        ),
    ),
    Document(
        code="554",
        title="İşlem başarısız: aktarım (relay) reddedildi",
        meaning=(
            "Sunucu işlemi kalıcı olarak reddetti. En sık nedeni, kimlik doğrulaması yapmadan "
            "başka bir alan adına ileti göndermeye (relay) çalışmaktır."
        ),
        remedies=(
            "1. E-posta programınızda giden sunucu için kimlik doğrulamayı açın.\n\n"
            "1. `mynetworks` ve `smtpd_relay_restrictions` ayarlarını kontrol edin."
        ),
        examples="Postfix | 554 5.7.1 <kullanici@example.net>: Relay access denied",
    ),
    Document(
        code="5.7.1",
        title="İzin verilmedi",
        meaning=(
            "Gönderen bu alıcıya ileti göndermeye yetkili değil: aktarım (relay) izni yok, IP "
            "adresi engel listesinde ya da alıcı gönderenin adresini engellemiş."
        ),
        remedies=(
            "1. Giden sunucu ayarlarında kimlik doğrulamanın açık olduğunu kontrol edin.\n\n"
            "1. IP adresinizi engel listelerinde sorgulayın."
        ),
        examples=(
            "Postfix | 554 5.7.1 <kullanici@example.net>: Relay access denied\n"
            "Microsoft 365 | 550 5.7.1 Service unavailable; Client host [203.0.113.5] "
            "blocked using Spamhaus"
        ),
    ),
    Document(
        code="5.7.26",
        title="Kimlik doğrulama başarısız",
        meaning=(
            "Alıcı sunucu, gönderen alan adının **SPF**, **DKIM** veya **DMARC** denetimini "
            "geçemeyen iletiyi reddetti."
        ),
        remedies=(
            "1. Alan adınızın `TXT` kaydında SPF olduğunu kontrol edin.\n"
            "2. DKIM imzasını etkinleştirin ve DMARC kaydı ekleyin."
        ),
        examples=(
            "Gmail | 550-5.7.26 This mail has been blocked because the sender is unauthenticated."
        ),
    ),
    Document(
        code="421",
        title="Hizmet kullanılamıyor, bağlantı kapatılıyor",
        meaning=(
            "Sunucu şu an ileti kabul edemiyor ve bağlantıyı kapatıyor; gönderen sunucu daha "
            "sonra yeniden dener."
        ),
        remedies="1. Bir süre bekleyin.\n\n1. Gönderim hızınızı düşürün.",
        examples=(
            "Gmail | 421-4.7.28 Our system has detected an unusual rate of unsolicited mail\n"
            "Exchange | 421 4.3.2 Service not available, closing transmission channel"
        ),
    ),
    Document(
        code="450",
        title="Posta kutusu geçici olarak kullanılamıyor (greylisting)",
        meaning=(
            "Alıcı sunucu iletiyi geçici olarak geri çevirdi. Gri listeleme (greylisting) "
            "yapan sunucular tanımadıkları göndericinin ilk denemesini böyle reddeder."
        ),
        remedies="1. Bir şey yapmanız gerekmez; ileti birkaç dakika içinde yeniden denenir.",
        examples=(
            "Postfix | 450 4.2.0 <kullanici@example.net>: Recipient address rejected: "
            "Greylisted, see http://postgrey.schweikert.ch/help/example.net.html"
        ),
    ),
    Document(
        code="452",
        title="Yetersiz sistem depolama alanı",
        meaning=(
            "Alıcı sunucunun diski ya da kuyruğu dolu; ileti daha sonra yeniden denenecek. Bazı "
            "sunucular dolu posta kutusu için de 452 4.2.2 döndürür."
        ),
        remedies="1. Bekleyin; sorun sürerse alıcının sistem yöneticisine haber verin.",
        examples="Exchange | 452 4.3.1 Insufficient system resources",
    ),
    Document(
        code="535",
        title="Kimlik bilgileri geçersiz (çözüm: uygulama şifresi)",
        meaning=(
            "SMTP sunucusu kullanıcı adını veya parolayı kabul etmedi. Gmail ve Microsoft "
            "365'te iki adımlı doğrulama açıksa normal parola yerine **uygulama şifresi** "
            "gerekir."
        ),
        remedies=(
            "1. Kullanıcı adı olarak e-posta adresinizin tamamını yazın.\n"
            "2. Çözümü bulamazsanız hesabınızdan yeni bir uygulama şifresi oluşturun."
        ),
        examples=(
            "Gmail | 535-5.7.8 Username and Password not accepted\n"
            "Postfix | 535 5.7.8 Error: authentication failed: UGFzc3dvcmQ6"
        ),
    ),
    Document(
        code="5.7.8",
        title="SMTP kimlik doğrulaması reddedildi",
        meaning="Sunucu, oturum açmak için gönderilen kullanıcı adını veya parolayı reddetti.",
        remedies="1. E-posta programındaki kullanıcı adını ve parolayı yeniden girin.",
        examples="Exim | 535 Incorrect authentication data",
    ),
    Document(
        code="250",
        title="İstenen işlem tamamlandı",
        meaning="Sunucu komutu kabul etti; DATA sonrasında ileti kuyruğa alınmıştır.",
        remedies="1. Bir şey yapmanız gerekmez.",
        examples="Postfix | 250 2.0.0 Ok: queued as 3F2A81C0E2",
    ),
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(CORPUS)


def codes_of(hits: list[Hit]) -> list[str]:
    return [hit.code for hit in hits]


def hit_for(hits: list[Hit], code: str) -> Hit:
    return next(hit for hit in hits if hit.code == code)


def plain(snippet: str) -> str:
    return re.sub(r"</?mark>", "", snippet)


# fold()


@pytest.mark.parametrize("text", ["ÇÖZÜM", "çözüm", "cozum", "COZUM", "Çözüm"])
def test_fold_turns_every_spelling_of_cozum_into_cozum(text):
    assert fold(text) == "cozum"


@pytest.mark.parametrize("text", ["İzin", "izin", "IZIN", "ızın", "İZİN"])
def test_fold_turns_every_spelling_of_izin_into_izin(text):
    assert fold(text) == "izin"


def test_fold_makes_upper_and_lower_case_sentences_equal():
    assert fold("POSTA KUTUSU DOLU") == fold("posta kutusu dolu")


@pytest.mark.parametrize(
    ("text", "folded"), [("ğ", "g"), ("Ş", "s"), ("â", "a"), ("Î", "i"), ("û", "u")]
)
def test_fold_removes_turkish_diacritics(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["İSTANBUL Çığ ıİiI", "e\u0301", "ǅ ß ﬁ 🙂 \x00"])
def test_fold_keeps_the_length_of_the_text(text):
    assert len(fold(text)) == len(text)


# parse_codes()


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("550", ["550"]),
        ("5.1.1", ["5.1.1"]),
        ("550-5.1.1", ["550", "5.1.1"]),
        ("550 5.7.1", ["550", "5.7.1"]),
        ("#5.7.26", ["5.7.26"]),
        ("smtp 421", ["421"]),
        ("hata 4.2.2 posta", ["4.2.2"]),
        ("5.7.1.", ["5.7.1"]),
        ("550 5.1.1 ve yine 550", ["550", "5.1.1"]),
        ("5.0.0", ["5.0.0"]),
    ],
)
def test_parse_codes_finds_the_codes_of_a_query_in_order(query, codes):
    assert parse_codes(query) == codes


@pytest.mark.parametrize(
    "query",
    ["2024", "12", "192.0.2.1", "1.2.3.4.5", "650", "3.1.1", "5.01.1", "5.1.1000", "x550", ""],
)
def test_parse_codes_ignores_numbers_that_cannot_be_codes(query):
    assert parse_codes(query) == []


# codes named in the query


def test_a_reply_and_an_enhanced_code_list_the_enhanced_code_first(index):
    assert codes_of(index.search("550-5.1.1"))[:2] == ["5.1.1", "550"]


def test_with_a_reply_code_only_the_enhanced_code_is_marked_as_exact(index):
    assert [hit.exact_code for hit in index.search("550 5.1.1")[:2]] == [True, False]


def test_two_reply_codes_are_both_marked_as_exact(index):
    assert [hit.exact_code for hit in index.search("550 554")[:2]] == [True, True]


def test_a_hashed_enhanced_code_is_the_first_hit(index):
    assert index.search("#5.7.26")[0].code == "5.7.26"


def test_codes_are_listed_in_the_order_the_query_names_them(index):
    assert codes_of(index.search("5.7.1 554"))[:2] == ["5.7.1", "554"]


def test_a_named_code_missing_from_the_index_is_not_invented(index):
    assert "599" not in codes_of(index.search("599"))


def test_hits_found_through_text_are_not_marked_as_exact(index):
    assert not any(hit.exact_code for hit in index.search("550")[1:])


def test_a_basic_code_brings_related_enhanced_codes_after_it(index):
    assert "5.1.1" in codes_of(index.search("550"))[1:]


def test_a_named_code_is_listed_once(index):
    assert codes_of(index.search("550 550-5.1.1")).count("550") == 1


# folding in queries


def test_cozum_without_diacritics_finds_the_same_pages_as_cozum(index):
    assert codes_of(index.search("cozum")) == codes_of(index.search("çözüm"))


def test_upper_case_cozum_finds_the_same_pages_as_cozum(index):
    assert codes_of(index.search("ÇÖZÜM")) == codes_of(index.search("çözüm"))


def test_cozum_finds_the_app_password_page(index):
    assert index.search("çözüm")[0].code == "535"


@pytest.mark.parametrize("query", ["İzin", "IZIN", "ızın"])
def test_every_spelling_of_izin_finds_the_same_pages(index, query):
    assert codes_of(index.search(query)) == codes_of(index.search("izin"))


def test_izin_finds_the_page_titled_izin_verilmedi_first(index):
    assert index.search("izin")[0].code == "5.7.1"


def test_upper_case_mailbox_full_finds_the_same_pages(index):
    assert codes_of(index.search("POSTA KUTUSU DOLU")) == codes_of(
        index.search("posta kutusu dolu")
    )


def test_posta_kutusu_dolu_puts_the_mailbox_full_codes_on_top(index):
    assert set(codes_of(index.search("posta kutusu dolu"))[:2]) == {"4.2.2", "5.2.2"}


def test_a_phrase_rule_matches_a_query_typed_without_turkish_letters(index):
    assert codes_of(index.search("sifre")) == codes_of(index.search("şifre"))


def test_a_phrase_rule_matches_an_upper_case_turkish_query(index):
    assert codes_of(index.search("ŞİFRE")) == codes_of(index.search("şifre"))


# full-text ranking


def test_a_prefix_finds_longer_words(index):
    assert "5.2.2" in codes_of(index.search("kutu"))


def test_a_word_stem_finds_its_inflected_form(index):
    assert "554" in codes_of(index.search("reddet"))


def test_the_start_of_an_enhanced_code_finds_the_codes_it_begins(index):
    assert set(codes_of(index.search("5.7"))[:3]) == {"5.7.1", "5.7.26", "5.7.8"}


def test_an_enhanced_code_does_not_find_a_longer_detail_number():
    one, ten = Document("5.7.1", "Bir", "", "", ""), Document("5.7.10", "On", "", "", "")
    assert codes_of(SearchIndex([ten, one]).search("5.7.1")) == ["5.7.1"]


def test_a_two_letter_token_needs_a_whole_word(index):
    assert "5.7.26" not in codes_of(index.search("dm"))


def test_a_title_match_outranks_an_examples_only_match():
    examples_only = Document(
        "451", "Yerel hata", "Sunucu hatası.", "1. Bekleyin.", "X | greylisted"
    )
    in_title = Document("450", "Greylisted: geçici ret", "Geçici ret.", "1. Bekleyin.", "X | 450")
    assert codes_of(SearchIndex([examples_only, in_title]).search("greylisted")) == ["450", "451"]


def test_a_title_match_outranks_a_meaning_match_in_the_corpus(index):
    assert codes_of(index.search("depolama"))[0] == "452"


def test_a_page_with_every_query_word_beats_an_equal_score_with_one_word():
    # without the all-words bonus both pages score the same and the first given would win
    one_word = Document("421", "Meşgul", "Sunucu meşgul.", "", "")
    every_word = Document("452", "Dolu", "", "1. Kuyruğu dolu sunucu.", "")
    word_in_title = Document("451", "Kuyruğu boş", "", "", "")
    index = SearchIndex([one_word, every_word, word_in_title])
    assert codes_of(index.search("sunucu kuyruğu")) == ["451", "452", "421"]


def test_pages_without_any_match_are_not_returned(index):
    assert index.search("xylofon") == []


def test_only_stop_words_give_no_hits(index):
    assert index.search("smtp hatası ve bu bir kod") == []


def test_an_empty_query_gives_no_hits(index):
    assert index.search("   ") == []


def test_equal_scores_keep_the_order_the_documents_were_given():
    first = Document("421", "Aynı başlık", "", "", "")
    second = Document("450", "Aynı başlık", "", "", "")
    assert codes_of(SearchIndex([second, first]).search("başlık")) == ["450", "421"]


def test_limit_caps_the_number_of_hits(index):
    assert len(index.search("posta", limit=2)) == 2


def test_a_limit_of_zero_gives_no_hits(index):
    assert index.search("posta", limit=0) == []


def test_hits_have_positive_scores(index):
    assert min(hit.score for hit in index.search("posta kutusu")) > 0


# English phrases (examples field and the decoder's phrase rules)


def test_mailbox_full_finds_a_mailbox_full_code_in_the_top_three(index):
    assert {"5.2.2", "4.2.2"} & set(codes_of(index.search("mailbox full"))[:3])


def test_relay_access_denied_finds_a_relay_code_in_the_top_three(index):
    assert {"5.7.1", "554", "454"} & set(codes_of(index.search("relay access denied"))[:3])


def test_user_unknown_finds_the_unknown_address_codes_in_the_top_three(index):
    assert {"5.1.1", "550"} & set(codes_of(index.search("user unknown"))[:3])


def test_over_quota_finds_the_mailbox_full_codes_through_the_examples(index):
    assert set(codes_of(index.search("over quota"))[:2]) == {"4.2.2", "5.2.2"}


def test_a_phrase_rule_for_a_code_missing_from_the_index_invents_no_hit(index):
    assert "4.4.1" not in codes_of(index.search("connection refused"))


def test_a_decoder_phrase_rule_beats_a_shared_english_word(index):
    assert index.search("insufficient disk space")[0].code == "5.2.2"


# snippets


def test_the_snippet_marks_the_matched_word(index):
    assert "<mark>kutusu</mark>" in index.search("kutusu")[0].snippet


def test_the_snippet_marks_the_whole_word_a_prefix_matched(index):
    assert "<mark>kutusu</mark>" in hit_for(index.search("kutu"), "5.2.2").snippet


def test_the_snippet_marks_whole_words_only_not_their_middles():
    doc = Document("550", "Ret", "Geçersiz eliste ve liste adresi.", "", "")
    snippet = SearchIndex([doc]).search("liste")[0].snippet
    assert snippet == "Geçersiz eliste ve <mark>liste</mark> adresi."


def test_the_snippet_keeps_the_original_spelling_of_a_folded_match(index):
    assert "<mark>Çözümü</mark>" in index.search("COZUM")[0].snippet


def test_the_snippet_comes_from_the_examples_for_an_english_phrase(index):
    snippet = hit_for(index.search("relay access denied"), "554").snippet
    assert "<mark>Relay</mark> <mark>access</mark> <mark>denied</mark>" in snippet


def test_the_snippet_escapes_angle_brackets_of_the_examples(index):
    snippet = hit_for(index.search("relay access denied"), "554").snippet
    assert "&lt;kullanici@example.net&gt;" in snippet


def test_the_snippet_has_no_raw_tag_from_the_text(index):
    snippet = hit_for(index.search("relay access denied"), "554").snippet
    assert "<k" not in snippet


def test_the_snippet_escapes_ampersands_and_markup():
    doc = Document("554", "Ret", "", "", "Acme | 554 <script>alert(1)</script> spam & virus")
    snippet = SearchIndex([doc]).search("virus")[0].snippet
    assert (
        snippet == "Acme | 554 &lt;script&gt;alert(1)&lt;/script&gt; spam &amp; <mark>virus</mark>"
    )


def test_the_snippet_separates_example_lines(index):
    snippet = hit_for(index.search("relay access denied"), "5.7.1").snippet
    assert "<mark>denied</mark> · Microsoft 365 | 550" in snippet


def test_the_snippet_strips_markdown_markers(index):
    snippet = hit_for(index.search("doveadm"), "5.2.2").snippet
    assert "`" not in snippet and "1. " not in snippet


def test_the_snippet_strips_bold_markers(index):
    assert "**" not in hit_for(index.search("dkim"), "5.7.26").snippet


def test_a_page_found_by_its_code_alone_shows_its_meaning_not_its_title_again(index):
    assert index.search("5.7.8")[0].snippet.startswith("Sunucu, oturum açmak için")


def test_a_code_named_in_the_examples_is_marked_in_the_snippet(index):
    assert "550-<mark>5.7.26</mark>" in index.search("#5.7.26")[0].snippet


def test_a_long_text_is_cut_around_the_match_with_ellipses():
    meaning = " ".join(["dolgu"] * 100 + ["aranan"] + ["dolgu"] * 100)
    snippet = SearchIndex([Document("250", "Tamam", meaning, "", "")]).search("aranan")[0].snippet
    assert snippet.startswith("…") and snippet.endswith("…") and "<mark>aranan</mark>" in snippet


def test_a_cut_snippet_is_about_two_hundred_characters():
    meaning = " ".join(["dolgu"] * 100 + ["aranan"] + ["dolgu"] * 100)
    snippet = SearchIndex([Document("250", "Tamam", meaning, "", "")]).search("aranan")[0].snippet
    assert 150 <= len(plain(snippet)) <= 210


# hostile input


HOSTILE_QUERIES = [
    "(.*)+[",
    "\\",
    "[[[[",
    "a" * 5000,
    "\x00\x00550\x00",
    "🙂📬🔥",
    "'; DROP TABLE kb_replycode; --",
    '" OR 1=1 --',
    "<script>alert(1)</script>",
    "%s %n {0} ${x}",
    "\ud800",
    "5.7.1" * 300,
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_return_a_list(index, query):
    assert isinstance(index.search(query), list)


def test_ten_kilobytes_of_garbage_are_cut_to_what_the_index_reads(index):
    rng = random.Random(7)
    garbage = "".join(
        chr(rng.choice([rng.randrange(32, 0x2FF), 0x1F4EC, 0])) for _ in range(10_000)
    )
    hits = index.search(garbage)

    assert isinstance(hits, list)
    assert codes_of(hits) == codes_of(index.search(garbage[:MAX_QUERY_CHARS]))


def test_a_query_of_markup_is_escaped_in_snippets():
    doc = Document("550", "<b>kalın</b> başlık", "", "", "")
    assert "<b>" not in SearchIndex([doc]).search("<b>kalın</b>")[0].snippet


# a corpus the size of the site (speed is measured by `make bench-search`, not here)


def synthetic_corpus(size: int = 200) -> list[Document]:
    rng = random.Random(2024)
    vocabulary = sorted(
        {word for doc in CORPUS for word in re.findall(r"\w+", doc.meaning + doc.remedies)}
        | {
            "".join(rng.choice("abcçdefgğhıijklmnoöprsştuüvyz") for _ in range(rng.randint(4, 11)))
            for _ in range(3000)
        }
    )

    def text(chars: int) -> str:
        words: list[str] = []
        while sum(len(word) + 1 for word in words) < chars:
            words.append(rng.choice(vocabulary))
        return " ".join(words)

    documents = []
    for number in range(size):
        code = (
            f"{number // 40 + 1}.{number % 40}.{number % 7 + 1}"
            if number >= 100
            else str(400 + number)
        )
        documents.append(
            Document(
                code=code,
                title=text(40),
                meaning=text(1300),
                remedies="\n".join(f"{step}. {text(140)}" for step in range(1, 8)),
                examples="\n".join(f"Postfix | {code} {text(90)}" for _ in range(6)),
            )
        )
    return documents


def mixed_queries(count: int = 200) -> list[str]:
    rng = random.Random(99)
    fixed = [
        "550",
        "5.1.1",
        "450 4.7.1",
        "posta kutusu dolu",
        "mailbox full",
        "relay access denied",
        "user unknown",
        "kimlik doğrulama",
        "çözüm",
        "IZIN",
        "kutu",
        "ver",
        "reddedildi",
        "(.*)+[",
        "smtp hatası",
        "over quota",
        "uygulama şifresi",
        "greylisting",
        "dolu",
        "gönderen sunucu yeniden dener",
    ]
    words = [word for doc in CORPUS for word in doc.meaning.split()]
    queries = list(fixed)
    while len(queries) < count:
        queries.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))))
    return queries


def test_each_of_two_hundred_documents_is_found_by_its_title():
    documents = synthetic_corpus()
    index = SearchIndex(documents)

    assert [index.search(doc.title)[0].code for doc in documents] == [doc.code for doc in documents]


def test_mixed_queries_rank_by_score_within_the_limit():
    index = SearchIndex(synthetic_corpus())
    for query in mixed_queries():
        hits = index.search(query)
        ranked = [hit.score for hit in hits if not hit.exact_code]

        assert len(hits) <= 30
        assert hits.total >= len(hits)
        assert ranked == sorted(ranked, reverse=True)
