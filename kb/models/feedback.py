"""Readers' feedback: comments ("Yorum Yap") and "Bu sayfa işinize yaradı mı?" votes."""

from django.db import models
from django.db.models.functions import Cast

from kb.models.fields import RenderedAtSave, markdown, rendered_html
from kb.models.reply_codes import ReplyCode, ReplyCodeQuerySet
from kb.rendering import render_markdown


class CommentStatus(models.TextChoices):
    PENDING = "pending", "Onay bekliyor"
    APPROVED = "approved", "Onaylandı"
    REJECTED = "rejected", "Reddedildi"


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED).order_by("created_at", "pk")


class Comment(RenderedAtSave):
    """A reader's comment under a code page. Shown only after staff approve it."""

    reply_code = models.ForeignKey(
        ReplyCode, on_delete=models.CASCADE, related_name="comments", verbose_name="kod"
    )
    name = models.CharField("ad", max_length=60)
    email = models.EmailField("e-posta", blank=True, help_text="Yayınlanmaz.")
    body = models.TextField("yorum")
    status = models.CharField(
        "durum", max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    answer = markdown(
        "Destek Ekibi yanıtı",
        blank=True,
        help_text="Yorumun altında «Destek Ekibi yanıtı» olarak gösterilir.",
    )
    answer_html = rendered_html()
    answered_at = models.DateTimeField("yanıt tarihi", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("gönderilme", auto_now_add=True)

    objects = CommentQuerySet.as_manager()
    rendered_fields = ("answer_html",)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "yorum"
        verbose_name_plural = "yorumlar"
        indexes = [
            models.Index(fields=["reply_code", "status", "created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.body[:40]}"

    def render(self) -> None:
        self.answer_html = render_markdown(self.answer)

    def get_absolute_url(self) -> str:
        return f"{self.reply_code.get_absolute_url()}#yorum-{self.pk}"


class Vote(models.Model):
    """One "Bu sayfa işinize yaradı mı?" answer. No personal data: see kb/guards.py."""

    reply_code = models.ForeignKey(
        ReplyCode, on_delete=models.CASCADE, related_name="votes", verbose_name="kod"
    )
    helpful = models.BooleanField("İşe yaradı mı?")
    missing = models.TextField("eksik olan", blank=True, max_length=500)
    fingerprint = models.CharField(
        "ziyaretçi özeti",
        max_length=64,
        unique=True,
        editable=False,
        help_text="IP, tarayıcı, kod ve günün geri çevrilemeyen özeti; çift oyu önler.",
    )
    created_at = models.DateTimeField("tarih", auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "oy"
        verbose_name_plural = "oylar"

    def __str__(self) -> str:
        return f"{self.reply_code.code}: {'Evet' if self.helpful else 'Hayır'}"

    def get_absolute_url(self) -> str:
        return self.reply_code.get_absolute_url()


class FeedbackSummaryQuerySet(ReplyCodeQuerySet):
    def with_vote_counts(self):
        """Codes that received votes, with counts and the helpful share, in one query."""
        yes = models.Count("votes", filter=models.Q(votes__helpful=True))
        no = models.Count("votes", filter=models.Q(votes__helpful=False))
        total = models.Count("votes")
        return (
            self.annotate(yes_count=yes, no_count=no, vote_count=total)
            .filter(vote_count__gt=0)
            .annotate(
                helpful_ratio=Cast("yes_count", models.FloatField())
                / Cast("vote_count", models.FloatField())
            )
        )


class FeedbackSummary(ReplyCode):
    """Votes per code, for the admin page that lists the least helpful pages first."""

    objects = FeedbackSummaryQuerySet.as_manager()

    class Meta:
        proxy = True
        verbose_name = "geri bildirim özeti"
        verbose_name_plural = "geri bildirim özetleri"
