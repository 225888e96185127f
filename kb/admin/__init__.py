"""The admin, one module per family: reply codes (drafts, locking form), their history,
readers' feedback. Django's autodiscovery imports this package, which registers them all."""

from django.contrib import admin
from django.contrib.admin import actions

from kb.admin import feedback, history, reply_codes

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"


@admin.action(description="Seçilenleri sil", permissions=["delete"])
def delete_selected(modeladmin, request, queryset):
    """Django's action, with a label that reads as Turkish (not «Seçili yorumlar nesnelerini
    sil»)."""
    return actions.delete_selected(modeladmin, request, queryset)


admin.site.add_action(delete_selected, "delete_selected")

__all__ = ["feedback", "history", "reply_codes"]
