"""Bad input is a Turkish 400 (or 413, or 405 with a body), never a 500.

`BadInputMiddleware` runs before anything reads the request body (the CSRF check, the
views) and refuses, with a Turkish page (JSON under /api/, kb/views/errors.py):

Charsets. Django decodes both the query string and a form body with the `charset` of the
request's Content-Type, so an unknown one (`undefined`, a made-up name) or one that is not a
text encoding (`rot13`, `base64`) raised deep inside `request.POST` or `request.GET`. We
read everything as UTF-8 and accept exactly:
- no `charset` parameter: what browsers send (Chrome, Firefox and Safari never label a form
  post; our pages are UTF-8, so their forms are encoded in UTF-8), and what curl sends;
- `charset=utf-8` in any spelling Python's codec registry resolves to UTF-8 (`UTF-8`,
  `utf8`, `"utf-8"`);
- `charset=us-ascii` (or `ascii`), a subset of UTF-8 some HTTP libraries declare; it is
  read as UTF-8.
Any other charset (`latin-1`, `windows-1254`, `utf-16` … as well as the broken ones) is a 400
on every method and content type: reading it as UTF-8 would silently garble the text.

Size. A body over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB; the site takes no file uploads) is a
413 before it is read, whatever the claimed Content-Length. A body without Content-Length
(`Transfer-Encoding: chunked` straight to gunicorn; nginx always sends a length) is read up
to the limit here, because Django would otherwise see an empty body. A Content-Length that
is not a number is a 400.

405. Django answers a method a view does not take with an empty 405; we add a Turkish body
and keep its `Allow` header.

`guard_wsgi` wraps the WSGI application (config/wsgi.py) for the Content-Types that make
Django fail while it builds the request, before any middleware (`sanitize_environ`).
"""

import codecs
import io
import logging
from http import HTTPStatus

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream
from django.http import HttpRequest, HttpResponse
from django.utils.http import parse_header_parameters

from kb.views import errors

logger = logging.getLogger(__name__)

UTF8 = codecs.lookup("utf-8").name
ASCII = codecs.lookup("ascii").name
CHARSET_REFUSED = (
    "İsteğin karakter kümesini ({charset}) okuyamıyoruz. Metni UTF-8 olarak gönderin "
    "(charset=utf-8 ya da hiç belirtmeden)."
)
LENGTH_REFUSED = "İsteğin Content-Length başlığı geçerli bir sayı değil."


REFUSED_CONTENT_TYPE = "kb.refused_content_type"


def readable(charset: str | None) -> bool:
    """Whether we read a body or query string declared in this charset (as UTF-8)."""
    if charset is None:
        return True
    try:
        name = codecs.lookup(charset.strip().strip('"')).name
    except LookupError:
        return False
    return name in (UTF8, ASCII)


def sanitize_environ(environ: dict) -> dict:
    """Django cannot even build its request from some Content-Types, and fails before any
    middleware: an RFC 2231 parameter naming an unknown charset (`charset*=bogus''x`) raises
    ValueError, and any `charset` parameter makes it decode the query string at once, so
    `rot13` raises LookupError and 1,001 query fields TooManyFieldsSent. config/wsgi.py calls
    this for every request: a charset we read is dropped (we read UTF-8 anyway), any other
    Content-Type is set aside for BadInputMiddleware's Turkish 400."""
    content_type = environ.get("CONTENT_TYPE", "")
    if "charset" not in content_type.lower():
        return environ
    try:
        main, params = parse_header_parameters(content_type)
    except ValueError:
        main, params = "", {"charset": ""}
    if "charset" not in params:
        return environ
    if readable(params["charset"]):
        kept = [f'{name}="{quoted(value)}"' for name, value in params.items() if name != "charset"]
        environ["CONTENT_TYPE"] = "; ".join([main, *kept])
    else:
        environ[REFUSED_CONTENT_TYPE] = content_type
        environ["CONTENT_TYPE"] = "application/octet-stream"
    return environ


def quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def charset_problem(request: HttpRequest) -> str | None:
    """The refusal message for the request's declared charset, or None if we read it."""
    if REFUSED_CONTENT_TYPE in request.META:
        return CHARSET_REFUSED.format(charset=request.META[REFUSED_CONTENT_TYPE][:60])
    charset = request.content_params.get("charset")
    if charset is None:
        return None
    if not readable(charset):
        return CHARSET_REFUSED.format(charset=charset[:40])
    # Django itself takes a form only as the literal "utf-8" (request.POST raises
    # BadRequest for `utf8` or `us-ascii`): normalise the accepted spellings.
    if request.encoding != "utf-8":
        request.encoding = "utf-8"
    return None


def declared_length(request: HttpRequest) -> int | None:
    """Content-Length as a number; None when absent; -1 when it is not a number."""
    value = request.META.get("CONTENT_LENGTH")
    if value in (None, ""):
        return None
    value = str(value).strip()
    return int(value) if value.isdigit() else -1


def read_unsized_body(request: HttpRequest, limit: int) -> bool:
    """A body sent without Content-Length (chunked): read at most limit + 1 bytes into the
    request; False if it is over the limit."""
    stream = request.META.get("wsgi.input")
    if stream is None or request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    body = stream.read(limit + 1)
    if len(body) > limit:
        return False
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = LimitedStream(io.BytesIO(body), len(body))
    return True


class BadInputMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if message := charset_problem(request):
            logger.warning("refused charset %r on %s", request.content_params, request.path_info)
            return errors.bad_request(request, message=message)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        length = declared_length(request)
        if length == -1:
            return errors.bad_request(request, message=LENGTH_REFUSED)
        chunked = "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()
        if (length is not None and length > limit) or (
            length is None and chunked and not read_unsized_body(request, limit)
        ):
            return errors.too_large(request)
        response = self.get_response(request)
        if response.status_code == HTTPStatus.METHOD_NOT_ALLOWED and (
            response.streaming or not response.content  # Django's and whitenoise's are empty
        ):
            filled = errors.method_not_allowed(request, response.get("Allow", ""))
            filled["Allow"] = response.get("Allow", "")
            return filled
        return response


def guard_wsgi(application):
    """The WSGI application, with `sanitize_environ` before Django builds the request."""

    def guarded(environ, start_response):
        return application(sanitize_environ(environ), start_response)

    return guarded
