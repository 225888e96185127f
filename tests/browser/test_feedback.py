"""Readers' comments and votes, the copy-link button and printing, in a real Chromium."""

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from playwright.sync_api import expect

from kb import guards
from kb.models import Comment, Vote

COMMENT_TEXT = "Bir saat bekledim, ileti kendiliğinden gitti."


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Posta kutusu meşgul")


@pytest.fixture
def scripted_page(browser, live_server):
    """A page with JavaScript on (the default `page` has it off, like a cautious reader)."""
    context = browser.new_context(locale="tr-TR")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def write_comment(page, text: str = COMMENT_TEXT) -> None:
    page.get_by_label("Adınız").fill("Ayşe")
    page.get_by_label("Yorumunuz").fill(text)
    page.get_by_role("button", name="Yorumu gönder").click()


def test_a_comment_appears_only_after_staff_approve_it_in_the_admin(
    page, browser, live_server, code_450, page_cache
):
    User.objects.create_superuser("yonetici", "yonetici@example.com", "uzun-bir-parola-42")
    code_url = live_server.url + "/kod/450"

    page.goto(code_url)
    # the page is in the shared page cache (the browser itself would revalidate: a 304)
    assert page.request.get(code_url).headers["x-page-cache"] == "hit"
    assert page.goto(code_url).ok
    write_comment(page)
    expect(page.get_by_role("heading", name="Teşekkürler, yorumunuz alındı")).to_be_visible()
    page.goto(code_url)
    expect(page.get_by_text(COMMENT_TEXT)).to_have_count(0)

    staff = browser.new_context(locale="tr-TR", java_script_enabled=False).new_page()
    staff.goto(live_server.url + "/admin/kb/comment/")
    staff.get_by_label("Kullanıcı adı").fill("yonetici")
    staff.get_by_label("Parola").fill("uzun-bir-parola-42")
    staff.get_by_role("button", name="Oturum aç").click()
    staff.locator("input[name=_selected_action]").check()
    staff.locator("select[name=action]").select_option("approve")
    staff.get_by_role("button", name="Git").click()
    expect(staff.get_by_text("1 yorum yayınlandı.")).to_be_visible()
    staff.context.close()

    page.goto(code_url)
    expect(page.get_by_role("heading", name="Yorumlar (1)")).to_be_visible()
    expect(page.get_by_text(COMMENT_TEXT)).to_be_visible()


def test_a_rate_limited_comment_is_refused_in_turkish_and_the_text_kept(
    page, live_server, code_450
):
    # this browser's address already sent its five comments of the window
    for _ in range(guards.COMMENTS_PER_WINDOW):
        assert not guards.comment_rate_exceeded(RequestFactory().get("/", REMOTE_ADDR="127.0.0.1"))

    page.goto(live_server.url + "/kod/450")
    write_comment(page, "Altıncı yorumum, kaybolmasın.")

    expect(page.get_by_role("alert")).to_contain_text("Birkaç dakika sonra yeniden gönderin")
    expect(page.get_by_label("Yorumunuz")).to_have_value("Altıncı yorumum, kaybolmasın.")
    expect(page.get_by_label("Adınız")).to_have_value("Ayşe")
    assert Comment.objects.count() == 0


def test_the_honeypot_is_hidden_from_people_and_refuses_a_bot_that_fills_it(
    scripted_page, live_server, code_450
):
    page = scripted_page
    page.goto(live_server.url + "/kod/450")
    honeypot = page.locator("input[name=website]")
    expect(honeypot).to_be_hidden()

    honeypot.evaluate("field => { field.value = 'http://spam.example'; }")
    write_comment(page)

    expect(page.get_by_role("alert")).to_contain_text("otomatik bir gönderim gibi göründüğü")
    expect(page.get_by_label("Yorumunuz")).to_have_value(COMMENT_TEXT)
    assert Comment.objects.count() == 0


def test_a_visitor_votes_once_and_a_second_vote_is_not_counted(page, live_server, code_450):
    page.goto(live_server.url + "/kod/450")
    page.get_by_role("button", name="Evet").click()
    expect(page).to_have_url(live_server.url + "/kod/450?oy=evet#faydali-mi")
    expect(page.get_by_role("status").get_by_text("Teşekkürler, sevindik!")).to_be_visible()

    page.goto(live_server.url + "/kod/450")
    page.get_by_role("button", name="Hayır").click()

    expect(page.get_by_role("status").get_by_text("Oyunuzu zaten almıştık.")).to_be_visible()
    assert Vote.objects.count() == 1
    assert Vote.objects.get().helpful is True


def test_after_no_the_visitor_can_say_what_was_missing(page, live_server, code_450):
    page.goto(live_server.url + "/kod/450")
    page.get_by_role("button", name="Hayır").click()

    page.get_by_label("Bu sayfada ne eksikti?").fill("Exchange'in mesajı yoktu.")
    page.get_by_role("button", name="Gönder", exact=True).click()

    expect(page.get_by_text("Yazdıklarınızı destek ekibimize ilettik")).to_be_visible()
    expect(page).to_have_url(live_server.url + "/kod/450?oy=eksik-alindi#faydali-mi")
    assert Vote.objects.get().missing == "Exchange'in mesajı yoktu."


def test_the_copy_button_copies_the_page_link(scripted_page, live_server, code_450, settings):
    settings.KB_SITE_URL = live_server.url
    page = scripted_page
    page.goto(live_server.url + "/kod/450")

    page.get_by_role("button", name="Kopyala").click()

    expect(page.get_by_role("status")).to_have_text("Bağlantı kopyalandı.")
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + "/kod/450"


def test_without_javascript_the_link_field_is_there_and_no_copy_button(page, live_server, code_450):
    page.goto(live_server.url + "/kod/450")

    expect(page.get_by_label("Bu sayfanın bağlantısını kopyala")).to_have_value(
        "http://127.0.0.1:8000/kod/450"
    )
    expect(page.get_by_role("button", name="Kopyala")).to_have_count(0)


def test_a_printed_code_page_is_a_handout_without_forms_comments_or_navigation(
    page, live_server, make_code, settings
):
    settings.KB_SITE_URL = "https://smtp.example.com"
    make_code("421")
    make_code("450", title="Posta kutusu meşgul", remedy_customer="1. Bir saat bekleyin")
    page.goto(live_server.url + "/kod/450")
    expect(page.get_by_text("Bu sayfanın adresi:")).to_be_hidden()

    page.emulate_media(media="print")

    expect(page.get_by_role("heading", name="SMTP 450 hatası: Posta kutusu meşgul")).to_be_visible()
    expect(page.get_by_text("Bir saat bekleyin")).to_be_visible()
    expect(page.get_by_role("button", name="Yorumu gönder")).to_be_hidden()
    expect(page.get_by_label("Yorumunuz")).to_be_hidden()
    expect(page.get_by_role("heading", name="Yorumlar")).to_be_hidden()
    expect(page.get_by_role("button", name="Evet")).to_be_hidden()
    expect(page.get_by_role("link", name="Destek talebi aç")).to_be_hidden()
    expect(page.locator("nav.breadcrumb")).to_be_hidden()
    expect(page.locator("nav.pager")).to_be_hidden()
    expect(page.get_by_text("Bu sayfanın adresi: https://smtp.example.com/kod/450")).to_be_visible()
