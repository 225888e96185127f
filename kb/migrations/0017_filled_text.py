# The customer-facing fields with the host profile's placeholders filled in (kb/placeholders.py),
# rendered at save; existing rows read their own text until they are next rendered.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kb', '0016_host_profile'),
    ]

    operations = [
        migrations.AddField(
            model_name='replycode',
            name='filled_text',
            field=models.JSONField(default=dict, editable=False),
        ),
    ]
