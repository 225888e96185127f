"""Settings for SMTP Kodları.

A few environment variables with safe development defaults; see the README's
"Yapılandırma / Configuration" table for the full list.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
# Production mode: HTTPS only, secure cookies, persistent connections; refuses to start on
# an unsafe configuration (config/production.py, applied at the end of this file).
PRODUCTION = os.environ.get("DJANGO_PRODUCTION", "") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-dev-only")


def env_list(name: str, default: str = "") -> list[str]:
    """A comma-separated variable as a list: entries stripped, empty ones dropped."""
    return [entry.strip() for entry in os.environ.get(name, default).split(",") if entry.strip()]


ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

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
    "axes",  # login throttling; its admin is kb/admin/login_attempts.py
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
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into our lockout page
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite serves one machine; PostgreSQL is the production engine. So that concurrent
    # writers (an admin save among votes and comments) wait their turn instead of failing
    # with "database is locked": every transaction takes the write lock at BEGIN (a deferred
    # one that read first cannot upgrade while another writes), waits up to 20 s for it, and
    # the write-ahead log lets readers go on while one writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before checking it
    "django.contrib.auth.backends.ModelBackend",
]

# Login throttling (django-axes; README "Giriş denemeleri sınırı"). One attacker must not
# lock a whole office out, and everyone in an office shares one address behind its NAT. So:
# - 5 failures with one username from one address lock that username at that address only:
#   colleagues behind the same address with their own usernames are not affected, and the
#   locked person can still log in from another network or be unlocked by staff;
# - an address alone is locked only after 50 failures, whatever the usernames (password
#   spraying), a figure no office reaches by mistyping;
# - a username alone is never locked: anyone on the internet could otherwise lock a staff
#   member out by typing their name; nginx's limit_req and the password rules cover that.
# The lock lifts after AXES_COOLOFF_TIME without failures (each failure while locked starts
# it again), or at once when staff delete the rows under "Giriş denemeleri" in the admin;
# a successful login clears that username's failures from that address.
AXES_HANDLER = "kb.login_throttle.LoginThrottleHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = int(os.environ.get("KB_LOGIN_FAILURES_PER_USER", "5"))  # username + address
KB_LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("KB_LOGIN_FAILURES_PER_ADDRESS", "50"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("KB_LOGIN_COOLOFF_MINUTES", "15")))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kb.guards.client_ip"  # KB_TRUSTED_PROXIES applies
AXES_LOCKOUT_CALLABLE = "kb.login_throttle.lockout_response"
AXES_VERBOSE = False  # no banner on every start
AXES_ENABLE_ADMIN = False  # kb/admin/login_attempts.py shows the attempts, in Turkish

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
LOCALE_PATHS = [BASE_DIR / "locale"]  # Turkish for the texts of django-axes

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

# The real client address behind a reverse proxy (kb/guards.py client_ip): only a peer in
# KB_TRUSTED_PROXIES (addresses or networks, e.g. "127.0.0.1,10.0.0.0/8") is believed about
# X-Forwarded-For, for at most KB_PROXY_HOPS entries from the right (one per proxy in the chain).
KB_TRUSTED_PROXIES = env_list("KB_TRUSTED_PROXIES")
KB_PROXY_HOPS = int(os.environ.get("KB_PROXY_HOPS", "1"))

# Several app servers share one Redis (Django's RedisCache) when REDIS_URL is set; without it,
# the local defaults below serve one machine.
REDIS_URL = os.environ.get("REDIS_URL", "")

# The DNS resolver of the domain check (/alan-adi): "127.0.0.1:5353", or several separated
# by commas ("9.9.9.9, [2620:fe::fe]:53"); empty uses the system's (/etc/resolv.conf).
KB_DNS_RESOLVER = os.environ.get("KB_DNS_RESOLVER", "")

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
if REDIS_URL:
    # One Redis for every app server: the pages, the content version (kb/freshness.py) and
    # the rate-limit counters. Short socket timeouts make a dead Redis an error in the log
    # (a 500), never a hanging worker.
    _REDIS_OPTIONS = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0}
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"kb-{alias}",
            "OPTIONS": _REDIS_OPTIONS,
        }
        for alias in ("default", "pages")
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
        )
    )
