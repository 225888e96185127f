"""Read-only JSON API for support tooling (ticket systems, mail dashboards).

Text fields are the Markdown source staff wrote, with the host profile's placeholders
(`{smtp_host}`…) filled in: `ReplyCode.filled_text`, computed at save, so no work per request. `<`, `>` and `&` are escaped as
\\u003c, \\u003e and \\u0026: the data is unchanged for any JSON parser, but a
payload typed into the admin can never be sniffed as HTML.
"""

from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from kb import freshness, page_data
from kb.meta import absolute
from kb.models import ReplyCode
from kb.rendering import html_safe_json
from kb.smtp import codes


def json_response(data: object, status: int = HTTPStatus.OK) -> HttpResponse:
    return HttpResponse(
        html_safe_json(data, indent=2),
        status=status,
        content_type="application/json; charset=utf-8",
    )


def code_kind(code: str) -> str:
    if codes.is_range(code):
        return "range"
    return "enhanced" if codes.is_enhanced(code) else "basic"


def code_as_json(reply_code: ReplyCode) -> dict:
    filled = reply_code.filled
    return {
        "code": reply_code.code,
        "kind": code_kind(reply_code.code),
        "class": reply_code.reply_class,
        "severity": reply_code.class_info.severity,
        "title": reply_code.title,
        "summary": filled["summary"],
        "self_heals": reply_code.self_heals,
        "self_heals_note": filled["self_heals_note"],
        "delay_note": filled["delay_note"],
        "who_acts": reply_code.who_acts,
        "who_acts_note": filled["who_acts_note"],
        "first_steps": filled["first_steps"],
        "meaning": reply_code.meaning,
        "retry_note": filled["retry_note"],
        "remedy_customer": filled["remedy_customer"],
        "remedy_admin": filled["remedy_admin"],
        "examples": [
            {"provider": example.provider, "text": example.text}
            for example in reply_code.example_list
        ],
        "origin": reply_code.origin,
        "vendor": reply_code.vendor,
        "reference": reply_code.reference,
        "related": [
            {
                "code": other.code,
                "title": other.title,
                "url": absolute(other.get_absolute_url()),
            }
            for other in reply_code.related.all()
        ],
        "url": absolute(reply_code.get_absolute_url()),
        "updated_at": reply_code.updated_at.isoformat(),
    }


@require_safe
def code_detail(request: HttpRequest, code: str) -> HttpResponse:
    reply_code = None
    if codes.is_valid(code):
        reply_code = ReplyCode.objects.published().with_related().filter(code=code).first()
    if reply_code is None:
        return json_response(
            {"error": "not_found", "message": f"«{code[:20]}» kodu bulunamadı."},
            status=HTTPStatus.NOT_FOUND,
        )
    return json_response(code_as_json(reply_code))


@require_safe
def code_list(request: HttpRequest) -> HttpResponse:
    version = freshness.current()
    return HttpResponse(
        page_data.kept((version, "api-list"), lambda: code_list_json(version)),
        content_type="application/json; charset=utf-8",
    )


def code_list_json(version: str) -> str:
    rows = [
        {
            "code": row.code,
            "title": row.title,
            "class": row.reply_class,
            "url": absolute(row.get_absolute_url()),
        }
        for row in page_data.listing(version)
    ]
    return html_safe_json({"codes": rows}, indent=2)
