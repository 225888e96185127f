# The Destek group also moderates what readers send and sees what they missed:
# comments (view, approve/reject/answer, delete spam), votes and their summary,
# and searches that found nothing.

from django.db import migrations

from kb.migrations import _support_group as support_group

PERMISSIONS = [
    "view_comment",
    "change_comment",
    "delete_comment",
    "view_vote",
    "view_feedbacksummary",
    "view_searchmiss",
]


grant, revoke = support_group.granting(PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0006_comments_votes_feedback_summary"),
        ("kb", "0004_support_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
