"""Admin for providers and the responses of theirs we explain (with history)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from kb.admin.host_profile import placeholder_rows
from kb.models import HostProfile, Provider, ProviderResponse
from kb.provider_content import PROVIDER_KEYS


class ProviderResponseInline(admin.TabularInline):
    model = ProviderResponse
    fields = ["slug", "page", "reply_code", "enhanced_code", "captured"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False
    verbose_name_plural = "bu sağlayıcının yanıtları"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


# django-simple-history's own history table has an inline style, which our CSP blocks.
HISTORY_LIST_TEMPLATE = "admin/kb/object_history_list.html"


@admin.register(Provider)
class ProviderAdmin(SimpleHistoryAdmin):
    object_history_list_template = HISTORY_LIST_TEMPLATE
    list_display = ["name", "kind", "slug", "response_count"]
    list_filter = ["kind"]
    search_fields = ["name", "slug", "domains", "markers"]
    ordering = ["name"]
    inlines = [ProviderResponseInline]
    fields = list(PROVIDER_KEYS)

    @admin.display(description="yanıt sayısı")
    def response_count(self, provider: Provider) -> int:
        return provider.responses.count()


@admin.register(ProviderResponse)
class ProviderResponseAdmin(SimpleHistoryAdmin):
    object_history_list_template = HISTORY_LIST_TEMPLATE
    change_form_template = "admin/kb/providerresponse/change_form.html"
    list_display = ["slug", "provider", "page", "reply_code", "enhanced_code", "captured"]
    list_filter = ["provider", "captured"]
    list_select_related = ["provider", "page"]
    search_fields = ["slug", "text", "translation", "page__code"]
    autocomplete_fields = ["page"]
    ordering = ["page__sort_key", "provider__name"]
    fieldsets = [
        (None, {"fields": ["provider", "slug", "page", "reply_code", "enhanced_code"]}),
        ("Sunucunun yazdığı", {"fields": ["text", "variants", "translation"]}),
        (
            "Açıklama",
            {"fields": ["meaning", "who_acts", "self_heals", "customer_fix", "admin_fix"]},
        ),
        ("Kaynak", {"fields": ["captured", "source", "links"]}),
    ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Beside the fixes: the placeholders they may use, with their values now.
        shown = self.get_object(request, object_id) if object_id else None
        values = HostProfile.load().placeholders(shown.page.code if shown else "")
        extra_context = {**(extra_context or {}), "placeholder_rows": placeholder_rows(values)}
        return super().changeform_view(request, object_id, form_url, extra_context)
