# The Destek group may view the host profile (to read our settings to a customer) but not
# change it: changing it rewrites every page, which is for superusers or a user given
# kb.change_hostprofile by hand (kb/admin/host_profile.py).

from django.db import migrations

from kb.migrations import _support_group as support_group

PERMISSIONS = ["view_hostprofile"]


grant, revoke = support_group.granting(PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0017_filled_text"),
        ("kb", "0013_support_group_synonym_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
