"""The host profile in use, and what saving it does.

`current_profile()` is this process's copy of the one HostProfile row, read again when the
content version changes (kb/freshness.py), like the search index: a page that shows the
support link costs no query of its own.

Saving the profile re-renders every code in the same transaction (`apply_profile`): their
*_html fields and `filled_text` hold the placeholders filled in (kb/placeholders.py), so the
public pages, the API and the search index show the new values, and the content version is
bumped when the transaction commits (every cached page misses at once). One bulk update, no
history row and no version bump per code: the profile's own history records the change.
"""

import logging
import threading

from django.db import transaction
from django.db.models.signals import post_save

from kb import freshness
from kb.models import RENDERED_FIELDS, HostProfile, ReplyCode

logger = logging.getLogger(__name__)

BATCH_SIZE = 100

_lock = threading.Lock()
_profile: tuple[str, HostProfile] | None = None


def current_profile() -> HostProfile:
    global _profile
    version = freshness.current()
    with _lock:
        if _profile is None or _profile[0] != version:
            _profile = (version, HostProfile.load())
        return _profile[1]


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
