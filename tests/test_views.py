from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError

from kb.models import ReplyCode


def test_code_page_shows_title_meaning_and_remedy(client, make_code):
    make_code("450", title="Posta kutusu şu an kullanılamıyor", remedy_customer="1. Biraz bekleyin")

    response = client.get("/kod/450")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "SMTP 450 hatası: Posta kutusu şu an kullanılamıyor" in html
    assert "Nasıl Çözülür / Ne Yapılır" in html
    assert "<li>Biraz bekleyin</li>" in html


def test_code_page_labels_transient_and_permanent_classes(client, make_code):
    make_code("450")
    make_code("550")

    assert "Geçici hata: yeniden denenir" in client.get("/kod/450").content.decode()
    assert "Kalıcı hata: önce düzeltin" in client.get("/kod/550").content.decode()


def test_client_side_error_is_not_called_an_smtp_reply(client, make_code):
    make_code("101", origin="client", title="Ağa ulaşılamıyor")

    html = client.get("/kod/101").content.decode()

    assert "101 bağlantı hatası: Ağa ulaşılamıyor" in html
    assert "SMTP yanıtı değil" in html


def test_code_page_links_previous_and_next_codes(client, make_code):
    make_code("421")
    make_code("450")
    make_code("550")

    html = client.get("/kod/450").content.decode()

    assert 'rel="prev" href="/kod/421"' in html
    assert 'rel="next" href="/kod/550"' in html


def test_code_page_shows_source_and_last_update(client, make_code):
    make_code(
        "420", origin="vendor", vendor="Novell GroupWise", reference="GroupWise GWIA belgeleri"
    )

    html = client.get("/kod/420").content.decode()

    assert "Üreticiye özgü: Novell GroupWise" in html
    assert "GroupWise GWIA belgeleri" in html
    assert "Son güncelleme" in html


def test_code_page_costs_at_most_five_queries_and_none_the_second_time(
    settings,
    client,
    make_code,
    admin_user,
    django_assert_max_num_queries,
    django_assert_num_queries,
):
    """The published codes in order (once per content version, for every page's neighbours),
    the code with its editor, its related codes, its provider responses, its approved
    comments; then nothing until the content changes (kb/page_data.py)."""
    first = make_code("550")
    make_code("5.1.1", related=[first], updated_by=admin_user)
    settings.KB_PAGE_DATA_MEMO = True

    with django_assert_max_num_queries(5):
        response = client.get("/kod/5.1.1")
    with django_assert_num_queries(0):
        again = client.get("/kod/5.1.1")

    assert response.status_code == HTTPStatus.OK
    assert again.content == response.content


def test_code_page_lists_the_related_codes_its_editor_chose(client, make_code):
    basic = make_code("550", title="Posta kutusu yok")
    make_code("5.1.1", title="Alıcı adresi yok", related=[basic])

    html = client.get("/kod/5.1.1").content.decode()

    assert '<span class="related__code">550</span> Posta kutusu yok' in html


def test_trailing_slash_redirects_permanently(client, make_code):
    make_code("450")

    response = client.get("/kod/450/")

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "/kod/450"


def test_unknown_code_is_a_turkish_404_suggesting_codes_of_the_same_class(client, make_code):
    make_code("550")
    make_code("554")
    make_code("421")

    response = client.get("/kod/553")

    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "«553» kodu bulunamadı" in html
    assert 'href="/kod/554"' in html
    assert 'href="/kod/550"' in html
    assert 'href="/kod/421"' not in html


@pytest.mark.parametrize(
    "path", ["/kod/999", "/kod/abc", "/kod/" + "9" * 500, "/kod/5.1.1.1", "/kod/%00"]
)
def test_malformed_codes_answer_404_not_500(client, make_code, path):
    make_code("550")

    response = client.get(path)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "bulunamadı" in response.content.decode()


def test_enhanced_code_in_a_class_without_page_links_the_existing_one(client, make_code):
    make_code("5.1.1")

    response = client.get("/kod/2.1.1")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert 'href="/kod/5.1.1"' in response.content.decode()


def test_an_undefined_subject_cannot_be_saved(db):
    reply_code = ReplyCode(
        code="5.9.1", reply_class=5, title="T", meaning="M", remedy_customer="1. R"
    )
    reply_code.origin, reply_code.reference = "standard", "RFC 3463"

    with pytest.raises(ValidationError) as error:
        reply_code.full_clean()

    assert "code" in error.value.message_dict


def test_unpublished_code_is_404(client, make_code):
    make_code("450", is_published=False)

    assert client.get("/kod/450").status_code == HTTPStatus.NOT_FOUND


def test_unknown_page_is_turkish_404(client, db):
    response = client.get("/yok-boyle-sayfa")

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Sayfa bulunamadı" in response.content.decode()


def test_index_lists_codes_grouped_by_class_with_links(client, make_code):
    make_code("250", title="İşlem tamam")
    make_code("450", title="Kutu meşgul")
    make_code("5.1.1", title="Adres yok")

    html = client.get("/").content.decode()

    assert "Yazar Hakkında" in html
    assert '<a href="/kod/250">250</a>' in html
    assert '<a href="/kod/450">450</a>' in html
    assert '<h2 id="sinif-4xx">4xx: Geçici hata</h2>' in html
    assert '<h2 id="sinif-2xx">2xx: Başarılı</h2>' in html
    assert '<a href="/kod/x.1.x"><span class="related__code">X.1.X</span> Adres</a>' in html
    assert "1 kod: 5.1.1" in html


def test_the_index_lists_failures_before_codes_that_are_not_errors(client, make_code):
    for code in ("250", "354", "450", "550", "101"):
        make_code(code)

    html = client.get("/").content.decode()
    order = [html.index(f'id="sinif-{slug}"') for slug in ("4xx", "5xx", "1xx", "2xx", "3xx")]

    assert order == sorted(order)


def test_the_index_offers_the_decoder_in_its_body(client, make_code):
    make_code("450")

    html = client.get("/").content.decode()
    body = html[html.index("<main") :]

    assert '<a class="button" href="/coz">Geri dönen iletiyi çöz</a>' in body


def test_index_shows_the_three_columns_of_the_original_post(client, make_code):
    make_code("450", first_steps="1. Bir süre bekleyin\n2. Sonra yeniden gönderin")

    html = client.get("/").content.decode()

    assert '<th scope="col">Kod</th>' in html
    assert '<th scope="col">Anlamı</th>' in html
    assert "Nasıl Çözülür / Ne Yapılır" in html
    assert '<td class="code-table__step">Bir süre bekleyin</td>' in html


def test_index_uses_one_query_whatever_the_number_of_codes(
    client, make_code, django_assert_num_queries
):
    for number in range(500, 530):
        make_code(str(number))

    with django_assert_num_queries(1):
        client.get("/")


def test_index_hides_unpublished_codes(client, make_code):
    make_code("450", is_published=False)

    assert "/kod/450" not in client.get("/").content.decode()


def test_class_page_explains_the_class_and_lists_its_codes(client, make_code):
    make_code("450")
    make_code("4.2.2")
    make_code("550")

    response = client.get("/kod/4xx")

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "SMTP 4xx kodları: Geçici hata" in html
    assert 'href="/kod/450"' in html
    assert 'href="/kod/4.2.2"' in html
    assert 'href="/kod/550"' not in html


def test_subject_page_lists_enhanced_codes_of_every_class(client, make_code):
    make_code("4.7.1")
    make_code("5.7.1")
    make_code("5.1.1")

    response = client.get("/kod/x.7.x")

    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Güvenlik ve politika" in html
    assert 'href="/kod/4.7.1"' in html
    assert 'href="/kod/5.7.1"' in html
    assert 'href="/kod/5.1.1"' not in html


@pytest.mark.parametrize("path", ["/", "/kod/450", "/kod/4xx", "/kod/x.2.x", "/api/kod/450"])
def test_head_requests_are_answered_like_get(client, make_code, path):
    make_code("450")
    make_code("4.2.2")

    assert client.head(path).status_code == HTTPStatus.OK


def test_head_on_the_trailing_slash_redirects_too(client, make_code):
    make_code("450")

    assert client.head("/kod/450/").status_code == HTTPStatus.MOVED_PERMANENTLY


def test_not_found_page_costs_two_queries(client, make_code, django_assert_num_queries):
    """The failed lookup, then every published code once for the suggestions."""
    make_code("550")

    with django_assert_num_queries(2):
        client.get("/kod/553")
