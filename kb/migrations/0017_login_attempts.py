# django-axes' login records in the admin under Turkish names (proxy models, kb/models/logins.py),
# and the Destek group sees failed admin logins and unlocks a colleague (deletes the attempts):
# the support team is who a locked-out colleague calls. It cannot see successful logins.

from django.db import migrations

from kb.migrations import _support_group as support_group

PERMISSIONS = ["view_loginattempt", "delete_loginattempt"]


grant, revoke = support_group.granting(PERMISSIONS)


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
