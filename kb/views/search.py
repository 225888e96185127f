"""Finding the right page: the search box (`/ara`) and the bounce decoder (`/coz`).

The search index lives in memory (kb/search.py). Each process keeps one, stamped
with the published content's version (number of rows and sum of their versions,
one cheap aggregate query per search); any admin save changes the stamp, so the
next search rebuilds the index and never shows stale text, in every worker.

The decoder (kb/decoder.py) reads what the customer pasted; the text is never
stored or logged, and what is shown back is masked.
"""

import threading
from dataclasses import dataclass
from http import HTTPStatus

from django.db.models import Count, F, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from kb import catalog, codes, decoder
from kb.api import json_response
from kb.models import ReplyCode, SearchMiss
from kb.search import STOP_WORDS, Document, SearchIndex, fold, parse_codes

MAX_BOUNCE_BYTES = 100 * 1024
MAX_QUERY_CHARS = 200

_index_lock = threading.Lock()
_index: tuple[tuple, SearchIndex] | None = None


def search_index() -> SearchIndex:
    global _index
    published = ReplyCode.objects.published()
    stamp = tuple(published.aggregate(rows=Count("id"), versions=Sum("version")).values())
    with _index_lock:
        if _index is None or _index[0] != stamp:
            _index = (stamp, SearchIndex(documents(published)))
        return _index[1]


def documents(published) -> list[Document]:
    rows = published.values_list(
        "code", "title", "meaning", "remedy_customer", "remedy_admin", "examples"
    )
    return [
        Document(code, title, meaning, f"{customer}\n{admin}", examples)
        for code, title, meaning, customer, admin, examples in rows
    ]


def single_code(query: str, found: list[str]) -> str | None:
    """The code when the query is just one code ("550", "#5.7.26", "smtp 421")."""
    if len(found) != 1:
        return None
    words = fold(query).replace("#", " ").replace(":", " ").split()
    rest = [word for word in words if word != found[0] and word not in STOP_WORDS]
    return None if rest else found[0]


def published_by_code(wanted: list[str]) -> dict[str, ReplyCode]:
    rows = ReplyCode.objects.published().filter(code__in=wanted)
    return {row.code: row for row in rows.only("code", "title", "reply_class", "sort_key")}


def record_miss(query: str) -> None:
    printable = "".join(char for char in query if char.isprintable())  # no NUL on PostgreSQL
    text = decoder.mask(" ".join(printable.split()))[:MAX_QUERY_CHARS]
    if not text:
        return
    updated = SearchMiss.objects.filter(query=text).update(count=F("count") + 1)
    if not updated:
        SearchMiss.objects.get_or_create(query=text)


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY_CHARS]
    if not query:
        return render(request, "kb/search.html", {"query": "", "results": []})
    found = [code for code in parse_codes(query) if codes.is_valid(code)]
    exact = single_code(query, found)
    if exact and ReplyCode.objects.published().filter(code=exact).exists():
        return HttpResponseRedirect(ReplyCode(code=exact).get_absolute_url())
    hits = search_index().search(query)
    rows = published_by_code([hit.code for hit in hits])
    results = [(rows[hit.code], hit) for hit in hits if hit.code in rows]
    if not results:
        record_miss(query)
    return render(
        request,
        "kb/search.html",
        {"query": query, "results": results, "classes": catalog.CLASSES.values()},
    )


@dataclass
class Explained:
    """A code the decoder found, with its page if we have one."""

    code: str
    role: str
    evidence: str
    page: ReplyCode | None

    @property
    def class_info(self) -> catalog.ClassInfo:
        return catalog.CLASSES[int(self.code[0])]


def explain(result: decoder.DecodeResult) -> tuple[list[Explained], ReplyCode | None]:
    wanted = [found.code for found in result.codes]
    if result.guess:
        wanted.append(result.guess.code)
    pages = {row.code: row for row in ReplyCode.objects.published().filter(code__in=wanted)}
    explained = [
        Explained(found.code, found.role, found.evidence, pages.get(found.code))
        for found in result.codes
    ]
    guess_page = pages.get(result.guess.code) if result.guess else None
    return explained, guess_page


@dataclass
class Bounce:
    text: str
    error: str = ""
    status: int = HTTPStatus.OK


def read_bounce(request: HttpRequest) -> Bounce:
    """The pasted text, or a Turkish error. Form field `metin`, or a raw text body (API)."""
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        raw = request.POST.get("metin", "")
        size = len(raw.encode("utf-8", errors="replace"))
    else:
        body = request.body
        size = len(body)
        raw = body.decode("utf-8", errors="replace")
    if size > MAX_BOUNCE_BYTES:
        message = (
            f"Yapıştırdığınız metin {size // 1024} KB; en fazla 100 KB kabul ediyoruz. "
            "İletinin yalnızca hata bildirimi kısmını (ekleri ve özgün iletiyi çıkararak) "
            "yapıştırın."
        )
        return Bounce(raw, message, HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    if not raw.strip():
        message = "Çözümlenecek bir metin yapıştırın: geri dönen iletinin tamamı ya da hata satırı."
        return Bounce(raw, message, HTTPStatus.BAD_REQUEST)
    return Bounce(raw)


@never_cache
@require_http_methods(["GET", "POST"])
def decode_bounce(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "kb/decode.html", {})
    bounce = read_bounce(request)
    if bounce.error:
        context = {"error": bounce.error, "text": bounce.text}
        return render(request, "kb/decode.html", context, status=bounce.status)
    result = decoder.decode(bounce.text)
    explained, guess_page = explain(result)
    context = {
        "result": result,
        "cause": [item for item in explained if item.role == "cause"],
        "others": [item for item in explained if item.role == "other"],
        "guess_page": guess_page,
        "decoded": True,
    }
    return render(request, "kb/decode.html", context)


@csrf_exempt
@require_POST
def api_decode(request: HttpRequest) -> HttpResponse:
    """POST /api/coz: the same decoder for support tooling (no cookies, no side effects)."""
    bounce = read_bounce(request)
    if bounce.error:
        return json_response(
            {"error": "invalid_input", "message": bounce.error}, status=bounce.status
        )
    result = decoder.decode(bounce.text)
    explained, guess_page = explain(result)

    def url(page: ReplyCode | None) -> str | None:
        return request.build_absolute_uri(page.get_absolute_url()) if page else None

    guess = None
    if result.guess:
        guess = {
            "code": result.guess.code,
            "phrase": result.guess.phrase,
            "label": result.guess.label_tr,
            "url": url(guess_page),
        }
    return json_response(
        {
            "reply_code": result.reply_code,
            "enhanced_code": result.enhanced_code,
            "codes": [
                {
                    "code": item.code,
                    "role": item.role,
                    "url": url(item.page),
                    "title": item.page.title if item.page else None,
                }
                for item in explained
            ],
            "guess": guess,
            "diagnostic": result.diagnostic,
            "recipients": result.recipients,
        }
    )
