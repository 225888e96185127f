from playwright.sync_api import expect


def test_visitor_opens_the_index_clicks_450_and_reads_the_remedy(page, live_server, make_code):
    make_code("421", title="Hizmet şu an kullanılamıyor")
    make_code(
        "450", title="Posta kutusu şu an kullanılamıyor", remedy_customer="1. Bir saat bekleyin"
    )

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="450", exact=True).click()

    expect(page).to_have_url(live_server.url + "/kod/450")
    expect(page).to_have_title("SMTP 450 hatası: Posta kutusu şu an kullanılamıyor | SMTP Kodları")
    expect(page.get_by_role("heading", name="Nasıl Çözülür / Ne Yapılır")).to_be_visible()
    expect(page.get_by_text("Bir saat bekleyin")).to_be_visible()
