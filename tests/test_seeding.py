import json
from datetime import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from kb.content import FixtureError, seed_codes
from kb.models import ReplyCode
from tests import content_snapshot as snapshot


def entry(code: str, **fields) -> dict:
    return {
        "code": code,
        "title": f"Başlık {code}",
        "summary": "Tek cümlelik özet.",
        "self_heals": True,
        "self_heals_note": "Genellikle kendiliğinden geçer.",
        "delay_note": "",
        "who_acts": ["recipient"],
        "who_acts_note": "Alıcı sunucu düzeltir.",
        "first_steps": "1. Bir saat sonra yeniden gönderin.",
        "meaning": "Anlamı.",
        "retry_note": "Yeniden denenir.",
        "remedy_customer": "1. Bekleyin",
        "remedy_admin": "1. Günlükleri okuyun",
        "examples": ["Postfix | " + code + " örnek"],
        "origin": "standard",
        "vendor": "",
        "reference": "RFC 5321 §4.2.3",
        "related": [],
        "is_published": True,
        **fields,
    }


def write(tmp_path: Path, entries) -> Path:
    path = tmp_path / "codes.json"
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    return path


def test_seed_inserts_missing_codes_and_reports_counts(tmp_path, db):
    path = write(tmp_path, [entry("450"), entry("550"), entry("5.1.1", related=["550"])])

    report = seed_codes(path)

    assert str(report) == "3 eklendi, 0 zaten vardı"
    assert list(ReplyCode.objects.values_list("code", flat=True)) == ["450", "550", "5.1.1"]
    related = ReplyCode.objects.get(code="5.1.1").related.values_list("code", flat=True)
    assert list(related) == ["550"]


def test_seed_twice_adds_nothing_the_second_time(tmp_path, db):
    path = write(tmp_path, [entry("450"), entry("550")])
    seed_codes(path)

    report = seed_codes(path)

    assert str(report) == "0 eklendi, 2 zaten vardı"
    assert ReplyCode.objects.count() == 2


def test_seed_keeps_a_remedy_edited_by_staff(tmp_path, db):
    path = write(tmp_path, [entry("450")])
    seed_codes(path)
    ReplyCode.objects.filter(code="450").update(remedy_customer="1. Destek ekibinin yeni adımı")

    seed_codes(path)

    assert ReplyCode.objects.get(code="450").remedy_customer == "1. Destek ekibinin yeni adımı"


def test_seed_adds_new_codes_next_to_edited_ones(tmp_path, db):
    seed_codes(write(tmp_path, [entry("450")]))
    ReplyCode.objects.filter(code="450").update(title="Staff title")

    report = seed_codes(write(tmp_path, [entry("450"), entry("451", related=["450"])]))

    assert str(report) == "1 eklendi, 1 zaten vardı"
    assert ReplyCode.objects.get(code="450").title == "Staff title"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([entry("450"), entry("550", title="")], "2. kayıt (550): title"),
        ([entry("450"), entry("abc")], "2. kayıt (abc): code"),
        (
            [entry("450"), entry("550", reply_class=4)],
            "2. kayıt (550): eksik alanlar [], tanınmayan alanlar ['reply_class']",
        ),
        ([entry("450"), entry("450")], "2. kayıt (450): bu kod dosyada iki kez var"),
        ([entry("450", related=["999"])], "1. kayıt (450): ilgili kodlar dosyada yok: 999"),
        ([entry("450"), {"code": "550"}], "2. kayıt (550): eksik alanlar"),
        ([entry("450"), "550"], "2. kayıt: bir nesne"),
    ],
)
def test_broken_fixture_names_file_and_entry_and_changes_nothing(tmp_path, db, entries, message):
    path = write(tmp_path, entries)

    with pytest.raises(FixtureError) as error:
        seed_codes(path)

    assert str(path) in str(error.value)
    assert message in str(error.value)
    assert ReplyCode.objects.count() == 0


def test_invalid_json_is_reported_with_its_line(tmp_path, db):
    path = tmp_path / "codes.json"
    path.write_text('[\n{"code": "450",\n', encoding="utf-8")

    with pytest.raises(FixtureError, match="geçerli JSON değil"):
        seed_codes(path)


def test_command_prints_what_it_did(tmp_path, db, capsys):
    path = write(tmp_path, [entry("450"), entry("550")])
    call_command("seed_codes", str(path))
    ReplyCode.objects.filter(code="550").delete()

    call_command("seed_codes", str(path))

    assert "1 eklendi, 1 zaten vardı" in capsys.readouterr().out


def test_command_fails_with_a_clear_error_on_a_broken_fixture(tmp_path, db):
    path = write(tmp_path, [entry("450", origin="nereden")])

    with pytest.raises(CommandError, match="1. kayıt \\(450\\): origin.*hiçbir şey değişmedi"):
        call_command("seed_codes", str(path))


def test_the_content_snapshot_writes_exactly_the_rows_seeding_writes(db, content_snapshot):
    """Tests that start from the whole content get it from tests/content_snapshot.py, which
    seeds once per test process and then re-inserts the rows: they must be the rows seeding
    wrote, with times as of the load."""
    if connection.vendor != "sqlite":
        pytest.skip("the snapshot is used on SQLite only; on PostgreSQL tests seed")
    loaded_at = timezone.now().replace(tzinfo=None)  # SQLite gives naive UTC times back

    content_snapshot.load()

    tables = content_snapshot.rows.keys()
    loaded = {table: rows for table, rows in snapshot.every_row().items() if table in tables}
    assert {"kb_replycode", "kb_historicalreplycode", "kb_providerresponse"} <= tables
    assert without_times(loaded) == without_times(content_snapshot.seeded)
    assert min(times(loaded)) >= loaded_at
    assert ReplyCode.objects.count() == len(json.loads(settings.KB_FIXTURE_PATH.read_text()))


def without_times(tables: dict) -> dict:
    return {
        table: (columns, [tuple(None if isinstance(v, datetime) else v for v in r) for r in rows])
        for table, (columns, rows) in tables.items()
    }


def times(tables: dict) -> list:
    return [v for _, rows in tables.values() for r in rows for v in r if isinstance(v, datetime)]
