"""A shared cache for the public pages, keyed by the content version (kb/freshness.py).

What is cached: GET responses of the views in CACHED_VIEWS, for KB_CACHE_SECONDS (0, the
development and test default, turns the cache off), only when
- the request has no query string (no fragmentation by `?utm_…`) and no session cookie
  (staff logged in to the admin always get a fresh page);
- the response is a plain 200 that sets no cookie and does not `Vary` (a view that touched
  the session or rendered a CSRF token is never shared).
The pages hold no per-visitor content, so one copy serves everyone. Their comment and vote
forms post to csrf_exempt views that check the `Origin` header instead (kb/views/feedback.py).

Every key carries the content version, read before the view runs: a change bumps it after
its commit, so every page misses at once and the old entries simply expire. The "pages"
cache is a directory all workers share (config/settings.py).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

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
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")


def page_cache():
    return caches[CACHE_ALIAS]


def cache_key(version: str, path: str) -> str:
    return f"kb-pages:{version}:{hashlib.sha256(path.encode()).hexdigest()}"


def is_cacheable_request(request: HttpRequest) -> bool:
    match = request.resolver_match
    return (
        settings.KB_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and match is not None
        and match.view_name in CACHED_VIEWS
    )


def is_cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Vary")
        and not any(word in cache_control for word in UNCACHEABLE_CONTROL)
    )


class PageCacheMiddleware:
    """Serves a cached copy from `process_view` (after URL resolution, before the view) and
    stores fresh pages on the way out.

    It sits right after whitenoise, outside the session, CSRF and auth middleware: on the way
    out it sees the cookies and `Vary` they add, so a page that touched the session or a
    CSRF token is never stored. A cached answer still passes back through every middleware,
    so security headers are applied as usual."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = getattr(request, "_kb_page_cache_key", None)
        if key and is_cacheable_response(response):
            stored = {
                "content": response.content,
                "headers": [(name, value) for name, value in response.headers.items()],
            }
            page_cache().set(key, stored, timeout=settings.KB_CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not is_cacheable_request(request):
            return None
        key = cache_key(freshness.current(), request.path)
        stored = page_cache().get(key)
        if stored is None:
            request._kb_page_cache_key = key
            return None
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
