"""The editing workflow of a reply code, in one place: drafts, publishing, restoring.

The admin (kb/admin/reply_codes.py, kb/admin/history.py) and `seed_codes --update` call these
functions; tests call them directly. Every save records a reason in the history
(django-simple-history). What readers see changes only through `publish` and `restore`;
a draft save touches only private fields, so it bumps no content version (kb/freshness.py).
"""

from django.db import transaction
from django.utils import timezone

from kb.models import DRAFT_FIELDS, DRAFT_RELATED, ReplyCode

DRAFT_SAVED = "Taslak kaydedildi"
DRAFT_DISCARDED = "Taslak silindi"
DRAFT_PUBLISHED = "Taslak yayınlandı"
REVIEWED = "İncelendi"


def apply_draft(reply_code: ReplyCode) -> ReplyCode:
    """Put the draft's values on this instance, in memory only (preview and editing)."""
    for name, value in (reply_code.draft or {}).items():
        if name in DRAFT_FIELDS:
            setattr(reply_code, name, value)
    reply_code.render()
    return reply_code


def draft_related(reply_code: ReplyCode) -> list[str] | None:
    """The related codes the draft holds, or None when the draft does not hold any."""
    return (reply_code.draft or {}).get(DRAFT_RELATED)


def save_draft(reply_code: ReplyCode, content: dict, related_codes: list[str]) -> ReplyCode:
    """Store `content` (DRAFT_FIELDS) and the related codes as the draft; nothing goes live."""
    saved = ReplyCode.objects.get(pk=reply_code.pk)
    saved.draft = {name: content[name] for name in DRAFT_FIELDS}
    saved.draft[DRAFT_RELATED] = sorted(related_codes)
    saved._change_reason = DRAFT_SAVED
    saved.save(update_fields=["draft", "version"])
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
    mark_published(reply_code, user, reason)
    reply_code.save()
    return reply_code


@transaction.atomic
def restore(reply_code: ReplyCode, record, user) -> ReplyCode:
    """Make an old version live again: its content, its related codes and its published
    state. The restore is itself a new version in the history."""
    for name in (*DRAFT_FIELDS, "is_published"):
        setattr(reply_code, name, getattr(record, name))
    publish(reply_code, user, f"{record.version}. sürüme geri dönüldü")
    reply_code.related.set([row.to_replycode_id for row in record.related.all()])
    return reply_code


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
