import os
import secrets

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings

from kb.models import Provider, ProviderResponse, ReplyCode
from tests.content_snapshot import ContentSnapshot
from tests.dns_server import dns_server, test_dns, test_host_profile  # noqa: F401 (fixtures)


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Tests hash passwords with MD5: the default PBKDF2 (a million rounds) costs 0.4 s for
    every user a test creates or logs in. Production keeps Django's default hashers."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def empty_static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("staticfiles")


@pytest.fixture(autouse=True)
def plain_static_storage(settings, empty_static_root):
    """Tests render templates without running collectstatic first, and whitenoise serves
    nothing from the project's staticfiles/ (which `make run` fills): each test's new client
    would otherwise index its ~800 files (0.1 s) whether the test needs them or not."""
    settings.STATIC_ROOT = empty_static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def make_code(db):
    """Create a published reply code; every field has a readable default."""

    def make(code: str, **fields) -> ReplyCode:
        related = fields.pop("related", [])
        defaults = {
            "title": f"Başlık {code}",
            "summary": f"{code} için müşteriye tek cümlelik özet.",
            "self_heals": False,
            "self_heals_note": "Kendiliğinden düzelmez; düzeltip yeniden gönderin.",
            "who_acts": ["sender"],
            "who_acts_note": "Adresi siz düzeltmelisiniz.",
            "first_steps": f"1. {code} için ilk adım\n2. İletiyi yeniden gönderin.",
            "meaning": f"{code} kodunun anlamı.",
            "retry_note": "Gönderen sunucu yeniden dener.",
            "remedy_customer": f"1. {code} için müşteri adımı\n2. İkinci adım",
            "remedy_admin": f"1. {code} için yönetici adımı",
            "examples": f"Postfix | {code} örnek yanıt",
            "origin": "standard",
            "reference": "RFC 5321 §4.2.3",
        }
        reply_code = ReplyCode.objects.create(code=code, **{**defaults, **fields})
        reply_code.related.set(related)
        return reply_code

    return make


@pytest.fixture
def make_response(db):
    """Create a provider's response, explained on `page`; every field has a readable default
    and the provider is created when missing."""

    def make(page: ReplyCode, slug: str, provider: str = "ornek", **fields) -> ProviderResponse:
        owner, _ = Provider.objects.get_or_create(
            slug=provider, defaults={"name": provider.capitalize(), "kind": "mailbox"}
        )
        defaults = {
            "text": f"{page.code} a sentence the {provider} server sends",
            "translation": "Sunucunun cümlesinin Türkçesi.",
            "meaning": "Bu sağlayıcıda anlamı.",
            "customer_fix": "1. Müşterinin adımı.",
        }
        return ProviderResponse.objects.create(
            provider=owner, slug=slug, page=page, **{**defaults, **fields}
        )

    return make


# With REDIS_URL (scripts/with-redis.sh), the caches are the real Redis ones, under a key
# prefix of this test process (xdist workers each have their own), emptied around each test.
REDIS_PREFIX = f"kb-test-{secrets.token_hex(4)}"


def clear_prefixed(cache) -> None:
    """Delete this test process's keys only: RedisCache.clear() would flush the database."""
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def memory_page_cache(settings):
    """Tests keep the page cache in memory, never in the project's var/ directory (under
    REDIS_URL, in Redis: both caches, like several app servers in production), and off
    unless a test switches it on (the `page_cache` fixture)."""
    settings.KB_CACHE_SECONDS = 0
    settings.KB_PAGE_DATA_MEMO = False  # `db` tests roll back: the version never changes

    if settings.REDIS_URL:
        settings.CACHES = {
            alias: {**config, "KEY_PREFIX": f"{REDIS_PREFIX}-{alias}"}
            for alias, config in settings.CACHES.items()
        }
        redis_caches = [caches["default"], caches["pages"]]
        for cache in redis_caches:
            clear_prefixed(cache)
        yield caches["pages"]
        for cache in redis_caches:
            clear_prefixed(cache)
        return
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "test-pages",
        },
    }
    cache = caches["pages"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def page_cache(settings, memory_page_cache, transactional_db):
    """Switch the shared page cache on for one test (it is off by default).

    Transactional: the content version changes when a transaction commits, which the
    rolled-back test transaction of `db` never does."""
    settings.KB_CACHE_SECONDS = 300
    settings.KB_PAGE_DATA_MEMO = True
    return memory_page_cache


@pytest.fixture(scope="session")
def django_db_modify_db_settings(tmp_path_factory):
    """SQLite tests use a database file, not shared memory: like production, a second
    connection (another thread, another worker) then reads only committed rows."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("db") / "kb.sqlite3")


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """A rolled-back test can leave ContentType ids in Django's process-wide cache that a
    later transactional test (which flushes and recreates them) no longer has."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def content_snapshot(tmp_path_factory):
    """The seeded content, seeded once per run (tests/content_snapshot.py; xdist workers
    share it): `content_snapshot.load()` writes it into the test's database."""
    shared = None
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "content-snapshot.pickle"
    return ContentSnapshot(shared)


@pytest.fixture(scope="module")
def site_content(django_db_setup, django_db_blocker, content_snapshot):
    """The whole published content (fixtures/codes.json and providers.json), seeded once per
    test module, as Django's `TestCase.setUpTestData` does: inside a transaction that is
    rolled back when the module ends, so each test (`db`) runs in a savepoint of it and
    sees the content as seeded, whatever the test before it changed.

    Only for modules whose tests use `db`, not `transactional_db` (a flush would empty it)."""
    with django_db_blocker.unblock(), transaction.atomic():
        content_snapshot.load()
        yield
        transaction.set_rollback(True)
