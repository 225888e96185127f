"""Settings for SMTP Kodları.

A few environment variables with safe development defaults; see the README's
"Yapılandırma / Configuration" table for the full list.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-dev-only")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
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

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kb.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "0")),
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
KB_CACHE_SECONDS = int(os.environ.get("KB_CACHE_SECONDS", "300"))
# The public pages' rows and code tables, kept per content version in each process
# (kb/page_data.py); 0 reads them on every request.
KB_PAGE_DATA_MEMO = os.environ.get("KB_PAGE_DATA_MEMO", "1") != "0"
# `s-maxage` of the public pages for a CDN or nginx cache in front; 0 sends none (every cache
# revalidates with the ETag, which changes with every content version).
KB_CACHE_S_MAXAGE = int(os.environ.get("KB_CACHE_S_MAXAGE", "0"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # A directory every gunicorn worker shares: invalidating it after an admin save reaches
    # all workers at once (a LocMemCache would be one per process).
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("KB_PAGE_CACHE_DIR", BASE_DIR / "var" / "page-cache"),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
