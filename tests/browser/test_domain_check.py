"""From a code page to the domain check, in a real browser against the live server and the
test DNS server (tests/dns_server.py)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.usefixtures("test_dns")


def test_from_5_7_26_to_the_exact_spf_and_dmarc_records_of_a_broken_domain(
    page, content, test_host_profile
):
    page.goto(content.url + "/kod/5.7.26")
    check = page.get_by_role("region", name="Alan adınızı kontrol edin")
    check.get_by_label("Alan adı").fill("broken.test")
    check.get_by_role("button", name="Kontrol et").click()

    expect(page.get_by_role("heading", level=2, name="broken.test için sonuç")).to_be_visible()
    expect(page.get_by_text("SMTP 5.7.26 hatanız için anlamı:")).to_be_visible()
    spf = page.locator(".finding", has_text="SPF kaydı yok")
    expect(spf.get_by_text("Hata:")).to_be_visible()
    expect(spf.locator("textarea")).to_have_value("v=spf1 mx include:_spf.hosting.test ~all")
    dmarc = page.locator(".finding", has_text="DMARC kaydı yok")
    expect(dmarc.locator("textarea")).to_have_value(
        "v=DMARC1; p=none; rua=mailto:dmarc@broken.test"
    )
    expect(dmarc.get_by_text("_dmarc.broken.test")).to_be_visible()


def test_with_javascript_the_record_is_copied_in_one_click(browser, content, test_host_profile):
    context = browser.new_context(locale="tr-TR", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(content.url + "/alan-adi?d=broken.test")
        spf = page.locator(".finding", has_text="SPF kaydı yok")
        spf.get_by_role("button", name="Kopyala").click()
        expect(spf.get_by_role("status")).to_have_text("Kayıt kopyalandı.")
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == "v=spf1 mx include:_spf.hosting.test ~all"
    finally:
        context.close()
