"""The admin form for reply codes, with optimistic locking.

The form carries the version the editor opened. If someone saved the code in the
meantime, the save is refused with a Turkish message naming who changed what and
when; the editor's own text stays in the form, and the form now carries the new
version, so a deliberate second save (after reviewing the other change) goes through.
The check locks the row (SELECT … FOR UPDATE inside the admin's transaction), so two
saves cannot both pass it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

from kb.models import DRAFT_RELATED, ReplyCode


class ReplyCodeAdminForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReplyCode
        fields = [
            "code",
            "reply_class",
            "title",
            "is_published",
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
        draft_related = (self.instance.draft or {}).get(DRAFT_RELATED)
        if draft_related is not None and not self.is_bound:
            self.initial["related"] = list(
                ReplyCode.objects.filter(code__in=draft_related).values_list("pk", flat=True)
            )

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
    history = reply_code.history.filter(version__in=[expected, current])
    base = next((h for h in history if h.version == expected), None)
    latest = next((h for h in history if h.version == current), None)
    who = "başka bir kullanıcı"
    when = ""
    changed = ""
    compare = ""
    if latest is not None:
        if latest.history_user is not None:
            who = latest.history_user.get_full_name() or latest.history_user.get_username()
        when = date_format(localtime(latest.history_date), "j F Y H:i")
        if base is not None:
            delta = latest.diff_against(base)
            names = [str(ReplyCode._meta.get_field(c.field).verbose_name) for c in delta.changes]
            changed = ", ".join(names)
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
