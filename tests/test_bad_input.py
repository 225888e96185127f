"""Bad input is a Turkish 400 (413 when too large, 405 with a body), never a 500, and /api/
always answers JSON. The fuzzing of issue 14 found these cases; tests/test_fuzz.py covers the
wider space."""

import json
from contextlib import contextmanager
from http import HTTPStatus
from io import BytesIO

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client, RequestFactory

FORM = "application/x-www-form-urlencoded"
POST_ENDPOINTS = ["/coz", "/api/coz", "/kod/450/yorum", "/kod/450/oy", "/admin/login/"]
REFUSED_CHARSETS = ["undefined", "rot13", "latin-1", "base64", "utf-16", "windows-1254", "xyz"]


@pytest.fixture
def strict_client(db):
    """A browser's view: CSRF checks on, and a 500 becomes a response, not an exception."""
    return Client(enforce_csrf_checks=True, raise_request_exception=False)


@contextmanager
def keeping_the_test_transaction():
    """Calling the WSGI application directly, as gunicorn does: keep the test's database
    connection open (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def call_wsgi(environ: dict) -> tuple[str, bytes]:
    """A request through config/wsgi.py's application, the entry point gunicorn serves."""
    from config.wsgi import application

    status = []
    with keeping_the_test_transaction():
        chunks = application(environ, lambda line, headers, *rest: status.append(line))
        content = b"".join(chunks)
        chunks.close()
    return status[0], content


def assert_turkish_html(response, status: int, text: str) -> None:
    assert response.status_code == status
    body = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="tr">' in body
    assert text in body


def assert_turkish_json(response, status: int, error: str, text: str) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(response.content)
    assert data["error"] == error
    assert text in data["message"]
    return data


@pytest.mark.parametrize("charset", REFUSED_CHARSETS)
@pytest.mark.parametrize("path", POST_ENDPOINTS)
def test_a_form_in_an_unreadable_charset_is_a_turkish_400(strict_client, make_code, path, charset):
    make_code("450")

    response = strict_client.generic(
        "POST", path, b"metin=550+5.1.1&isim=Ali", content_type=f"{FORM}; charset={charset}"
    )

    if path.startswith("/api/"):
        assert_turkish_json(response, 400, "bad_request", "karakter kümesini")
    else:
        assert_turkish_html(response, 400, "karakter kümesini")
        assert "UTF-8 olarak gönderin" in response.content.decode()


@pytest.mark.parametrize(("path", "query"), [("/ara", "q=posta"), ("/api/kod/", "x=1")])
def test_an_unreadable_charset_on_a_get_is_a_400_too(db, path, query):
    """Django decodes the query string with that charset while it builds the request, before
    any middleware: config/wsgi.py sets the Content-Type aside first."""
    environ = RequestFactory()._base_environ(
        PATH_INFO=path, QUERY_STRING=query, CONTENT_TYPE="text/plain; charset=rot13"
    )

    status, content = call_wsgi(environ)

    assert status == "400 Bad Request"
    assert "karakter kümesini".encode() in content


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "utf8", '"utf-8"', "us-ascii", "ASCII"])
def test_utf8_and_ascii_forms_are_decoded(client, db, charset):
    response = client.generic(
        "POST",
        "/coz",
        b"metin=550+5.1.1+kullan%C4%B1c%C4%B1+yok",
        content_type=f"{FORM}; charset={charset}",
    )

    assert response.status_code == HTTPStatus.OK
    assert "5.1.1" in response.content.decode()


def test_a_form_without_a_charset_is_what_browsers_send(client, db):
    response = client.post("/coz", {"metin": "550 5.1.1 Kullanıcı yok"})

    assert response.status_code == HTTPStatus.OK
    assert "Kullanıcı yok" in response.content.decode()


@pytest.mark.parametrize("path", ["/coz", "/kod/450/yorum", "/admin/login/"])
def test_a_body_over_the_limit_is_the_turkish_413_page(strict_client, make_code, path):
    make_code("450")
    body = b"metin=" + b"a" * (2_621_440 + 10)

    response = strict_client.generic("POST", path, body, content_type=FORM)

    assert_turkish_html(response, 413, "Gönderdiğiniz veri çok büyük")
    assert "2,5 MB" in response.content.decode()


@pytest.mark.parametrize(
    "body",
    [b"a" * 3_000_000, b"metin=" + b"a" * 3_000_000],
    ids=["raw text", "form"],
)
def test_the_api_answers_json_413_at_any_size(strict_client, db, body):
    content_type = "text/plain" if body[:1] == b"a" else FORM

    response = strict_client.generic("POST", "/api/coz", body, content_type=content_type)

    assert_turkish_json(response, 413, "too_large", "2,5 MB sınırını aşıyor")


def test_the_api_answers_json_413_when_the_length_claims_too_much(strict_client, db):
    response = strict_client.generic(
        "POST", "/api/coz", b"550 5.1.1", content_type="text/plain", CONTENT_LENGTH="9999999999"
    )

    assert_turkish_json(response, 413, "too_large", "sınırını aşıyor")


def test_the_api_keeps_its_own_413_for_bounces_over_100_kb(client, db):
    response = client.generic("POST", "/api/coz", b"a" * 200_000, content_type="text/plain")

    assert_turkish_json(response, 413, "invalid_input", "en fazla 100 KB")


@pytest.mark.parametrize("length", ["abc", "-5", "1e3"])
def test_a_content_length_that_is_not_a_number_is_a_400(strict_client, db, length):
    response = strict_client.generic(
        "POST", "/api/coz", b"550", content_type="text/plain", CONTENT_LENGTH=length
    )

    assert_turkish_json(response, 400, "bad_request", "Content-Length")


def test_a_chunked_body_without_length_is_read_up_to_the_limit(db):
    """gunicorn passes a chunked body without CONTENT_LENGTH; Django alone would read nothing."""

    def call(body: bytes) -> tuple[str, dict]:
        environ = RequestFactory().generic("POST", "/api/coz", b"").environ
        environ.pop("CONTENT_LENGTH", None)
        environ["CONTENT_TYPE"] = "text/plain"
        environ["HTTP_TRANSFER_ENCODING"] = "chunked"
        environ["wsgi.input"] = BytesIO(body)
        status, content = call_wsgi(environ)
        return status, json.loads(content)

    status, data = call(b"550 5.1.1 user unknown")
    assert status.startswith("200")
    assert data["enhanced_code"] == "5.1.1"

    status, data = call(b"a" * 3_000_000)
    assert status.startswith("413")
    assert data["error"] == "too_large"


@pytest.mark.parametrize("path", ["/coz", "/admin/login/"])
def test_broken_multipart_is_a_turkish_400_even_inside_the_csrf_check(strict_client, db, path):
    """The CSRF middleware parses the body first; the 400 handler must not parse it again."""
    strict_client.cookies["csrftoken"] = "a" * 32
    response = strict_client.generic(
        "POST", path, b"--x\r\ngarbage", content_type="multipart/form-data"
    )

    assert_turkish_html(response, 400, "İstek anlaşılamadı")


def test_too_many_fields_is_a_turkish_400_and_json_on_the_api(strict_client, db):
    strict_client.cookies["csrftoken"] = "a" * 32
    body = "&".join(f"a{i}=1" for i in range(1500)).encode()

    page = strict_client.generic("POST", "/coz", body, content_type=FORM)
    api = strict_client.generic("POST", "/api/coz", body, content_type=FORM)

    assert_turkish_html(page, 400, "İstek anlaşılamadı")
    assert_turkish_json(api, 400, "bad_request", "İstek anlaşılamadı")


def test_an_rfc2231_charset_nobody_knows_is_a_400_before_django_builds_the_request(db):
    """Django raises ValueError while building the request: config/wsgi.py's guard steps in."""
    for path, expected in [("/coz", b'lang="tr"'), ("/api/coz", b'"error": "bad_request"')]:
        environ = RequestFactory().generic("POST", path, b"x").environ
        environ["CONTENT_TYPE"] = "text/plain; charset*=bogus''x"

        status, content = call_wsgi(environ)

        assert status == "400 Bad Request"
        assert expected in content
        assert "karakter kümesini".encode() in content


def test_a_missing_csrf_token_is_our_turkish_403(strict_client, db):
    for path in ["/coz", "/admin/login/"]:
        response = strict_client.post(path, {"metin": "550", "username": "a", "password": "b"})

        assert_turkish_html(response, 403, "Formu yeniden gönderin")
        body = response.content.decode()
        assert "<style" not in body
        assert "sayfayı yenileyin" in body


@pytest.mark.parametrize(
    ("method", "path"),
    [("POST", "/kod/450"), ("PUT", "/coz"), ("DELETE", "/"), ("GET", "/kod/450/yorum")],
)
def test_a_method_a_page_does_not_take_is_a_turkish_405(client, make_code, method, path):
    make_code("450")

    response = client.generic(method, path)

    assert_turkish_html(response, 405, "Bu adres bu isteği kabul etmiyor")
    assert response["Allow"]
    assert method in response.content.decode()


def test_a_method_the_api_does_not_take_is_a_json_405(client, db):
    response = client.get("/api/coz")

    assert_turkish_json(response, 405, "method_not_allowed", "kabul edilenler: POST")
    assert response["Allow"] == "POST"


def test_an_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/yok")

    assert_turkish_json(response, 404, "not_found", "Bu adreste bir API yok")


def test_a_foreign_host_is_a_turkish_400(client, db):
    response = client.get("/", headers={"Host": "kotu.example.net"})

    assert_turkish_html(response, 400, "İstek anlaşılamadı")


def test_a_permission_denied_is_a_turkish_403(client, django_user_model, db):
    """A staff user without the right permission opens a change list."""
    user = django_user_model.objects.create_user("ayse", password="x", is_staff=True)
    client.force_login(user)

    response = client.get("/admin/kb/replycode/")

    assert_turkish_html(response, 403, "Bu sayfaya erişiminiz yok")
