"""The editing workflow of a reply code, in one place: drafts, publishing, restoring.

Publishing is one explicit act. Every save from the admin's change form is a draft (the
content, the related codes and the published state), so Enter or a "Kaydet" button never
changes what readers see. Only `publish_draft` (the admin's "Yayınla", after a confirmation
page that shows the diff) makes a draft live. `restore` makes a draft from an old version,
which the editor previews and publishes: that is the undo.

The admin (kb/admin/reply_codes.py, kb/admin/history.py) and `seed_codes --update` call these
functions; tests call them directly. Every save records a reason in the history
(django-simple-history). A draft save touches only private fields, so it bumps no content
version (kb/freshness.py).
"""

from django.db import transaction
from django.utils import timezone

from kb.models import DRAFT_FIELDS, DRAFT_RELATED, DRAFT_STATE, ReplyCode
from kb.models.reply_codes import normalize_text

DRAFT_SAVED = "Taslak kaydedildi"
DRAFT_DISCARDED = "Taslak silindi"
DRAFT_PUBLISHED = "Yayınlandı"
REVIEWED = "İncelendi"


def apply_draft(reply_code: ReplyCode) -> ReplyCode:
    """Put the draft's values on this instance, in memory only (preview and editing)."""
    for name, value in (reply_code.draft or {}).items():
        if name in DRAFT_FIELDS or name == DRAFT_STATE:
            setattr(reply_code, name, value)
    reply_code.render()
    return reply_code


def draft_related(reply_code: ReplyCode) -> list[str] | None:
    """The related codes the draft holds, or None when the draft does not hold any."""
    return (reply_code.draft or {}).get(DRAFT_RELATED)


def published_related(reply_code: ReplyCode) -> list[str]:
    return sorted(reply_code.related.values_list("code", flat=True))


def save_draft(
    reply_code: ReplyCode,
    content: dict,
    related_codes: list[str],
    *,
    reason: str = DRAFT_SAVED,
    reviewed_at=None,
) -> ReplyCode:
    """Store `content` (DRAFT_FIELDS, and the published state if it holds one) and the
    related codes as the draft; nothing goes live."""
    saved = ReplyCode.objects.get(pk=reply_code.pk)
    saved.draft = {name: normalize_text(content[name]) for name in DRAFT_FIELDS}
    saved.draft[DRAFT_STATE] = bool(content.get(DRAFT_STATE, saved.is_published))
    saved.draft[DRAFT_RELATED] = sorted(related_codes)
    saved._change_reason = reason
    fields = ["draft", "version"]
    if reviewed_at is not None:
        saved.reviewed_at = reviewed_at
        fields.append("reviewed_at")
    saved.save(update_fields=fields)
    return saved


def discard_draft(reply_code: ReplyCode) -> ReplyCode:
    saved = ReplyCode.objects.get(pk=reply_code.pk)
    saved.draft = None
    saved._change_reason = DRAFT_DISCARDED
    saved.save(update_fields=["draft", "version"])
    return saved


def mark_published(reply_code: ReplyCode, user, reason: str = "") -> ReplyCode:
    """Record on the instance that its public content changes now, by `user` (None: the
    fixture); the caller saves it. A pending draft is consumed."""
    had_draft = reply_code.pk is not None and (
        ReplyCode.objects.filter(pk=reply_code.pk, draft__isnull=False).exists()
    )
    reply_code.draft = None
    reply_code.updated_at = timezone.now()
    reply_code.updated_by = user if user is not None and user.is_authenticated else None
    reply_code._change_reason = reason or (DRAFT_PUBLISHED if had_draft else "")
    return reply_code


def publish(reply_code: ReplyCode, user, reason: str = "") -> ReplyCode:
    """Save the instance as it is, live (new codes, the fixture's refresh)."""
    mark_published(reply_code, user, reason)
    reply_code.save()
    return reply_code


@transaction.atomic
def publish_draft(reply_code: ReplyCode, user) -> ReplyCode:
    """Make the draft live: its content, its related codes and its published state, as one
    new version in the history (recorded as «Yayınlandı» with the user)."""
    saved = ReplyCode.objects.select_for_update().get(pk=reply_code.pk)
    related = draft_related(saved)
    apply_draft(saved)
    mark_published(saved, user, DRAFT_PUBLISHED)
    if related is not None:
        # The related codes first, without a history row of their own: the row of the
        # save below records them with the content, as one version.
        saved.skip_history_when_saving = True
        saved.related.set(ReplyCode.objects.filter(code__in=related))
        del saved.skip_history_when_saving
    saved.save()
    return saved


def restore(reply_code: ReplyCode, record, user=None) -> ReplyCode:
    """Make a draft from an old version: its content, its related codes and its published
    state. Nothing goes live until the editor publishes the draft."""
    content = {name: getattr(record, name) for name in DRAFT_FIELDS}
    content[DRAFT_STATE] = record.is_published
    related = [row.to_replycode.code for row in record.related.select_related("to_replycode")]
    return save_draft(
        reply_code, content, related, reason=f"{record.version}. sürümden taslak oluşturuldu"
    )


def mark_reviewed(queryset) -> int:
    """Mark codes as reviewed today; a private change, so readers' pages are not refreshed."""
    today = timezone.localdate()
    count = 0
    for reply_code in queryset:
        reply_code.reviewed_at = today
        reply_code._change_reason = REVIEWED
        reply_code.save(update_fields=["reviewed_at", "version"])
        count += 1
    return count
