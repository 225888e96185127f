"""Write the database's codes back to fixtures/codes.json, so edits can be committed."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from kb.content import export_codes
from kb.provider_content import export_providers, providers_path


class Command(BaseCommand):
    help = "Veritabanındaki kodları fixtures/codes.json biçiminde dosyaya yazar."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", nargs="?", type=Path, default=settings.KB_FIXTURE_PATH, help="hedef dosya"
        )

    def handle(self, *args, path: Path, **options) -> None:
        count = export_codes(path)
        self.stdout.write(self.style.SUCCESS(f"{count} kod {path} dosyasına yazıldı."))
        target = providers_path(path)
        written = export_providers(target)
        self.stdout.write(
            self.style.SUCCESS(f"{written} sağlayıcı ve yanıt {target} dosyasına yazıldı.")
        )
