"""One content version, changed only when a change commits: no reader can store a stale page
while staff save, and a draft refreshes nothing."""

import threading
from http import HTTPStatus

import pytest
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
