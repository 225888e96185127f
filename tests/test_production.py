"""`DJANGO_PRODUCTION=1`: the deployment checks pass with a real configuration, and the site
refuses to start, in Turkish and English, with a configuration that is not safe.

Each case is a real process with its own environment, as gunicorn or systemd start it."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.processes

ROOT = Path(__file__).resolve().parent.parent
REAL_KEY = secrets.token_urlsafe(64)


def production_env(tmp_path, **overrides) -> dict:
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_PRODUCTION": "1",
        "DJANGO_SECRET_KEY": REAL_KEY,
        "DJANGO_ALLOWED_HOSTS": "smtp.example.com",
        "KB_SITE_URL": "https://smtp.example.com",
    }
    env.update(overrides)
    return {name: value for name, value in env.items() if value is not None}


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def settings_of(env: dict, *names: str) -> list[str]:
    script = (
        "import django, os\n"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        f"for name in {names!r}: print(repr(getattr(settings, name)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def test_check_deploy_passes_without_a_warning_in_production_mode(tmp_path):
    done = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_check_deploy_fails_outside_production_mode(tmp_path):
    """The gate is not vacuous: the development settings fail it."""
    env = production_env(tmp_path, DJANGO_PRODUCTION=None)

    done = manage(env, "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode != 0
    assert "security.W004" in done.stderr  # no HSTS
    assert "security.W008" in done.stderr  # no HTTPS redirect


def test_production_mode_switches_on_https_cookies_and_persistent_connections(tmp_path):
    values = settings_of(
        production_env(tmp_path),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_PROXY_SSL_HEADER",
        "DATABASES",
    )

    assert values[:8] == ["True", "31536000", "True", "True", "True", "True", "True", "True"]
    assert values[8] == "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert "'CONN_MAX_AGE': 600" in values[9]
    assert "'CONN_HEALTH_CHECKS': True" in values[9]


def test_hsts_subdomains_and_preload_can_be_turned_off(tmp_path):
    env = production_env(tmp_path, DJANGO_HSTS_INCLUDE_SUBDOMAINS="0", DJANGO_HSTS_PRELOAD="0")

    assert settings_of(env, "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD") == [
        "False",
        "False",
    ]
    done = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    ("overrides", "turkish", "english"),
    [
        (
            {"DJANGO_SECRET_KEY": None},
            "varsayılan ya da 'django-insecure-' ile başlayan",
            "is the default",
        ),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + "x1y2z3" * 10},
            "varsayılan ya da 'django-insecure-' ile başlayan",
            "starts with 'django-insecure-'",
        ),
        ({"DJANGO_SECRET_KEY": secrets.token_urlsafe(20)}, "çok kısa", "too short"),
        ({"DJANGO_SECRET_KEY": "ab" * 40}, "çok tekdüze", "too uniform"),
        ({"DJANGO_ALLOWED_HOSTS": None}, "DJANGO_ALLOWED_HOSTS boş", "is empty"),
        ({"DJANGO_ALLOWED_HOSTS": " , "}, "DJANGO_ALLOWED_HOSTS boş", "is empty"),
        (
            {"KB_SITE_URL": "http://smtp.example.com"},
            "KB_SITE_URL https:// ile başlamalı",
            "must start with https://",
        ),
        ({"DJANGO_DEBUG": "1"}, "üretimde açık olamaz", "cannot be on in production"),
    ],
)
def test_production_mode_refuses_to_start_with_an_unsafe_configuration(
    tmp_path, overrides, turkish, english
):
    done = manage(production_env(tmp_path, **overrides), "check")

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "DJANGO_PRODUCTION=1 ile site başlatılamaz" in done.stderr
    assert turkish in done.stderr
    assert english in done.stderr


def test_every_problem_is_listed_at_once(tmp_path):
    env = production_env(
        tmp_path, DJANGO_SECRET_KEY=None, DJANGO_ALLOWED_HOSTS=None, KB_SITE_URL=None
    )

    done = manage(env, "check")

    assert done.returncode != 0
    assert "DJANGO_SECRET_KEY" in done.stderr
    assert "DJANGO_ALLOWED_HOSTS boş" in done.stderr
    assert "KB_SITE_URL https:// ile başlamalı (şu an: http://127.0.0.1:8000)" in done.stderr


def test_development_mode_still_starts_with_the_default_key(tmp_path):
    """`make run` stays as it is: HTTP on loopback, no production settings."""
    env = production_env(
        tmp_path,
        DJANGO_PRODUCTION=None,
        DJANGO_SECRET_KEY=None,
        DJANGO_ALLOWED_HOSTS=None,
        KB_SITE_URL=None,
    )

    assert settings_of(env, "SECURE_SSL_REDIRECT", "ALLOWED_HOSTS", "SESSION_COOKIE_SECURE") == [
        "False",
        "['127.0.0.1', 'localhost']",
        "False",
    ]


def test_host_and_origin_lists_may_have_spaces_after_their_commas(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_ALLOWED_HOSTS="smtp.example.com, www.example.com ,",
        DJANGO_CSRF_TRUSTED_ORIGINS="https://smtp.example.com, https://www.example.com",
    )
    assert settings_of(env, "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS") == [
        "['smtp.example.com', 'www.example.com']",
        "['https://smtp.example.com', 'https://www.example.com']",
    ]
