"""The atomic rate limiter (kb/ratelimit.py), alone and behind the comment form.

The concurrency tests send 64 simultaneous comments from one address to a live server
(one thread per request, each with its own database connection) and count the answers;
run them on PostgreSQL with `scripts/with-postgres.sh .venv/bin/python -m pytest
tests/test_ratelimit.py`. The Redis variant starts a private redis-server."""

import http.client
import re
import shutil
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from http import HTTPStatus
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connections
from django.utils import timezone

from kb import ratelimit
from kb.models import Comment, RateLimitBucket

CONCURRENT = 64
COMMENT = {"name": "Ayşe", "email": "ayse@example.com", "body": "Bir saat bekledim, geçti."}


@pytest.fixture(autouse=True)
def database_counters(settings):
    """The database path, even when the suite runs under REDIS_URL (`make test-redis`); the
    Redis tests below switch to their own server."""
    settings.REDIS_URL = ""


def test_events_are_allowed_up_to_the_limit_and_then_refused(db):
    answers = [ratelimit.allow("test", "203.0.113.1", 3, 60) for _ in range(5)]

    assert answers == [True, True, True, False, False]


def test_keys_and_scopes_are_counted_separately(db):
    for _ in range(2):
        ratelimit.allow("test", "203.0.113.1", 2, timedelta(minutes=1))

    assert ratelimit.allow("test", "203.0.113.2", 2, timedelta(minutes=1))
    assert ratelimit.allow("other", "203.0.113.1", 2, timedelta(minutes=1))
    assert not ratelimit.allow("test", "203.0.113.1", 2, timedelta(minutes=1))


def test_a_new_window_opens_after_the_old_one_ends(db):
    for _ in range(2):
        ratelimit.allow("test", "203.0.113.1", 2, 60)
    RateLimitBucket.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert ratelimit.allow("test", "203.0.113.1", 2, 60)
    assert ratelimit.allow("test", "203.0.113.1", 2, 60)
    assert not ratelimit.allow("test", "203.0.113.1", 2, 60)


def test_the_key_is_stored_only_as_a_keyed_hash(db, settings):
    ratelimit.allow("test", "203.0.113.9", 2, 60)

    bucket = RateLimitBucket.objects.get()
    assert re.fullmatch(r"[0-9a-f]{64}", bucket.key_hash)  # a SHA-256 HMAC, not the address
    assert bucket.key_hash == ratelimit.hash_key("test", "203.0.113.9")
    settings.SECRET_KEY = "another-secret-key-for-this-test"
    assert bucket.key_hash != ratelimit.hash_key("test", "203.0.113.9")


def test_expired_counters_are_deleted_when_a_new_one_is_created(db):
    ratelimit.allow("test", "203.0.113.1", 2, 60)
    RateLimitBucket.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    ratelimit.allow("test", "203.0.113.2", 2, 60)

    assert RateLimitBucket.objects.count() == 1


def at_once(count: int, action) -> list:
    """Run `action` in `count` threads released together; their results in order."""
    barrier = threading.Barrier(count)

    def run(number: int):
        barrier.wait()
        try:
            return action(number)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def connect(url: str) -> http.client.HTTPConnection:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.connect()
    return connection


def post_comment(connection: http.client.HTTPConnection, url: str, number: int) -> int:
    body = urlencode({**COMMENT, "body": f"Eşzamanlı yorum {number}."})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Origin": url}
    connection.request("POST", "/kod/450/yorum", body, headers)
    status = connection.getresponse().status
    connection.close()
    return status


def test_64_simultaneous_comments_from_one_address_let_exactly_5_through(
    live_server, transactional_db, make_code
):
    make_code("450")
    # Connected first (the server then waits for each request in its own thread), so that
    # all 64 requests arrive together.
    open_connections = [connect(live_server.url) for _ in range(CONCURRENT)]

    statuses = at_once(
        CONCURRENT,
        lambda number: post_comment(open_connections[number], live_server.url, number),
    )

    assert statuses.count(HTTPStatus.SEE_OTHER) == 5
    assert statuses.count(HTTPStatus.TOO_MANY_REQUESTS) == CONCURRENT - 5
    assert Comment.objects.count() == 5


def test_64_simultaneous_events_of_one_key_count_exactly_to_the_limit(transactional_db):
    answers = at_once(CONCURRENT, lambda _: ratelimit.allow("test", "203.0.113.1", 5, 600))

    assert answers.count(True) == 5
    assert RateLimitBucket.objects.get().count == 5


# The same limiter through Redis (REDIS_URL set): a private server on a free port.


@pytest.fixture
def redis_cache(settings):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server gerekli: sudo apt-get install -y redis-server")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
    settings.REDIS_URL = url
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url},
    }
    yield url
    process.terminate()
    process.wait(timeout=10)


def test_with_redis_events_are_counted_in_redis_not_in_the_database(db, redis_cache):
    answers = [ratelimit.allow("test", "203.0.113.1", 3, 60) for _ in range(5)]

    assert answers == [True, True, True, False, False]
    assert RateLimitBucket.objects.count() == 0


def test_with_redis_64_simultaneous_events_count_exactly_to_the_limit(db, redis_cache):
    answers = at_once(CONCURRENT, lambda _: ratelimit.allow("test", "203.0.113.1", 5, 600))

    assert answers.count(True) == 5


def test_with_redis_the_window_has_a_timeout(db, redis_cache):
    from django.core.cache import cache

    ratelimit.allow("test", "203.0.113.1", 3, 60)

    key = f"{ratelimit.CACHE_PREFIX}:test:{ratelimit.hash_key('test', '203.0.113.1')}"
    client = cache._cache.get_client(key)
    assert 0 < client.ttl(cache.make_key(key)) <= 60
