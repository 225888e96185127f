from functools import partial

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from kb import admin_feedback, admin_history  # noqa: F401 - admin_feedback registers its models
from kb.forms import ReplyCodeAdminForm
from kb.models import DRAFT_FIELDS, DRAFT_RELATED, ReplyCode, SearchMiss

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
            saved.draft[DRAFT_RELATED] = sorted(
                other.code for other in form.cleaned_data["related"]
            )
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
            return  # the draft keeps the related codes too; they are saved on publishing
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
