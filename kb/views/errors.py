"""The Turkish error answers: 400, 403 (the CSRF failure too), 404, 405, 413 and 500.

These are plain views. Django's own handlers carry `requires_csrf_token`, which runs the CSRF
check again and so re-reads a body that has just failed to parse (an unknown charset raised
a second time inside the handler ended in gunicorn's raw 500). Nothing here touches
request.POST, request.body or request.get_host(): the request may be the broken one.

Under /api/ every answer is JSON, `{"error": <code>, "message": <Turkish text>}`, like the
API's own errors (kb/views/api.py).
"""

from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

from kb.views import pages
from kb.views.api import json_response

API_PREFIX = "/api/"
BAD_REQUEST = "İstek anlaşılamadı: gönderilen veri bozuk ya da eksik."
TOO_LARGE = "Gönderilen veri {limit_mb} MB sınırını aşıyor."
METHOD_NOT_ALLOWED = "Bu adres {method} isteği kabul etmiyor; kabul edilenler: {allowed}."
API_NOT_FOUND = (
    "Bu adreste bir API yok. Kullanılabilen adresler: /api/kod/, /api/kod/<kod>, /api/coz."
)
FORBIDDEN = "Bu işlem için izniniz yok."
CSRF_FAILED = (
    "İsteğin güvenlik doğrulaması geçmedi; bu adres yalnızca okuma isteklerini kabul eder."
)
SERVER_ERROR = "Beklenmeyen bir hata oluştu; birkaç dakika sonra yeniden deneyin."


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def limit_mb() -> str:
    return f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):.1f}".replace(".", ",")


def api_error(status: HTTPStatus, error: str, message: str) -> HttpResponse:
    """The JSON twin of an error page: a stable key and the Turkish sentence."""
    return json_response({"error": error, "message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None, message: str = ""):
    if isinstance(exception, RequestDataTooBig):
        return too_large(request)
    if is_api(request):
        return api_error(HTTPStatus.BAD_REQUEST, "bad_request", message or BAD_REQUEST)
    return render(request, "400.html", {"message": message}, status=HTTPStatus.BAD_REQUEST)


def too_large(request: HttpRequest) -> HttpResponse:
    status = HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    if is_api(request):
        return api_error(status, "too_large", TOO_LARGE.format(limit_mb=limit_mb()))
    return render(request, "413.html", {"limit_mb": limit_mb()}, status=status)


def permission_denied(request: HttpRequest, exception: Exception | None = None):
    if is_api(request):
        return api_error(HTTPStatus.FORBIDDEN, "forbidden", FORBIDDEN)
    return render(request, "403.html", {}, status=HTTPStatus.FORBIDDEN)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the form's security check failed (expired page, blocked cookies).
    Django has already logged the reason (django.security.csrf)."""
    if is_api(request):
        return api_error(HTTPStatus.FORBIDDEN, "forbidden", CSRF_FAILED)
    return render(request, "403_csrf.html", {}, status=HTTPStatus.FORBIDDEN)


def page_not_found(request: HttpRequest, exception: Http404 | None = None) -> HttpResponse:
    if is_api(request):
        return api_error(HTTPStatus.NOT_FOUND, "not_found", API_NOT_FOUND)
    return pages.page_not_found(request, exception)


def method_not_allowed(request: HttpRequest, allowed: str) -> HttpResponse:
    """The body of a 405 (Django's is empty); the `Allow` header is the caller's."""
    method = (request.method or "")[:20]
    status = HTTPStatus.METHOD_NOT_ALLOWED
    if is_api(request):
        message = METHOD_NOT_ALLOWED.format(method=method, allowed=allowed)
        return api_error(status, "method_not_allowed", message)
    return render(request, "405.html", {"method": method, "allowed": allowed}, status=status)


def server_error(request: HttpRequest) -> HttpResponse:
    """500.html stands alone (no context, no static files): it must render whatever broke."""
    if is_api(request):
        return api_error(HTTPStatus.INTERNAL_SERVER_ERROR, "server_error", SERVER_ERROR)
    return HttpResponseServerError(loader.get_template("500.html").render())
