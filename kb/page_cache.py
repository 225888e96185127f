"""The public pages over HTTP: a shared page cache, strong ETags and compression, all keyed
by the content version (kb/freshness.py).

**Public** are GET and HEAD requests without a query string and without a session cookie for
the views in PUBLIC_VIEWS (the pages in CACHED_VIEWS and the read-only API), answered with a
plain 200 that sets no cookie and varies on nothing but the encoding. They hold no per-visitor
content, so one copy serves everyone; their comment and vote forms post to csrf_exempt views
that check the `Origin` header instead (kb/views/feedback.py). A public answer gets
- `ETag`: a digest of the content version, the deployed code (BUILD), the path and the
  encoding. It is known before the view runs, so `If-None-Match` is answered 304 without
  rendering or reading the stored page;
- `Cache-Control: public, max-age=0, must-revalidate` (plus `s-maxage` when
  KB_CACHE_S_MAXAGE is set): browsers and shared caches keep the page but ask every time, and
  a changed version changes the ETag, so nobody is served an old page;
- Brotli or gzip when `Accept-Encoding` allows, with `Vary: Accept-Encoding`. Only public
  answers are ever compressed: a page with a CSRF token or session data never is (BREACH).
Everything else that sets no `Cache-Control` of its own gets `private, no-store`.

**The page cache** (KB_CACHE_SECONDS; 0 turns it off) keeps the pages of CACHED_VIEWS, one
entry per path: the bytes in every encoding (compressed once, when stored), every header the
stack below produced, and the ETag they were made under. The middleware sits at the top of
the stack, right after SecurityMiddleware and whitenoise, so a hit costs one read of the
version and one of the entry (none when this process already holds it) and skips URL
resolution, sessions, CSRF, auth and the view; the middleware above it still add their
headers. The version is read before the view runs and stored in the entry: a change bumps it
after its commit, so an entry rendered from the old rows never matches again.
"""

import functools
import gzip
import hashlib
import time
from pathlib import Path

import brotli
from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils.cache import cc_delim_re
from django.utils.http import parse_etags

from kb import freshness

CACHE_ALIAS = freshness.CACHE_ALIAS
CACHED_VIEWS = {
    "kb:index",
    "kb:code_detail",
    "kb:class_detail",
    "kb:subject_detail",
    "kb:provider_list",
    "kb:provider_detail",
    "kb:sitemap",
}
PUBLIC_VIEWS = CACHED_VIEWS | {"kb:api_code_list", "kb:api_code_detail", "kb:robots_txt"}
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")
PRIVATE_CONTROL = "private, no-store"
MARKER = "X-Page-Cache"
ENCODINGS = ("br", "gzip")  # in order of preference; "identity" is the raw bytes
MIN_COMPRESS_BYTES = 256
BROTLI_QUALITY = 6  # about as fast as gzip -6 and 5-10% smaller; 11 costs 30-70 ms a page
LOCAL_ENTRIES = 1000  # pages this process keeps in memory (about 40 KB each)
# Headers the entry sets itself, per encoding.
OWN_HEADERS = {
    "content-length",
    "content-encoding",
    "vary",
    "etag",
    "cache-control",
    "x-page-cache",
}
# What a page shows besides the database rows: part of every ETag.
BUILD_SETTINGS = (
    "KB_SITE_URL",
    "KB_SITE_NAME",
    "KB_AUTHOR_NAME",
    "KB_AUTHOR_BIO",
    "KB_SUPPORT_URL",
)

_local: dict[str, dict] = {}


def page_cache():
    return caches[CACHE_ALIAS]


def cache_key(path: str) -> str:
    return f"kb-pages:{hashlib.sha256(path.encode()).hexdigest()}"


@functools.cache
def build() -> str:
    """A digest of what this deployment renders with: the templates, the site's code, the
    static files' manifest and the settings pages print. A deploy that changes any of them
    changes every ETag and invalidates every stored page, as a content change does."""
    digest = hashlib.blake2b(digest_size=8)
    base = Path(settings.BASE_DIR)
    files = [*sorted((base / "templates").rglob("*.html")), *sorted((base / "kb").rglob("*.py"))]
    manifest = Path(settings.STATIC_ROOT or base / "staticfiles") / "staticfiles.json"
    for path in [*files, manifest]:
        if path.is_file():
            digest.update(path.read_bytes())
    for name in BUILD_SETTINGS:
        digest.update(str(getattr(settings, name, "")).encode())
    return digest.hexdigest()


@functools.lru_cache(maxsize=4096)
def view_name(path_info: str) -> str | None:
    try:
        return resolve(path_info).view_name
    except Resolver404:
        return None


@receiver(setting_changed)
def _forget(setting: str, **kwargs) -> None:
    """Tests switch URLconfs and settings: memoised answers must not outlive them."""
    if setting == "ROOT_URLCONF":
        view_name.cache_clear()
    if setting in (*BUILD_SETTINGS, "KB_CACHE_SECONDS", "CACHES"):
        build.cache_clear()
        _local.clear()


@functools.lru_cache(maxsize=256)
def pick_encoding(accept: str) -> str:
    """The best of ENCODINGS an `Accept-Encoding` value accepts (q > 0), else "identity"."""
    weights = {}
    for part in accept.lower().split(","):
        name, _, params = part.partition(";")
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                weight = 0.0
        weights[name.strip()] = weight
    for encoding in ENCODINGS:
        if weights.get(encoding, weights.get("*", 0.0)) > 0:
            return encoding
    return "identity"


def page_tag(version: str, path: str) -> str:
    return hashlib.blake2b(f"{build()}\n{version}\n{path}".encode(), digest_size=10).hexdigest()


def etag(tag: str, encoding: str) -> str:
    return f'"{tag}-{encoding}"'


def cache_control() -> str:
    control = "public, max-age=0, must-revalidate"
    if settings.KB_CACHE_S_MAXAGE > 0:
        control += f", s-maxage={settings.KB_CACHE_S_MAXAGE}"
    return control


def public_view(request: HttpRequest) -> str | None:
    """The view name when the request may get a public answer, else None."""
    if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    name = view_name(request.path_info)
    if name not in PUBLIC_VIEWS:
        return None
    try:
        request.get_host()
    except DisallowedHost:
        return None  # the stack below answers it with a 400
    return name


def is_cacheable_response(response: HttpResponse) -> bool:
    """A plain 200 for everyone: no cookie, no `Vary` but the encoding, nothing private."""
    cache_control = response.get("Cache-Control", "")
    vary = {value.strip().lower() for value in cc_delim_re.split(response.get("Vary", ""))}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not vary - {"", "accept-encoding"}
        and not any(word in cache_control for word in UNCACHEABLE_CONTROL)
    )


def compress(content: bytes, encoding: str) -> bytes:
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=6, mtime=0)


def make_entry(response: HttpResponse, tag: str, encodings) -> dict:
    """What a public answer is made of: headers and the bytes in each encoding wanted."""
    content = response.content
    bodies = {"identity": content}
    if len(content) >= MIN_COMPRESS_BYTES:
        for encoding in encodings:
            if encoding != "identity":
                bodies[encoding] = compress(content, encoding)
    headers = [(k, v) for k, v in response.headers.items() if k.lower() not in OWN_HEADERS]
    return {"tag": tag, "status": response.status_code, "headers": headers, "bodies": bodies}


def answer(entry: dict, encoding: str, marker: str | None) -> HttpResponse:
    if encoding not in entry["bodies"]:
        encoding = "identity"
    body = entry["bodies"][encoding]
    headers = dict(entry["headers"])
    headers["ETag"] = etag(entry["tag"], encoding)
    headers["Cache-Control"] = cache_control()
    headers["Vary"] = "Accept-Encoding"
    headers["Content-Length"] = str(len(body))
    if encoding != "identity":
        headers["Content-Encoding"] = encoding
    if marker:
        headers[MARKER] = marker
    return HttpResponse(body, status=entry["status"], headers=headers)


def not_modified(tag: str, encoding: str) -> HttpResponse:
    response = HttpResponseNotModified()
    response["ETag"] = etag(tag, encoding)
    response["Cache-Control"] = cache_control()
    response["Vary"] = "Accept-Encoding"
    return response


def lookup(path: str, tag: str) -> dict | None:
    """The stored page made under `tag`: from this process's memory, else the shared cache."""
    entry = _local.get(path)
    if entry is not None and entry["tag"] == tag and entry["until"] > time.time():
        return entry
    entry = page_cache().get(cache_key(path))
    if entry is None or entry["tag"] != tag:
        return None
    remember(path, entry)
    return entry


def remember(path: str, entry: dict) -> None:
    if len(_local) >= LOCAL_ENTRIES:
        _local.clear()
    _local[path] = entry


def store(path: str, entry: dict) -> None:
    seconds = settings.KB_CACHE_SECONDS
    entry["until"] = time.time() + seconds
    page_cache().set(cache_key(path), entry, timeout=seconds)
    remember(path, entry)


class PageCacheMiddleware:
    """Serves public pages from the page cache and conditional GETs with a 304, before the
    rest of the stack runs; stores what the whole stack below produced on a miss."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = public_view(request)
        if name is None:
            return private(self.get_response(request))
        with freshness.pinned() as version:
            return self.public(request, name, version)

    def public(self, request: HttpRequest, name: str, version: str) -> HttpResponse:
        path = request.path
        tag = page_tag(version, path)
        encoding = pick_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        if etag(tag, encoding) in parse_etags(request.META.get("HTTP_IF_NONE_MATCH", "")):
            return not_modified(tag, encoding)
        cached = settings.KB_CACHE_SECONDS > 0 and name in CACHED_VIEWS
        if cached and (entry := lookup(path, tag)) is not None:
            return answer(entry, encoding, "hit")
        response = self.get_response(request)
        if not is_cacheable_response(response):
            return private(response)
        if not cached:
            return answer(make_entry(response, tag, [encoding]), encoding, None)
        entry = make_entry(response, tag, ENCODINGS)
        store(path, entry)
        return answer(entry, encoding, "miss")


def private(response: HttpResponse) -> HttpResponse:
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = PRIVATE_CONTROL
    return response
