"""One content version, changed only when a change commits: no reader can store a stale page
while staff save, and a draft refreshes nothing."""

import json
import os
import subprocess
import sys
import threading
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client

from kb import editing, freshness
from kb.models import ReplyCode


@pytest.fixture
def code_450(make_code):
    return make_code("450", title="Eski başlık")


def render_in_another_connection(path: str) -> str:
    """A reader's request served by another thread, so another database connection: it
    sees only what is committed, like a second gunicorn worker would."""
    result = {}

    def read() -> None:
        result["html"] = Client().get(path).content.decode()
        connection.close()

    reader = threading.Thread(target=read)
    reader.start()
    reader.join()
    return result["html"]


def test_a_reader_during_an_uncommitted_save_leaves_no_stale_page_behind(page_cache, code_450):
    Client().get("/kod/450")  # the old page is cached

    with transaction.atomic():
        code_450.title = "Yeni başlık"
        editing.publish(code_450, None)
        during = render_in_another_connection("/kod/450")
    after = Client().get("/kod/450").content.decode()

    assert "Eski başlık" in during  # the reader could only see the committed row
    assert "Yeni başlık" in after
    assert "Eski başlık" not in after


def test_the_version_changes_only_when_the_change_commits(code_450, transactional_db):
    before = freshness.current()

    with transaction.atomic():
        code_450.title = "Yeni başlık"
        code_450.save()
        inside = freshness.current()

    assert inside == before
    assert freshness.current() != before


def test_a_rolled_back_change_keeps_the_version(code_450, transactional_db):
    before = freshness.current()

    with pytest.raises(RuntimeError), transaction.atomic():
        code_450.title = "Hiç yayınlanmayan başlık"
        code_450.save()
        raise RuntimeError

    assert freshness.current() == before


def test_a_draft_save_keeps_the_version(code_450, transactional_db):
    before = freshness.current()
    content = {name: getattr(code_450, name) for name in ("title", "meaning", "retry_note")}

    editing.save_draft(code_450, {**vars(code_450), **content, "title": "Taslak"}, [])

    assert freshness.current() == before


def test_marking_codes_reviewed_keeps_the_version(code_450, transactional_db):
    before = freshness.current()

    editing.mark_reviewed(ReplyCode.objects.all())

    assert freshness.current() == before


def test_related_codes_change_the_version(code_450, make_code, transactional_db):
    other = make_code("550")
    before = freshness.current()

    code_450.related.add(other)

    assert freshness.current() != before


def test_a_lost_version_reads_as_new_so_nothing_is_served_stale(page_cache, client, code_450):
    client.get("/kod/450")
    ReplyCode.objects.filter(pk=code_450.pk).update(title="Sessizce değişti")
    page_cache.delete(freshness.VERSION_KEY)

    response = client.get("/kod/450")

    assert response.status_code == HTTPStatus.OK
    assert "Sessizce değişti" in response.content.decode()


def test_a_missing_version_is_created_once_and_every_reader_gets_the_same(memory_page_cache):
    memory_page_cache.delete(freshness.VERSION_KEY)
    versions = []

    def read() -> None:
        versions.append(freshness.current())

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()

    assert len(set(versions)) == 1
    assert memory_page_cache.get(freshness.VERSION_KEY) == versions[0]
    assert freshness.current() == versions[0]


def test_a_pinned_request_keeps_the_version_it_started_with(memory_page_cache):
    with freshness.pinned() as version:
        freshness.bump()  # another worker publishes meanwhile
        assert freshness.current() == version

    assert freshness.current() != version  # the next request sees the new one


def test_a_code_page_reads_the_version_from_the_cache_once(
    page_cache, client, code_450, monkeypatch
):
    reads = []
    real_get = page_cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(page_cache, "get", counting_get)
    response = client.get("/kod/450")

    assert response["X-Page-Cache"] == "miss"
    assert reads.count(freshness.VERSION_KEY) == 1  # page, kept rows, ETag, support link


def test_the_version_lives_in_redis_when_redis_url_is_set(settings):
    """Under scripts/with-redis.sh (`make test-redis`) the caches are the real Redis."""
    backend = caches["pages"].__class__.__name__
    assert backend == ("RedisCache" if settings.REDIS_URL else "LocMemCache")


@pytest.mark.processes
def test_redis_url_switches_both_caches_to_redis_with_timeouts():
    environment = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6390/3"}
    script = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.CACHES, default=str))"
    )
    output = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        env={**environment, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
        cwd=settings_root(),
    ).stdout
    configured = json.loads(output)

    assert set(configured) == {"default", "pages"}
    assert {c["BACKEND"] for c in configured.values()} == {
        "django.core.cache.backends.redis.RedisCache"
    }
    assert {c["LOCATION"] for c in configured.values()} == {"redis://127.0.0.1:6390/3"}
    assert len({c["KEY_PREFIX"] for c in configured.values()}) == 2
    for config in configured.values():
        assert config["OPTIONS"]["socket_connect_timeout"] > 0
        assert config["OPTIONS"]["socket_timeout"] > 0


def settings_root() -> str:
    from django.conf import settings

    return str(settings.BASE_DIR)
