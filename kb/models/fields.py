"""Field kinds several models share: Markdown sources and the HTML rendered from them."""

from django.db import models

MARKDOWN_HELP = (
    "Markdown: boş satır yeni paragraf; «1. » ile numaralı adımlar; "
    "`ters tırnak` komut ve DNS kayıtları için; [metin](https://adres) bağlantı için."
)


def markdown(label: str, **options) -> models.TextField:
    """A text editors write in Markdown; the help text says how."""
    help_text = " ".join(filter(None, [options.pop("help_text", ""), MARKDOWN_HELP]))
    return models.TextField(label, help_text=help_text, **options)


def rendered_html() -> models.TextField:
    """The sanitized HTML of a Markdown field (kb/rendering.py), written at save so that no
    request renders Markdown. Never edited, never in history."""
    return models.TextField(editable=False, default="")
