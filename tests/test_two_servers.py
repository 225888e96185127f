"""Two app servers, one truth: two gunicorn servers, each in its own copy of the project
(its own working directory, var/ and port), share one PostgreSQL database and one Redis.
An edit published through the admin of one is on the other's next response, and the
other's search finds it.

Run by `make test-redis` (part of `make test`) under scripts/with-postgres.sh and
scripts/with-redis.sh; skipped elsewhere.
"""

import http.cookiejar
import os
import re
import secrets
import shutil
import string
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg
import pytest

from scripts.html_forms import form_with_field
from scripts.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
COPIED = ["config", "kb", "templates", "static", "fixtures", "manage.py", "gunicorn.conf.py"]
DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")) or not REDIS_URL,
    reason="needs PostgreSQL and Redis: scripts/with-postgres.sh scripts/with-redis.sh "
    "(`make test-redis` runs it)",
)


# Fetching pages like a browser: cookies, forms, CSRF tokens


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> tuple[int, dict, str]:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: list) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode([tuple(field) for field in fields]).encode()
        return self._open(urllib.request.Request(self.base + path, data=body))

    def submit(self, path: str, field: str, changes: dict, button: str) -> tuple[int, dict, str]:
        """Open `path`, fill in the form holding `field` and press `button`; a change is a
        new value or a function of the old one."""
        status, _, html = self.get(path)
        assert status == 200, html
        form = form_with_field(html, field)
        fields = []
        for name, value in form.fields:
            change = changes.get(name, value)
            fields.append([name, change(value) if callable(change) else change])
        fields.append([button, "1"])
        return self.post(urllib.parse.urljoin(path, form.action) or path, fields)

    def _open(self, request) -> tuple[int, dict, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


# Two servers


def manage(directory: Path, environment: dict, *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=directory, env=environment, check=True)


class Server:
    """A gunicorn server started from its own copy of the project."""

    def __init__(self, directory: Path, environment: dict) -> None:
        self.directory = directory
        self.port = free_port()
        self.log = (directory / "gunicorn.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "config.wsgi"],
            cwd=directory,
            env={**environment, "PORT": str(self.port), "GUNICORN_WORKERS": "2"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        self.wait_until_up()

    def wait_until_up(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.base + "/robots.txt", timeout=2).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        pytest.fail(f"gunicorn did not start:\n{(self.directory / 'gunicorn.log').read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


@pytest.fixture(scope="module")
def database_url():
    """A database of its own on the PostgreSQL server of DATABASE_URL, migrated and seeded."""
    name = f"kb_two_servers_{secrets.token_hex(4)}"
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    url = DATABASE_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def servers(database_url, tmp_path_factory):
    """Servers A and B: two copies of the project, one database, one Redis."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "KB_CACHE_SECONDS")
    }
    environment.update(
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        KB_CACHE_SECONDS="300",
        DJANGO_SECRET_KEY="two-servers-" + secrets.token_hex(16),
        DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    directories = []
    for name in ("a", "b"):
        directory = tmp_path_factory.mktemp(f"server-{name}")
        for entry in COPIED:
            source = ROOT / entry
            if source.is_dir():
                shutil.copytree(
                    source, directory / entry, ignore=shutil.ignore_patterns("__pycache__")
                )
            else:
                shutil.copy2(source, directory / entry)
        manage(directory, environment, "collectstatic", "--noinput", "--verbosity", "0")
        directories.append(directory)
    manage(directories[0], environment, "migrate", "--noinput", "--verbosity", "0")
    manage(directories[0], environment, "seed_codes", "--verbosity", "0")
    manage(
        directories[0],
        environment,
        *("createsuperuser", "--noinput", "--username", USERNAME, "--email", "editor@example.com"),
    )
    started = []
    try:
        for directory in directories:
            started.append(Server(directory, environment))
        yield started
    finally:
        for server in started:
            server.stop()


USERNAME = "editor"
PASSWORD = "iki-sunucu-" + secrets.token_urlsafe(12)


def unique_word() -> str:
    return "zeb" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(11))


def search_links(html: str) -> list[str]:
    return re.findall(r'<h2><a href="(/kod/[^"]+)">', html)


def test_an_edit_published_on_one_server_is_on_the_others_next_response(servers):
    a, b = Browser(servers[0].base), Browser(servers[1].base)
    assert servers[0].directory != servers[1].directory
    word = unique_word()
    summary = f"İki sunucu denemesi: {word} kelimesiyle yeni özet."

    for browser in (a, b):  # prime both page caches (and both search indexes)
        first = browser.get("/kod/450")
        second = browser.get("/kod/450")
        assert first[0] == second[0] == 200
        assert second[1]["X-Page-Cache"] == "hit"
        assert summary not in second[2]
        assert search_links(browser.get(f"/ara?q={word}")[2]) == []

    status, _, html = a.submit(
        "/admin/login/?next=/admin/",
        "username",
        {"username": USERNAME, "password": PASSWORD},
        "_login",
    )
    assert status == 200 and 'name="password"' not in html, html[:2000]
    changelist = a.get("/admin/kb/replycode/?q=450")[2]
    change = re.search(r'href="(/admin/kb/replycode/(\d+)/change/)[^"]*"', changelist)[1]
    status, _, confirm = a.submit(
        change,
        "expected_version",
        {"summary": summary, "meaning": lambda text: f"{text}\n\nDeneme kelimesi: {word}."},
        "_publish",
    )
    assert status == 200 and "yayınlansın mı?" in confirm, confirm[:2000]
    status, _, after = a.submit(change.replace("/change/", "/yayinla/"), "version", {}, "_confirm")
    assert status == 200 and "Yayınlandı." in after

    status, headers, page = b.get("/kod/450")
    assert status == 200
    assert summary in page
    assert headers["X-Page-Cache"] == "miss"
    assert b.get("/kod/450")[1]["X-Page-Cache"] == "hit"
    assert search_links(b.get(f"/ara?q={word}")[2])[0] == "/kod/450"
    assert summary in a.get("/kod/450")[2]
    for server in servers:  # errors surface in the log: none happened
        log = (server.directory / "gunicorn.log").read_text()
        assert "Traceback" not in log and " ERROR " not in log, log
