"""What search engines and link previews see of a page: title, description, canonical URL,
Open Graph and Twitter tags, breadcrumbs and JSON-LD, built once per page by its view.

Every absolute URL starts with KB_SITE_URL, never with the request's Host header, so a page
from the shared cache is right for every visitor. JSON-LD is built here with json.dumps and
`<`, `>`, `&` escaped as \\u003c, \\u003e, \\u0026: the data is unchanged for a JSON parser, but
text typed into the admin can never close the `<script type="application/ld+json">` block.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.text import Truncator

from kb.models import HostProfile, ReplyCode
from kb.models.host_profile import fill_support_url
from kb.rendering import html_safe_json
from kb.smtp import codes
from kb.smtp.codes import ClassInfo, SubjectInfo
from kb.smtp.text import markdown_to_text

DESCRIPTION_LENGTH = 155
INDEX_TITLE = "SMTP Hataları ve Yanıt Kodları: Anlamları ve Çözüm Yolları"
INDEX_DESCRIPTION = (
    "SMTP yanıt kodlarının ve genişletilmiş durum kodlarının Türkçe açıklamaları ve çözüm adımları."
)
OG_IMAGE = "img/og-card.png"
OG_IMAGE_SIZE = (1200, 630)


def absolute(path: str) -> str:
    return settings.KB_SITE_URL + path


def support_url(code: str, details: str = "") -> str:
    """The host profile's support URL (by default KB_SUPPORT_URL) with `{code}` (and
    `{details}`, where the ticket system takes a description) filled in, URL-encoded."""
    template = HostProfile.current().support_url_template
    return fill_support_url(template, code, details)


def shorten(text: str) -> str:
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def code_description(reply_code: ReplyCode) -> str:
    """The title, then the meaning: the code itself is in the page title already."""
    return shorten(f"{reply_code.title.rstrip('.')}. {markdown_to_text(reply_code.meaning)}")


Trail = tuple[tuple[str, str], ...]  # (name, path) from the home page to this page


def breadcrumb_list(trail: Trail) -> dict:
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
    trail: Trail = ()  # the breadcrumbs, shown on the page and in the JSON-LD

    @property
    def url(self) -> str:
        return absolute(self.path)

    @property
    def image(self) -> str:
        return absolute(static(OG_IMAGE))

    @property
    def json_ld(self) -> str:
        graph = [*self.graph, breadcrumb_list(self.trail)] if self.trail else self.graph
        return html_safe_json({"@context": "https://schema.org", "@graph": graph})


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
        info = codes.class_of(reply_code.code)  # a dotless number sits under its first digit
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
    trail = (HOME, parent, (reply_code.code, path))
    return PageMeta(reply_code.heading, description, path, "article", [article], trail)


def collection_meta(
    title: str, description: str, path: str, crumb: str, parents: Trail = ()
) -> PageMeta:
    page = {
        "@type": "CollectionPage",
        "name": title,
        "description": description,
        "url": absolute(path),
        "inLanguage": "tr-TR",
        "publisher": publisher(),
    }
    trail = (HOME, *parents, (crumb, path))
    return PageMeta(title, description, path, graph=[page], trail=trail)


def class_meta(info: ClassInfo) -> PageMeta:
    path = reverse("kb:class_detail", kwargs={"digit": info.digit})
    title = f"SMTP {info.slug} kodları: {info.name}"
    return collection_meta(title, shorten(info.intro), path, info.slug)


def subject_meta(subject: SubjectInfo) -> PageMeta:
    path = reverse("kb:subject_detail", kwargs={"subject": subject.digit})
    title = f"X.{subject.digit}.X genişletilmiş durum kodları: {subject.name}"
    return collection_meta(title, shorten(subject.intro), path, f"X.{subject.digit}.X")


PROVIDERS = ("Sağlayıcılar", "/saglayici/")


def provider_list_meta() -> PageMeta:
    title = "E-posta sağlayıcılarının hata iletileri: Gmail, Microsoft 365, Yahoo ve diğerleri"
    description = (
        "Gmail, Outlook, Microsoft 365, Yahoo, Yandex, Apple ve güvenlik ağ geçitlerinin "
        "gönderdiği hata cümleleri ve Türkçe açıklamaları."
    )
    path = reverse("kb:provider_list")
    return collection_meta(title, description, path, PROVIDERS[0])


def provider_meta(provider) -> PageMeta:
    path = provider.get_absolute_url()
    title = f"{provider.name} hata iletileri ve çözümleri"
    description = shorten(markdown_to_text(provider.description))
    return collection_meta(title, description, path, provider.name, parents=(PROVIDERS,))
