"""`manage.py backup` / `restore` (kb/backup.py): every row survives the round trip.

Run on PostgreSQL too: `scripts/with-postgres.sh .venv/bin/python -m pytest tests/test_backup.py`."""

import gzip
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.forms.models import model_to_dict

from kb import backup, editing, freshness
from kb.content import dumps, read_fixture, seed_codes
from kb.management.commands.create_support_user import create_support_user
from kb.models import Comment, CommentStatus, HostProfile, ReplyCode, SearchMiss, Synonym, Vote
from kb.provider_content import providers_path, seed_providers

# Transactional (restore runs loaddata in its own transaction); each test starts from what
# `migrate` left, the Destek group included.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_site(codes_path: Path) -> None:
    """Every kind of row the site keeps: the content of `codes_path` and the providers.json
    next to it, users, groups, a draft, history, comments, votes, the host profile…"""
    # The Destek group `migrate` creates: a live-server test before this one may have flushed
    # it (with Playwright's loop running, pytest-django's serialized rollback cannot help).
    Group.objects.get_or_create(name="Destek")
    seed_codes(codes_path)
    seed_providers(providers_path(codes_path))
    editor = User.objects.create_superuser("editor", "editor@example.com", "Parola-2026-x")
    create_support_user("ayse", "Destek-Parola-2026")
    Group.objects.create(name="Okurlar").permissions.add(
        Permission.objects.get(codename="view_comment")
    )
    code = ReplyCode.objects.get(code="550")
    editing.save_draft(code, {**model_to_dict(code), "title": "Taslak başlık"}, ["450"])
    published = ReplyCode.objects.get(code="450")
    published.title = "Yeni başlık"
    published._history_user = editor
    published.save()
    Comment.objects.create(
        reply_code=published,
        name="Ali",
        email="ali@example.com",
        body="Çok işime yaradı.",
        status=CommentStatus.APPROVED,
        answer="Rica ederiz.",
    )
    Comment.objects.create(reply_code=code, name="Veli", body="Bekliyor.")
    Vote.objects.create(reply_code=published, helpful=False, missing="Örnek", fingerprint="c")
    Vote.objects.create(reply_code=code, helpful=True, fingerprint="d")
    SearchMiss.objects.record("zzqqxx")
    Synonym.objects.create(word="zıpladı", terms="reddetti")
    profile = HostProfile.load()
    profile.smtp_host = "smtp.firma.example"
    profile.save()
    LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(ReplyCode),
        object_id=str(published.pk),
        object_repr="450",
        action_flag=CHANGE,
        change_message="Başlık değişti.",
    )


SMALL_CONTENT = {"450", "550"}


@pytest.fixture
def small_site(tmp_path):
    """Every kind of row, but the content is two codes (linked to each other) and the
    providers' responses on them: whether restore brings back every row of every kind needs
    no more, and backing up and restoring the whole content takes ten seconds or more."""
    folder = tmp_path / "small-content"
    folder.mkdir()
    entries = [
        {**entry, "related": [code for code in entry["related"] if code in SMALL_CONTENT]}
        for entry in read_fixture(settings.KB_FIXTURE_PATH)
        if entry["code"] in SMALL_CONTENT
    ]
    (folder / "codes.json").write_text(dumps(entries), encoding="utf-8")
    providers = json.loads(Path(settings.KB_PROVIDERS_PATH).read_text(encoding="utf-8"))
    responses = [r for r in providers["responses"] if r["page"] in SMALL_CONTENT]
    slugs = {response["provider"] for response in responses}
    small = {
        "providers": [p for p in providers["providers"] if p["slug"] in slugs],
        "responses": responses,
    }
    (folder / "providers.json").write_text(json.dumps(small, ensure_ascii=False), "utf-8")
    fill_site(folder / "codes.json")


EVERY_KIND = {
    "kb.replycode",
    "kb.historicalreplycode",
    "kb.historicalreplycode_related",
    "kb.provider",
    "kb.historicalprovider",
    "kb.providerresponse",
    "kb.historicalproviderresponse",
    "kb.comment",
    "kb.vote",
    "kb.searchmiss",
    "kb.synonym",
    "kb.hostprofile",
    "kb.historicalhostprofile",
    "auth.user",
    "auth.group",
    "admin.logentry",
}


def snapshot() -> dict[str, list]:
    """Every backed-up row as its serialized fields and id (groups by name), per table."""
    tables = {}
    for model in backup.backed_up_models():
        rows = serializers.serialize(
            "python",
            backup.rows_of(model),
            use_natural_foreign_keys=True,
            use_natural_primary_keys=model._meta.label_lower == "auth.group",
        )
        tables[model._meta.label_lower] = sorted(rows, key=repr)
    return tables


def empty_the_database() -> None:
    """A fresh database: what `migrate` leaves (permissions), nothing else."""
    call_command("flush", interactive=False, verbosity=0)


def test_a_backup_restores_every_row_of_every_table(small_site, tmp_path, capsys):
    before = snapshot()
    path = tmp_path / "yedek.json.gz"

    call_command("backup", str(path))
    labels = {row["model"] for row in json.loads(gzip.decompress(path.read_bytes()))}
    empty_the_database()
    version = freshness.current()
    call_command("restore", str(path))

    assert EVERY_KIND <= labels
    after = snapshot()
    assert {table: len(rows) for table, rows in after.items()} == {
        table: len(rows) for table, rows in before.items()
    }
    assert after == before
    assert freshness.current() != version
    assert "kb.comment: 2" in capsys.readouterr().err


def test_a_backup_reads_each_table_in_a_query_or_two_not_a_query_per_row(
    small_site, tmp_path, django_assert_max_num_queries
):
    tables = len(backup.backed_up_models())
    history_rows = ReplyCode.history.count()
    assert history_rows >= 4  # each names its editor by natural key: one query each, before

    with django_assert_max_num_queries(2 * tables):
        backup.backup(tmp_path / "yedek.json")


def test_drafts_history_and_logins_come_back_and_new_rows_get_fresh_ids(small_site, tmp_path):
    path = tmp_path / "yedek.json"
    backup.backup(path)
    highest = Comment.objects.order_by("-pk").first().pk
    empty_the_database()

    backup.restore(path)
    comment = Comment.objects.create(
        reply_code=ReplyCode.objects.get(code="450"), name="Yeni", body="Yeni yorum."
    )

    assert ReplyCode.objects.get(code="550").draft["title"] == "Taslak başlık"
    assert ReplyCode.objects.get(code="450").history.first().history_user.username == "editor"
    assert User.objects.get(username="ayse").groups.get().name == "Destek"
    assert User.objects.get(username="editor").check_password("Parola-2026-x")
    assert comment.pk > highest


def test_a_freshly_migrated_database_takes_the_backed_up_host_profile(small_site, tmp_path):
    path = tmp_path / "yedek.json"
    backup.backup(path)
    empty_the_database()
    # what migration 0016 leaves: the profile with its neutral defaults, and no history
    default = HostProfile(pk=1)
    default.skip_history_when_saving = True
    default.save()

    backup.restore(path)

    assert HostProfile.load().smtp_host == "smtp.firma.example"
    assert HostProfile.objects.count() == 1


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    path = tmp_path / "yedek.json"
    backup.backup(path)
    Synonym.objects.create(word="zıpladı", terms="reddetti")

    with pytest.raises(CommandError, match="yalnızca boş bir veritabanına"):
        call_command("restore", str(path))


def test_a_backup_file_must_be_json(tmp_path):
    with pytest.raises(CommandError, match=r"\.json ya da \.json\.gz"):
        call_command("backup", str(Path(tmp_path / "yedek.zip")))
