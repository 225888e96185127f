"""Restore a backup made by `manage.py backup` into an empty database (kb/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from kb.backup import restore


class Command(BaseCommand):
    help = (
        "`manage.py backup` ile alınmış bir yedeği boş bir veritabanına (migrate sonrası) "
        "geri yükler ve içerik sürümünü yeniler; dolu bir veritabanına yüklemeyi reddeder."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="yedek dosyası (.json ya da .json.gz)")

    def handle(self, *args, path: Path, **options) -> None:
        restore(path, progress=self.stderr.write)
        self.stdout.write(self.style.SUCCESS(f"{path} geri yüklendi; içerik sürümü yenilendi."))
