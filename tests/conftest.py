import pytest
from django.core.cache import caches

from kb.models import ReplyCode


@pytest.fixture(autouse=True)
def plain_static_storage(settings):
    """Tests render templates without running collectstatic first."""
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


@pytest.fixture(autouse=True)
def memory_page_cache(settings):
    """Tests keep the page cache in memory, never in the project's var/ directory, and off
    unless a test switches it on (the `page_cache` fixture)."""
    settings.KB_CACHE_SECONDS = 0
    settings.KB_PAGE_DATA_MEMO = False  # `db` tests roll back: the version never changes
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
