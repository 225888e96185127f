"""Settings for SMTP Kodları.

A few environment variables with safe development defaults; see the README's
"Yapılandırma / Configuration" table for the full list.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
# Production mode: HTTPS only, secure cookies, persistent connections; refuses to start on
# an unsafe configuration (config/production.py, applied at the end of this file).
PRODUCTION = os.environ.get("DJANGO_PRODUCTION", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-dev-only")
ALLOWED_HOSTS = [
    host
    for host in os.environ.get(
        "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost"
    ).split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if origin
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "simple_history",
    "kb",
]

# The header middleware sits outside the page cache, so a cached page gets the same headers
# as a fresh one; the bad-input guard runs before anything reads the body (CSRF included).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "kb.security_headers.CrossOriginResourcePolicyMiddleware",
    "kb.bad_input.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kb.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kb.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default; production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "600" if PRODUCTION else "0")),
        conn_health_checks=PRODUCTION,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "tr"
TIME_ZONE = "Europe/Istanbul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Errors surface: everything at WARNING and above, with tracebacks (a 500's included, through
# django.request), goes to stderr, where gunicorn and systemd keep it.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# The public knowledge base
KB_SITE_NAME = "SMTP Kodları"
KB_AUTHOR_NAME = os.environ.get("KB_AUTHOR_NAME", "Destek Ekibi")
KB_AUTHOR_BIO = os.environ.get(
    "KB_AUTHOR_BIO",
    "Barındırma müşterilerimizin e-posta sorunlarını her gün birlikte çözen destek ekibi. "
    "Bu sayfalardaki açıklamaları gerçek destek taleplerinden öğrendiklerimizle güncel tutuyoruz.",
)
KB_FIXTURE_PATH = BASE_DIR / "fixtures" / "codes.json"
KB_PROVIDERS_PATH = BASE_DIR / "fixtures" / "providers.json"  # next to KB_FIXTURE_PATH
# Codes not reviewed for this many months are listed for review in the admin.
KB_REVIEW_MONTHS = int(os.environ.get("KB_REVIEW_MONTHS", "12"))
# {code} is the SMTP code; {details}, if the ticket system takes a description, the
# (masked) diagnostic line the decoder found.
KB_SUPPORT_URL = os.environ.get(
    "KB_SUPPORT_URL", "https://destek.example.com/ticket?konu=SMTP+{code}&aciklama={details}"
)
# Absolute links (canonical, Open Graph, sitemap) use this, never the request's Host header,
# so a page served from the shared cache is right for everyone.
KB_SITE_URL = os.environ.get("KB_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Several app servers share one Redis (Django's RedisCache) when REDIS_URL is set; without it,
# the local defaults below serve one machine.
REDIS_URL = os.environ.get("REDIS_URL", "")

# Shared page cache for anonymous GETs of the public pages (kb/page_cache.py); 0 turns it off.
KB_CACHE_SECONDS = int(os.environ.get("KB_CACHE_SECONDS", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # A directory every gunicorn worker shares: invalidating it after an admin save reaches
    # all workers at once (a LocMemCache would be one per process).
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": BASE_DIR / "var" / "page-cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Headers on every response (README "Üretim modu"): a strict CSP (django-csp), no inline
# script or style anywhere (the JSON-LD block is data, which CSP does not block).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        **({"upgrade-insecure-requests": True} if PRODUCTION else {}),
    }
}
# No page uses these browser features; clipboard-write stays allowed for the copy button.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Turkish error pages that never re-read a broken body or re-run the CSRF check.
CSRF_FAILURE_VIEW = "kb.views.errors.csrf_failure"

if PRODUCTION:
    from config import production

    globals().update(
        production.settings_for(
            secret_key=SECRET_KEY,
            allowed_hosts=ALLOWED_HOSTS,
            site_url=KB_SITE_URL,
            debug=DEBUG,
            include_subdomains=os.environ.get("DJANGO_HSTS_INCLUDE_SUBDOMAINS", "1") == "1",
            preload=os.environ.get("DJANGO_HSTS_PRELOAD", "1") == "1",
            silenced=globals().get("SILENCED_SYSTEM_CHECKS", []),
        )
    )
