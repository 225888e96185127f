"""HTTP caching and compression of the public pages: ETags and 304s, Cache-Control,
Brotli and gzip stored with the page, and nothing private ever shared or compressed."""

import gzip
from http import HTTPStatus

import brotli
import pytest
from django.test import Client

from kb import page_cache as pages
from kb import page_data

BR = {"Accept-Encoding": "gzip, deflate, br"}
GZIP = {"Accept-Encoding": "gzip"}
PUBLIC = "public, max-age=0, must-revalidate"


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Posta kutusu meşgul")


def decoded(response) -> bytes:
    encoding = response.get("Content-Encoding")
    if encoding == "br":
        return brotli.decompress(response.content)
    if encoding == "gzip":
        return gzip.decompress(response.content)
    return response.content


@pytest.mark.parametrize("headers", [{}, BR, GZIP])
def test_a_hit_carries_the_same_headers_as_the_miss(page_cache, client, code_450, headers):
    miss = client.get("/kod/450", headers=headers)
    hit = client.get("/kod/450", headers=headers)

    assert (miss[pages.MARKER], hit[pages.MARKER]) == ("miss", "hit")
    without_marker = [
        {name: value for name, value in response.items() if name != pages.MARKER}
        for response in (miss, hit)
    ]
    assert without_marker[0] == without_marker[1]
    assert hit["Content-Type"] == "text/html; charset=utf-8"  # the view's, kept in the entry
    assert hit["X-Frame-Options"] == "DENY"  # from the middlewares above the cache
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert hit.content == miss.content


@pytest.mark.parametrize("path", ["/", "/kod/450", "/kod/4xx", "/saglayici/", "/api/kod/"])
def test_public_pages_send_a_strong_etag_and_must_revalidate(client, code_450, path):
    response = client.get(path)

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"].startswith('"') and not response["ETag"].startswith("W/")
    assert response["Cache-Control"] == PUBLIC
    assert response["Vary"] == "Accept-Encoding"


def test_a_conditional_get_is_answered_304_without_rendering(
    client, code_450, django_assert_num_queries
):
    first = client.get("/kod/450")

    with django_assert_num_queries(0):
        again = client.get("/kod/450", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == PUBLIC


def test_the_etag_changes_when_the_content_changes(client, code_450, transactional_db):
    before = client.get("/kod/450")

    code_450.title = "Yeni başlık"
    code_450.save()
    after = client.get("/kod/450", headers={"If-None-Match": before["ETag"]})

    assert after.status_code == HTTPStatus.OK
    assert after["ETag"] != before["ETag"]
    assert "Yeni başlık" in after.content.decode()


def test_each_encoding_has_its_own_etag(client, code_450):
    tags = {client.get("/kod/450", headers=headers)["ETag"] for headers in ({}, BR, GZIP)}

    assert len(tags) == 3


def test_the_shared_cache_max_age_is_sent_when_set(settings, client, code_450):
    settings.KB_CACHE_S_MAXAGE = 600

    assert client.get("/kod/450")["Cache-Control"] == f"{PUBLIC}, s-maxage=600"


@pytest.mark.parametrize(
    ("headers", "encoding"),
    [(BR, "br"), (GZIP, "gzip"), ({"Accept-Encoding": "br;q=0, gzip"}, "gzip"), ({}, None)],
)
def test_public_pages_are_compressed_as_the_client_accepts(
    page_cache, client, code_450, headers, encoding
):
    answers = [client.get("/kod/450", headers=headers) for _ in range(2)]
    raw = Client().get("/kod/450").content

    assert [response[pages.MARKER] for response in answers] == ["miss", "hit"]
    for response in answers:
        assert response.get("Content-Encoding") == encoding
        assert int(response["Content-Length"]) == len(response.content)
        assert decoded(response) == raw


def test_the_compressed_variants_are_stored_with_the_page(page_cache, client, code_450):
    client.get("/kod/450")

    entry = page_cache.get(pages.cache_key("/kod/450"))

    assert set(entry["bodies"]) == {"identity", "br", "gzip"}
    assert brotli.decompress(entry["bodies"]["br"]) == entry["bodies"]["identity"]


def test_the_index_is_well_under_20_kb_over_the_wire(client, make_code):
    for code in ("421", "450", "550", "5.1.1", "5.7.1"):
        make_code(code)

    response = client.get("/", headers=BR)

    assert response["Content-Encoding"] == "br"
    assert len(response.content) < 20 * 1024


def test_the_api_is_compressed_too(client, code_450, make_code):
    for code in ("421", "550", "5.1.1"):
        make_code(code)

    response = client.get("/api/kod/", headers=GZIP)

    assert response["Content-Encoding"] == "gzip"
    assert b'"code": "450"' in gzip.decompress(response.content)


def test_the_admin_login_is_private_and_never_compressed(client):
    response = client.get("/admin/login/", headers=BR)

    assert response.status_code == HTTPStatus.OK
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert "Content-Encoding" not in response
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "ETag" not in response


def test_a_page_after_login_is_private_fresh_and_never_compressed(
    page_cache, admin_client, code_450
):
    admin_client.get("/kod/450", headers=BR)

    response = admin_client.get("/kod/450", headers=BR)

    assert response.status_code == HTTPStatus.OK
    assert pages.MARKER not in response
    assert "Content-Encoding" not in response
    assert "ETag" not in response
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("path", ["/ara?q=posta+kutusu+dolu", "/kod/450?oy=evet"])
def test_answers_with_a_query_string_are_private(client, code_450, path):
    response = client.get(path, headers=BR)

    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert "Content-Encoding" not in response


def test_a_decoder_answer_is_private_and_not_stored(client, code_450):
    page = client.get("/coz")
    token = page.cookies["csrftoken"].value

    response = client.post(
        "/coz",
        {"metin": "550 5.1.1 user unknown", "csrfmiddlewaretoken": token},
        headers=BR,
    )

    assert response.status_code == HTTPStatus.OK
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert "Content-Encoding" not in response


def test_a_disallowed_host_still_gets_a_400_from_a_cached_page(page_cache, code_450):
    client = Client()
    client.get("/kod/450")

    response = client.get("/kod/450", headers={"Host": "evil.example"})

    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize(("path", "budget"), [("/kod/450", 5), ("/", 1), ("/api/kod/", 1)])
def test_the_uncached_pages_keep_to_their_query_budget(
    client, make_code, django_assert_max_num_queries, path, budget
):
    for code in ("421", "450", "550", "5.1.1"):
        make_code(code, related=[])

    with django_assert_max_num_queries(budget):
        response = client.get(path)

    assert response.status_code == HTTPStatus.OK


def test_kept_rows_and_fragments_follow_the_content_version(
    settings, client, make_code, transactional_db, django_assert_num_queries
):
    settings.KB_PAGE_DATA_MEMO = True
    make_code("421", title="Hizmet yok")
    code_450 = make_code("450", title="Posta kutusu meşgul")
    for path in ("/kod/421", "/kod/450", "/", "/kod/4xx"):
        client.get(path)
    with django_assert_num_queries(0):
        client.get("/kod/421")

    code_450.title = "Yeni başlık"
    code_450.save()

    assert "Yeni başlık" in client.get("/kod/450").content.decode()
    assert "Yeni başlık" in client.get("/kod/421").content.decode()  # the pager's next code
    assert "Yeni başlık" in client.get("/").content.decode()
    assert "Yeni başlık" in client.get("/kod/4xx").content.decode()


def test_a_warm_search_reads_its_result_rows_from_the_kept_listing_without_a_query(
    settings, client, make_code, transactional_db, django_assert_num_queries
):
    settings.KB_PAGE_DATA_MEMO = True
    for code, title in [
        ("450", "Posta kutusu dolu"),
        ("452", "Posta kutusu dolu, kota"),
        ("552", "Posta kutusu kotası aşıldı"),
    ]:
        make_code(code, title=title)
    client.get("/ara?q=posta+kutusu+dolu")  # builds this process's index

    with django_assert_num_queries(0):
        response = client.get("/ara?q=posta+kutusu+dolu")

    assert response.content.decode().count('<h2><a href="/kod/') >= 2


def test_a_full_memo_drops_its_least_used_entry_not_the_listing(settings, monkeypatch):
    settings.KB_PAGE_DATA_MEMO = True
    monkeypatch.setattr(page_data, "MAX_ENTRIES", 3)
    monkeypatch.setattr(page_data, "_memo", {})
    made = []

    def make(name):
        return lambda: made.append(name) or name

    page_data.kept(("v1", "listing"), make("listing"))
    for code in ("450", "550", "421"):
        page_data.kept(("v1", "listing"), make("listing"))  # every code page reads it
        page_data.kept(("v1", code), make(code))

    assert made == ["listing", "450", "550", "421"]  # the listing was read, never made again
    assert set(page_data._memo) == {("v1", "listing"), ("v1", "550"), ("v1", "421")}
    page_data.kept(("v2", "listing"), make("listing"))  # a new version starts afresh
    assert set(page_data._memo) == {("v2", "listing")}
