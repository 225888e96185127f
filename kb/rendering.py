"""Staff-written text made safe for the public: Markdown to sanitized HTML, and JSON for HTML.

Staff write Markdown in the admin; the HTML that markdown produces goes through
nh3 (an allow-list sanitizer), so a `<script>`, an `onerror=` attribute or a
`javascript:` link typed into the admin comes out inert.
"""

import html
import json
import re
import threading

import markdown
import nh3

ALLOWED_TAGS = {"p", "br", "ol", "ul", "li", "strong", "em", "code", "pre", "a", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


_local = threading.local()


def _converter() -> markdown.Markdown:
    """One Markdown instance per thread, reset between texts (building one is most of the
    cost of converting a short text)."""
    if not hasattr(_local, "converter"):
        _local.converter = markdown.Markdown(extensions=["sane_lists"], output_format="html")
    return _local.converter


def render_markdown(text: str) -> str:
    html = _converter().reset().convert(text or "")
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


_RFC_RE = re.compile(r"RFC\s?(\d{3,4})(?:\s?§\s?(\d+(?:\.\d+)*))?")
_URL_RE = re.compile(r"https?://[^\s<>()\"']+[^\s<>()\"'.,;:]")


def render_reference(text: str) -> str:
    """A code's source line as HTML: every RFC (with its section) and every address becomes
    a link. The rest is escaped."""
    parts, position = [], 0
    pattern = re.compile(f"{_URL_RE.pattern}|{_RFC_RE.pattern}")
    for match in pattern.finditer(text or ""):
        parts.append(html.escape(text[position : match.start()]))
        found = match.group(0)
        if rfc := _RFC_RE.fullmatch(found):
            number, section = rfc.groups()
            href = f"https://www.rfc-editor.org/rfc/rfc{number}"
            href += f"#section-{section}" if section else ""
        else:
            href = found
        parts.append(
            f'<a href="{html.escape(href)}" rel="nofollow noopener">{html.escape(found)}</a>'
        )
        position = match.end()
    parts.append(html.escape((text or "")[position:]))
    return "".join(parts)
