"""Errors surface: a 500 leaves its traceback on stderr, and the visitor gets our Turkish page."""

import subprocess
import sys
from http import HTTPStatus
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.processes
def test_a_500_in_production_mode_writes_its_traceback_to_stderr(tmp_path):
    """A real process with DEBUG off, as gunicorn runs the site: only LOGGING decides what
    reaches stderr."""
    script = (
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "settings.ROOT_URLCONF = 'tests.urls_failing'\n"
        "settings.ALLOWED_HOSTS = ['testserver']\n"
        "from django.test import Client\n"
        "response = Client(raise_request_exception=False).get('/bozuk')\n"
        "print(response.status_code)\n"
    )
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )

    assert done.stdout.strip() == "500"
    assert "Traceback (most recent call last)" in done.stderr
    assert "ZeroDivisionError: deliberately broken" in done.stderr


@pytest.mark.urls("tests.urls_failing")
def test_the_visitor_sees_the_turkish_error_page(client, db):
    client.raise_request_exception = False

    response = client.get("/bozuk")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert 'lang="tr"' in response.content.decode()


def test_a_decoder_failure_is_logged_and_the_visitor_sees_nothing_found(
    client, db, monkeypatch, caplog
):
    def broken(text):
        raise ValueError("decoder bug")

    monkeypatch.setattr("kb.smtp.decoder.decode", broken)

    response = client.post("/coz", {"metin": "550 5.1.1 User unknown"})

    assert response.status_code == HTTPStatus.OK
    assert "Bir SMTP kodu bulunamadı" in response.content.decode()
    assert "decoder failed" in caplog.text
    assert "ValueError: decoder bug" in caplog.text


def test_a_search_failure_is_logged_and_the_visitor_gets_a_page(
    client, make_code, monkeypatch, caplog
):
    make_code("450")

    def broken(self, query, limit=30):
        raise KeyError("ranking bug")

    monkeypatch.setattr("kb.smtp.search.SearchIndex.search", broken)

    response = client.get("/ara", {"q": "posta kutusu"})

    assert response.status_code == HTTPStatus.OK
    assert "search failed" in caplog.text
    assert "KeyError: 'ranking bug'" in caplog.text
