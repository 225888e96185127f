from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path

from kb.views import api, decode, domain, feedback, pages, providers, search, seo

app_name = "kb"

# What hangs below one code's page, /kod/<code>/…
code_page_urls = [
    path("", pages.code_detail_slash),
    path("onizleme", pages.code_preview, name="code_preview"),
    path("yorum", feedback.post_comment, name="comment_post"),
    path("yorum-alindi", feedback.comment_received, name="comment_received"),
    path("oy", feedback.post_vote, name="vote_post"),
    path("oy/eksik", feedback.post_missing, name="vote_missing"),
]
# The JSON twins of the pages, for scripts and the support team's tools.
api_urls = [
    path("kod/", api.code_list, name="api_code_list"),
    path("kod/<str:code>", api.code_detail, name="api_code_detail"),
    path("coz", decode.api_decode, name="api_decode"),
    path("alan-adi", domain.api_domain_check, name="api_domain_check"),
]

urlpatterns = [
    path("", pages.index, name="index"),
    re_path(r"^kod/(?P<digit>[1-5])xx$", pages.class_detail, name="class_detail"),
    re_path(r"^kod/x\.(?P<subject>[0-7])\.x$", pages.subject_detail, name="subject_detail"),
    path("kod/<str:code>", pages.code_detail, name="code_detail"),  # support links it: forever
    path("kod/<str:code>/", include(code_page_urls)),
    path("saglayici/", providers.provider_list, name="provider_list"),
    path("saglayici/<slug:slug>", providers.provider_detail, name="provider_detail"),
    path("ara", search.search, name="search"),
    path("coz", decode.decode_bounce, name="decode"),
    path("alan-adi", domain.domain_check, name="domain_check"),
    path("api/", include(api_urls)),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": seo.SITEMAPS}, name="sitemap"),
    path("robots.txt", seo.robots_txt, name="robots_txt"),
]
