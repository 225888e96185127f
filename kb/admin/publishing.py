"""Admin views around publishing: the preview of what is typed (the form posted here, not
saved) and the confirmation page that shows what will go live before `publish_draft`.

Publishing is one explicit act (kb/editing.py): the change form only saves drafts, its
«Yayınla» button saves the draft and opens the confirmation page below, and only that
page's button publishes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from kb import editing
from kb.admin.history import CONTENT_FIELDS, field_diffs
from kb.models import DRAFT_STATE, ReplyCode
from kb.views.pages import code_context

# Names of the change form's buttons; the preview posts everything else back.
BUTTONS = ("_save", "_continue", "_save_draft", "_publish", "_edit", "_discard_draft")


def change_url(reply_code: ReplyCode) -> str:
    return reverse("admin:kb_replycode_change", args=[reply_code.pk])


def confirm_url(reply_code: ReplyCode) -> str:
    return reverse("admin:kb_replycode_publish", args=[reply_code.pk])


@require_POST
@transaction.atomic  # the form's version check locks the row (SELECT … FOR UPDATE)
def preview_view(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    """What the editor typed, unsaved, in the public page's layout."""
    reply_code = get_object_or_404(ReplyCode, pk=object_id)
    if not model_admin.has_change_permission(request, reply_code):
        raise PermissionDenied
    form_class = model_admin.get_form(request, reply_code, change=True)
    form = form_class(request.POST, instance=reply_code)
    valid = form.is_valid()
    typed = form.instance
    typed.normalize()
    typed.render()
    related = list(form.cleaned_data.get("related") or []) if valid else []
    posted = [
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken" and name not in BUTTONS
        for value in values
    ]
    context = code_context(
        typed,
        related=related,
        comments=[],
        preview=True,
        typed_preview=True,
        preview_errors=[] if valid else [str(e) for errors in form.errors.values() for e in errors],
        posted=posted,
        back_url=change_url(reply_code),
    )
    return TemplateResponse(request, "kb/code_detail.html", context)


def publish_view(request: HttpRequest, object_id: str, *, model_admin) -> HttpResponse:
    """GET: what will go live (the draft against the published version). POST: publish."""
    reply_code = get_object_or_404(ReplyCode, pk=object_id)
    if not model_admin.has_change_permission(request, reply_code):
        raise PermissionDenied
    if reply_code.draft is None:
        messages.info(request, "Yayınlanacak bir taslak yok; herkese açık sayfa değişmedi.")
        return HttpResponseRedirect(change_url(reply_code))
    if request.method == "POST":
        if request.POST.get("version") == str(reply_code.version):
            published = editing.publish_draft(reply_code, request.user)
            messages.success(request, published_message(published))
            return HttpResponseRedirect(change_url(reply_code))
        messages.warning(
            request, "Taslak siz bu sayfayı açtıktan sonra değişti; yeni hâlini kontrol edin."
        )
    draft = editing.apply_draft(ReplyCode.objects.get(pk=reply_code.pk))
    diffs = field_diffs(
        reply_code,
        draft,
        names=CONTENT_FIELDS,
        old_related=editing.published_related(reply_code),
        new_related=editing.draft_related(reply_code),
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "title": f"{reply_code.code} yayınlansın mı?",
        "opts": ReplyCode._meta,
        "original": reply_code,
        "diffs": diffs,
        "unpublishing": reply_code.is_published and not reply_code.draft.get(DRAFT_STATE, True),
        "version": reply_code.version,
    }
    return TemplateResponse(request, "admin/kb/replycode/publish.html", context)


def published_message(reply_code: ReplyCode) -> str:
    if not reply_code.is_published:
        return "Yayından kaldırıldı; kod artık herkese açık sitede görünmüyor."
    return format_html(
        'Yayınlandı. <a href="{}">Sitede görüntüle</a>', reply_code.get_absolute_url()
    )
