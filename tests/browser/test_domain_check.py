"""From a code page to the domain check, in a real browser against the live server and the
test DNS server (tests/dns_server.py)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE

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


CHECK_PAGES = [
    "/alan-adi",
    "/alan-adi?d=broken.test&kod=5.7.26",
    "/alan-adi?d=good.test&ip=198.51.100.7",
    "/alan-adi?d=hugetxt.test",
    "/alan-adi?d=%3Cscript%3E",
]


def test_no_check_page_scrolls_sideways_on_a_phone(phone, content, test_host_profile):
    wide = {}
    for path in [*CHECK_PAGES, "/kod/5.7.26", "/kod/5.1.2"]:  # the code pages' check form
        phone.goto(content.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width

    assert wide == {}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_the_check_pages(browser, content, test_host_profile, viewport):
    context = browser.new_context(locale="tr-TR", viewport=viewport)
    page = context.new_page()
    found = {}
    for path in CHECK_PAGES:
        page.goto(content.url + path)
        results = Axe().run(page)
        if problems := [v["id"] for v in results.response["violations"]]:
            found[path] = problems
    context.close()

    assert found == {}
