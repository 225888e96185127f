from html import unescape

import pytest

from kb.templatetags.kb_tags import support_url


@pytest.fixture
def code_page(client, make_code):
    def get(code: str = "450") -> str:
        make_code(code)
        return client.get(f"/kod/{code}").content.decode()

    return get


def test_code_page_sends_the_customer_to_support_with_the_code_filled_in(code_page):
    html = code_page("450")

    assert "Hâlâ çözemediniz mi?" in html
    assert (
        'href="https://destek.example.com/ticket?konu=SMTP+450&amp;aciklama=">Destek talebi aç</a>'
        in html
    )


def test_the_support_url_comes_from_the_setting(code_page, settings):
    settings.KB_SUPPORT_URL = "https://help.example.net/new?subject={code}&source=kb"

    html = unescape(code_page("5.7.1"))

    assert 'href="https://help.example.net/new?subject=5.7.1&source=kb"' in html


def test_the_code_is_url_encoded_in_the_support_url(settings, db):
    settings.KB_SUPPORT_URL = "https://destek.example.com/t?konu={code}"

    assert support_url("4.7.1 &x") == "https://destek.example.com/t?konu=4.7.1%20%26x"


def test_the_details_go_where_the_setting_asks_for_them(settings, db):
    settings.KB_SUPPORT_URL = "https://destek.example.com/t?konu={code}&not={details}"

    url = support_url("5.1.1", "550 5.1.1 a***@example.net: yok")

    assert (
        url
        == "https://destek.example.com/t?konu=5.1.1&not=550%205.1.1%20a%2A%2A%2A%40example.net%3A%20yok"
    )


def test_the_page_link_is_shown_in_a_labelled_read_only_field(code_page, settings):
    settings.KB_SITE_URL = "https://smtp.example.com"

    html = code_page("450")

    assert '<label for="sayfa-baglantisi">Bu sayfanın bağlantısını kopyala</label>' in html
    assert (
        'id="sayfa-baglantisi" type="url" value="https://smtp.example.com/kod/450" readonly' in html
    )


def test_the_copy_button_script_is_external_and_deferred(code_page):
    html = code_page("450")

    assert '<script src="/static/js/copy.js" defer></script>' in html
