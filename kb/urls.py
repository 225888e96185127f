from django.urls import path, re_path

from kb import api, finder, views

app_name = "kb"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^kod/(?P<digit>[1-5])xx$", views.class_detail, name="class_detail"),
    re_path(r"^kod/x\.(?P<subject>[0-7])\.x$", views.subject_detail, name="subject_detail"),
    path("kod/<str:code>", views.code_detail, name="code_detail"),
    path("kod/<str:code>/onizleme", views.code_preview, name="code_preview"),
    path("kod/<str:code>/", views.code_detail_slash),
    path("ara", finder.search, name="search"),
    path("coz", finder.decode_bounce, name="decode"),
    path("api/coz", finder.api_decode, name="api_decode"),
    path("api/kod/", api.code_list, name="api_code_list"),
    path("api/kod/<str:code>", api.code_detail, name="api_code_detail"),
]
