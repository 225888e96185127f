"""Admin logins (django-axes, kb/login_throttle.py): staff see who is locked out and unlock
by deleting the failed attempts; superusers also see the successful logins."""

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from django.conf import settings
from django.contrib import admin, messages
from django.utils import timezone

from kb.models import LoginAttempt, LoginRecord


@admin.register(LoginAttempt)
class LoginAttemptAdmin(AccessAttemptAdmin):
    list_display = [
        "attempt_time",
        "username",
        "ip_address",
        "failures_since_start",
        "lock_status",
        "user_agent",
    ]
    list_filter = ["attempt_time"]
    actions = ["unlock"]

    @admin.display(description="durum")
    def lock_status(self, attempt: LoginAttempt) -> str:
        if attempt.attempt_time < timezone.now() - settings.AXES_COOLOFF_TIME:
            return "Süresi doldu"
        remaining = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if remaining <= 0:
            return "Bu kullanıcı adı bu adresten kilitli"
        return f"{remaining} deneme hakkı kaldı"

    @admin.action(description="Seçilenlerin kilidini kaldır", permissions=["delete"])
    def unlock(self, request, queryset) -> None:
        count = queryset.count()
        queryset.delete()
        self.message_user(
            request, f"{count} giriş denemesi silindi; kilit kalktı.", messages.SUCCESS
        )


@admin.register(LoginRecord)
class LoginRecordAdmin(AccessLogAdmin):
    def has_change_permission(self, request, obj=None) -> bool:
        return False
