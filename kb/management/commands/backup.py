"""Back up everything the site keeps into one JSON file (kb/backup.py)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from kb.backup import backup


class Command(BaseCommand):
    help = (
        "Sitenin tüm verisini (kodlar, taslaklar, geçmiş, sağlayıcılar, yorumlar, oylar, "
        "aramalar, eşanlamlılar, kullanıcılar ve gruplar) tek bir JSON dosyasına yedekler; "
        "dosya adı .json.gz ile bitiyorsa sıkıştırır."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="yedek dosyası (.json ya da .json.gz)")

    def handle(self, *args, path: Path, **options) -> None:
        count = backup(path, progress=self.stderr.write)
        self.stdout.write(self.style.SUCCESS(f"{count} kayıt {path} dosyasına yedeklendi."))
