"""The published content (fixtures/codes.json and providers.json) exactly as `seed_codes` and
`seed_providers` leave it, for tests that start from it.

Seeding costs seconds (every code and response is saved one by one, with its history and its
rendered text). So a test process seeds once, on SQLite, keeps the rows seeding wrote, rolls
them back, and from then on writes those very rows again, ids included, with one INSERT per
table whenever a test asks for the content, its times moved forward as if it were seeded
at that moment (history keeps its order and spacing). What is skipped are the model signals, which
inside a test's transaction only queue a content-version bump for a commit (kb/freshness.py);
transactional tests get their bump from the commit of `load()` itself.

Under pytest-xdist the workers share one snapshot (a pickle next to their temporary
directories, taken by the first worker that needs it while the others wait for it).

The tests of seeding itself call `seed_codes` (tests/test_seeding.py, tests/test_editing.py).
On another database engine `load()` simply seeds."""

import datetime
import fcntl
import pickle
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from kb import freshness
from kb.content import seed_codes
from kb.models import ReplyCode
from kb.provider_content import seed_providers


def seed() -> None:
    seed_codes(settings.KB_FIXTURE_PATH)
    seed_providers(settings.KB_PROVIDERS_PATH)


def every_row() -> dict[str, tuple[list[str], list[tuple]]]:
    """Each table's column names and rows."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            tables[table] = (columns, cursor.fetchall())
    return tables


class ContentSnapshot:
    def __init__(self, shared: Path | None = None) -> None:
        self.shared = shared  # the pickle the test processes of one run share
        self.rows: dict[str, tuple[list[str], list[tuple]]] | None = None  # what seeding added
        self.seeded: dict[str, tuple[list[str], list[tuple]]] = {}  # those tables after seeding
        self.seeded_at: datetime.datetime | None = None

    def take(self) -> None:
        """The snapshot of this run: taken here, or read from the worker that took it."""
        if self.shared is None:
            self.capture()
            return
        with self.shared.with_suffix(".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.shared.exists():
                self.rows, self.seeded, self.seeded_at = pickle.loads(self.shared.read_bytes())
                return
            self.capture()
            self.shared.write_bytes(pickle.dumps((self.rows, self.seeded, self.seeded_at)))

    def capture(self) -> None:
        """Seed, keep the rows seeding added, roll everything back."""
        with transaction.atomic():
            before = every_row()
            self.seeded_at = timezone.now()
            seed()
            after = every_row()
            transaction.set_rollback(True)
        self.rows = {}
        for table, (columns, rows) in after.items():
            old = set(before[table][1])
            if not old <= set(rows):
                raise AssertionError(f"seeding changed existing rows of {table}")
            if added := [row for row in rows if row not in old]:
                self.rows[table] = (columns, added)
        self.seeded = {table: after[table] for table in self.rows}

    def load(self) -> None:
        """The content, as if seeded now into a database that has none yet."""
        if connection.vendor != "sqlite" or ReplyCode.objects.exists():
            seed()  # seeding next to other content only adds what is missing: no shortcut
            return
        if self.rows is None:
            self.take()
        later = timezone.now() - self.seeded_at
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table, (columns, rows) in self.rows.items():
                names = ", ".join(quote(column) for column in columns)
                values = ", ".join(["%s"] * len(columns))
                rows = [moved(row, later) for row in rows]
                cursor.executemany(f"INSERT INTO {quote(table)} ({names}) VALUES ({values})", rows)
            freshness.changed()  # as the seeding's saves would


def moved(row: tuple, later: datetime.timedelta) -> tuple:
    return tuple(value + later if isinstance(value, datetime.datetime) else value for value in row)
