"""One content version for everything that shows published content.

The page cache (kb/page_cache.py) puts the version in every key, and the in-memory search
index (kb/search_index.py) is updated when it changes. The version is a token in the
"pages" cache, which every worker shares (a directory on one machine, Redis when
`REDIS_URL` is set, for several app servers), so a change reaches every process at once.

**After the commit, never before.** A change bumps the version in `transaction.on_commit`:
if it bumped inside the transaction, a reader arriving between the bump and the commit would
render the old rows and store them under the new version, and that stale page would be
served until it expired. Bumped after the commit, such a page is stored under the old
version, which nobody reads any more.

What bumps it: saving or deleting a ReplyCode (except saves that touch only PRIVATE_FIELDS:
a draft, the review date), changing its related codes, a provider or provider response, a
comment becoming, staying or ceasing to be public, saving or deleting a Synonym (the search
index merges them), and saving the host profile (kb/hosting.py re-renders every code). Code that writes with `QuerySet.update()` (no signals) calls
`changed()` itself. A missing token (an empty or culled cache) reads as a new version:
everything misses once, nothing is ever stale.
"""

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

CACHE_ALIAS = "pages"
VERSION_KEY = "kb:content-version"
# The version one public request renders (see `pinned`); None outside such a request.
_pinned: ContextVar[str | None] = ContextVar("kb_content_version", default=None)


def _cache():
    return caches[CACHE_ALIAS]


def _new_token() -> str:
    return secrets.token_hex(8)


def current() -> str:
    """The content version now (created on first use): one cache read.

    A missing token is created with `add`, which is atomic on every backend (SET NX on
    Redis): of two processes that find it missing, one wins and both go on with the
    winner's token. Should the token vanish again before it is read back (culled, evicted),
    our own new token stands: a new version, never a stale one. Inside `pinned()`, the
    version that request read, without another cache read."""
    if (version := _pinned.get()) is not None:
        return version
    cache = _cache()
    version = cache.get(VERSION_KEY)
    if version is None:
        token = _new_token()
        if cache.add(VERSION_KEY, token, timeout=None):
            return token
        version = cache.get(VERSION_KEY)
        if version is None:
            return token
    return version


@contextmanager
def pinned() -> Iterator[str]:
    """Read the version once for a public request (kb/page_cache.py): the page, its kept
    rows and its ETag all name the same version, and Redis is asked once, not per use.
    Only for requests that change no content (a change inside would not be seen)."""
    token = _pinned.set(current())
    try:
        yield _pinned.get()
    finally:
        _pinned.reset(token)


def bump() -> None:
    """A new version at once; use `changed()` inside a transaction."""
    _cache().set(VERSION_KEY, _new_token(), timeout=None)


def changed(using: str | None = None) -> None:
    """Published content changed: bump the version when the transaction commits
    (at once outside a transaction)."""
    transaction.on_commit(bump, using=using)


def _on_save(sender, instance, created=False, update_fields=None, using=None, **kwargs) -> None:
    from kb.models import (
        PRIVATE_FIELDS,
        Comment,
        CommentStatus,
        Provider,
        ProviderResponse,
        ReplyCode,
        Synonym,
    )

    if isinstance(instance, Provider | ProviderResponse | Synonym):
        changed(using)
    elif isinstance(instance, ReplyCode):
        if update_fields is None or not set(update_fields) <= PRIVATE_FIELDS:
            changed(using)
    elif isinstance(instance, Comment):
        # A new comment waits for moderation: it changes no page, and a flood of them must
        # not be able to flush the cache.
        if not (created and instance.status == CommentStatus.PENDING):
            changed(using)


def _on_delete(sender, instance, using=None, **kwargs) -> None:
    from kb.models import Comment, Provider, ProviderResponse, ReplyCode, Synonym

    if isinstance(instance, ReplyCode | Comment | Provider | ProviderResponse | Synonym):
        changed(using)


def _on_related_change(sender, action: str, using=None, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        changed(using)


def connect_signals() -> None:
    from kb.models import ReplyCode

    post_save.connect(_on_save, dispatch_uid="kb.freshness.save")
    post_delete.connect(_on_delete, dispatch_uid="kb.freshness.delete")
    m2m_changed.connect(
        _on_related_change, sender=ReplyCode.related.through, dispatch_uid="kb.freshness.related"
    )
