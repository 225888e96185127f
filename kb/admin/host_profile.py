"""Admin for the host profile: one record, never added twice, never deleted.

Who may change it: superusers, and any staff user given the «kb | barındırma profili |
Can change» permission (kb.change_hostprofile) by hand; the Destek group may only view it
(migration 0018), so a support agent can read our settings to a customer but not change
what every page says. Saving it re-renders every code at once (kb/hosting.py); the form
says so before and after. Every version is kept by django-simple-history (HostProfile.history);
the admin's «Geçmiş» page is Django's own, which lists who changed which fields, in Turkish.
"""

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

from kb.models import HostProfile
from kb.placeholders import PLACEHOLDERS

FIELDSETS = [
    ("Firma", {"fields": ["company_name", "support_url"]}),
    (
        "Posta sunucularımız",
        {
            "fields": [
                "smtp_host",
                "smtp_port_starttls",
                "smtp_port_ssl",
                "imap_host",
                "pop3_host",
                "webmail_url",
            ]
        },
    ),
    ("DNS", {"fields": ["spf_include", "dkim_selector", "mx_hosts"]}),
    ("Giden IP adresleri ve PTR", {"fields": ["outgoing_ips", "ptr_request"]}),
    (
        "Kontrol paneli",
        {"fields": ["panel", "panel_dns_path", "panel_email_path", "panel_dkim_path"]},
    ),
    ("Kuyruk", {"fields": ["queue_retry_hours"]}),
    ("Kayıt", {"fields": ["updated_at"]}),
]


def placeholder_rows(values: dict[str, str]) -> list[tuple[str, str, str]]:
    """(placeholder as typed, what it is, its value now), in PLACEHOLDERS order."""
    return [
        (f"{{{name}}}", description, values[name]) for name, description in PLACEHOLDERS.items()
    ]


@admin.register(HostProfile)
class HostProfileAdmin(admin.ModelAdmin):
    change_form_template = "admin/kb/hostprofile/change_form.html"
    fieldsets = FIELDSETS
    readonly_fields = ["updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request: HttpRequest) -> bool:
        return not HostProfile.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        """There is one profile: the list opens it."""
        profile = HostProfile.load()
        return HttpResponseRedirect(reverse("admin:kb_hostprofile_change", args=[profile.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        profile = self.get_object(request, object_id)
        context = {
            **(extra_context or {}),
            "placeholder_rows": placeholder_rows(profile.placeholders()) if profile else [],
        }
        return super().change_view(request, object_id, form_url, context)

    def response_change(self, request: HttpRequest, obj: HostProfile):
        self.message_user(
            request,
            f"Barındırma profili kaydedildi. Yer tutucu kullanan {obj.applied_count} metin "
            "(kod sayfaları ve sağlayıcı yanıtları) yeni değerlerle yeniden oluşturuldu; sayfalar, "
            "API ve arama bunu hemen gösteriyor.",
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)
