from http import HTTPStatus

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kb import catalog, codes, seo
from kb.models import ReplyCode

INDEX_COLUMNS = ("code", "reply_class", "title", "remedy_customer", "origin", "sort_key")


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    rows = ReplyCode.objects.published().only(*INDEX_COLUMNS)
    basic_groups, enhanced_groups = catalog.group_codes(rows)
    return render(
        request,
        "kb/index.html",
        {
            "basic_groups": basic_groups,
            "enhanced_groups": enhanced_groups,
            "meta": seo.index_meta(),
        },
    )


@require_safe
def code_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not codes.is_valid(code):
        return code_not_found(request, code)
    reply_code = (
        ReplyCode.objects.published()
        .with_neighbours()
        .with_related()
        .select_related("updated_by")
        .filter(code=code)
        .first()
    )
    if reply_code is None:
        return code_not_found(request, code)
    return render(request, "kb/code_detail.html", code_context(reply_code))


def code_context(reply_code: ReplyCode, **extra) -> dict:
    return {
        "reply_code": reply_code,
        "class_info": catalog.CLASSES[reply_code.reply_class],
        "meta": seo.code_meta(reply_code),
        **extra,
    }


@never_cache
@require_safe
def code_preview(request: HttpRequest, code: str) -> HttpResponse:
    """The draft (or an unpublished code) exactly as the public page would show it; staff only."""
    if not (request.user.is_active and request.user.has_perm("kb.view_replycode")):
        raise Http404
    reply_code = (
        ReplyCode.objects.with_related().select_related("updated_by").filter(code=code).first()
    )
    if reply_code is None:
        raise Http404
    reply_code.apply_draft()
    return render(request, "kb/code_detail.html", code_context(reply_code, preview=True))


@require_safe
def code_detail_slash(request: HttpRequest, code: str) -> HttpResponse:
    if not codes.is_valid(code):
        return code_not_found(request, code)
    return HttpResponsePermanentRedirect(ReplyCode(code=code).get_absolute_url())


def code_not_found(request: HttpRequest, code: str) -> HttpResponse:
    """A Turkish 404 that points to the nearest existing codes."""
    shown = code if len(code) <= 20 else code[:20] + "…"
    rows = ReplyCode.objects.published().only("code", "title", "reply_class", "sort_key")
    by_code = {row.code: row for row in rows}
    nearest = catalog.nearest_codes(code, list(by_code)) if len(code) <= 20 else []
    return render(
        request,
        "404.html",
        {
            "missing_code": shown,
            "suggestions": [by_code[c] for c in nearest if c in by_code],
            "valid_syntax": codes.is_valid(code),
        },
        status=HTTPStatus.NOT_FOUND,
    )


def page_not_found(request: HttpRequest, exception: Http404) -> HttpResponse:
    return render(request, "404.html", {}, status=HTTPStatus.NOT_FOUND)


@require_safe
def class_detail(request: HttpRequest, digit: str) -> HttpResponse:
    info = catalog.CLASSES[int(digit)]
    rows = ReplyCode.objects.published().filter(reply_class=info.digit).only(*INDEX_COLUMNS)
    basic_groups, enhanced_groups = catalog.group_codes(rows)
    return render(
        request,
        "kb/class_detail.html",
        {
            "info": info,
            "basic_groups": basic_groups,
            "enhanced_groups": enhanced_groups,
            "meta": seo.class_meta(info),
        },
    )


@require_safe
def subject_detail(request: HttpRequest, subject: str) -> HttpResponse:
    rows = ReplyCode.objects.published().of_subject(int(subject)).only(*INDEX_COLUMNS)
    _, enhanced_groups = catalog.group_codes(rows)
    if not enhanced_groups:
        raise Http404
    info = catalog.SUBJECTS[int(subject)]
    return render(
        request,
        "kb/subject_detail.html",
        {"subject": info, "group": enhanced_groups[0], "meta": seo.subject_meta(info)},
    )
