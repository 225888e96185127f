# The "Destek" group exists on every install: support agents view and change codes
# and their history, but cannot delete codes or manage users.

from django.db import migrations

from kb.migrations import _support_group as support_group

PERMISSIONS = ["view_replycode", "change_replycode", "view_historicalreplycode"]


def create_support_group(apps, schema_editor):
    support_group.grant(apps, PERMISSIONS)


def remove_support_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=support_group.GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_editing_safety"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_support_group, remove_support_group)]
