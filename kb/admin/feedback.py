"""Admin for what readers tell us: comment moderation, votes, the least helpful pages first,
and the searches that found nothing."""

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from kb import freshness
from kb.models import Comment, CommentStatus, FeedbackSummary, SearchMiss, Synonym, Vote


def add_synonym_url(word: str) -> str:
    """The Synonym add form with ``word`` filled in."""
    return f"{reverse('admin:kb_synonym_add')}?{urlencode({'word': word[:100]})}"


def yes_no(value: bool) -> str:
    """A word, not Django's icon: its alt text is English ("True", "False")."""
    return "Evet" if value else "Hayır"


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """Searches that found nothing: the codes and words the site is missing. Each row links
    to "eşanlamlı ekle": the word customers used, mapped to the terms our pages use."""

    list_display = ["query", "count", "first_seen", "last_seen", "synonym_link"]
    search_fields = ["query"]
    readonly_fields = ["query", "count", "first_seen", "last_seen"]
    actions = ["add_synonym"]

    @admin.display(description="eşanlamlı")
    def synonym_link(self, miss: SearchMiss) -> str:
        return format_html('<a href="{}">eşanlamlı ekle</a>', add_synonym_url(miss.query))

    @admin.action(description="Seçili arama için eşanlamlı ekle")
    def add_synonym(self, request: HttpRequest, queryset) -> HttpResponseRedirect | None:
        miss = queryset.first()
        if queryset.count() != 1 or miss is None:
            self.message_user(
                request, "Eşanlamlı eklemek için tek bir arama seçin.", messages.WARNING
            )
            return None
        return HttpResponseRedirect(add_synonym_url(miss.query))

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Synonym)
class SynonymAdmin(admin.ModelAdmin):
    """Customer words → page terms, merged with kb/smtp/synonyms.py; a save refreshes the
    search index in every worker (kb/freshness.py, after the commit)."""

    list_display = ["word", "terms", "updated_at"]
    search_fields = ["word", "terms"]
    fields = ["word", "terms"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "excerpt", "status", "has_answer", "created_at"]
    list_display_links = ["name", "excerpt"]
    list_filter = ["status", "created_at", "reply_code__reply_class"]
    list_select_related = ["reply_code"]
    search_fields = ["name", "email", "body", "answer", "reply_code__code"]
    date_hierarchy = "created_at"
    actions = ["approve", "reject"]
    readonly_fields = ["reply_code", "created_at", "answered_at"]
    fields = [
        "reply_code",
        "name",
        "email",
        "body",
        "created_at",
        "status",
        "answer",
        "answered_at",
    ]

    @admin.display(description="kod", ordering="reply_code__sort_key")
    def code(self, comment: Comment) -> str:
        return comment.reply_code.code

    @admin.display(description="yorum")
    def excerpt(self, comment: Comment) -> str:
        return Truncator(comment.body).chars(80)

    @admin.display(description="yanıtlandı")
    def has_answer(self, comment: Comment) -> str:
        return yes_no(bool(comment.answer))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # comments come from readers

    def save_model(self, request: HttpRequest, comment: Comment, form, change: bool) -> None:
        if "answer" in form.changed_data:
            comment.answered_at = timezone.now() if comment.answer else None
        super().save_model(request, comment, form, change)

    @admin.action(description="Seçili yorumları onayla ve yayınla", permissions=["change"])
    def approve(self, request: HttpRequest, queryset) -> None:
        self.moderate(request, queryset, CommentStatus.APPROVED, "yayınlandı")

    @admin.action(description="Seçili yorumları reddet", permissions=["change"])
    def reject(self, request: HttpRequest, queryset) -> None:
        self.moderate(request, queryset, CommentStatus.REJECTED, "reddedildi")

    def moderate(self, request: HttpRequest, queryset, status: str, done: str) -> None:
        count = queryset.update(status=status)
        freshness.changed()  # update() sends no signals
        self.message_user(request, f"{count} yorum {done}.", messages.SUCCESS)


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Individual answers, mostly to read every "what was missing?" text of a code."""

    list_display = ["code", "answer", "missing", "created_at"]
    fields = ["reply_code", "answer", "missing", "created_at"]
    readonly_fields = ["answer"]
    list_filter = ["helpful", "created_at"]
    list_select_related = ["reply_code"]
    search_fields = ["reply_code__code", "missing"]
    date_hierarchy = "created_at"

    @admin.display(description="kod", ordering="reply_code__sort_key")
    def code(self, vote: Vote) -> str:
        return vote.reply_code.code

    @admin.display(description="İşe yaradı mı?", ordering="helpful")
    def answer(self, vote: Vote) -> str:
        return yes_no(vote.helpful)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # readers' answers are kept as given; delete spam instead


LATEST_MISSING = 3


@admin.register(FeedbackSummary)
class FeedbackSummaryAdmin(admin.ModelAdmin):
    """Per code: votes, helpful share and the latest "what was missing?" answers, least
    helpful first. One query for the rows, one for the answers of the page shown."""

    list_display = [
        "code",
        "title",
        "vote_count",
        "yes_count",
        "no_count",
        "helpful_percent",
        "latest_missing",
    ]
    list_display_links = None
    list_per_page = 50
    search_fields = ["code", "title"]

    def get_queryset(self, request: HttpRequest):
        answers = Vote.objects.exclude(missing="").order_by("-created_at")
        return (
            FeedbackSummary.objects.with_vote_counts()
            .only("code", "title", "sort_key")
            .prefetch_related(Prefetch("votes", queryset=answers, to_attr="missing_answers"))
        )

    def get_ordering(self, request: HttpRequest) -> list[str]:
        return ["helpful_ratio", "-no_count", "sort_key"]

    @admin.display(description="oy", ordering="vote_count")
    def vote_count(self, summary: FeedbackSummary) -> int:
        return summary.vote_count

    @admin.display(description="evet", ordering="yes_count")
    def yes_count(self, summary: FeedbackSummary) -> int:
        return summary.yes_count

    @admin.display(description="hayır", ordering="no_count")
    def no_count(self, summary: FeedbackSummary) -> int:
        return summary.no_count

    @admin.display(description="İşe yaradı", ordering="helpful_ratio")
    def helpful_percent(self, summary: FeedbackSummary) -> str:
        return f"%{round(summary.helpful_ratio * 100)}"

    @admin.display(description="son «ne eksikti?» yanıtları")
    def latest_missing(self, summary: FeedbackSummary) -> str:
        answers = summary.missing_answers[:LATEST_MISSING]
        if not answers:
            return "—"
        items = format_html_join(
            "", "<li>{}</li>", ((Truncator(vote.missing).chars(140),) for vote in answers)
        )
        all_answers = reverse("admin:kb_vote_changelist") + (
            f"?reply_code__id__exact={summary.pk}&helpful__exact=0"
        )
        return format_html(
            '<ul class="missing-answers">{}</ul><a href="{}">Tümü ({})</a>',
            items,
            all_answers,
            len(summary.missing_answers),
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
