"""The models of the kb app, split by responsibility; import them from here."""

from kb.models.feedback import Comment, CommentStatus, FeedbackSummary, Vote
from kb.models.reply_codes import (
    DRAFT_FIELDS,
    DRAFT_RELATED,
    MARKDOWN_HELP,
    Example,
    Origin,
    ReplyClass,
    ReplyCode,
    ReplyCodeQuerySet,
    SearchMiss,
)

__all__ = [
    "DRAFT_FIELDS",
    "DRAFT_RELATED",
    "MARKDOWN_HELP",
    "Comment",
    "CommentStatus",
    "Example",
    "FeedbackSummary",
    "Origin",
    "ReplyClass",
    "ReplyCode",
    "ReplyCodeQuerySet",
    "SearchMiss",
    "Vote",
]
