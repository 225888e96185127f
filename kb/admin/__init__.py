"""The admin, one module per family: reply codes (drafts, locking form), their history,
providers and their responses, readers' feedback. Django's autodiscovery imports this package, which registers them all."""

from django.contrib import admin

from kb.admin import feedback, history, providers, reply_codes

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"

__all__ = ["feedback", "history", "providers", "reply_codes"]
