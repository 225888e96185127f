"""The admin, one module per family: reply codes (drafts, locking form), their history,
readers' feedback. Django's autodiscovery imports this package, which registers them all."""

from django.contrib import admin

from kb.admin import feedback, history, reply_codes

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"

__all__ = ["feedback", "history", "reply_codes"]
