from playwright.sync_api import expect

from kb.management.commands.create_support_user import create_support_user

PASSWORD = "Destek-Parola-2026"


def log_in(page, live_server, username: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Kullanıcı adı").fill(username)
    page.get_by_label("Parola").fill(PASSWORD)
    page.get_by_role("button", name="Oturum aç").click()
    expect(page.get_by_text("İnceleme hatırlatması")).to_be_visible()


def open_change_form(page, live_server, reply_code) -> None:
    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/change/")


def test_agent_drafts_previews_publishes_and_restores(page, browser, live_server, make_code):
    create_support_user("ayse", PASSWORD)
    reply_code = make_code("450", remedy_customer="1. Eski adım: bir süre bekleyin")
    log_in(page, live_server, "ayse")

    open_change_form(page, live_server, reply_code)
    page.get_by_label("Müşteri ne yapmalı").fill("1. Yeni adım: gri listeyi kontrol edin")
    page.get_by_role("button", name="Taslak olarak kaydet (yayınlama)").click()
    expect(page.get_by_text("Taslak kaydedildi; herkese açık sayfa değişmedi.")).to_be_visible()

    visitor = browser.new_context(java_script_enabled=False).new_page()
    visitor.goto(live_server.url + "/kod/450")
    expect(visitor.get_by_text("Eski adım: bir süre bekleyin")).to_be_visible()
    expect(visitor.get_by_text("Yeni adım")).to_have_count(0)

    page.get_by_role("link", name="Önizle").first.click()
    expect(page.get_by_text("Önizleme: bu sayfa yalnızca destek ekibine görünür.")).to_be_visible()
    expect(page.get_by_text("Yeni adım: gri listeyi kontrol edin")).to_be_visible()

    open_change_form(page, live_server, reply_code)
    page.get_by_role("button", name="Kaydet", exact=True).click()
    visitor.reload()
    expect(visitor.get_by_text("Yeni adım: gri listeyi kontrol edin")).to_be_visible()

    page.goto(f"{live_server.url}/admin/kb/replycode/{reply_code.pk}/history/")
    page.get_by_role("button", name="Bu sürüme geri dön").last.click()
    expect(page.get_by_text("1. sürümdeki içeriğe geri döndürüldü")).to_be_visible()
    visitor.reload()
    expect(visitor.get_by_text("Eski adım: bir süre bekleyin")).to_be_visible()
    visitor.context.close()


def test_second_of_two_concurrent_saves_is_refused_in_turkish(
    page, browser, live_server, make_code
):
    create_support_user("ayse", PASSWORD)
    create_support_user("mehmet", PASSWORD)
    reply_code = make_code("550", title="Alıcı reddetti")
    other = browser.new_context(java_script_enabled=False).new_page()
    log_in(page, live_server, "ayse")
    log_in(other, live_server, "mehmet")
    open_change_form(page, live_server, reply_code)
    open_change_form(other, live_server, reply_code)

    other.get_by_label("Başlık").fill("Mehmet'in başlığı")
    other.get_by_role("button", name="Kaydet", exact=True).click()
    page.get_by_label("Başlık").fill("Ayşe'nin başlığı")
    page.get_by_role("button", name="Kaydet", exact=True).click()

    expect(page.get_by_text("Bu kodu siz açtıktan sonra mehmet")).to_be_visible()
    expect(page.get_by_label("Başlık")).to_have_value("Ayşe'nin başlığı")
    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + "/kod/550")
    expect(visitor).to_have_title("SMTP 550 hatası: Mehmet'in başlığı | SMTP Kodları")
    visitor.context.close()
    other.context.close()
