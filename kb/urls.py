from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, re_path

from kb.views import api, decode, domain, feedback, pages, providers, search, seo

app_name = "kb"

urlpatterns = [
    path("", pages.index, name="index"),
    re_path(r"^kod/(?P<digit>[1-5])xx$", pages.class_detail, name="class_detail"),
    re_path(r"^kod/x\.(?P<subject>[0-7])\.x$", pages.subject_detail, name="subject_detail"),
    path("kod/<str:code>", pages.code_detail, name="code_detail"),
    path("kod/<str:code>/onizleme", pages.code_preview, name="code_preview"),
    path("kod/<str:code>/", pages.code_detail_slash),
    path("saglayici/", providers.provider_list, name="provider_list"),
    path("saglayici/<slug:slug>", providers.provider_detail, name="provider_detail"),
    path("ara", search.search, name="search"),
    path("coz", decode.decode_bounce, name="decode"),
    path("api/coz", decode.api_decode, name="api_decode"),
    path("alan-adi", domain.domain_check, name="domain_check"),
    path("api/alan-adi", domain.api_domain_check, name="api_domain_check"),
    path("api/kod/", api.code_list, name="api_code_list"),
    path("api/kod/<str:code>", api.code_detail, name="api_code_detail"),
    path("kod/<str:code>/yorum", feedback.post_comment, name="comment_post"),
    path("kod/<str:code>/yorum-alindi", feedback.comment_received, name="comment_received"),
    path("kod/<str:code>/oy", feedback.post_vote, name="vote_post"),
    path("kod/<str:code>/oy/eksik", feedback.post_missing, name="vote_missing"),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": seo.SITEMAPS}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]
