"""Admin logins (django-axes, kb/login_throttle.py): staff see who is locked out and unlock
by deleting the failed attempts; superusers also see the successful logins."""

from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from kb.login_throttle import counted_failures
from kb.models import LoginAttempt, LoginRecord


def failures_of(attempts, **same) -> Coalesce:
    """The failures of the rows that share `same` fields with the listed row (a subquery)."""
    rows = attempts.filter(**{name: OuterRef(name) for name in same}).values(*same)
    return Coalesce(Subquery(rows.annotate(total=Sum("failures_since_start")).values("total")), 0)


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

    def get_queryset(self, request):
        """Each row with the failures axes counts for it: the rows of its username and
        address (one per browser), and of its address, within the cool-off time."""
        recent = LoginAttempt.objects.filter(
            attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
        )
        return (
            super()
            .get_queryset(request)
            .annotate(
                pair_failures=failures_of(recent, username=True, ip_address=True),
                address_failures=failures_of(recent, ip_address=True),
            )
        )

    @admin.display(description="durum")
    def lock_status(self, attempt: LoginAttempt) -> str:
        if attempt.attempt_time < timezone.now() - settings.AXES_COOLOFF_TIME:
            return "Süresi doldu"
        if attempt.pair_failures >= settings.AXES_FAILURE_LIMIT:
            return "Bu kullanıcı adı bu adresten kilitli"
        counted = counted_failures(attempt.pair_failures, attempt.address_failures)
        if counted >= settings.AXES_FAILURE_LIMIT:
            return "Bu adres kilitli (bütün kullanıcı adları)"
        return f"{settings.AXES_FAILURE_LIMIT - counted} deneme hakkı kaldı"

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
