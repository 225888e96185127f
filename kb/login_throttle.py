"""Login throttling for the admin, with django-axes (settings: "Login throttling").

Two limits, so that one attacker cannot lock a whole office out (everyone there shares one
address behind the office's NAT):

- the pair (username, address) is locked after AXES_FAILURE_LIMIT failures;
- an address alone only after KB_LOGIN_FAILURES_PER_ADDRESS failures, whatever usernames
  were tried.

axes compares one failure count with one limit, so `LoginThrottleHandler.get_failures`
reports the address' count on the pair's scale: it reaches AXES_FAILURE_LIMIT exactly when
the address reaches its own, larger limit. The attempts are rows of axes' AccessAttempt;
staff unlock by deleting them in the admin ("Giriş denemeleri").
"""

from http import HTTPStatus

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import admin
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def counted_failures(per_user_and_address: int, per_address: int) -> int:
    """The one count axes compares with AXES_FAILURE_LIMIT: the pair's, or the address' on
    the pair's scale (it reaches the limit when the address reaches its own)."""
    per_address_scaled = (
        per_address * settings.AXES_FAILURE_LIMIT // settings.KB_LOGIN_FAILURES_PER_ADDRESS
    )
    return max(per_user_and_address, per_address_scaled)


class LoginThrottleHandler(AxesDatabaseHandler):
    """axes' database handler with a separate, larger limit for an address alone.

    Expects AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]."""

    def get_failures(self, request, credentials: dict | None = None) -> int:
        per_user_and_address, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        return counted_failures(per_user_and_address, per_address)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful login, clear that username's failures from that address only
        (axes would clear every failure of the address): a colleague logging in behind the
        same office address must not give an attacker there fresh guesses."""
        per_user_and_address = self.filter_user_attempts(request, credentials)[0]
        count, _ = per_user_and_address.delete()
        return count


def lockout_response(
    request: HttpRequest, original_response=None, credentials: dict | None = None
) -> HttpResponse:
    """The Turkish lockout page, in the admin's design, with Retry-After."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        **admin.site.each_context(request),
        "title": "Giriş geçici olarak durduruldu",
        "cooloff_minutes": minutes,
    }
    response = render(request, "admin/lockout.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response
