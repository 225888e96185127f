"""Admin views over a code's history: the list of versions, a readable diff between
any two, and restoring an earlier version (kb/editing.py's `restore`).

django-simple-history records a full row for every save (who, when, what), and the related
codes with it, so a version can be read and compared with the ORM; restoring is itself a
new history entry.
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from kb import editing
from kb.models import DRAFT_FIELDS, DRAFT_RELATED, ReplyCode
from kb.models.reply_codes import normalize_text
from kb.smtp.text import capfirst_tr

# What readers see; the draft itself is described apart ("Taslak: başlık").
CONTENT_FIELDS = ("is_published", *DRAFT_FIELDS)
COMPARED_FIELDS = ("code", *CONTENT_FIELDS, "reviewed_at")
RELATED_LABEL = "İlgili kodlar"
HISTORY_TYPES = {"+": "Oluşturuldu", "~": "Değiştirildi", "-": "Silindi"}


@dataclass
class FieldDiff:
    label: str
    old: SafeString
    new: SafeString


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts, escaped, with removed words in <del> and added words in <ins>."""
    old_words, new_words = re.split(r"(\s+)", old), re.split(r"(\s+)", new)
    old_out, new_out = [], []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        before, after = escape("".join(old_words[i1:i2])), escape("".join(new_words[j1:j2]))
        if tag == "equal":
            old_out.append(before)
            new_out.append(after)
            continue
        if before:
            old_out.append(f"<del>{before}</del>")
        if after:
            new_out.append(f"<ins>{after}</ins>")
    return mark_safe("".join(old_out)), mark_safe("".join(new_out))  # every piece escaped above


def field_diffs(
    old_record, new_record, names=COMPARED_FIELDS, old_related=None, new_related=None
) -> list[FieldDiff]:
    """The fields whose content differs, the related codes included. Records are history
    rows or ReplyCode instances; text is compared as stored (normalized at save)."""
    diffs = []
    for name in names:
        old, new = getattr(old_record, name), getattr(new_record, name)
        if normalize_text(old) == normalize_text(new):
            continue
        old_html, new_html = word_diff(display(old), display(new))
        diffs.append(FieldDiff(label_of(name), old_html, new_html))
    old_related = related_of(old_record) if old_related is None else sorted(old_related)
    new_related = related_of(new_record) if new_related is None else sorted(new_related)
    if old_related != new_related:
        old_html, new_html = word_diff(" ".join(old_related), " ".join(new_related))
        diffs.append(FieldDiff(RELATED_LABEL, old_html, new_html))
    return diffs


def label_of(name: str) -> str:
    label = str(ReplyCode._meta.get_field(name).verbose_name)
    return capfirst_tr(label)


def related_of(record) -> list[str]:
    if isinstance(record, ReplyCode):
        return sorted(record.related.values_list("code", flat=True))
    return sorted(row.to_replycode.code for row in record.related.select_related("to_replycode"))


def draft_changes(record) -> list[str]:
    """Labels of what a version's draft would change in its published content."""
    draft = record.draft or {}
    labels = [
        label_of(name)
        for name in CONTENT_FIELDS
        if name in draft and normalize_text(draft[name]) != normalize_text(getattr(record, name))
    ]
    if DRAFT_RELATED in draft and sorted(draft[DRAFT_RELATED]) != related_of(record):
        labels.append(RELATED_LABEL)
    return labels


def display(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "Evet" if value else "Hayır"
    if isinstance(value, dict):
        return "\n".join(f"{key}: {text}" for key, text in value.items())
    return str(value)


def describe(record) -> str:
    user = record.history_user
    name = (user.get_full_name() or user.get_username()) if user else "sistem (fixture)"
    return f"Sürüm {record.version} · {name}"


def history_view(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    reply_code = get_object_or_404(ReplyCode, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, reply_code):
        raise PermissionDenied
    records = list(reply_code.history.select_related("history_user").order_by("-history_date"))
    rows = []
    for record, previous in zip(records, records[1:] + [None], strict=True):
        changes = field_diffs(previous, record) if previous is not None else []
        changed = [change.label for change in changes]
        if record.draft and (previous is None or previous.draft != record.draft):
            changed.append("Taslak: " + (", ".join(draft_changes(record)) or "değişiklik yok"))
        rows.append(
            {
                "record": record,
                "type": HISTORY_TYPES.get(record.history_type, record.history_type),
                "changed": ", ".join(changed),
                "previous": previous,
            }
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{reply_code.code} sürüm geçmişi",
        "opts": ReplyCode._meta,
        "original": reply_code,
        "rows": rows,
        "can_restore": model_admin.has_change_permission(request, reply_code),
    }
    return TemplateResponse(request, "admin/kb/replycode/history.html", context)


def compare_view(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    reply_code = get_object_or_404(ReplyCode, pk=object_id)
    if not model_admin.has_view_or_change_permission(request, reply_code):
        raise PermissionDenied
    try:
        ids = sorted({int(request.GET["a"]), int(request.GET["b"])})
    except (KeyError, ValueError):
        raise Http404("İki sürüm seçin.") from None
    records = {r.history_id: r for r in reply_code.history.filter(history_id__in=ids)}
    if len(records) != 2:
        raise Http404("Sürüm bulunamadı.")
    old, new = (records[i] for i in ids)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{reply_code.code}: {describe(old)} ile {describe(new)} karşılaştırması",
        "opts": ReplyCode._meta,
        "original": reply_code,
        "old": old,
        "new": new,
        "diffs": field_diffs(old, new),
    }
    return TemplateResponse(request, "admin/kb/replycode/compare.html", context)


@require_POST
def restore_view(request: HttpRequest, object_id: str, history_id: int, *, model_admin):
    reply_code = get_object_or_404(ReplyCode, pk=object_id)
    if not model_admin.has_change_permission(request, reply_code):
        raise PermissionDenied
    record = get_object_or_404(reply_code.history, history_id=history_id)
    editing.restore(reply_code, record, request.user)
    messages.success(
        request,
        f"{record.version}. sürümden taslak oluşturuldu (içerik, ilgili kodlar ve yayın "
        "durumu); herkese açık sayfa değişmedi. Önizleyin, sonra «Yayınla» ile yayınlayın.",
    )
    return HttpResponseRedirect(reverse("admin:kb_replycode_change", args=[reply_code.pk]))
