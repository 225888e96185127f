"""What the admin change form of a reply code posts, for tests that edit through the admin."""

from kb.models import ReplyCode


def form_data(reply_code: ReplyCode, **changes) -> dict:
    """What the admin change form posts for this code, with some fields changed."""
    data = {
        "code": reply_code.code,
        "title": reply_code.title,
        "meaning": reply_code.meaning,
        "retry_note": reply_code.retry_note,
        "remedy_customer": reply_code.remedy_customer,
        "remedy_admin": reply_code.remedy_admin,
        "examples": reply_code.examples,
        "origin": reply_code.origin,
        "vendor": reply_code.vendor,
        "reference": reply_code.reference,
        "reviewed_at": "",
        "related": [other.pk for other in reply_code.related.all()],
        "expected_version": reply_code.version,
        "is_published": "on" if reply_code.is_published else "",
    }
    data.update(changes)
    if not data["is_published"]:
        del data["is_published"]
    return data


def change_url(reply_code: ReplyCode) -> str:
    return f"/admin/kb/replycode/{reply_code.pk}/change/"
