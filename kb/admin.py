from django.contrib import admin

from kb.models import ReplyCode

admin.site.site_header = "SMTP Kodları yönetimi"
admin.site.site_title = "SMTP Kodları"
admin.site.index_title = "Bilgi bankası"


@admin.register(ReplyCode)
class ReplyCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "reply_class", "origin", "is_published", "updated_at"]
    list_display_links = ["code", "title"]
    list_filter = ["reply_class", "origin", "is_published"]
    search_fields = [
        "code",
        "title",
        "meaning",
        "remedy_customer",
        "remedy_admin",
        "examples",
    ]
    ordering = ["sort_key"]
    autocomplete_fields = ["related"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["code", "reply_class", "title", "is_published"]}),
        ("İçerik", {"fields": ["meaning", "retry_note", "remedy_customer", "remedy_admin"]}),
        ("Örnekler ve bağlantılar", {"fields": ["examples", "related"]}),
        ("Kaynak", {"fields": ["origin", "vendor", "reference"]}),
        ("Kayıt", {"fields": ["created_at", "updated_at"]}),
    ]
