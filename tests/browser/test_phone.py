"""On a 360×640 phone, a customer with a link from support sees the answer before scrolling,
and no page scrolls sideways. axe-core finds no accessibility violation on any page type."""

import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import DESKTOP, PHONE

FOLD = PHONE["height"]
ANSWER_PARTS = {
    "who acts": ".summary__who",
    "self heals": ".summary__heals",
    "first step": ".summary__steps li",
    "support link": ".summary__support",
}
BOUNCE = """Final-Recipient: rfc822; ali.veli@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ali.veli@example.net>: Recipient address rejected: User unknown
"""


def bottom_of(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


@pytest.mark.parametrize("code", ["450", "550", "5.1.1", "5.7.26", "101"])
def test_the_four_answers_are_above_the_fold_on_a_phone(phone, content, code):
    phone.goto(f"{content.url}/kod/{code}")

    below = {name: bottom_of(phone, css) for name, css in ANSWER_PARTS.items()}
    below = {name: bottom for name, bottom in below.items() if bottom > FOLD}

    assert phone.locator("#ozet").bounding_box()["y"] < FOLD
    assert below == {}


def sitemap_paths(page, base: str) -> list[str]:
    page.goto(f"{base}/sitemap.xml")
    return [urlsplit(url).path for url in re.findall(r"<loc>([^<]+)</loc>", page.content())]


def test_no_page_of_the_sitemap_scrolls_sideways_on_a_phone(phone, content):
    paths = sitemap_paths(phone, content.url)
    wide = {}
    for path in paths:
        phone.goto(content.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width

    assert len(paths) > 200
    assert wide == {}


def test_the_index_fits_in_about_ten_phone_screens(phone, content):
    phone.goto(content.url + "/")

    screens = phone.evaluate("document.documentElement.scrollHeight") / FOLD

    assert screens <= 11


PUBLIC_PAGES = [
    "/",
    "/kod/450",
    "/kod/5.1.1",
    "/kod/5.7.606-649",
    "/kod/101",
    "/kod/4xx",
    "/kod/x.7.x",
    "/ara",
    "/ara?q=posta+kutusu+dolu",
    "/ara?q=zzqqxx",
    "/coz",
    "/kod/999",
    "/saglayici/",
    "/saglayici/gmail",
]


def violations(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']} ({len(v['nodes'])})" for v in results.response["violations"]]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_no_violation_on_any_public_page_type(browser, content, viewport):
    # axe-core is JavaScript that runs inside the page, so this context allows scripts.
    context = browser.new_context(locale="tr-TR", viewport=viewport)
    page = context.new_page()
    found = {}
    for path in PUBLIC_PAGES:
        page.goto(content.url + path)
        if problems := violations(page):
            found[path] = problems
    page.goto(content.url + "/coz")
    page.get_by_label("Geri dönen ileti ya da hata satırı").fill(BOUNCE)
    page.get_by_role("button", name="Çöz").click()
    if problems := violations(page):
        found["/coz (result)"] = problems
    context.close()

    assert found == {}
