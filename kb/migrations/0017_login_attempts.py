# django-axes' login records in the admin under Turkish names (proxy models, kb/models/logins.py),
# and the Destek group sees failed admin logins and unlocks a colleague (deletes the attempts):
# the support team is who a locked-out colleague calls. It cannot see successful logins.

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Destek"
PERMISSIONS = ["view_loginattempt", "delete_loginattempt"]


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
        ('axes', '0010_accessattemptexpiration'),
        ('kb', '0016_rate_limit'),
    ]

    operations = [
        migrations.CreateModel(
            name='LoginAttempt',
            fields=[
            ],
            options={
                'verbose_name': 'giriş denemesi',
                'verbose_name_plural': 'giriş denemeleri',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('axes.accessattempt',),
        ),
        migrations.CreateModel(
            name='LoginRecord',
            fields=[
            ],
            options={
                'verbose_name': 'başarılı giriş',
                'verbose_name_plural': 'başarılı girişler',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('axes.accesslog',),
        ),
        migrations.RunPython(grant, revoke),
    ]
