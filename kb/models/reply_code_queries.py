"""The reply codes' QuerySet: every query the views and the admin run by name."""

from django.db.models import Prefetch, Q
from django.utils import timezone

from kb.models.fields import NaturalKeyQuerySet
from kb.smtp import codes


def review_cutoff(months: int):
    today = timezone.localdate()
    month_index = today.year * 12 + today.month - 1 - months
    year, month = divmod(month_index, 12)
    return today.replace(year=year, month=month + 1, day=min(today.day, 28))


class ReplyCodeQuerySet(NaturalKeyQuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_related(self):
        """Prefetch the published related codes (one query for all rows)."""
        published = self.model.objects.published().only("code", "title", "reply_class")
        return self.prefetch_related(Prefetch("related", queryset=published))

    def due_for_review(self, months: int):
        """Codes never reviewed, or last reviewed more than `months` months ago."""
        return self.filter(Q(reviewed_at__isnull=True) | Q(reviewed_at__lt=review_cutoff(months)))

    def never_reviewed(self):
        return self.filter(reviewed_at__isnull=True)

    def overdue_for_review(self, months: int):
        """Codes reviewed once, but more than `months` months ago (never reviewed is
        another list: `never_reviewed`)."""
        return self.filter(reviewed_at__lt=review_cutoff(months))

    def of_subject(self, subject: int):
        """Enhanced codes X.<subject>.Y of every class."""
        return self.filter(sort_key__startswith=codes.subject_sort_prefix(subject))

    def range_containing(self, code: str):
        """The range page (5.7.606-649) that a code without a page of its own (5.7.620)
        belongs to, or None."""
        subject = codes.subject_of(code)
        if subject is None or not codes.is_enhanced(code):
            return None
        ranges = self.of_subject(subject).filter(code__contains="-").only("code")
        return next((row for row in ranges if codes.range_contains(row.code, code)), None)
