"""A bounded, deterministic fuzz of the whole site: 2,000 requests mixing odd paths,
query strings, bodies, charsets, methods and headers, through the real middleware stack
(Django's test client, CSRF checks on, with the environ guard config/wsgi.py applies).

Every answer must be below 500, and every 4xx the site produces must be in Turkish: an HTML
page with `lang="tr"`, or under /api/ a JSON error whose message is Turkish."""

import json
import logging
import random
import string
from collections import Counter

import pytest
from django.test import Client
from django.test.client import ClientHandler

from kb.bad_input import sanitize_environ

SEED = 1414
REQUESTS = 2000
TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")

PATHS = [
    "/",
    "/kod/450",
    "/kod/5.1.1",
    "/kod/550",
    "/kod/4xx",
    "/kod/x.1.x",
    "/kod/9xx",
    "/kod/x.9.x",
    "/kod/999999999",
    "/kod/" + "9" * 300,
    "/kod/<script>alert(1)</script>",
    "/kod/%3Cscript%3E",
    "/kod/450/",
    "/kod/450/onizleme",
    "/kod/450/yorum",
    "/kod/450/yorum-alindi",
    "/kod/450/oy",
    "/kod/450/oy/eksik",
    "/kod/999/yorum",
    "/kod/5.7.606-649",
    "/kod/..%2f..%2fetc%2fpasswd",
    "/kod/450%00",
    "/kod/%ff%fe",
    "/kod/%",
    "/kod/%zz",
    "/kod/ğüşiöç",
    "/kod//450",
    "//",
    "/saglayici/",
    "/saglayici/gmail",
    "/saglayici/yok-boyle-biri",
    "/saglayici/%00",
    "/ara",
    "/coz",
    "/api/coz",
    "/api/kod/",
    "/api/kod/450",
    "/api/kod/<svg onload=x>",
    "/api/kod/" + "x" * 2000,
    "/api/yok",
    "/sitemap.xml",
    "/robots.txt",
    "/admin/",
    "/admin/login/",
    "/admin/kb/replycode/",
    "/admin/kb/replycode/1/change/",
    "/static/css/site.css",
    "/static/../config/settings.py",
    "/favicon.ico",
    "/" + "a/" * 500,
]
METHODS = ["GET"] * 6 + ["POST"] * 5 + ["HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]
CHARSETS = [
    *[None] * 12,
    "utf-8",
    "UTF8",
    "us-ascii",
    "latin-1",
    "iso-8859-9",
    "windows-1254",
    "utf-16",
    "rot13",
    "base64",
    "zlib_codec",
    "undefined",
    "idna",
    "x" * 100,
    "",
    '"utf-8"',
    "utf-8; charset=rot13",
]
CONTENT_TYPES = [
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "multipart/form-data; boundary=sinir",
    "text/plain",
    "application/json",
    "application/octet-stream",
    "",
    "text/plain; charset*=bogus''x",
    "text/plain; charset*=utf-8''%ff",
    "multipart/form-data; boundary=",
    "application/x-www-form-urlencoded; a=\x00",
]
HOSTS = [
    *[None] * 12,
    "testserver",
    "127.0.0.1",
    "localhost:8000",
    "evil.example.com",
    "127.0.0.1:abc",
    "[::1]",
    "",
    "a" * 300,
    "testserver\r\nX-Injected: 1",
    "xn--d1acufc.xn--p1ai",
    "testserver:99999",
]
COOKIES = [
    *[None] * 8,
    "oylar=garbage",
    "oylar=450:1a2b:abc",
    "sessionid=nonexistent",
    "sessionid=" + "x" * 500,
    "csrftoken=" + "a" * 32,
    "csrftoken=short",
    "csrftoken=" + "\u00ff" * 32,
    "=;;==;",
    "a" * 20_000 + "=1",
    'oylar="\\\\"; sessionid="',
]
TEXTS = [
    "550 5.1.1 <ali@example.com>: Recipient address rejected: User unknown",
    "421 4.7.0 Try again later",
    "posta kutusu dolu",
    "İzin verilmedi ığüşöç",
    "\x00\x01\x02",
    "<script>alert(1)</script>",
    "%",
    "%zz%ff",
    "a" * 5000,
    "' OR 1=1 --",
    "../../../../etc/passwd",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
]


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return rng.choice(TEXTS)
    alphabet = string.printable + "çğıöşüÇĞİÖŞÜ\x00\u202e\ufeff"
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))


def random_query(rng: random.Random) -> str:
    choice = rng.random()
    if choice < 0.3:
        return ""
    if choice < 0.5:
        return rng.choice(["%", "%zz", "q=%ff%fe", "q=%00", "q=" + "%C4" * 50, "&&==&", "q"])
    if choice < 0.6:
        return "&".join(f"k{i}=v" for i in range(rng.choice([50, 1200])))
    params = {"q": random_text(rng), "oy": rng.choice(["evet", "hayir", "zaten", "x", ""])}
    if rng.random() < 0.3:
        params["t"] = random_text(rng)[:40]
    from urllib.parse import urlencode

    return urlencode(params)


def random_body(rng: random.Random, content_type: str) -> bytes:
    choice = rng.random()
    if choice < 0.15:
        return b""
    if choice < 0.3:
        return bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))
    if choice < 0.4:
        boundary = rng.choice([b"sinir", b"x", b""])
        return (
            b"--" + boundary + b'\r\nContent-Disposition: form-data; name="metin"\r\n'
            b"Content-Type: text/plain; charset=rot13\r\n\r\n"
            + random_text(rng).encode("utf-8", "surrogatepass")
            + rng.choice([b"\r\n--" + boundary + b"--\r\n", b"", b"\r\n--"])
        )
    if choice < 0.45:
        return b"metin=" + b"a" * rng.choice([100_001, 2_700_000])
    if "json" in content_type:
        return json.dumps({"metin": random_text(rng)}).encode()
    from urllib.parse import urlencode

    fields = {
        "metin": random_text(rng),
        "isim": random_text(rng)[:70],
        "e_posta": rng.choice(["a@b.co", "yok", ""]),
        "yorum": random_text(rng),
        "faydali": rng.choice(["evet", "hayir", "belki", ""]),
        "web_sitesi": rng.choice(["", "http://spam.example"]),
        "username": rng.choice(["admin", "", "ayse\x00"]),
        "password": random_text(rng)[:20],
        "csrfmiddlewaretoken": rng.choice(["", "a" * 32, "x" * 64]),
    }
    return urlencode(fields).encode("utf-8", "surrogatepass")


def random_request(rng: random.Random) -> dict:
    method = rng.choice(METHODS)
    path = rng.choice(PATHS)
    if rng.random() < 0.05:
        path += "/" + random_text(rng)[:30].replace("?", "").replace("#", "")
    request = {"method": method, "path": path, "QUERY_STRING": random_query(rng)}
    headers = {}
    if (host := rng.choice(HOSTS)) is not None:
        headers["HTTP_HOST"] = host
    if (cookie := rng.choice(COOKIES)) is not None:
        headers["HTTP_COOKIE"] = cookie
    if rng.random() < 0.3:
        headers["HTTP_ORIGIN"] = rng.choice(
            ["http://testserver", "https://evil.example", "null", "\x00", ""]
        )
    if rng.random() < 0.2:
        headers["HTTP_REFERER"] = rng.choice(["http://testserver/kod/450", "%%", "x" * 3000])
    if rng.random() < 0.1:
        headers["HTTP_X_FORWARDED_PROTO"] = rng.choice(["https", "gopher", ""])
    if rng.random() < 0.1:
        headers["HTTP_USER_AGENT"] = "b" * rng.choice([10, 9000])
    if rng.random() < 0.1:
        headers["HTTP_ACCEPT_LANGUAGE"] = rng.choice(["tr", "*;q=x", "\x00", "en-US,en;q=0.5"])
    body = b""
    content_type = rng.choice(CONTENT_TYPES)
    if (charset := rng.choice(CHARSETS)) is not None:
        content_type = f"{content_type}; charset={charset}"
    if method in ("POST", "PUT", "PATCH", "DELETE") or rng.random() < 0.05:
        body = random_body(rng, content_type)
    if rng.random() < 0.03:
        headers["CONTENT_LENGTH"] = rng.choice(["abc", "-1", "99999999999", "1"])
    if body or rng.random() < 0.2:
        headers["CONTENT_TYPE"] = content_type
    request["data"] = body
    request["headers"] = headers
    return request


class GuardedClientHandler(ClientHandler):
    """The test client's handler with the environ guard config/wsgi.py puts in front."""

    def __call__(self, environ):
        return super().__call__(sanitize_environ(environ))


def content_of(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def is_turkish_answer(response, path: str) -> bool:
    body = content_of(response).decode("utf-8", errors="replace")
    if path.startswith("/api/") and response["Content-Type"].startswith("application/json"):
        message = json.loads(body).get("message", "")
        return bool(set(message) & TURKISH_LETTERS)
    return '<html lang="tr">' in body


@pytest.fixture
def fuzz_client(db, make_code, settings):
    settings.ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
    for code in ("450", "550", "5.1.1", "421"):
        make_code(code)
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.handler = GuardedClientHandler(enforce_csrf_checks=True)
    return client


@pytest.fixture
def quiet_logs():
    """Thousands of refused requests log a warning each; a 5xx fails the test anyway."""
    logging.disable(logging.ERROR)
    yield
    logging.disable(logging.NOTSET)


def test_fuzzing_finds_no_5xx_and_only_turkish_4xx(fuzz_client, quiet_logs):
    rng = random.Random(SEED)
    statuses: Counter = Counter()
    failures = []
    for _ in range(REQUESTS):
        request = random_request(rng)
        extra = {**request["headers"], "QUERY_STRING": request["QUERY_STRING"]}
        response = fuzz_client.generic(
            request["method"],
            request["path"],
            request["data"],
            content_type=extra.pop("CONTENT_TYPE", "application/octet-stream"),
            **extra,
        )
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append((request, response.status_code, content_of(response)[:300]))
        elif (
            400 <= response.status_code < 500
            and request["method"] != "HEAD"
            and not is_turkish_answer(response, request["path"])
        ):
            failures.append((request, response.status_code, content_of(response)[:300]))

    print(f"\nfuzz: {REQUESTS} requests, statuses {dict(sorted(statuses.items()))}")
    assert failures == [], failures[:5]
    # The mix reaches the interesting answers, not only one kind.
    for status in (200, 400, 403, 404, 405, 413):
        assert statuses[status] > 0, status
