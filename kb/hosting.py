"""What saving the host profile does.

Saving the profile re-renders every code (and provider response) in the same transaction (`apply_profile`): their
*_html fields and `filled_text` hold the placeholders filled in (kb/placeholders.py), so the
public pages, the API and the search index show the new values, and the content version is
bumped when the transaction commits (every cached page misses at once). One bulk update, no
history row and no version bump per code: the profile's own history records the change.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_save

from kb import freshness
from kb.models import PLACEHOLDER_FIELDS, RENDERED_FIELDS, HostProfile, ProviderResponse, ReplyCode
from kb.models.providers import RESPONSE_PLACEHOLDER_FIELDS, RESPONSE_RENDERED

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


def uses_placeholders(row, fields: tuple[str, ...]) -> bool:
    """Whether the row's text may hold a placeholder (a brace); the others render the same
    whatever the profile says, so they are left alone."""
    return any("{" in getattr(row, name) for name in fields)


@transaction.atomic
def apply_profile(profile: HostProfile) -> int:
    """Re-render, with this profile's values, every code and provider response whose text
    holds a placeholder; returns how many rows changed."""
    rows = [row for row in ReplyCode.objects.all() if uses_placeholders(row, PLACEHOLDER_FIELDS)]
    for row in rows:
        row.render(profile.placeholders(row.code))
    ReplyCode.objects.bulk_update(rows, RENDERED_FIELDS, batch_size=BATCH_SIZE)
    responses = [
        response
        for response in ProviderResponse.objects.select_related("page")
        if uses_placeholders(response, RESPONSE_PLACEHOLDER_FIELDS)
    ]
    for response in responses:
        response.render(profile.placeholders(response.page.code))
    ProviderResponse.objects.bulk_update(
        responses, list(RESPONSE_RENDERED.values()), batch_size=BATCH_SIZE
    )
    freshness.changed()
    logger.info("Host profile applied to %d codes, %d responses", len(rows), len(responses))
    return len(rows) + len(responses)


def _on_profile_save(sender, instance: HostProfile, raw=False, **kwargs) -> None:
    if not raw:
        instance.applied_count = apply_profile(instance)


def connect_signals() -> None:
    post_save.connect(_on_profile_save, sender=HostProfile, dispatch_uid="kb.hosting.save")
