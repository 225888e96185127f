"""What saving the host profile does.

Saving the profile re-renders, in the same transaction (`apply_profile`), every code and
provider response whose text uses a placeholder: their *_html fields (and a code's
`filled_text`) hold the placeholders filled in (kb/placeholders.py), so the
public pages, the API and the search index show the new values, and the content version is
bumped when the transaction commits (every cached page misses at once). One bulk update, no
history row and no version bump per code: the profile's own history records the change.
"""

import logging

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_save

from kb import freshness, placeholders
from kb.models import PLACEHOLDER_FIELDS, RENDERED_FIELDS, HostProfile, ProviderResponse, ReplyCode
from kb.models.providers import RESPONSE_PLACEHOLDER_FIELDS, RESPONSE_RENDERED

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


def using_placeholders(rows, fields: tuple[str, ...]) -> list:
    """The rows whose text names a placeholder; the others render the same whatever the
    profile says, so they are left alone. The database picks the rows with a brace."""
    has_brace = Q()
    for name in fields:
        has_brace |= Q(**{f"{name}__contains": "{"})
    return [
        row
        for row in rows.filter(has_brace)
        if placeholders.uses_any(*(getattr(row, name) for name in fields))
    ]


@transaction.atomic
def apply_profile(profile: HostProfile) -> int:
    """Re-render, with this profile's values, every code and provider response whose text
    names a placeholder; returns how many rows it rendered again."""
    rows = using_placeholders(ReplyCode.objects.all(), PLACEHOLDER_FIELDS)
    for row in rows:
        row.render(profile.placeholders(row.code))
    ReplyCode.objects.bulk_update(rows, RENDERED_FIELDS, batch_size=BATCH_SIZE)
    responses = using_placeholders(
        ProviderResponse.objects.select_related("page"), RESPONSE_PLACEHOLDER_FIELDS
    )
    for response in responses:
        response.render_html(profile.placeholders(response.page.code))
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
