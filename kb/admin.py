from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from kb import admin_history, page_cache
from kb.forms import ReplyCodeAdminForm
from kb.models import (
    DRAFT_FIELDS,
    Comment,
    CommentStatus,
    FeedbackSummary,
    ReplyCode,
    SearchMiss,
    Vote,
)

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"


@admin.register(SearchMiss)
class SearchMissAdmin(admin.ModelAdmin):
    """Searches that found nothing: the codes and words the site is missing."""

    list_display = ["query", "count", "first_seen", "last_seen"]
    search_fields = ["query"]
    readonly_fields = ["query", "count", "first_seen", "last_seen"]

    def has_add_permission(self, request) -> bool:
        return False


class ReviewFilter(admin.SimpleListFilter):
    title = "inceleme"
    parameter_name = "inceleme"

    def lookups(self, request, model_admin):
        months = settings.KB_REVIEW_MONTHS
        return [("gerekli", f"{months} aydır incelenmemiş"), ("guncel", "İncelemesi güncel")]

    def queryset(self, request, queryset):
        due = queryset.due_for_review(settings.KB_REVIEW_MONTHS)
        if self.value() == "gerekli":
            return due
        if self.value() == "guncel":
            return queryset.exclude(pk__in=due.values("pk"))
        return queryset


@admin.register(ReplyCode)
class ReplyCodeAdmin(admin.ModelAdmin):
    form = ReplyCodeAdminForm
    change_form_template = "admin/kb/replycode/change_form.html"
    list_display = [
        "code",
        "title",
        "reply_class",
        "origin",
        "is_published",
        "has_draft",
        "reviewed_at",
        "updated_at",
    ]
    list_display_links = ["code", "title"]
    list_filter = ["reply_class", "origin", "is_published", ReviewFilter]
    search_fields = ["code", "title", "meaning", "remedy_customer", "remedy_admin", "examples"]
    ordering = ["sort_key"]
    autocomplete_fields = ["related"]
    readonly_fields = ["version", "updated_at", "updated_by", "created_at"]
    actions = ["mark_reviewed_today"]
    fieldsets = [
        (None, {"fields": ["code", "reply_class", "title", "is_published", "expected_version"]}),
        ("İçerik", {"fields": ["meaning", "retry_note", "remedy_customer", "remedy_admin"]}),
        ("Örnekler ve bağlantılar", {"fields": ["examples", "related"]}),
        ("Kaynak", {"fields": ["origin", "vendor", "reference"]}),
        ("Kayıt", {"fields": ["reviewed_at", "version", "updated_at", "updated_by", "created_at"]}),
    ]

    @admin.display(boolean=True, description="taslak")
    def has_draft(self, reply_code: ReplyCode) -> bool:
        return reply_code.draft is not None

    @admin.action(description="Seçilenleri bugün incelendi olarak işaretle")
    def mark_reviewed_today(self, request: HttpRequest, queryset) -> None:
        today = timezone.localdate()
        for reply_code in queryset:
            reply_code.reviewed_at = today
            reply_code._change_reason = "İncelendi"
            reply_code.save(update_fields=["reviewed_at", "version"])
        self.message_user(request, f"{len(queryset)} kod bugün incelendi olarak işaretlendi.")

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(partial(view, model_admin=self))

        return [
            path(
                "<path:object_id>/karsilastir/",
                wrap(admin_history.compare_view),
                name="kb_replycode_compare",
            ),
            path(
                "<path:object_id>/geri-yukle/<int:history_id>/",
                wrap(admin_history.restore_view),
                name="kb_replycode_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        return admin_history.history_view(request, object_id, model_admin=self)

    def get_object(self, request, object_id, from_field=None):
        """Editors continue their draft: the form opens with the draft's text."""
        reply_code = super().get_object(request, object_id, from_field)
        if reply_code is not None:
            reply_code.apply_draft()
        return reply_code

    def save_model(self, request, reply_code, form, change) -> None:
        if change and "_save_draft" in request.POST:
            saved = ReplyCode.objects.get(pk=reply_code.pk)
            saved.draft = {name: form.cleaned_data[name] for name in DRAFT_FIELDS}
            saved._change_reason = "Taslak kaydedildi"
            saved.save()
            reply_code.saved_as_draft = True
            return
        had_draft = (
            change and ReplyCode.objects.filter(pk=reply_code.pk, draft__isnull=False).exists()
        )
        reply_code.mark_published_by(request.user)
        reply_code._change_reason = "Taslak yayınlandı" if had_draft else ""
        super().save_model(request, reply_code, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        if getattr(form.instance, "saved_as_draft", False):
            return  # related codes are not part of a draft
        super().save_related(request, form, formsets, change)

    def response_change(self, request, reply_code):
        if getattr(reply_code, "saved_as_draft", False):
            preview = reverse("kb:code_preview", kwargs={"code": reply_code.code})
            self.message_user(
                request,
                format_html(
                    "Taslak kaydedildi; herkese açık sayfa değişmedi. "
                    '<a href="{}">Önizle</a> ya da yayınlamak için «Kaydet»e basın.',
                    preview,
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, reply_code)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "_discard_draft" in request.POST:
            reply_code = self.get_object(request, object_id)
            if reply_code is not None and self.has_change_permission(request, reply_code):
                saved = ReplyCode.objects.get(pk=reply_code.pk)
                saved.draft = None
                saved._change_reason = "Taslak silindi"
                saved.save()
                self.message_user(request, "Taslak silindi; yayındaki metin değişmedi.")
                return HttpResponseRedirect(request.path)
        return super().changeform_view(request, object_id, form_url, extra_context)


# Readers' feedback: comment moderation, votes, and the least helpful pages first.


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

    @admin.display(description="yanıtlandı", boolean=True)
    def has_answer(self, comment: Comment) -> bool:
        return bool(comment.answer)

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
        page_cache.invalidate()  # update() sends no signals
        self.message_user(request, f"{count} yorum {done}.", messages.SUCCESS)


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    """Individual answers, mostly to read every "what was missing?" text of a code."""

    list_display = ["code", "helpful", "missing", "created_at"]
    list_filter = ["helpful", "created_at"]
    list_select_related = ["reply_code"]
    search_fields = ["reply_code__code", "missing"]
    date_hierarchy = "created_at"

    @admin.display(description="kod", ordering="reply_code__sort_key")
    def code(self, vote: Vote) -> str:
        return vote.reply_code.code

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

    @admin.display(description="işe yaradı", ordering="helpful_ratio")
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
