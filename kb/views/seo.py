"""The sitemap and robots.txt. Every location starts with KB_SITE_URL, never with the
request's Host header, so a cached sitemap is right for everyone."""

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from kb.meta import absolute
from kb.models import HostProfile, Provider, ReplyCode
from kb.smtp import codes

ROBOTS_DISALLOW = ["/admin/", "/ara", "/coz"]


class SiteSitemap(Sitemap):
    """Locations built from KB_SITE_URL rather than from the request."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.KB_SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.KB_SITE_URL).netloc


class PageSitemap(SiteSitemap):
    """One page without parameters, named by its URL; `latest()` gives its last change."""

    def __init__(self, url_name: str, latest: Callable[[], object]) -> None:
        self.url_name, self.latest = url_name, latest

    def items(self) -> list[str]:
        return [self.url_name]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str):
        return self.latest()


def latest_code_change():
    return ReplyCode.objects.published().aggregate(latest=Max("updated_at"))["latest"]


def host_profile_change():
    """The domain check compares with the host profile: its last change is the page's."""
    return HostProfile.current().updated_at


class ClassSitemap(SiteSitemap):
    def items(self) -> list[dict]:
        rows = ReplyCode.objects.published().values("reply_class")
        return list(rows.annotate(latest=Max("updated_at")).order_by("reply_class"))

    def location(self, item: dict) -> str:
        return reverse("kb:class_detail", kwargs={"digit": item["reply_class"]})

    def lastmod(self, item: dict):
        return item["latest"]


class SubjectSitemap(SiteSitemap):
    def items(self) -> list[tuple]:
        latest: dict[int, object] = {}
        enhanced = ReplyCode.objects.published().filter(sort_key__startswith="2:")
        for code, updated_at in enhanced.values_list("code", "updated_at"):
            subject = codes.subject_of(code)
            if subject not in latest or updated_at > latest[subject]:
                latest[subject] = updated_at
        return sorted(latest.items())

    def location(self, item: tuple) -> str:
        return reverse("kb:subject_detail", kwargs={"subject": item[0]})

    def lastmod(self, item: tuple):
        return item[1]


class CodeSitemap(SiteSitemap):
    def items(self):
        return ReplyCode.objects.published().only("code", "updated_at").order_by("sort_key")

    def lastmod(self, item: ReplyCode):
        return item.updated_at


class ProviderSitemap(SiteSitemap):
    def items(self) -> list:
        providers = list(Provider.objects.only("slug", "updated_at").order_by("slug"))
        return ["kb:provider_list", *providers] if providers else []

    def location(self, item) -> str:
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        if isinstance(item, str):
            return Provider.objects.aggregate(latest=Max("updated_at"))["latest"]
        return item.updated_at


SITEMAPS = {
    "index": PageSitemap("kb:index", latest_code_change),
    "classes": ClassSitemap,
    "subjects": SubjectSitemap,
    "codes": CodeSitemap,
    "providers": ProviderSitemap,
    # the domain check's form; its results, with a query string, are not listed
    "tools": PageSitemap("kb:domain_check", host_profile_change),
}


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {absolute(reverse('kb:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
