"""django-axes' records of admin logins, as the admin shows them (kb/admin/login_attempts.py).

Proxy models: the rows stay in axes' tables; these add Turkish names and permissions of
our own, which the Destek group is given (migration 0017)."""

from axes.models import AccessAttempt, AccessLog
from django.utils import timezone


class WhoAndWhen:
    """How the admin names a login row: who, from where, when (local time)."""

    def __str__(self) -> str:
        when = timezone.localtime(self.attempt_time).strftime("%d.%m.%Y %H:%M")
        return f"{self.username or 'adsız'}, {self.ip_address or 'adres yok'} ({when})"


class LoginAttempt(WhoAndWhen, AccessAttempt):
    """Failed logins of one username from one address (and browser): the lockout counts."""

    class Meta:
        proxy = True
        verbose_name = "giriş denemesi"
        verbose_name_plural = "giriş denemeleri"


class LoginRecord(WhoAndWhen, AccessLog):
    """A successful admin login (and its logout)."""

    class Meta:
        proxy = True
        verbose_name = "başarılı giriş"
        verbose_name_plural = "başarılı girişler"
