"""The site under the real gunicorn with gunicorn.conf.py, on a free loopback port: the answers
to bad requests that only a real server sees (raw sockets), in Turkish, and half-sent
requests that no longer hold the workers."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("gunicorn")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}",
        "PORT": "0",
        "GUNICORN_WORKERS": "2",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    log = (tmp / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [str(GUNICORN), "-c", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        port = None
        for _ in range(200):
            log.seek(0)
            if found := re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", log.read()):
                port = int(found.group(1))
                break
            time.sleep(0.05)
        assert port, "gunicorn did not start"
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def exchange(port: int, raw: bytes, timeout: float = 20) -> tuple[int, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):  # every request says Connection: close
            chunks.append(chunk)
    answer = b"".join(chunks)
    return int(answer.split(b" ", 2)[1]), answer


def request(path: str, *headers: str, method: str = "GET", body: bytes = b"") -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", "Connection: close", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def chunked(body: bytes, size: int = 65536) -> bytes:
    parts = [
        b"%x\r\n%s\r\n" % (len(body[i : i + size]), body[i : i + size])
        for i in range(0, len(body), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def body_of(answer: bytes) -> bytes:
    head, _, body = answer.partition(b"\r\n\r\n")
    if b"transfer-encoding: chunked" not in head.lower():
        return body
    data = b""
    while True:
        size, _, rest = body.partition(b"\r\n")
        if not int(size, 16):
            return data
        data, body = data + rest[: int(size, 16)], rest[int(size, 16) + 2 :]


def test_gunicorns_own_errors_are_turkish_pages(server):
    too_long = exchange(server, request("/ara?q=" + "a" * 9000))
    too_many = exchange(server, request("/", *[f"X-{i}: 1" for i in range(60)]))
    too_big = exchange(server, request("/", "X-Big: " + "b" * 9000))

    assert too_long[0] == 414
    assert "Adres çok uzun".encode() in too_long[1]
    for status, answer in (too_many, too_big):
        assert status == 431
        assert "İstek başlıkları çok büyük".encode() in answer


def post(path: str, content_type: str, body: bytes, *, chunked_body: bool = False) -> bytes:
    length = "Transfer-Encoding: chunked" if chunked_body else f"Content-Length: {len(body)}"
    sent = chunked(body) if chunked_body else body
    return request(path, f"Content-Type: {content_type}", length, method="POST", body=sent)


def test_bad_bodies_through_gunicorn_are_turkish_answers(server):
    form = "application/x-www-form-urlencoded; charset=latin-1"
    latin = exchange(server, post("/coz", form, b"metin=550"))
    rfc2231 = exchange(server, post("/api/coz", "text/plain; charset*=bogus''x", b"550"))
    huge = b"a" * 3_000_000
    huge_chunked = exchange(server, post("/api/coz", "text/plain", huge, chunked_body=True))
    small = b"550 5.1.1 user unknown"
    small_chunked = exchange(server, post("/api/coz", "text/plain", small, chunked_body=True))

    assert latin[0] == 400
    assert b'lang="tr"' in latin[1]
    assert rfc2231[0] == 400
    assert json.loads(body_of(rfc2231[1]))["error"] == "bad_request"
    assert huge_chunked[0] == 413
    assert "2,5 MB sınırını aşıyor".encode() in huge_chunked[1]
    assert small_chunked[0] == 200
    assert json.loads(body_of(small_chunked[1]))["enhanced_code"] == "5.1.1"


def test_two_half_sent_requests_do_not_hold_the_workers(server):
    """With sync workers both were held until gunicorn's 30 s timeout killed them; with
    threads the next request is answered while the two wait."""
    held = []
    try:
        for _ in range(2):
            sock = socket.create_connection(("127.0.0.1", server))
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: yar")
            held.append(sock)
        answers = [exchange(server, request("/robots.txt"), timeout=20)[0] for _ in range(4)]
    finally:
        for sock in held:
            sock.close()

    assert answers == [200, 200, 200, 200]
