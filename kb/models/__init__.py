"""The models of the kb app, one module per family; import them from here."""

from kb.models.feedback import Comment, CommentStatus, FeedbackSummary, Vote
from kb.models.fields import MARKDOWN_HELP
from kb.models.host_profile import HostProfile, Panel
from kb.models.logins import LoginAttempt, LoginRecord
from kb.models.providers import Provider, ProviderKind, ProviderResponse
from kb.models.ratelimit import RateLimitBucket
from kb.models.reply_codes import (
    DRAFT_FIELDS,
    DRAFT_RELATED,
    DRAFT_STATE,
    PLACEHOLDER_FIELDS,
    PRIVATE_FIELDS,
    RENDERED_FIELDS,
    SUMMARY_FIELDS,
    Example,
    Origin,
    ReplyCode,
    ReplyCodeQuerySet,
)
from kb.models.searches import SearchMiss, Synonym

__all__ = [
    "DRAFT_FIELDS",
    "DRAFT_RELATED",
    "DRAFT_STATE",
    "MARKDOWN_HELP",
    "PLACEHOLDER_FIELDS",
    "PRIVATE_FIELDS",
    "RENDERED_FIELDS",
    "SUMMARY_FIELDS",
    "Comment",
    "CommentStatus",
    "Example",
    "FeedbackSummary",
    "HostProfile",
    "LoginAttempt",
    "LoginRecord",
    "Origin",
    "Panel",
    "Provider",
    "ProviderKind",
    "ProviderResponse",
    "RateLimitBucket",
    "ReplyCode",
    "ReplyCodeQuerySet",
    "SearchMiss",
    "Synonym",
    "Vote",
]
