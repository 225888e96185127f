import struct

import pytest
from django.contrib.staticfiles import finders


def png_size(name: str) -> tuple[int, int]:
    with open(finders.find(name), "rb") as png:
        header = png.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", name
    return struct.unpack(">II", header[16:24])


def test_pages_link_the_svg_favicon_a_png_fallback_and_a_touch_icon(client, make_code):
    make_code("450")

    html = client.get("/kod/450").content.decode()

    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in html
    assert 'href="/static/img/favicon-32.png" sizes="32x32" type="image/png"' in html
    assert '<link rel="apple-touch-icon" href="/static/img/apple-touch-icon.png">' in html
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in html


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("img/favicon-32.png", (32, 32)),
        ("img/apple-touch-icon.png", (180, 180)),
        ("img/og-card.png", (1200, 630)),
    ],
)
def test_icon_files_are_pngs_of_the_expected_size(name, size):
    assert png_size(name) == size
