"""Production mode (`DJANGO_PRODUCTION=1`): what it switches on, and what makes it refuse to start.

config/settings.py calls `settings_for(...)` at its end and merges the result; the README's
"Üretim modu (DJANGO_PRODUCTION)" section documents every variable. A site that refuses to
start is better than one that runs with a guessable key: the key also keys the IP hashes, the
vote fingerprints and every signed cookie.
"""

# Django's own bar for a secret key (security.W009), so that the two never drift apart.
from django.core.checks.security.base import (
    SECRET_KEY_INSECURE_PREFIX as INSECURE_PREFIX,
)
from django.core.checks.security.base import (
    SECRET_KEY_MIN_LENGTH as MIN_KEY_LENGTH,
)
from django.core.checks.security.base import (
    SECRET_KEY_MIN_UNIQUE_CHARACTERS as MIN_KEY_UNIQUE_CHARACTERS,
)
from django.core.exceptions import ImproperlyConfigured

HSTS_SECONDS = 365 * 24 * 60 * 60
KEY_HINT = "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"


def key_problem(key: str) -> str | None:
    if key.startswith(INSECURE_PREFIX):
        return (
            f"DJANGO_SECRET_KEY varsayılan ya da '{INSECURE_PREFIX}' ile başlayan bir anahtar. "
            f"/ DJANGO_SECRET_KEY is the default or starts with '{INSECURE_PREFIX}'."
        )
    if len(key) < MIN_KEY_LENGTH or len(set(key)) < MIN_KEY_UNIQUE_CHARACTERS:
        return (
            f"DJANGO_SECRET_KEY çok kısa ya da çok tekdüze (en az {MIN_KEY_LENGTH} karakter, "
            f"en az {MIN_KEY_UNIQUE_CHARACTERS} farklı karakter). / DJANGO_SECRET_KEY is too "
            f"short or too uniform (at least {MIN_KEY_LENGTH} characters, "
            f"{MIN_KEY_UNIQUE_CHARACTERS} distinct)."
        )
    return None


def problems(*, secret_key: str, allowed_hosts: list[str], site_url: str, debug: bool) -> list:
    found = []
    if problem := key_problem(secret_key):
        found.append(f"{problem} Üretmek için / generate one: {KEY_HINT}")
    if not allowed_hosts:
        found.append(
            "DJANGO_ALLOWED_HOSTS boş: sitenin alan adını yazın (ör. smtp.example.com). "
            "/ DJANGO_ALLOWED_HOSTS is empty: list the site's host names."
        )
    if not site_url.startswith("https://"):
        found.append(
            f"KB_SITE_URL https:// ile başlamalı (şu an: {site_url}). "
            "/ KB_SITE_URL must start with https://."
        )
    if debug:
        found.append(
            "DJANGO_DEBUG=1 üretimde açık olamaz: ziyaretçiler hata ayrıntılarını görür. "
            "/ DJANGO_DEBUG=1 cannot be on in production: visitors would see tracebacks."
        )
    return found


def settings_for(
    *,
    secret_key: str,
    allowed_hosts: list[str],
    site_url: str,
    debug: bool,
    include_subdomains: bool,
    preload: bool,
) -> dict:
    """The production settings, or ImproperlyConfigured listing every problem at once."""
    if found := problems(
        secret_key=secret_key, allowed_hosts=allowed_hosts, site_url=site_url, debug=debug
    ):
        raise ImproperlyConfigured(
            "DJANGO_PRODUCTION=1 ile site başlatılamaz / cannot start in production mode:\n- "
            + "\n- ".join(found)
        )
    silenced = []
    # Turning subdomains or preload off is the operator's deliberate choice (README):
    # `check --deploy` then stays a gate for real problems only.
    if not include_subdomains:
        silenced.append("security.W005")
    if not preload:
        silenced.append("security.W021")
    return {
        "SECURE_SSL_REDIRECT": True,
        # The documented proxy (nginx) sets `X-Forwarded-Proto $scheme` and never passes a
        # client's own header through.
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_HSTS_SECONDS": HSTS_SECONDS,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": include_subdomains,
        "SECURE_HSTS_PRELOAD": preload,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        # No script of ours reads the CSRF cookie (forms carry the token).
        "CSRF_COOKIE_HTTPONLY": True,
        "SILENCED_SYSTEM_CHECKS": silenced,
    }
