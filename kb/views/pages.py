"""The public pages: the index, one page per code, class and subject pages, the staff
preview and the Turkish 404. Every page's title, breadcrumbs and link-preview data come
from kb/meta.py; templates get everything ready to print (HTML rendered at save)."""

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from http import HTTPStatus

from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from kb import editing, freshness, meta, page_data
from kb.forms import CommentForm
from kb.models import ReplyCode
from kb.smtp import codes
from kb.smtp.domaincheck.codes import focus_of
from kb.views import feedback

# What customers get first: failures, then client-side errors, then what is not an error.
CLASS_ORDER = (4, 5, 0, 1, 2, 3)  # 0: the dotless numbers (kb.smtp.codes.DOTLESS)
CARD_SAMPLE = 6


@dataclass
class Group:
    key: str  # anchor id, e.g. "sinif-4xx" or "konu-x7x"
    title: str
    info: codes.ClassInfo | None = None
    subject: int | None = None
    rows: list = field(default_factory=list)
    table: str = ""  # includes/_code_table.html for these rows


def group_codes(rows: Iterable[ReplyCode]) -> tuple[list[Group], list[Group]]:
    """Split codes (already in sort order) into basic groups by class and enhanced groups
    by subject."""
    basic: dict[int, Group] = {}
    enhanced: dict[int, Group] = {}
    for row in rows:
        subject = codes.subject_of(row.code)
        if subject is None:
            info = row.class_info
            title = info.name if info is codes.DOTLESS else f"{info.slug}: {info.name}"
            group = basic.setdefault(info.digit, Group(f"sinif-{info.slug}", title, info))
        else:
            name = codes.SUBJECTS[subject].name
            group = enhanced.setdefault(
                subject, Group(f"konu-x{subject}x", f"X.{subject}.X: {name}", subject=subject)
            )
        group.rows.append(row)
    return (
        [basic[key] for key in sorted(basic, key=CLASS_ORDER.index)],
        [enhanced[key] for key in sorted(enhanced)],
    )


def with_tables(version: str, groups: list[Group]) -> list[Group]:
    for group in groups:
        group.table = page_data.code_table(version, group)
    return groups


@dataclass
class SubjectCard:
    """An enhanced-code subject on the index: a link to its page, not 180 rows."""

    subject: codes.SubjectInfo
    url: str
    count: int
    sample: list[str]


def subject_cards(groups: list[Group]) -> list[SubjectCard]:
    return [
        SubjectCard(
            codes.SUBJECTS[group.subject],
            reverse("kb:subject_detail", kwargs={"subject": group.subject}),
            len(group.rows),
            [row.code for row in group.rows[:CARD_SAMPLE]],
        )
        for group in groups
    ]


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    version = freshness.current()
    basic_groups, enhanced_groups = group_codes(page_data.listing(version))
    context = {
        "basic_groups": with_tables(version, basic_groups),
        "subject_cards": subject_cards(enhanced_groups),
        "meta": meta.index_meta(),
    }
    return render(request, "kb/index.html", context)


@require_safe
def code_detail(request: HttpRequest, code: str) -> HttpResponse:
    if not codes.is_valid(code):
        return code_not_found(request, code)
    version = freshness.current()
    page = page_data.code_page(version, code)
    if page is None:
        if range_page := ReplyCode.objects.published().range_containing(code):
            return HttpResponsePermanentRedirect(range_page.get_absolute_url())
        return code_not_found(request, code)
    context = code_context(page.reply_code, page, **feedback.vote_feedback(request))
    for part in ("body", "tail"):  # the same for every visitor: rendered once per version
        template = f"includes/_code_{part}.html"
        context[f"{part}_html"] = page_data.kept(
            (version, template, code),
            lambda template=template: render_to_string(template, context, request),
        )
    return render(request, "kb/code_detail.html", context)


def code_context(reply_code: ReplyCode, page: page_data.CodePage | None = None, **extra) -> dict:
    page = page or page_data.page_of(reply_code)
    return {
        "reply_code": reply_code,
        "class_info": reply_code.class_info,
        "related": page.related,
        "responses": page.responses,
        "comments": page.comments,
        "comment_form": CommentForm(),
        "blank_comment_fields": blank_comment_fields(),
        "meta": meta.code_meta(reply_code),
        "domain_check": focus_of(reply_code.code),
        **extra,
    }


@functools.cache
def blank_comment_fields() -> str:
    """The empty comment form's fields are the same on every code page: rendered once."""
    return render_to_string("includes/_comment_fields.html", {"form": CommentForm()})


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
    editing.apply_draft(reply_code)
    return render(request, "kb/code_detail.html", code_context(reply_code, preview=True))


@require_safe
def code_detail_slash(request: HttpRequest, code: str) -> HttpResponse:
    if not codes.is_valid(code):
        return code_not_found(request, code)
    return HttpResponsePermanentRedirect(ReplyCode(code=code).get_absolute_url())


def code_not_found(request: HttpRequest, code: str) -> HttpResponse:
    """A Turkish 404 that points to the nearest existing codes."""
    shown = code if len(code) <= 20 else code[:20] + "…"
    by_code = {row.code: row for row in page_data.listing(freshness.current())}
    nearest = codes.nearest_codes(code, list(by_code)) if len(code) <= 20 else []
    context = {
        "missing_code": shown,
        "suggestions": [by_code[c] for c in nearest],
        "problem": codes.problem_with(code),
    }
    return render(request, "404.html", context, status=HTTPStatus.NOT_FOUND)


def page_not_found(request: HttpRequest, exception: Http404) -> HttpResponse:
    return render(request, "404.html", {}, status=HTTPStatus.NOT_FOUND)


@require_safe
def class_detail(request: HttpRequest, digit: str) -> HttpResponse:
    info = codes.CLASSES[int(digit)]
    version = freshness.current()
    rows = [row for row in page_data.listing(version) if row.reply_class == info.digit]
    basic_groups, enhanced_groups = group_codes(rows)
    context = {
        "info": info,
        "basic_groups": with_tables(version, basic_groups),
        "enhanced_groups": with_tables(version, enhanced_groups),
        "meta": meta.class_meta(info),
    }
    return render(request, "kb/class_detail.html", context)


@require_safe
def subject_detail(request: HttpRequest, subject: str) -> HttpResponse:
    prefix = codes.subject_sort_prefix(int(subject))
    version = freshness.current()
    rows = [row for row in page_data.listing(version) if row.sort_key.startswith(prefix)]
    enhanced_groups = with_tables(version, group_codes(rows)[1])
    if not enhanced_groups:
        raise Http404
    info = codes.SUBJECTS[int(subject)]
    context = {"subject": info, "group": enhanced_groups[0], "meta": meta.subject_meta(info)}
    return render(request, "kb/subject_detail.html", context)
