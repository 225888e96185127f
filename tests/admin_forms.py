"""What the admin change form of a reply code posts, for tests that edit through the admin."""

from kb.models import ReplyCode


def form_data(reply_code: ReplyCode, **changes) -> dict:
    """What the admin change form posts for this code, with some fields changed."""
    data = {
        "code": reply_code.code,
        "title": reply_code.title,
        "summary": reply_code.summary,
        "self_heals": "on" if reply_code.self_heals else "",
        "self_heals_note": reply_code.self_heals_note,
        "delay_note": reply_code.delay_note,
        "who_acts": list(reply_code.who_acts),
        "who_acts_note": reply_code.who_acts_note,
        "first_steps": reply_code.first_steps,
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
    for checkbox in ("is_published", "self_heals"):
        if not data[checkbox]:
            del data[checkbox]
    return data


def change_url(reply_code: ReplyCode) -> str:
    return f"/admin/kb/replycode/{reply_code.pk}/change/"


def publish_url(reply_code: ReplyCode) -> str:
    return f"/admin/kb/replycode/{reply_code.pk}/yayinla/"


def edit_and_publish(client, reply_code: ReplyCode, **changes):
    """Save the edit through the change form (a draft), then confirm «Yayınla»."""
    reply_code.refresh_from_db()
    response = client.post(change_url(reply_code), form_data(reply_code, **changes))
    version = ReplyCode.objects.get(pk=reply_code.pk).version
    client.post(publish_url(reply_code), {"version": version})
    return response
