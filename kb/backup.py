"""Backup and restore of everything the site keeps, in one JSON file (gzip for `.json.gz`).

Built on Django's serializers, like `dumpdata --natural-foreign`: codes with their drafts
and history (simple_history tables), providers and their responses, comments, votes,
searches that found nothing, synonyms, users, groups with their permissions, and the admin's
change log. Rows keep their ids (history rows point at their code by id), except groups,
which are matched by name with the ones `migrate` creates; permissions and content types
are referred to by natural key (app, model, codename), so they match the fresh database's
own. Left out, because `migrate` recreates them or they are short-lived: permissions,
content types, sessions (everyone logs in again), rate-limit counters and django-axes'
login records.

`restore` loads into an empty database only (after `migrate`), through `loaddata`, which
checks every constraint and resets PostgreSQL's sequences so new rows get fresh ids. It then
bumps the content version (kb/freshness.py), so no cached page of the old content survives.
"""

import datetime
import gzip
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Prefetch

from kb import freshness

EXCLUDED = {
    "contenttypes.contenttype",
    "auth.permission",
    "sessions.session",
    "kb.ratelimitbucket",
    "axes.accessattempt",
    "axes.accessattemptexpiration",
    "axes.accesslog",
    "axes.accessfailurelog",
}
# Rows `migrate` creates itself (the Destek group, the host profile): a database holding only
# these counts as empty. Groups are matched by natural key (the name), not by id; the one
# host profile row (id 1) is overwritten by the backed-up one.
NATURAL_PRIMARY_KEYS = {"auth.group"}
CREATED_BY_MIGRATE = {*NATURAL_PRIMARY_KEYS, "kb.hostprofile"}
SUFFIXES = (".json", ".json.gz")

Progress = Callable[[str], None]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, but times keep their microseconds (it cuts them to milliseconds),
    so history rows saved within one millisecond keep their order."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type[models.Model]]:
    """Every concrete model kept in a backup, ordered so that rows come after the rows they
    refer to by natural key."""
    candidates = [
        model
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.label_lower not in EXCLUDED
    ]
    app_list = {}
    for model in candidates:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def check_path(path: Path) -> None:
    if not path.name.endswith(SUFFIXES):
        raise CommandError(f"Yedek dosyasının adı .json ya da .json.gz ile bitmeli: {path}")


def open_for(path: Path, mode: str):
    if path.name.endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8")
    return path.open(mode, encoding="utf-8")


def backup(path: Path, progress: Progress = lambda line: None) -> int:
    """Write every backed-up row to `path`, table by table; returns the number of rows."""
    check_path(path)
    total = 0
    with open_for(path, "w") as stream:
        stream.write("[")
        for model in backed_up_models():
            label = model._meta.label_lower
            rows = rows_of(model).iterator(chunk_size=2000)
            count = 0
            for chunk in chunks(rows, 2000):
                for row in serializers.serialize(
                    "python",
                    chunk,
                    use_natural_foreign_keys=True,
                    use_natural_primary_keys=label in NATURAL_PRIMARY_KEYS,
                ):
                    stream.write(",\n" if total or count else "\n")
                    json.dump(row, stream, cls=ExactJSONEncoder, ensure_ascii=False)
                    count += 1
            total += count
            progress(f"{label}: {count}")
        stream.write("\n]\n")
    return total


def natural_references(model: type[models.Model]) -> list[str]:
    """The foreign keys of `model` that a serializer writes as natural keys (it fetches the
    row they point at)."""
    return [
        field.name
        for field in model._meta.fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]


def rows_of(model: type[models.Model]) -> models.QuerySet:
    """A model's rows in id order, with the rows their natural keys name fetched in the same
    query (foreign keys) or one more (many-to-many, such as a group's permissions with their
    content types), not in one query per row."""
    many = [
        Prefetch(
            field.name,
            queryset=field.related_model._base_manager.select_related(
                *natural_references(field.related_model)
            ),
        )
        for field in model._meta.many_to_many
    ]
    queryset = model._base_manager.select_related(*natural_references(model))
    return queryset.prefetch_related(*many).order_by(model._meta.pk.name)


def chunks(rows: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(rows, size)):
        yield chunk


def non_empty_tables() -> list[str]:
    return [
        model._meta.label_lower
        for model in backed_up_models()
        if model._meta.label_lower not in CREATED_BY_MIGRATE and model._base_manager.exists()
    ]


@contextmanager
def history_recording_off() -> Iterator[None]:
    """The history tables are restored as they were: loading a code's related codes must not
    add history rows of its own (simple_history records m2m changes even of raw loads)."""
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


def restore(path: Path, progress: Progress = lambda line: None) -> None:
    """Load a backup into an empty database, then publish it: a new content version."""
    check_path(path)
    if not path.exists():
        raise CommandError(f"Yedek dosyası bulunamadı: {path}")
    if filled := non_empty_tables():
        raise CommandError(
            "Geri yükleme yalnızca boş bir veritabanına yapılır (önce `manage.py migrate`); "
            f"bu veritabanında kayıt var: {', '.join(filled[:5])}"
            + (f" ve {len(filled) - 5} tablo daha" if len(filled) > 5 else "")
        )
    progress(f"{path} yükleniyor…")
    with history_recording_off():
        call_command("loaddata", str(path), verbosity=0)
    freshness.bump()
    for model in backed_up_models():
        progress(f"{model._meta.label_lower}: {model._base_manager.count()}")
