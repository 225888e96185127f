import json
import re
from html.parser import HTMLParser
from http import HTTPStatus
from xml.etree import ElementTree

import pytest

SITE = "https://smtp.example.com"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class HeadParser(HTMLParser):
    """Collects <title>, <meta>, <link rel=canonical> and JSON-LD blocks of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.canonical: list[str] = []
        self.json_ld: list[str] = []
        self.title = ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content", "")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json_ld":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data


def head_of(client, path: str) -> HeadParser:
    response = client.get(path)
    assert response.status_code == HTTPStatus.OK, path
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def site(settings, make_code):
    settings.KB_SITE_URL = SITE
    make_code("250", title="İşlem tamam")
    make_code("450", title="Posta kutusu meşgul", meaning="Alıcının **posta kutusu** meşgul.")
    make_code("550", title="Posta kutusu yok")
    make_code("5.1.1", title="Alıcı adresi yok")
    make_code("4.7.1", title="Politika nedeniyle geçici ret")


PAGES = ["/", "/kod/2xx", "/kod/4xx", "/kod/5xx", "/kod/x.1.x", "/kod/x.7.x"] + [
    f"/kod/{code}" for code in ["250", "450", "550", "5.1.1", "4.7.1"]
]


def test_every_public_page_has_its_own_title_and_description(client, site):
    heads = [head_of(client, path) for path in PAGES]

    titles = [head.title for head in heads]
    descriptions = [head.meta["description"] for head in heads]
    assert len(set(titles)) == len(PAGES)
    assert len(set(descriptions)) == len(PAGES)


def test_code_description_is_the_title_then_the_meaning_without_markdown(client, site):
    head = head_of(client, "/kod/450")

    assert head.meta["description"] == "Posta kutusu meşgul. Alıcının posta kutusu meşgul."


@pytest.mark.parametrize(
    ("path", "canonical"),
    [("/", f"{SITE}/"), ("/kod/450", f"{SITE}/kod/450"), ("/kod/x.7.x", f"{SITE}/kod/x.7.x")],
)
def test_canonical_url_is_absolute_from_the_setting_not_the_host(
    client, site, settings, path, canonical
):
    settings.ALLOWED_HOSTS = ["testserver", "other.example"]

    response = client.get(path, HTTP_HOST="other.example")

    head = HeadParser()
    head.feed(response.content.decode())
    assert head.canonical == [canonical]
    assert head.meta["og:url"] == canonical


def test_open_graph_tags_of_450_carry_its_title(client, site):
    meta = head_of(client, "/kod/450").meta

    assert meta["og:title"] == "SMTP 450 hatası: Posta kutusu meşgul"
    assert meta["og:description"] == "Posta kutusu meşgul. Alıcının posta kutusu meşgul."
    assert meta["og:type"] == "article"
    assert meta["og:url"] == f"{SITE}/kod/450"
    assert meta["og:site_name"] == "SMTP Kodları"
    assert meta["og:locale"] == "tr_TR"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:title"] == "SMTP 450 hatası: Posta kutusu meşgul"


@pytest.mark.parametrize("path", PAGES)
def test_og_title_is_the_page_title_without_the_site_name(client, site, path):
    head = head_of(client, path)

    assert head.title == f"{head.meta['og:title']} | SMTP Kodları"


def test_og_image_is_an_absolute_link_to_the_png_card(client, site):
    meta = head_of(client, "/kod/450").meta

    assert meta["og:image"] == f"{SITE}/static/img/og-card.png"
    assert meta["og:image:width"] == "1200"
    assert meta["twitter:image"] == f"{SITE}/static/img/og-card.png"


@pytest.mark.parametrize(
    ("path", "types"),
    [
        ("/", ["WebSite"]),
        ("/kod/4xx", ["CollectionPage", "BreadcrumbList"]),
        ("/kod/x.7.x", ["CollectionPage", "BreadcrumbList"]),
        ("/kod/450", ["TechArticle", "BreadcrumbList"]),
        ("/kod/5.1.1", ["TechArticle", "BreadcrumbList"]),
    ],
)
def test_json_ld_parses_on_every_page_type(client, site, path, types):
    blocks = head_of(client, path).json_ld

    data = json.loads(blocks[0])
    assert len(blocks) == 1
    assert data["@context"] == "https://schema.org"
    assert [node["@type"] for node in data["@graph"]] == types


def test_code_article_json_ld_names_the_page_and_its_breadcrumbs(client, site):
    article, trail = json.loads(head_of(client, "/kod/5.1.1").json_ld[0])["@graph"]

    assert article["headline"] == "SMTP 5.1.1 hatası: Alıcı adresi yok"
    assert article["url"] == f"{SITE}/kod/5.1.1"
    assert article["inLanguage"] == "tr-TR"
    assert [item["item"] for item in trail["itemListElement"]] == [
        f"{SITE}/",
        f"{SITE}/kod/x.1.x",
        f"{SITE}/kod/5.1.1",
    ]


def test_admin_text_cannot_close_the_json_ld_block(client, make_code):
    title = "</script><script>alert(1)</script> & <b>"
    make_code("450", title=title)

    html = client.get("/kod/450").content.decode()
    head = HeadParser()
    head.feed(html)

    assert "<script>alert(1)" not in html
    assert "\\u003c/script\\u003e" in head.json_ld[0]
    assert json.loads(head.json_ld[0])["@graph"][0]["headline"].endswith(title)


def sitemap_locations(client) -> dict[str, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == HTTPStatus.OK
    root = ElementTree.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=SITEMAP_NS): url.findtext(
            "s:lastmod", namespaces=SITEMAP_NS
        )
        for url in root.findall("s:url", SITEMAP_NS)
    }


def test_sitemap_lists_every_published_page_with_lastmod_and_no_unpublished_code(
    client, site, make_code
):
    make_code("421", is_published=False)

    locations = sitemap_locations(client)

    expected_codes = {f"{SITE}/kod/{code}" for code in ["250", "450", "550", "5.1.1", "4.7.1"]}
    assert expected_codes <= set(locations)
    assert f"{SITE}/kod/421" not in locations
    assert {f"{SITE}/", f"{SITE}/kod/4xx", f"{SITE}/kod/x.7.x"} <= set(locations)
    assert f"{SITE}/kod/3xx" not in locations  # no published 3xx code
    assert all(locations.values())


def test_every_sitemap_url_answers_200(client, site):
    paths = [location.removeprefix(SITE) for location in sitemap_locations(client)]

    # index, classes, subjects, codes (no providers yet), the domain check form
    assert len(paths) == 1 + 3 + 2 + 5 + 1
    for path in paths:
        assert client.get(path).status_code == HTTPStatus.OK, path


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(
    client, settings
):
    settings.KB_SITE_URL = SITE

    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /ara" in lines
    assert "Disallow: /coz" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_have_no_inline_script_style_or_event_handler(client, site, path):
    html = client.get(path).content.decode()

    scripts = re.findall(r"<script\b[^>]*>", html)
    inline = [tag for tag in scripts if "src=" not in tag and "application/ld+json" not in tag]
    assert inline == []
    assert re.search(r"\sstyle=", html) is None
    assert re.search(r"\son[a-z]+=", html) is None
