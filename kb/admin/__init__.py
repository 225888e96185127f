"""The admin, one module per family: reply codes (drafts, locking form), their history,
providers and their responses, readers' feedback, the host profile. Django's autodiscovery imports this package, which registers them all."""

from django.contrib import admin, messages
from django.contrib.admin import actions
from django.core.exceptions import PermissionDenied

from kb.admin import feedback, history, host_profile, providers, reply_codes

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"


@admin.action(description="Seçilenleri sil", permissions=["delete"])
def delete_selected(modeladmin, request, queryset):
    """Django's action, with a label that reads as Turkish (not «Seçili yorumlar nesnelerini
    sil») and a count followed by the singular noun («2 yorum silindi.»)."""
    confirmed = request.POST.get("post") and len(queryset)
    if confirmed:
        _, _, perms_needed, protected = modeladmin.get_deleted_objects(queryset, request)
        if not protected:
            if perms_needed:
                raise PermissionDenied
            count = len(queryset)
            modeladmin.log_deletions(request, queryset)
            modeladmin.delete_queryset(request, queryset)
            name = modeladmin.opts.verbose_name
            modeladmin.message_user(request, f"{count} {name} silindi.", messages.SUCCESS)
            return None
    return actions.delete_selected(modeladmin, request, queryset)


admin.site.add_action(delete_selected, "delete_selected")

__all__ = ["feedback", "history", "host_profile", "providers", "reply_codes"]
