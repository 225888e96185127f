# The Destek group extends the search: it adds, edits and removes synonyms

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Destek"
PERMISSIONS = [
    "view_synonym",
    "add_synonym",
    "change_synonym",
    "delete_synonym",
]


def grant(apps, schema_editor):
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


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name=GROUP):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="kb", codename__in=PERMISSIONS)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0012_synonyms"),
        ("kb", "0007_support_group_feedback_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
