"""What saving the host profile does.

Saving the profile re-renders every code in the same transaction (`apply_profile`): their
*_html fields and `filled_text` hold the placeholders filled in (kb/placeholders.py), so the
public pages, the API and the search index show the new values, and the content version is
bumped when the transaction commits (every cached page misses at once). One bulk update, no
history row and no version bump per code: the profile's own history records the change.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save

from kb import freshness
from kb.models import RENDERED_FIELDS, HostProfile, ReplyCode

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


@transaction.atomic
def apply_profile(profile: HostProfile) -> int:
    """Re-render every code with this profile's values; returns how many."""
    rows = list(ReplyCode.objects.all())
    for row in rows:
        row.render(profile.placeholders(row.code))
    ReplyCode.objects.bulk_update(rows, RENDERED_FIELDS, batch_size=BATCH_SIZE)
    freshness.changed()
    logger.info("Host profile applied to %d codes", len(rows))
    return len(rows)


def _on_profile_save(sender, instance: HostProfile, raw=False, **kwargs) -> None:
    if not raw:
        apply_profile(instance)


def connect_signals() -> None:
    post_save.connect(_on_profile_save, sender=HostProfile, dispatch_uid="kb.hosting.save")
