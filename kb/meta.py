"""What search engines and link previews see: canonical URLs, Open Graph and Twitter tags,
JSON-LD, the sitemap and robots.txt.

Every absolute URL starts with KB_SITE_URL, never with the request's Host header, so a page
from the shared cache is right for every visitor. JSON-LD is built here with json.dumps and
`<`, `>`, `&` escaped as \\u003c, \\u003e, \\u0026: the data is unchanged for a JSON parser, but
text typed into the admin can never close the `<script type="application/ld+json">` block.
"""

import html
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.decorators.http import require_safe

from kb import catalog, codes
from kb.models import ReplyCode
from kb.rendering import html_safe_json, render_markdown

DESCRIPTION_LENGTH = 155
INDEX_TITLE = "SMTP Hataları ve Yanıt Kodları: Anlamları ve Çözüm Yolları"
INDEX_DESCRIPTION = (
    "SMTP yanıt kodlarının ve genişletilmiş durum kodlarının Türkçe açıklamaları ve çözüm adımları."
)
OG_IMAGE = "img/og-card.png"
OG_IMAGE_SIZE = (1200, 630)
ROBOTS_DISALLOW = ["/admin/", "/ara", "/coz"]


def absolute(path: str) -> str:
    return settings.KB_SITE_URL + path


def plain_text(markdown_text: str) -> str:
    """Markdown as one line of plain text, for descriptions."""
    text = html.unescape(strip_tags(render_markdown(markdown_text)))
    return " ".join(text.split())


def shorten(text: str) -> str:
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def code_description(reply_code: ReplyCode) -> str:
    """The title, then the meaning: the code itself is in the page title already."""
    return shorten(f"{reply_code.title.rstrip('.')}. {plain_text(reply_code.meaning)}")


def breadcrumbs(*trail: tuple[str, str]) -> dict:
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": number, "name": name, "item": absolute(path)}
            for number, (name, path) in enumerate(trail, start=1)
        ],
    }


def publisher() -> dict:
    return {
        "@type": "Organization",
        "name": settings.KB_SITE_NAME,
        "url": absolute("/"),
        "logo": {"@type": "ImageObject", "url": absolute(static("img/apple-touch-icon.png"))},
    }


@dataclass(frozen=True)
class PageMeta:
    title: str  # without the " | SMTP Kodları" suffix of <title>
    description: str
    path: str
    og_type: str = "website"
    graph: list[dict] = field(default_factory=list)

    @property
    def url(self) -> str:
        return absolute(self.path)

    @property
    def image(self) -> str:
        return absolute(static(OG_IMAGE))

    @property
    def json_ld(self) -> str:
        return html_safe_json({"@context": "https://schema.org", "@graph": self.graph})


HOME = ("SMTP kodları", "/")


def index_meta() -> PageMeta:
    return PageMeta(
        INDEX_TITLE,
        INDEX_DESCRIPTION,
        "/",
        graph=[
            {
                "@type": "WebSite",
                "name": settings.KB_SITE_NAME,
                "url": absolute("/"),
                "inLanguage": "tr-TR",
                "description": INDEX_DESCRIPTION,
                "publisher": publisher(),
            }
        ],
    )


def code_meta(reply_code: ReplyCode) -> PageMeta:
    path = reply_code.get_absolute_url()
    if reply_code.is_enhanced:
        parent = (
            f"X.{reply_code.subject}.X",
            reverse("kb:subject_detail", kwargs={"subject": reply_code.subject}),
        )
    else:
        info = catalog.CLASSES[reply_code.reply_class]
        parent = (info.slug, reverse("kb:class_detail", kwargs={"digit": info.digit}))
    description = code_description(reply_code)
    article = {
        "@type": "TechArticle",
        "headline": reply_code.heading,
        "description": description,
        "url": absolute(path),
        "mainEntityOfPage": absolute(path),
        "inLanguage": "tr-TR",
        "datePublished": reply_code.created_at.isoformat(),
        "dateModified": reply_code.updated_at.isoformat(),
        "image": absolute(static(OG_IMAGE)),
        "author": {"@type": "Organization", "name": settings.KB_AUTHOR_NAME},
        "publisher": publisher(),
    }
    trail = breadcrumbs(HOME, parent, (reply_code.code, path))
    return PageMeta(reply_code.heading, description, path, "article", [article, trail])


def collection_meta(title: str, description: str, path: str, crumb: str) -> PageMeta:
    page = {
        "@type": "CollectionPage",
        "name": title,
        "description": description,
        "url": absolute(path),
        "inLanguage": "tr-TR",
        "publisher": publisher(),
    }
    return PageMeta(title, description, path, graph=[page, breadcrumbs(HOME, (crumb, path))])


def class_meta(info: catalog.ClassInfo) -> PageMeta:
    path = reverse("kb:class_detail", kwargs={"digit": info.digit})
    title = f"SMTP {info.slug} kodları: {info.name}"
    return collection_meta(title, shorten(info.intro), path, info.slug)


def subject_meta(subject: catalog.SubjectInfo) -> PageMeta:
    path = reverse("kb:subject_detail", kwargs={"subject": subject.digit})
    title = f"X.{subject.digit}.X genişletilmiş durum kodları: {subject.name}"
    return collection_meta(title, shorten(subject.intro), path, f"X.{subject.digit}.X")


# Sitemap


class SiteSitemap(Sitemap):
    """Locations built from KB_SITE_URL rather than from the request."""

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.KB_SITE_URL).scheme

    def get_domain(self, site=None) -> str:
        return urlsplit(settings.KB_SITE_URL).netloc


class IndexSitemap(SiteSitemap):
    def items(self) -> list[str]:
        return ["kb:index"]

    def location(self, item: str) -> str:
        return reverse(item)

    def lastmod(self, item: str):
        return ReplyCode.objects.published().aggregate(latest=Max("updated_at"))["latest"]


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


SITEMAPS = {
    "index": IndexSitemap,
    "classes": ClassSitemap,
    "subjects": SubjectSitemap,
    "codes": CodeSitemap,
}


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {absolute(reverse('kb:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
