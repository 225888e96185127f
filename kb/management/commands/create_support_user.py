"""Create a support agent: a staff user in the "Destek" group."""

import getpass
import secrets
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

SUPPORT_GROUP = "Destek"


def create_support_user(username: str, password: str, email: str = ""):
    """Create a staff user in the Destek group (the logic the command wraps)."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise CommandError(f"«{username}» adlı bir kullanıcı zaten var.")
    try:
        group = Group.objects.get(name=SUPPORT_GROUP)
    except Group.DoesNotExist:
        raise CommandError("«Destek» grubu yok; önce `manage.py migrate` çalıştırın.") from None
    user = User.objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(group)
    return user


class Command(BaseCommand):
    help = "Destek grubunda bir destek ekibi kullanıcısı oluşturur (yönetim paneline girebilir)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--generate-password",
            action="store_true",
            help="parola sormak yerine güçlü bir parola üretip yazdırır",
        )

    def handle(self, *args, username: str, email: str, generate_password: bool, **options) -> None:
        generate = generate_password or not sys.stdin.isatty()
        password = secrets.token_urlsafe(15) if generate else self.ask_password(username)
        create_support_user(username, password, email)
        self.stdout.write(self.style.SUCCESS(f"«{username}» Destek grubuna eklendi."))
        if generate:
            self.stdout.write(f"Üretilen parola (bir kez gösterilir): {password}")

    def ask_password(self, username: str) -> str:
        while True:
            password = getpass.getpass("Parola: ")
            if password != getpass.getpass("Parola (tekrar): "):
                self.stderr.write("Parolalar aynı değil, yeniden deneyin.")
                continue
            try:
                validate_password(password, get_user_model()(username=username))
            except ValidationError as error:
                self.stderr.write(" ".join(error.messages))
                continue
            return password
