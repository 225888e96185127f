"""A shared cache for the public pages, invalidated the moment staff change something.

What is cached: GET responses of the views in CACHED_VIEWS, for KB_CACHE_SECONDS (0, the
development and test default, turns the cache off), only when
- the request has no query string (no fragmentation by `?utm_…`) and no session cookie
  (staff logged in to the admin always get a fresh page);
- the response is a plain 200 that sets no cookie and does not `Vary` (a view that touched
  the session or rendered a CSRF token is never shared).
The pages hold no per-visitor content, so one copy serves everyone. Their comment and vote
forms post to csrf_exempt views that check the `Origin` header instead (kb/feedback.py).

Invalidation: every key carries a version token kept in the same cache. Saving or deleting
a ReplyCode (or its related codes) or moderating a Comment replaces the token, so every page
misses at once; the old entries simply expire. Because a request reads the token before
rendering, a page rendered from old data while staff saved is stored under the old token
and never served. The "pages" cache is a directory all workers share (config/settings.py).
Code that changes codes or comments with `QuerySet.update()` (no signals) must call
`invalidate()` itself, as the comment admin actions do.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse

CACHE_ALIAS = "pages"
VERSION_KEY = "kb-pages:version"
CACHED_VIEWS = {"kb:index", "kb:code_detail", "kb:class_detail", "kb:subject_detail", "kb:sitemap"}
UNCACHEABLE_CONTROL = ("private", "no-cache", "no-store")


def page_cache():
    return caches[CACHE_ALIAS]


def invalidate() -> None:
    """Unconditional, so a process that does not cache (a management command, a shell)
    still refreshes the pages a caching server shares with it."""
    page_cache().set(VERSION_KEY, str(time.time_ns()), timeout=None)


def current_version() -> str:
    cache = page_cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, str(time.time_ns()), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


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
        key = cache_key(current_version(), request.path)
        stored = page_cache().get(key)
        if stored is None:
            request._kb_page_cache_key = key
            return None
        response = HttpResponse(stored["content"])
        for name, value in stored["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response


def invalidate_on_change(sender, instance, created=False, **kwargs) -> None:
    from kb.models import Comment, CommentStatus, ReplyCode

    if isinstance(instance, ReplyCode):
        invalidate()
    elif isinstance(instance, Comment):
        # A new comment waits for moderation: it changes no page, and a flood of them must
        # not be able to flush the cache.
        if not (created and instance.status == CommentStatus.PENDING):
            invalidate()


def invalidate_on_related_change(sender, instance, action: str, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def connect_signals() -> None:
    from kb.models import ReplyCode

    post_save.connect(invalidate_on_change, dispatch_uid="kb.page_cache.save")
    post_delete.connect(invalidate_on_change, dispatch_uid="kb.page_cache.delete")
    m2m_changed.connect(
        invalidate_on_related_change,
        sender=ReplyCode.related.through,
        dispatch_uid="kb.page_cache.related",
    )
