# A comment no longer keeps a hash of its address: the rate limit counts in kb/ratelimit.py,
# and nothing else read it (less kept about readers, one index less to write).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('kb', '0020_merge_login_attempts'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='comment',
            name='kb_comment_ip_hash_d5f558_idx',
        ),
        migrations.RemoveField(
            model_name='comment',
            name='ip_hash',
        ),
    ]
