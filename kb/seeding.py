"""Moving content between fixtures/codes.json and the database without losing an edit.

`loaddata` would write every row back by primary key. `seed_codes` inserts only the
codes the database does not have yet and leaves every existing row alone; with
`update=True` it also brings rows *nobody has edited since they were seeded* up to
the fixture's newer text, and reports (never overwrites) rows staff have edited.
A row counts as edited when its content no longer matches the fingerprint stored
when it was seeded, or when it holds an unpublished draft. Each load is one
transaction: a malformed entry changes nothing.

`export_codes` writes the database back in the fixture's exact format, so staff
edits can be committed; seeding then exporting reproduces the fixture byte for byte.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from kb.fixture import TEXT_FIELDS, Entry, content_hash, dumps, entry_of, load_entries
from kb.models import ReplyCode


@dataclass
class SeedReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    edited: list[str] = field(
        default_factory=list
    )  # differ from the fixture, kept as staff left them
    update: bool = False

    def __str__(self) -> str:
        if not self.update:
            return f"{len(self.added)} eklendi, {len(self.existing)} zaten vardı"
        current = len(self.existing) - len(self.updated) - len(self.edited)
        return (
            f"{len(self.added)} eklendi, {len(self.updated)} güncellendi, "
            f"{len(self.edited)} düzenlenmiş kayda dokunulmadı, {current} zaten güncel"
        )


@transaction.atomic
def seed_codes(path: Path, update: bool = False) -> SeedReport:
    entries = load_entries(path)
    existing = {row.code: row for row in ReplyCode.objects.prefetch_related("related")}
    report = SeedReport(update=update)
    touched: list[Entry] = []
    for entry in entries:
        row = existing.get(entry.reply_code.code)
        if row is None:
            insert(entry)
            touched.append(entry)
            report.added.append(entry.reply_code.code)
            continue
        report.existing.append(row.code)
        if not update or entry_of(row) == entry.raw:
            continue
        if row.draft is not None or content_hash(entry_of(row)) != row.seeded_hash:
            report.edited.append(row.code)
            continue
        refresh(row, entry)
        touched.append(entry)
        report.updated.append(row.code)
    ids = dict(ReplyCode.objects.values_list("code", "id"))
    for entry in touched:
        entry.reply_code.related.set([ids[code] for code in entry.related])
    return report


def insert(entry: Entry) -> None:
    entry.reply_code.seeded_hash = entry.hash
    entry.reply_code.save()


def refresh(row: ReplyCode, entry: Entry) -> None:
    """Give an unedited row the fixture's newer content."""
    for name in ("reply_class", *TEXT_FIELDS, "examples", "is_published"):
        setattr(row, name, getattr(entry.reply_code, name))
    row.seeded_hash = entry.hash
    row.mark_published_by(None)
    row._change_reason = "Fixture güncellemesi (seed_codes --update)"
    row.save()
    entry.reply_code = row


def export_codes(path: Path) -> int:
    """Write every code in the database to `path` in the fixture format."""
    rows = ReplyCode.objects.prefetch_related("related").order_by("sort_key")
    entries = [entry_of(row) for row in rows]
    Path(path).write_text(dumps(entries), encoding="utf-8")
    return len(entries)
