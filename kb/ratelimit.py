"""An atomic rate limiter: "may this one more event happen?"

`allow(scope, key, limit, window)` answers True and counts the event while fewer than
`limit` events of `key` happened in the current window of `scope`, and False (without
counting) after that. A window opens with a key's first event and lasts `window`; the
next event after it opens a new one.

Exact under concurrency, with no lock held across requests, so 64 simultaneous comments
from one address let exactly `limit` through, on every worker and every app server:

- **With Redis** (`REDIS_URL` set, `caches["default"]` is then a RedisCache shared by all
  app servers): `cache.add(key, 0, timeout)` opens the window (SET NX EX) and `cache.incr`
  counts (INCR); both are single atomic Redis commands.
- **Without Redis**, one row per (scope, key) in `RateLimitBucket`, counted by one
  conditional `UPDATE … SET count = count + 1 WHERE count < limit AND expires_at > now`.
  The database serialises writers on the row (PostgreSQL re-checks the condition after
  waiting for the row lock; SQLite has a single writer), so the count never passes the
  limit. The first event of a key inserts the row; if two arrive at once, the unique
  constraint refuses the second insert, which then counts against the first one's row.

Keys are stored only as a keyed hash (HMAC with SECRET_KEY): no raw IP address or username
is kept. Expired rows are deleted whenever a new row is created, through an index on
`expires_at`, so the table holds about one row per key active within its window.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac

from kb.models import RateLimitBucket

logger = logging.getLogger(__name__)

CACHE_PREFIX = "kb:ratelimit"


def allow(scope: str, key: str, limit: int, window: timedelta | int) -> bool:
    """May one more event of `key` happen in `scope`? Counts it if so.

    `window` is a timedelta or a number of seconds; `scope` names the limit ("comment",
    "login"…) so one key has separate counts per limit."""
    seconds = int(window.total_seconds() if isinstance(window, timedelta) else window)
    if seconds <= 0:
        raise ValueError("the window of a rate limit must be at least one second")
    if limit <= 0:
        return False
    key_hash = hash_key(scope, key)
    if settings.REDIS_URL:
        return _allow_in_cache(scope, key_hash, limit, seconds)
    return _allow_in_database(scope, key_hash, limit, seconds)


def hash_key(scope: str, key: str) -> str:
    return salted_hmac("kb.ratelimit", f"{scope}\n{key}", algorithm="sha256").hexdigest()


def _allow_in_cache(scope: str, key_hash: str, limit: int, seconds: int) -> bool:
    cache = caches["default"]
    cache_key = f"{CACHE_PREFIX}:{scope}:{key_hash}"
    for _attempt in range(2):
        cache.add(cache_key, 0, timeout=seconds)
        try:
            count = cache.incr(cache_key)
        except ValueError:  # the window ended between add() and incr(): open a new one
            continue
        if count == 1:
            # The window's first event (or an INCR that recreated an expired key without
            # a timeout): the window runs from now.
            cache.touch(cache_key, timeout=seconds)
        return count <= limit
    logger.warning("rate limit %s: the counter vanished twice; event allowed", scope)
    return True


def _allow_in_database(scope: str, key_hash: str, limit: int, seconds: int) -> bool:
    now = timezone.now()
    buckets = RateLimitBucket.objects.filter(scope=scope, key_hash=key_hash)
    if _count_in_open_window(buckets, limit, now):
        return True
    expires_at = now + timedelta(seconds=seconds)
    # The key's window is over: this event opens a new one.
    if buckets.filter(expires_at__lte=now).update(count=1, expires_at=expires_at):
        return True
    try:
        with transaction.atomic():
            RateLimitBucket.objects.create(
                scope=scope, key_hash=key_hash, count=1, expires_at=expires_at
            )
    except IntegrityError:
        # The row exists: full, or created (or renewed) by a simultaneous first event.
        return _count_in_open_window(buckets, limit, now)
    prune(now)
    return True


def _count_in_open_window(buckets, limit: int, now) -> bool:
    return bool(buckets.filter(expires_at__gt=now, count__lt=limit).update(count=F("count") + 1))


def prune(now=None) -> int:
    """Delete the counters whose window is over; returns how many."""
    deleted, _ = RateLimitBucket.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
