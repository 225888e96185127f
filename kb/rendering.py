"""Staff-written text made safe for the public: Markdown to sanitized HTML, and JSON for HTML.

Staff write Markdown in the admin; the HTML that markdown produces goes through
nh3 (an allow-list sanitizer), so a `<script>`, an `onerror=` attribute or a
`javascript:` link typed into the admin comes out inert.
"""

import json

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "ol", "ul", "li", "strong", "em", "code", "pre", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener",
    )


def render_inline(text: str) -> str:
    """One line of Markdown without the surrounding paragraph (for table cells)."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def html_safe_json(data: object, indent: int | None = None) -> str:
    """JSON with `<`, `>` and `&` written as \\u003c, \\u003e and \\u0026: the same data for any
    JSON parser, but text typed into the admin can neither close a `<script>` data block
    nor make a JSON response sniffable as HTML."""
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
