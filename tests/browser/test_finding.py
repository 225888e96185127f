from django.conf import settings
from playwright.sync_api import expect

from kb.content import seed_codes

BOUNCE = """Reporting-MTA: dns; mx.example.com
Final-Recipient: rfc822; ali.veli@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ali.veli@example.net>: Recipient address rejected: User unknown
"""


def test_visitor_pastes_a_bounce_and_follows_the_explanation(page, live_server):
    seed_codes(settings.KB_FIXTURE_PATH)

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Site").get_by_role(
        "link", name="Geri dönen iletiyi çöz"
    ).click()
    page.get_by_label("Geri dönen ileti ya da hata satırı").fill(BOUNCE)
    page.get_by_role("button", name="Çöz").click()

    result = page.get_by_role("status")
    expect(result.get_by_text("5.1.1").first).to_be_visible()
    expect(result.get_by_text("a***@example.net").first).to_be_visible()
    page.get_by_role("link", name="5.1.1 kodunun sayfasına git").click()
    expect(page).to_have_url(live_server.url + "/kod/5.1.1")
    expect(page.get_by_role("heading", level=1)).to_contain_text("SMTP 5.1.1 hatası")


def test_visitor_searches_from_the_header_and_reaches_a_code_page(page, live_server):
    seed_codes(settings.KB_FIXTURE_PATH)

    page.goto(live_server.url + "/kod/450")
    page.get_by_label("Kod ya da sorun ara").fill("posta kutusu dolu")
    page.get_by_role("button", name="Ara").click()

    expect(page).to_have_url(live_server.url + "/ara?q=posta+kutusu+dolu")
    first = page.locator(".search-result h2 a").first
    expect(first).to_contain_text("dolu")
    first.click()
    expect(page.get_by_role("heading", name="Anlamı")).to_be_visible()


GMAIL_BOUNCE = """From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
Subject: Delivery Status Notification (Failure)

Your message wasn't delivered to ahmet@gmail.com because the address couldn't be found.

The response from the remote server was:
550 5.1.1 The email account that you tried to reach does not exist. - gsmtp
"""


def test_a_gmail_bounce_is_answered_in_one_sentence_with_the_specific_cause(page, content):
    page.goto(content.url + "/coz")
    page.get_by_label("Geri dönen ileti ya da hata satırı").fill(GMAIL_BOUNCE)
    page.get_by_role("button", name="Çöz").click()

    result = page.get_by_role("status")
    expect(result.locator(".decode-answer")).to_contain_text("ahmet@gmail.com: bu adreste")
    expect(result.locator(".decoded-code h3").first).to_contain_text("5.1.1")
    expect(page).to_have_url(content.url + "/coz#sonuc")


def test_a_bounce_pasted_into_the_header_search_gets_the_decoders_answer(page, content):
    page.goto(content.url + "/kod/450")
    page.get_by_label("Kod ya da sorun ara").fill(
        "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does not exist"
    )
    page.get_by_role("button", name="Ara").click()

    expect(page.get_by_text("aramak yerine çözdük")).to_be_visible()
    expect(page.locator(".decoded-code h3").first).to_contain_text("5.1.1")
