"""Admin for reply codes: drafts, publishing, and the form with optimistic locking.

The form carries the version the editor opened. If someone saved the code in the
meantime, the save is refused with a Turkish message naming who changed what and
when; the editor's own text stays in the form, and the form now carries the new
version, so a deliberate second save (after reviewing the other change) goes through.
The check locks the row (SELECT … FOR UPDATE inside the admin's transaction), so two
saves cannot both pass it. The workflow itself (draft, publish, restore) is kb/editing.py.

Every save of an existing code is a draft: Enter (the first submit button) and both
«Kaydet» buttons. «Yayınla» saves the draft and opens the confirmation page
(kb/admin/publishing.py); «Önizle» posts the form to the preview without saving.
"""

from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Value, When
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from kb import editing
from kb.admin import history, publishing
from kb.admin.host_profile import placeholder_rows
from kb.models import SUMMARY_FIELDS, HostProfile, ReplyCode
from kb.models.reply_codes import ACTOR_CHOICES
from kb.smtp import codes


class ReplyCodeAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(
        label="Açtığınız sürüm", widget=forms.HiddenInput, required=False
    )
    who_acts = forms.MultipleChoiceField(
        label="Sorun kimde?",
        choices=ACTOR_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Kim bir şey yapmalı; başarılı ve ara yanıt kodlarında boş bırakın.",
    )

    class Meta:
        model = ReplyCode
        fields = [
            "code",
            "title",
            "is_published",
            *SUMMARY_FIELDS,
            "meaning",
            "retry_note",
            "remedy_customer",
            "remedy_admin",
            "examples",
            "related",
            "origin",
            "vendor",
            "reference",
            "reviewed_at",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Every edit must say which version it started from, or locking cannot work.
            self.fields["expected_version"].required = True
            self.fields["expected_version"].initial = self.instance.version
        related = editing.draft_related(self.instance)
        if related is not None and not self.is_bound:
            self.initial["related"] = list(
                ReplyCode.objects.filter(code__in=related).values_list("pk", flat=True)
            )

    def is_valid(self) -> bool:
        """«Düzenlemeye dön» on the preview posts the typed text back: the admin shows it
        in the form again, checked but not saved."""
        return super().is_valid() and "_edit" not in self.data

    def clean(self) -> dict:
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk is None or expected is None:
            return cleaned  # a new code, or the missing version is already a field error
        current = (
            ReplyCode.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and current != expected:
            self.data = self.data.copy()
            self.data["expected_version"] = current
            raise ValidationError(conflict_message(self.instance, expected, current))
        return cleaned


def conflict_message(reply_code: ReplyCode, expected: int, current: int) -> str:
    records = reply_code.history.filter(version__in=[expected, current])
    base = next((h for h in records if h.version == expected), None)
    latest = next((h for h in records if h.version == current), None)
    who = "başka bir kullanıcı"
    when = ""
    changed = ""
    compare = ""
    if latest is not None:
        if latest.history_user is not None:
            who = latest.history_user.get_full_name() or latest.history_user.get_username()
        when = date_format(localtime(latest.history_date), "j F Y H:i")
        if base is not None:
            changed = ", ".join(diff.label for diff in history.field_diffs(base, latest))
            compare = (
                reverse("admin:kb_replycode_compare", args=[reply_code.pk])
                + f"?a={base.history_id}&b={latest.history_id}"
            )
    message = format_html(
        "Bu kodu siz açtıktan sonra {} {} tarihinde değiştirdi (sürüm {}). "
        "Sizin değişiklikleriniz kaybolmadı, aşağıdaki formda duruyor; kaydedilmedi. ",
        who,
        when,
        current,
    )
    if changed:
        message += format_html("Onun değiştirdiği alanlar: {}. ", changed)
    if compare:
        message += format_html('<a href="{}">Onun değişikliğini görün</a>. ', compare)
    return message + mark_safe("Metninizi gerekirse onunkiyle birleştirip yeniden kaydedin.")


class ReviewFilter(admin.SimpleListFilter):
    title = "inceleme"
    parameter_name = "inceleme"

    def lookups(self, request, model_admin):
        months = settings.KB_REVIEW_MONTHS
        return [
            ("hic", "Hiç incelenmemiş"),
            ("gerekli", f"{months} aydan uzun süredir incelenmemiş"),
            ("guncel", "İncelemesi güncel"),
        ]

    def queryset(self, request, queryset):
        months = settings.KB_REVIEW_MONTHS
        if self.value() == "hic":
            return queryset.never_reviewed()
        if self.value() == "gerekli":
            return queryset.overdue_for_review(months)
        if self.value() == "guncel":
            return queryset.exclude(pk__in=queryset.due_for_review(months).values("pk"))
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
        "published",
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
        (None, {"fields": ["code", "title", "is_published", "expected_version"]}),
        ("Özet: sayfanın başında, müşteri için", {"fields": list(SUMMARY_FIELDS)}),
        ("İçerik", {"fields": ["meaning", "retry_note", "remedy_customer", "remedy_admin"]}),
        ("Örnekler ve bağlantılar", {"fields": ["examples", "related"]}),
        ("Kaynak", {"fields": ["origin", "vendor", "reference"]}),
        ("Kayıt", {"fields": ["reviewed_at", "version", "updated_at", "updated_by", "created_at"]}),
    ]

    @admin.display(description="yayında", ordering="is_published")
    def published(self, reply_code: ReplyCode) -> str:
        return "Evet" if reply_code.is_published else "Hayır"

    @admin.display(description="taslak")
    def has_draft(self, reply_code: ReplyCode) -> str:
        return "taslak var" if reply_code.draft is not None else "—"

    def get_readonly_fields(self, request, obj=None):
        # A code's address is its identity; drafts hold content, not a new address.
        return [*self.readonly_fields, "code"] if obj is not None else self.readonly_fields

    def get_ordering(self, request):
        """A search in the code list that is exactly a code puts that code first."""
        query = request.GET.get("q", "").strip()
        if codes.is_valid(query):
            return [Case(When(code=query, then=Value(0)), default=Value(1)).asc(), *self.ordering]
        return self.ordering

    @admin.action(description="Seçilenleri bugün incelendi olarak işaretle")
    def mark_reviewed_today(self, request: HttpRequest, queryset) -> None:
        count = editing.mark_reviewed(queryset)
        self.message_user(request, f"{count} kod bugün incelendi olarak işaretlendi.")

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(partial(view, model_admin=self))

        return [
            path(
                "<path:object_id>/karsilastir/",
                wrap(history.compare_view),
                name="kb_replycode_compare",
            ),
            path(
                "<path:object_id>/onizle/",
                wrap(publishing.preview_view),
                name="kb_replycode_typed_preview",
            ),
            path(
                "<path:object_id>/yayinla/",
                wrap(publishing.publish_view),
                name="kb_replycode_publish",
            ),
            path(
                "<path:object_id>/geri-yukle/<int:history_id>/",
                wrap(history.restore_view),
                name="kb_replycode_restore",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        return history.history_view(request, object_id, model_admin=self)

    def get_object(self, request, object_id, from_field=None):
        """Editors continue their draft: the form opens with the draft's text."""
        reply_code = super().get_object(request, object_id, from_field)
        return editing.apply_draft(reply_code) if reply_code is not None else None

    def save_model(self, request, reply_code, form, change) -> None:
        if not change:
            editing.publish(reply_code, request.user)  # a new code (superusers only)
            return
        related = [other.code for other in form.cleaned_data["related"]]
        editing.save_draft(
            reply_code,
            form.cleaned_data,
            related,
            reviewed_at=form.cleaned_data.get("reviewed_at"),
        )
        reply_code.saved_as_draft = True

    def save_related(self, request, form, formsets, change) -> None:
        if getattr(form.instance, "saved_as_draft", False):
            return  # the draft keeps the related codes too; they are saved on publishing
        super().save_related(request, form, formsets, change)

    def response_change(self, request, reply_code):
        if "_publish" in request.POST:
            return HttpResponseRedirect(publishing.confirm_url(reply_code))
        self.message_user(
            request,
            format_html(
                "Taslak kaydedildi; herkese açık sayfa değişmedi. "
                '<a href="{}">Önizle</a> ya da yayınlamak için <a href="{}">Yayınla</a>.',
                reverse("kb:code_preview", kwargs={"code": reply_code.code}),
                publishing.confirm_url(reply_code),
            ),
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id and "_discard_draft" in request.POST:
            reply_code = self.get_object(request, object_id)
            if reply_code is not None and self.has_change_permission(request, reply_code):
                editing.discard_draft(reply_code)
                self.message_user(request, "Taslak silindi; yayındaki metin değişmedi.")
                return HttpResponseRedirect(request.path)
        # Beside the editor: the placeholders the text may use, with their values now.
        shown = ReplyCode.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        values = HostProfile.load().placeholders(shown.code if shown else "")
        extra_context = {**(extra_context or {}), "placeholder_rows": placeholder_rows(values)}
        return super().changeform_view(request, object_id, form_url, extra_context)
