"""The search page (/ara), the bounce decoder page (/coz) and POST /api/coz."""

import re
from http import HTTPStatus

import pytest

from kb.models import ReplyCode, SearchMiss

BOUNCE = """From: Mail Delivery System <MAILER-DAEMON@mx.example.com>
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mx.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<ali.veli@example.net>: host mx.example.net[203.0.113.5] said: 550 5.1.1
    <ali.veli@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)
"""


@pytest.fixture
def corpus(make_code):
    make_code(
        "550", title="Alıcı posta kutusu kullanılamıyor", meaning="Alıcı sunucu iletiyi reddetti."
    )
    make_code("5.1.1", title="Alıcı adresi yok", first_steps="1. Adresteki yazım hatasını düzeltin")
    make_code(
        "5.2.2",
        title="Posta kutusu dolu",
        meaning="Alıcının posta kutusu dolu; kota aşıldı.",
        examples="Gmail | 552-5.2.2 The email account that you tried to reach is over quota",
    )
    make_code(
        "4.2.2", title="Posta kutusu dolu (geçici)", meaning="Posta kutusu dolu, yeniden denenecek."
    )
    make_code(
        "5.7.1", title="İzin verilmedi", meaning="Politika nedeniyle ret; çözüm için izin isteyin."
    )
    make_code(
        "554",
        title="İşlem başarısız",
        examples="Postfix | 554 5.7.1 <a@example.net>: Relay access denied",
    )


def result_codes(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/kod/([^"]+)">', html)


@pytest.mark.parametrize(
    "path", ["/", "/kod/550", "/kod/5xx", "/kod/x.7.x", "/ara", "/coz", "/kod/999"]
)
def test_every_page_has_the_search_box(client, corpus, path):
    html = client.get(path).content.decode()

    assert '<form class="site-search" action="/ara" method="get" role="search">' in html
    assert 'name="q"' in html


def test_a_single_known_code_redirects_to_its_page(client, corpus):
    for query in ["550", "#5.7.1", "smtp 550", " 5.1.1 "]:
        response = client.get("/ara", {"q": query})
        assert response.status_code == HTTPStatus.FOUND, query
        assert response["Location"].startswith("/kod/")


def test_reply_and_enhanced_code_list_the_enhanced_code_first(client, corpus):
    html = client.get("/ara", {"q": "550-5.1.1"}).content.decode()

    assert result_codes(html)[:2] == ["5.1.1", "550"]


def test_only_the_enhanced_code_is_marked_as_the_code_searched_for(client, corpus):
    html = client.get("/ara", {"q": "550 5.1.1"}).content.decode()

    assert html.count("Aradığınız kod") == 1


def test_turkish_folding_makes_case_and_diacritics_irrelevant(client, corpus):
    variants = [
        "posta kutusu dolu",
        "POSTA KUTUSU DOLU",
        "posta kutusu dolu".upper(),
        "Posta Kutusu Dolu",
    ]
    results = [result_codes(client.get("/ara", {"q": q}).content.decode()) for q in variants]

    assert results[0][:2] == ["5.2.2", "4.2.2"]
    assert all(result == results[0] for result in results)


def test_cozum_finds_the_same_pages_as_cozum_with_diacritics(client, corpus):
    plain = result_codes(client.get("/ara", {"q": "cozum"}).content.decode())

    assert plain == result_codes(client.get("/ara", {"q": "ÇÖZÜM"}).content.decode())
    assert "5.7.1" in plain


def test_dotted_capital_i_matches_lowercase(client, corpus):
    upper = result_codes(client.get("/ara", {"q": "İzin"}).content.decode())

    assert upper == result_codes(client.get("/ara", {"q": "izin"}).content.decode())
    assert upper[0] == "5.7.1"


def test_english_phrases_find_codes_through_examples(client, corpus):
    html = client.get("/ara", {"q": "relay access denied"}).content.decode()

    assert "554" in result_codes(html)


def test_matched_words_are_highlighted(client, corpus):
    html = client.get("/ara", {"q": "kota"}).content.decode()

    assert "<mark>kota</mark>" in html


def test_no_results_page_helps_and_records_the_query(client, corpus):
    response = client.get("/ara", {"q": "zzyzx bilinmeyen kelime"})

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "eşleşen bir sayfa bulamadık" in html
    assert 'href="/coz"' in html
    assert 'href="/kod/5xx"' in html
    assert SearchMiss.objects.get().query == "zzyzx bilinmeyen kelime"


def test_repeated_misses_are_counted_not_duplicated(client, corpus):
    client.get("/ara", {"q": "zzyzx"})
    client.get("/ara", {"q": "zzyzx"})

    assert SearchMiss.objects.get(query="zzyzx").count == 2


def test_missed_queries_are_stored_without_addresses(client, corpus):
    client.get("/ara", {"q": "zzyzx qqqq@xqxq.zz 198.51.100.77"})

    stored = SearchMiss.objects.get().query
    assert "qqqq@" not in stored
    assert "198.51.100.77" not in stored


@pytest.mark.parametrize("query", ["(.*)+[", "\x00", "' OR 1=1 --", "😀" * 50, "a" * 5000])
def test_hostile_queries_never_fail(client, corpus, query):
    assert client.get("/ara", {"q": query}).status_code == HTTPStatus.OK


def test_search_follows_admin_edits_at_once(client, corpus, transactional_db):
    client.get("/ara", {"q": "kota"})
    reply_code = ReplyCode.objects.get(code="550")
    reply_code.title = "Benzersizkelime başlığı"
    reply_code.save()

    html = client.get("/ara", {"q": "benzersizkelime"}).content.decode()

    assert result_codes(html) == ["550"]


def test_unpublished_codes_are_not_found(client, corpus):
    ReplyCode.objects.filter(code="5.2.2").update(is_published=False, version=99)

    assert "5.2.2" not in result_codes(client.get("/ara", {"q": "kota"}).content.decode())


def test_missed_searches_are_listed_in_the_admin(admin_client, client, corpus):
    client.get("/ara", {"q": "zzyzx"})

    html = admin_client.get("/admin/kb/searchmiss/").content.decode()

    assert "zzyzx" in html


def test_decoder_page_has_a_csrf_protected_form(client, db):
    html = client.get("/coz").content.decode()

    assert 'name="csrfmiddlewaretoken"' in html
    assert '<textarea id="metin" name="metin"' in html


def test_decoder_explains_the_cause_and_links_its_page(client, corpus):
    html = client.post("/coz", {"metin": BOUNCE}).content.decode()

    assert "Alıcı adresi yok" in html
    assert 'href="/kod/5.1.1"' in html
    assert "Adresteki yazım hatasını düzeltin" in html
    assert "Kalıcı hata" in html


def test_decoder_masks_the_addresses_of_its_result(client, corpus):
    html = client.post("/coz", {"metin": BOUNCE}).content.decode()
    result = html[html.index('id="sonuc"') : html.index("<textarea")]

    assert "203.0.113.5" not in result
    assert "a***@example.net" in result


def test_decoder_keeps_the_pasted_text_in_the_box(client, corpus):
    html = client.post("/coz", {"metin": BOUNCE}).content.decode()

    assert "&lt;ali.veli@example.net&gt;: host mx.example.net[203.0.113.5]" in html


def test_decoder_rejects_more_than_100_kb_in_turkish_and_keeps_the_text(client, corpus):
    text = "x" * (101 * 1024)

    response = client.post("/coz", {"metin": text})

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert "en fazla 100 KB" in response.content.decode()
    assert text in response.content.decode()


def test_decoder_survives_100_kb_of_garbage(client, corpus):
    garbage = "".join(chr(32 + (i * 7919) % 5000) for i in range(30_000))[: 100 * 1024 // 4]

    response = client.post("/coz", {"metin": garbage})

    assert response.status_code == HTTPStatus.OK


def test_decoder_with_no_code_says_so_honestly(client, corpus):
    html = client.post("/coz", {"metin": "merhaba, e-postam gitmedi"}).content.decode()

    assert "Bir SMTP kodu bulunamadı" in html


def test_decoder_guesses_from_phrases(client, corpus):
    html = client.post("/coz", {"metin": "Sorry, the user's mailbox is full."}).content.decode()

    assert "Posta kutusu dolu" in html


def test_decoder_page_is_never_cached(client, db):
    assert "no-store" in client.get("/coz")["Cache-Control"]


def test_api_decodes_a_text_body(client, corpus):
    response = client.post("/api/coz", BOUNCE, content_type="text/plain")

    data = response.json()
    assert data["reply_code"] == "550"
    assert data["enhanced_code"] == "5.1.1"
    assert data["codes"][0] == {
        "code": "5.1.1",
        "role": "cause",
        "url": "http://127.0.0.1:8000/kod/5.1.1",
        "title": "Alıcı adresi yok",
    }
    assert data["guess"] is None


def test_api_decodes_the_form_field_metin(client, corpus):
    response = client.post("/api/coz", {"metin": "mailbox full"})

    assert response.json()["guess"]["code"] == "5.2.2"


def test_api_accepts_non_utf8_bytes(client, corpus):
    response = client.post(
        "/api/coz", b"\xff\xfe550 5.1.1 user unknown\x00", content_type="application/octet-stream"
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["enhanced_code"] == "5.1.1"


def test_api_rejects_oversized_input_with_json(client, db):
    response = client.post("/api/coz", "x" * (101 * 1024), content_type="text/plain")

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response.json()["error"] == "invalid_input"


GMAIL_BOUNCE = """From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ayse@example.com
Subject: Delivery Status Notification (Failure)

** Address not found **

Your message wasn't delivered to ahmet@gmail.com because the address couldn't be found.

The response from the remote server was:
550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550 5.1.1 unnecessary spaces. - gsmtp
"""
DELAY_DSN = """From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
Subject: Delayed Mail (still being retried)
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

This is the mail system at host mx.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; veli@example.net
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mx.example.net[203.0.113.9]:25: Connection timed out
Will-Retry-Until: Thu, 3 Dec 2026 10:15:00 +0300

--b--
"""


def test_the_decoder_leads_with_the_most_specific_cause_and_the_full_address(client, corpus):
    html = client.post("/coz", {"metin": GMAIL_BOUNCE}).content.decode()
    result = html[html.index('id="sonuc"') :]

    assert "ahmet@gmail.com: bu adreste bir posta kutusu yok" in result
    assert result.index("5.1.1</span>") < result.index("550</span>")


def test_the_decoder_api_names_the_reason_and_each_recipient(client, corpus):
    data = client.post("/api/coz", {"metin": GMAIL_BOUNCE}).json()

    assert data["reason"] == "userunknown"
    assert data["recipients"] == [
        {
            "address": "ahmet@gmail.com",
            "reply_code": "550",
            "enhanced_code": "5.1.1",
            "reason": "userunknown",
            "action": "failed",
        }
    ]


def test_a_delay_notice_is_reported_as_delayed_with_its_deadline(client, corpus):
    data = client.post("/api/coz", {"metin": DELAY_DSN}).json()

    assert data["action"] == "delayed"
    assert data["will_retry_until"].startswith("2026-12-03T10:15:00")


def test_a_delay_notice_says_the_server_is_still_trying_and_not_to_resend(client, corpus):
    html = client.post("/coz", {"metin": DELAY_DSN}).content.decode()

    assert "Bu bir gecikme bildirimi, ileti henüz geri dönmedi." in html
    assert "3 Aralık 2026 10:15" in html
    assert "Şimdi yeniden göndermeyin" in html


def test_the_result_can_be_added_to_a_support_ticket_with_addresses_masked(client, corpus):
    html = client.post("/coz", {"metin": BOUNCE}).content.decode()

    link = re.search(r'<a class="button" href="([^"]+)">Bu sonucu destek talebine ekle', html)
    assert link is not None
    assert "konu=SMTP+5.1.1" in link.group(1)
    assert "a%2A%2A%2A%40example.net" in link.group(1)
    assert "ali.veli" not in link.group(1)


def test_the_form_posts_back_to_the_result_heading(client, db):
    html = client.get("/coz").content.decode()

    assert 'action="/coz#sonuc"' in html


def test_decoding_a_bounce_with_many_codes_costs_a_fixed_number_of_queries(
    client, corpus, django_assert_max_num_queries
):
    many = "\n".join(f"Diagnostic-Code: smtp; 550 5.7.{n} refused for policy" for n in range(1, 30))
    client.post("/coz", {"metin": many})  # builds this process's response index once

    with django_assert_max_num_queries(3):
        client.post("/coz", {"metin": many})
