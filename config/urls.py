from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("kb.urls")),
]

# Plain views that never re-read the body or re-run the CSRF check (kb/views/errors.py).
handler400 = "kb.views.errors.bad_request"
handler403 = "kb.views.errors.permission_denied"
handler404 = "kb.views.errors.page_not_found"
handler500 = "kb.views.errors.server_error"
