"""What the team should look at today, for the admin's home page: comments waiting for
moderation, codes never reviewed and codes overdue for review (two different lists), the
least helpful pages, and missed searches that look like codes we lack. Each links to its
list in the admin."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from kb.models import Comment, CommentStatus, FeedbackSummary, ReplyCode, SearchMiss
from kb.smtp import codes

LEAST_HELPFUL = 5
MISSED_CODES = 5
SCANNED_MISSES = 500


@dataclass
class Dashboard:
    pending_comments: int
    never_reviewed: int
    overdue: int
    review_months: int
    least_helpful: list = field(default_factory=list)
    missed_codes: list = field(default_factory=list)
    comments_url: str = ""
    never_reviewed_url: str = ""
    overdue_url: str = ""
    feedback_url: str = ""
    misses_url: str = ""


def changelist(name: str, **query) -> str:
    url = reverse(f"admin:kb_{name}_changelist")
    return f"{url}?{urlencode(query)}" if query else url


def missed_codes(limit: int = MISSED_CODES) -> list[SearchMiss]:
    """The most frequent missed searches that are exactly a valid code we have no page for."""
    known = set(ReplyCode.objects.values_list("code", flat=True))
    found = []
    for miss in SearchMiss.objects.order_by("-count", "-last_seen")[:SCANNED_MISSES]:
        query = miss.query.strip()
        if codes.is_valid(query) and query not in known:
            miss.admin_url = changelist("searchmiss", q=query)
            found.append(miss)
            if len(found) == limit:
                break
    return found


def dashboard() -> Dashboard:
    months = settings.KB_REVIEW_MONTHS
    least_helpful = list(
        FeedbackSummary.objects.with_vote_counts()
        .filter(no_count__gt=0)
        .order_by("helpful_ratio", "-no_count", "sort_key")
        .only("code", "title")[:LEAST_HELPFUL]
    )
    for summary in least_helpful:
        summary.helpful_percent = round(summary.helpful_ratio * 100)
        summary.admin_url = changelist("feedbacksummary", q=summary.code)
    return Dashboard(
        pending_comments=Comment.objects.filter(status=CommentStatus.PENDING).count(),
        never_reviewed=ReplyCode.objects.never_reviewed().count(),
        overdue=ReplyCode.objects.overdue_for_review(months).count(),
        review_months=months,
        least_helpful=least_helpful,
        missed_codes=missed_codes(),
        comments_url=changelist("comment", status__exact=CommentStatus.PENDING),
        never_reviewed_url=changelist("replycode", inceleme="hic"),
        overdue_url=changelist("replycode", inceleme="gerekli"),
        feedback_url=changelist("feedbacksummary"),
        misses_url=changelist("searchmiss"),
    )
