"""Content in version control: fixtures/codes.json ↔ the database, without losing an edit.

The fixture is a JSON list of objects keyed by the code itself (a natural key, no primary
keys), in site order, UTF-8 unescaped, two-space indented, one key order (`FIXTURE_KEYS`),
so that `export_codes` writes back byte-for-byte what `seed_codes` read and every edit is a
readable diff. `examples` and `related` are lists; the class is the code's first digit.

`seed_codes` inserts only the codes the database does not have yet and leaves every
existing row alone; with `update=True` it also brings rows *nobody has edited since they
were seeded* up to the fixture's newer text, and reports (never overwrites) rows staff have
edited. A row counts as edited when its content no longer matches the fingerprint stored
when it was seeded, or when it holds an unpublished draft. Each load is one transaction: a
malformed entry changes nothing.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from kb import editing
from kb.models import SUMMARY_FIELDS, ReplyCode
from kb.smtp import codes

CONTENT_FIELDS = (
    "title",
    *SUMMARY_FIELDS,
    "meaning",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
    "origin",
    "vendor",
    "reference",
)
FIXTURE_KEYS = ("code", *CONTENT_FIELDS, "examples", "related", "is_published")


class FixtureError(Exception):
    """The fixture cannot be loaded; the message names the file and the entry."""


@dataclass
class Entry:
    reply_code: ReplyCode
    related: list[str]
    raw: dict

    @property
    def hash(self) -> str:
        return content_hash(self.raw)


def read_fixture(path: Path) -> list[dict]:
    return read_json(path, list)


def read_json(path: Path, shape: type) -> list | dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise FixtureError(f"{path}: dosya bulunamadı") from None
    except UnicodeDecodeError:
        raise FixtureError(f"{path}: UTF-8 olarak okunamadı") from None
    except json.JSONDecodeError as error:
        raise FixtureError(
            f"{path}: geçerli JSON değil (satır {error.lineno}, sütun {error.colno}: {error.msg})"
        ) from None
    if not isinstance(data, shape):
        expected = "bir liste ([…])" if shape is list else "bir nesne ({…})"
        raise FixtureError(f"{path}: en dışta {expected} bekleniyordu")
    return data


def parse_entry(path: Path, number: int, raw: object) -> Entry:
    where = f"{path}: {number}. kayıt"
    if not isinstance(raw, dict):
        raise FixtureError(f"{where}: bir nesne ({{…}}) bekleniyordu")
    where = f"{where} ({raw.get('code', '?')!s})"
    missing = [key for key in FIXTURE_KEYS if key not in raw]
    unknown = [key for key in raw if key not in FIXTURE_KEYS]
    if missing or unknown:
        raise FixtureError(f"{where}: eksik alanlar {missing}, tanınmayan alanlar {unknown}")
    for key in ("examples", "related"):
        if not isinstance(raw[key], list) or not all(isinstance(x, str) for x in raw[key]):
            raise FixtureError(f"{where}: {key} bir metin listesi olmalı")
    if any("\n" in example for example in raw["examples"]):
        raise FixtureError(f"{where}: bir örnek mesaj tek satır olmalı")
    if not isinstance(raw["self_heals"], bool):
        raise FixtureError(f"{where}: self_heals true ya da false olmalı")
    reply_code = ReplyCode(
        code=raw["code"],
        examples="\n".join(raw["examples"]),
        is_published=raw["is_published"],
        **{key: raw[key] for key in CONTENT_FIELDS},
    )
    try:
        reply_code.full_clean(exclude=["reply_class"], validate_unique=False)
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise FixtureError(f"{where}: {details}") from None
    return Entry(reply_code, raw["related"], raw)


def load_entries(path: Path) -> list[Entry]:
    entries = [parse_entry(path, number, raw) for number, raw in enumerate(read_fixture(path), 1)]
    seen: set[str] = set()
    for number, entry in enumerate(entries, 1):
        code = entry.reply_code.code
        if code in seen:
            raise FixtureError(f"{path}: {number}. kayıt ({code}): bu kod dosyada iki kez var")
        seen.add(code)
    for number, entry in enumerate(entries, 1):
        unknown = [code for code in entry.related if code not in seen]
        if unknown:
            raise FixtureError(
                f"{path}: {number}. kayıt ({entry.reply_code.code}): "
                f"ilgili kodlar dosyada yok: {', '.join(unknown)}"
            )
    return entries


def entry_of(reply_code: ReplyCode) -> dict:
    """A database row in fixture form (related codes must be prefetched or cheap)."""
    related = sorted((other.code for other in reply_code.related.all()), key=codes.sort_key)
    return {
        "code": reply_code.code,
        **{key: getattr(reply_code, key) for key in CONTENT_FIELDS},
        "examples": reply_code.examples.splitlines(),
        "related": related,
        "is_published": reply_code.is_published,
    }


def content_hash(entry: dict) -> str:
    """A fingerprint of an entry's content, independent of key order."""
    canonical = json.dumps(entry, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def dumps(entries: list[dict]) -> str:
    """The fixture file's exact text."""
    ordered = [{key: entry[key] for key in FIXTURE_KEYS} for entry in entries]
    return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


@dataclass
class SeedReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # differ from the fixture; kept as they are
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
    for name in (*CONTENT_FIELDS, "examples", "is_published"):
        setattr(row, name, getattr(entry.reply_code, name))
    row.seeded_hash = entry.hash
    editing.publish(row, None, "Fixture güncellemesi (seed_codes --update)")
    entry.reply_code = row


def export_codes(path: Path) -> int:
    """Write every code in the database to `path` in the fixture format."""
    rows = ReplyCode.objects.prefetch_related("related").order_by("sort_key")
    entries = [entry_of(row) for row in rows]
    Path(path).write_text(dumps(entries), encoding="utf-8")
    return len(entries)
