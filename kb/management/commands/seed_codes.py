"""Load fixtures/codes.json into the database without overwriting staff edits."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kb.content import FixtureError, seed_codes
from kb.provider_content import providers_path, seed_providers


class Command(BaseCommand):
    help = "fixtures/codes.json içindeki eksik kodları ekler; var olan kayıtlara dokunmaz."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "path", nargs="?", type=Path, default=settings.KB_FIXTURE_PATH, help="fixture dosyası"
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="kimsenin düzenlemediği kayıtları fixture'daki yeni metinle günceller; "
            "düzenlenmiş kayıtları yalnızca raporlar",
        )

    def handle(self, *args, path: Path, update: bool, **options) -> None:
        try:
            report = seed_codes(path, update=update)
            providers = seed_providers(providers_path(path), update=update)
        except FixtureError as error:
            raise CommandError(f"{error}. Veritabanında hiçbir şey değişmedi.") from None
        self.stdout.write(self.style.SUCCESS(f"SMTP kodları: {report}."))
        self.stdout.write(self.style.SUCCESS(f"Sağlayıcılar ve yanıtları: {providers}."))
        if providers.edited:
            self.stdout.write(
                self.style.WARNING(
                    "Destek ekibinin düzenlediği sağlayıcı kayıtları (dokunulmadı): "
                    + ", ".join(providers.edited)
                )
            )
        if report.edited:
            self.stdout.write(
                self.style.WARNING(
                    "Destek ekibinin düzenlediği, fixture'dan farklı kodlar (dokunulmadı): "
                    + ", ".join(report.edited)
                )
            )
