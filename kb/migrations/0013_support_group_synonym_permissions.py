# The Destek group extends the search: it adds, edits and removes synonyms

from django.db import migrations

from kb.migrations import _support_group as support_group

PERMISSIONS = [
    "view_synonym",
    "add_synonym",
    "change_synonym",
    "delete_synonym",
]


grant, revoke = support_group.granting(PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0012_synonyms"),
        ("kb", "0007_support_group_feedback_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
