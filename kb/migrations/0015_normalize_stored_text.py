# Stored text has LF line endings and no trailing spaces (kb/smtp/text.py normalize_newlines),
# like every save from now on; rows edited through a browser before held CRLF, which made
# every later save look like a change of every text field. History rows are left as they were.

from django.db import migrations

from kb.smtp.text import normalize_newlines

TEXT_FIELDS = [
    "code",
    "title",
    "summary",
    "self_heals_note",
    "delay_note",
    "who_acts_note",
    "first_steps",
    "meaning",
    "retry_note",
    "remedy_customer",
    "remedy_admin",
    "examples",
    "vendor",
    "reference",
]


def normalize(value):
    return normalize_newlines(value) if isinstance(value, str) else value


def normalize_rows(apps, schema_editor):
    ReplyCode = apps.get_model("kb", "ReplyCode")
    for row in ReplyCode.objects.all():
        changed = [
            name for name in TEXT_FIELDS if normalize(getattr(row, name)) != getattr(row, name)
        ]
        draft = row.draft
        if draft:
            clean = {key: normalize(value) for key, value in draft.items()}
            if clean != draft:
                row.draft = clean
                changed.append("draft")
        if changed:
            for name in changed:
                if name != "draft":
                    setattr(row, name, normalize(getattr(row, name)))
            # A queryset update: no history row, no version bump, no signal.
            ReplyCode.objects.filter(pk=row.pk).update(
                **{name: getattr(row, name) for name in changed}
            )


class Migration(migrations.Migration):
    dependencies = [("kb", "0014_turkish_capitals")]

    operations = [migrations.RunPython(normalize_rows, migrations.RunPython.noop)]
