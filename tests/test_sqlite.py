"""SQLite under concurrent writers (config/settings.py): admin saves wait, never fail."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction

from kb.models import SearchMiss

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def test_sqlite_uses_the_write_ahead_log(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_two_read_then_write_transactions_at_once_both_succeed(transactional_db):
    """Like two admin saves: each reads a row, then writes it. With deferred transactions
    the second fails at once with "database is locked"; immediate ones take turns."""
    SearchMiss.objects.create(query="kuyruk", count=0)
    first_has_read = threading.Event()

    def save(is_first: bool) -> None:
        if not is_first:
            first_has_read.wait(timeout=10)
        try:
            with transaction.atomic():
                miss = SearchMiss.objects.get(query="kuyruk")
                if is_first:
                    first_has_read.set()
                    threading.Event().wait(0.3)  # let the second one start meanwhile
                miss.count += 1
                miss.save()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = [pool.submit(save, is_first) for is_first in (True, False)]
        for result in results:
            result.result()

    assert SearchMiss.objects.get().count == 2
