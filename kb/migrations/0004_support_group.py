# The "Destek" group exists on every install: support agents view and change codes
# and their history, but cannot delete codes or manage users.

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Destek"
PERMISSIONS = ["view_replycode", "change_replycode", "view_historicalreplycode"]


def create_support_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran; create them now so the
    # group can be given them on a fresh database too.
    for app_config in apps.get_app_configs():
        # True makes create_permissions run on a migration's app state; the old value
        # comes back (None there, the real models module when tests call this directly)
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="kb", codename__in=PERMISSIONS)
    )


def remove_support_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0003_editing_safety"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_support_group, remove_support_group)]
