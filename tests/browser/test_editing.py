"""Issue 13 in a real browser: publishing is one explicit act, the preview shows what is
typed, restore goes through a draft, history tells the truth, the admin is accessible."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from kb.management.commands.create_support_user import create_support_user
from kb.models import Comment, ReplyCode, SearchMiss, Vote

PASSWORD = "Destek-Parola-2026"
TEXT_INPUTS = ["Başlık", "Ne oldu? (özet)", "Üretici", "Referans"]


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç").click()
    expect(page.get_by_text("Bugün bakılacaklar")).to_be_visible()


def open_change_form(page, live_server, reply_code) -> None:
    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/change/")


def public_text(visitor, live_server, code: str) -> str:
    visitor.goto(f"{live_server.url}/kod/{code}")
    return visitor.locator("main").inner_text()


def confirm_publishing(page) -> None:
    page.get_by_role("button", name="Yayınla…").click()
    expect(page.get_by_role("heading", name=re.compile("yayınlansın mı?"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Evet, ")).click()


def test_only_publish_and_its_confirmation_change_the_public_page(
    page, browser, live_server, make_code
):
    create_support_user("ayse", PASSWORD)
    reply_code = make_code("450", title="Eski başlık", remedy_customer="1. Eski adım")
    visitor = browser.new_context(java_script_enabled=False).new_page()
    before = public_text(visitor, live_server, "450")
    log_in(page, live_server, "ayse")

    for label in TEXT_INPUTS:  # Enter in any field saves a draft
        open_change_form(page, live_server, reply_code)
        page.get_by_label(label).fill(f"Enter ile {label}")
        page.get_by_label(label).press("Enter")
        expect(page.get_by_text("Taslak kaydedildi; herkese açık sayfa değişmedi.")).to_be_visible()
        assert public_text(visitor, live_server, "450") == before
    for button in ("Kaydet (taslak)", "Kaydet ve düzenlemeye devam et (taslak)"):
        open_change_form(page, live_server, reply_code)
        page.get_by_label("Başlık").fill(f"{button} başlığı")
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.get_by_text("Taslak kaydedildi; herkese açık sayfa değişmedi.")).to_be_visible()
        assert public_text(visitor, live_server, "450") == before

    open_change_form(page, live_server, reply_code)
    page.get_by_label("Başlık").fill("Yayınlanan başlık")
    page.get_by_role("button", name="Yayınla…").click()
    expect(page.get_by_role("cell", name="Yayınlanan başlık")).to_be_visible()
    assert public_text(visitor, live_server, "450") == before  # not before the confirmation
    page.get_by_role("button", name="Evet, yayınla").click()

    expect(page.get_by_text("Yayınlandı.")).to_be_visible()
    page.get_by_role("link", name="Sitede görüntüle").first.click()
    expect(page.get_by_role("heading", name="SMTP 450 hatası: Yayınlanan başlık")).to_be_visible()
    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text("Yayınlandı")
    expect(latest).to_contain_text("ayse")
    visitor.context.close()


def test_preview_shows_the_typed_text_without_saving_it(page, browser, live_server, make_code):
    create_support_user("ayse", PASSWORD)
    reply_code = make_code("450", remedy_customer="1. Eski adım")
    log_in(page, live_server, "ayse")
    open_change_form(page, live_server, reply_code)
    page.get_by_label("Müşteri ne yapmalı").fill("1. Yazılan ama kaydedilmeyen adım")

    page.get_by_role("button", name="Önizle", exact=True).click()

    expect(
        page.get_by_text("Önizleme: formda yazdığınız, henüz kaydedilmemiş metin.")
    ).to_be_visible()
    expect(page.get_by_text("Yazılan ama kaydedilmeyen adım")).to_be_visible()
    expect(page.get_by_text("Bu sayfa işinize yaradı mı?")).to_have_count(0)
    expect(page.locator("form.comment-form, #yorum-formu")).to_have_count(0)
    assert ReplyCode.objects.get(pk=reply_code.pk).draft is None
    page.get_by_role("button", name="Düzenlemeye dön").click()
    expect(page.get_by_label("Müşteri ne yapmalı")).to_have_value(
        "1. Yazılan ama kaydedilmeyen adım"
    )
    assert ReplyCode.objects.get(pk=reply_code.pk).draft is None


def test_unpublishing_asks_and_restore_brings_back_related_codes_and_state(
    page, browser, live_server, make_code
):
    create_support_user("ayse", PASSWORD)
    other = make_code("5.1.1", title="Alıcı adresi yok")
    reply_code = make_code("550", related=[other])
    log_in(page, live_server, "ayse")
    visitor = browser.new_context(java_script_enabled=False).new_page()

    open_change_form(page, live_server, reply_code)
    page.get_by_label("Yayında").uncheck()
    page.get_by_label("İlgili kodlar").select_option([])
    page.get_by_role("button", name="Yayınla…").click()
    expect(page.get_by_text("Bu taslak kodu yayından kaldırır")).to_be_visible()
    assert visitor.goto(f"{live_server.url}/kod/550").status == 200
    page.get_by_role("button", name="Evet, yayından kaldır").click()
    assert visitor.goto(f"{live_server.url}/kod/550").status == 404

    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/history/")
    # Newest first: the unpublishing, its draft, then version 1 with its related codes
    # (make_code sets them right after creating the code, as the admin's add form does).
    version_1 = page.locator("#change-history tbody tr").nth(2)
    expect(version_1).to_contain_text("İlgili kodlar")
    version_1.get_by_role("button", name="Bu sürümden taslak oluştur").click()
    expect(page.get_by_text("1. sürümden taslak oluşturuldu")).to_be_visible()
    assert visitor.goto(f"{live_server.url}/kod/550").status == 404  # a draft only
    confirm_publishing(page)

    assert visitor.goto(f"{live_server.url}/kod/550").status == 200
    expect(visitor.locator(".related")).to_contain_text("5.1.1")
    visitor.context.close()


def test_a_one_field_edit_shows_one_changed_field_and_stores_no_cr(page, live_server, make_code):
    create_support_user("ayse", PASSWORD)
    reply_code = make_code(
        "421",
        meaning="İlk paragraf.\n\nİkinci paragraf.",
        examples="Postfix | 421 örnek\nExim | 421 başka örnek",
    )
    log_in(page, live_server, "ayse")
    open_change_form(page, live_server, reply_code)
    page.get_by_label("Başlık").fill("Tek değişen alan")

    page.get_by_role("button", name="Yayınla…").click()
    expect(page.locator(".diff-table tbody tr")).to_have_count(1)
    page.get_by_role("button", name="Evet, yayınla").click()

    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/history/")
    cells = page.locator("#change-history tbody tr td:nth-child(7)")
    expect(cells.nth(0)).to_have_text("Başlık")
    expect(cells.nth(1)).to_have_text("Taslak: Başlık")
    stored = ReplyCode.objects.get(pk=reply_code.pk)
    texts = [stored.meaning, stored.examples, stored.first_steps, stored.remedy_customer]
    assert [text for text in texts if "\r" in text] == []


def test_axe_finds_no_violation_on_the_admin_pages(browser, live_server, make_code):
    create_support_user("ayse", PASSWORD)
    reply_code = make_code("450")
    comment = Comment.objects.create(reply_code=reply_code, name="Ali", body="Bir sorum var.")
    vote = Vote.objects.create(reply_code=reply_code, helpful=False, fingerprint="a")
    SearchMiss.objects.record("5.7.515")
    reply_code.title = "İkinci başlık"
    reply_code.save()
    # axe-core is JavaScript that runs inside the page, so this context allows scripts.
    context = browser.new_context(locale="tr-TR")
    page = context.new_page()
    log_in(page, live_server, "ayse")
    first, second = reply_code.history.order_by("history_date")
    admin = f"{live_server.url}/admin/kb/replycode/{reply_code.pk}"
    pages = {
        "dashboard": f"{live_server.url}/admin/",
        "change form": f"{admin}/change/",
        "history": f"{admin}/history/",
        "compare": f"{admin}/karsilastir/?a={first.history_id}&b={second.history_id}",
        "code list": f"{live_server.url}/admin/kb/replycode/?q=450",
        "comments": f"{live_server.url}/admin/kb/comment/",
        "comment": f"{live_server.url}/admin/kb/comment/{comment.pk}/change/",
        "votes": f"{live_server.url}/admin/kb/vote/",
        "vote": f"{live_server.url}/admin/kb/vote/{vote.pk}/change/",
        "feedback summaries": f"{live_server.url}/admin/kb/feedbacksummary/",
        "missed searches": f"{live_server.url}/admin/kb/searchmiss/",
        "password change": f"{live_server.url}/admin/password_change/",
    }
    found = {}
    for name, url in pages.items():
        page.goto(url)
        violations = Axe().run(page).response["violations"]
        if violations:
            found[name] = [f"{v['id']} ({len(v['nodes'])})" for v in violations]
    page.goto(f"{admin}/change/")
    page.get_by_label("Başlık").fill("Üçüncü başlık")
    page.get_by_role("button", name="Yayınla…").click()
    violations = Axe().run(page).response["violations"]
    if violations:
        found["publish confirmation"] = [f"{v['id']} ({len(v['nodes'])})" for v in violations]
    context.close()

    assert found == {}
