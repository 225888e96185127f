"""Headers on every response: a strict CSP, Permissions-Policy, CORP, nosniff and
Referrer-Policy, on pages, the API, the admin, error pages and cached pages alike; and, in
production mode, HTTPS only."""

import re
import secrets
from http import HTTPStatus

import pytest

from config import production as production_mode

PAGES = ["/", "/kod/450", "/coz", "/admin/login/", "/api/kod/450", "/api/kod/", "/kod/999"]
EXPECTED_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def directives(header: str) -> dict[str, str]:
    parts = (part.strip().split(None, 1) for part in header.split(";") if part.strip())
    return {part[0]: (part[1] if len(part) > 1 else "") for part in parts}


def assert_security_headers(response) -> None:
    policy = directives(response["Content-Security-Policy"])
    for name, value in EXPECTED_DIRECTIVES.items():
        assert policy[name] == value, name
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert "clipboard-write" not in permissions  # the copy button keeps working
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_type_carries_the_security_headers(client, make_code, path):
    make_code("450")

    response = client.get(path)

    assert response.status_code in (HTTPStatus.OK, HTTPStatus.NOT_FOUND)
    assert_security_headers(response)


def test_error_answers_carry_them_too(client, db):
    responses = [
        client.post("/kod/450"),  # 405
        client.get("/ara", {"q": "x"}, CONTENT_TYPE="text/plain; charset=latin-1"),  # 400
        client.generic("POST", "/api/coz", b"x", CONTENT_LENGTH="99999999"),  # 413
        client.generic(
            "POST",
            "/coz",
            b"metin=550",
            content_type="application/x-www-form-urlencoded; charset=rot13",
        ),
    ]
    assert [response.status_code for response in responses] == [405, 400, 413, 400]
    for response in responses:
        assert_security_headers(response)


def test_static_files_carry_them(client, settings):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    response = client.get("/static/css/site.css")

    assert response.status_code == HTTPStatus.OK
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_the_csp_allows_the_json_ld_data_block_and_no_inline_code(client, make_code):
    """What the CSP would block is absent from the page; the JSON-LD block is data."""
    make_code("450")

    html = client.get("/kod/450").content.decode()

    assert '<script type="application/ld+json">' in html
    scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert scripts == ['<script type="application/ld+json">']
    assert "<style" not in html
    assert " style=" not in html


def test_a_cached_page_carries_the_same_headers_as_a_fresh_one(client, make_code, page_cache):
    make_code("450")

    fresh = client.get("/kod/450")
    cached = client.get("/kod/450")

    assert fresh["X-Page-Cache"] == "miss"
    assert cached["X-Page-Cache"] == "hit"
    ignored = {"x-page-cache", "date"}
    assert {
        name.lower(): value for name, value in fresh.items() if name.lower() not in ignored
    } == {name.lower(): value for name, value in cached.items() if name.lower() not in ignored}
    assert_security_headers(cached)


@pytest.fixture
def production(settings):
    """The settings config/production.py switches on (its own tests start it in a real
    process); here for what a visitor sees."""
    hosts = ["smtp.example.com"]
    switched_on = production_mode.settings_for(
        secret_key=secrets.token_urlsafe(64),
        allowed_hosts=hosts,
        site_url="https://smtp.example.com",
        debug=False,
        include_subdomains=True,
        preload=True,
    )
    for name, value in switched_on.items():
        setattr(settings, name, value)
    settings.ALLOWED_HOSTS = hosts


def test_production_redirects_http_to_https(client, db, production):
    response = client.get("/kod/450?x=1", headers={"Host": "smtp.example.com"})

    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "https://smtp.example.com/kod/450?x=1"


def test_production_behind_the_proxy_sends_hsts_and_secure_cookies(client, db, production):
    headers = {"Host": "smtp.example.com", "X-Forwarded-Proto": "https"}

    page = client.get("/", headers=headers)
    login = client.get("/admin/login/", headers=headers)

    assert page.status_code == HTTPStatus.OK
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert_security_headers(page)
    csrf_cookie = login.cookies["csrftoken"]
    assert csrf_cookie["secure"] is True
    assert csrf_cookie["httponly"] is True
