"""Loading fixtures/codes.json without ever overwriting what staff edited.

`loaddata` would write every row back by primary key; `seed_codes` inserts only
the codes the database does not have yet and leaves every existing row alone.
The whole load is one transaction: a malformed entry changes nothing.

The fixture is a JSON list of objects keyed by the code itself (a natural key,
no primary keys), in the order the site lists them; `examples` and `related`
are lists.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from kb.models import ReplyCode

TEXT_FIELDS = (
    "title",
    "meaning",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
    "origin",
    "vendor",
    "reference",
)
FIXTURE_KEYS = ("code", "reply_class", *TEXT_FIELDS, "examples", "related", "is_published")


class FixtureError(Exception):
    """The fixture cannot be loaded; the message names the file and the entry."""


@dataclass
class SeedReport:
    added: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{len(self.added)} eklendi, {len(self.existing)} zaten vardı"


@dataclass
class Entry:
    reply_code: ReplyCode
    related: list[str]


def read_fixture(path: Path) -> list[dict]:
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
    if not isinstance(data, list):
        raise FixtureError(f"{path}: en dışta bir liste ([…]) bekleniyordu")
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
    reply_code = ReplyCode(
        code=raw["code"],
        reply_class=raw["reply_class"],
        examples="\n".join(raw["examples"]),
        is_published=raw["is_published"],
        **{key: raw[key] for key in TEXT_FIELDS},
    )
    try:
        reply_code.full_clean(validate_unique=False)
    except ValidationError as error:
        details = "; ".join(
            f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
        )
        raise FixtureError(f"{where}: {details}") from None
    return Entry(reply_code, raw["related"])


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


@transaction.atomic
def seed_codes(path: Path) -> SeedReport:
    """Insert the fixture's codes that are missing; never touch existing rows."""
    entries = load_entries(path)
    existing = set(ReplyCode.objects.values_list("code", flat=True))
    report = SeedReport()
    added: list[Entry] = []
    for entry in entries:
        if entry.reply_code.code in existing:
            report.existing.append(entry.reply_code.code)
            continue
        entry.reply_code.save()
        added.append(entry)
        report.added.append(entry.reply_code.code)
    ids = dict(ReplyCode.objects.values_list("code", "id"))
    for entry in added:
        entry.reply_code.related.add(*(ids[code] for code in entry.related))
    return report
