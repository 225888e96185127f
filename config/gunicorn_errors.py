"""Turkish pages for the errors gunicorn answers itself, before Django sees the request
(a request line over `limit_request_line`, oversized headers, a malformed request).

gunicorn writes these with `gunicorn.util.write_error`; gunicorn.conf.py replaces that one
function with `write_error` below, so a visitor never gets gunicorn's English page. The
pages carry no inline style or script, like every page of the site.
"""

import html

from gunicorn.util import write_nonblock

PAGES = {
    400: ("İstek anlaşılamadı", "Tarayıcınızın gönderdiği istek bozuk görünüyor."),
    403: ("Erişim yok", "Bu isteği kabul edemiyoruz."),
    414: (
        "Adres çok uzun",
        "Arama kutusuna çok uzun bir metin yapıştırdınız. Geri dönen bir iletiyi çözmek "
        'için metni <a href="/coz">Geri dönen iletiyi çöz</a> sayfasındaki kutuya yapıştırın; '
        "orada 100 KB'a kadar metin kabul ediyoruz.",
    ),
    431: ("İstek başlıkları çok büyük", "Tarayıcınızın çerezlerini silip yeniden deneyin."),
}
DEFAULT = ("Bir sorun oluştu", "İsteğiniz işlenemedi. Birazdan yeniden deneyin.")


def page(status: int) -> str:
    title, text = PAGES.get(status, DEFAULT)
    return (
        '<!doctype html>\n<html lang="tr">\n<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)} | SMTP Kodları</title></head>\n"
        f"<body><main><h1>{html.escape(title)}</h1><p>{text}</p>"
        '<p><a href="/">SMTP kodlarının listesine dönün</a></p></main></body>\n</html>\n'
    )


def write_error(sock, status_int: int, reason: str, mesg: str) -> None:
    body = page(status_int).encode("utf-8")
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: text/html; charset=utf-8\r\n"
        "Content-Language: tr\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    write_nonblock(sock, head.encode("latin-1") + body)
