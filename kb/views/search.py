"""The search page (`/ara`). Ranking lives in kb/smtp/search/; this process's index in
kb/search_index.py."""

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kb import freshness, page_data, paths
from kb.models import ReplyCode, SearchMiss
from kb.search_index import search_index
from kb.smtp import codes
from kb.smtp.search import STOP_WORDS, Hits, looks_like_bounce
from kb.smtp.search.query import WORD_RE
from kb.smtp.text import fold
from kb.views import decode

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 1000  # the index reads no more of a query


def single_code(query: str, found: list[str]) -> str | None:
    """The code when the query is just one code, whatever punctuation surrounds it
    ("550", "#5.7.26", "smtp 421", "SMTP; 550", "(550)", "5,7,26")."""
    if len(found) != 1:
        return None
    words = WORD_RE.findall(fold(codes.without_codes(query)))
    rest = [word for word in words if word not in STOP_WORDS]
    return None if rest else found[0]


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("q", "")
    if looks_like_bounce(raw):  # a pasted bounce: the decoder answers, never a wrong search
        context = decode.result_context(raw[: decode.MAX_BOUNCE_BYTES], from_search=True)
        return render(request, "kb/decode.html", context)
    query = raw.strip()[:MAX_QUERY_CHARS]
    if not query:
        return render(request, "kb/search.html", {"query": "", "results": []})
    found = [code for code in codes.find_codes(query) if codes.is_valid(code)]
    exact = single_code(query, found)
    published = ReplyCode.objects.published()
    if exact and (published.filter(code=exact).exists() or published.range_containing(exact)):
        return HttpResponseRedirect(ReplyCode(code=exact).get_absolute_url())
    try:
        hits = search_index().search(query)
    except Exception:  # the view boundary: a ranking bug must not cost the visitor a 500
        logger.exception("search failed for a query of %d characters", len(query))
        hits = Hits()
    rows = {row.code: row for row in page_data.listing(freshness.current())}  # kept per version
    results = [(rows[hit.code], hit) for hit in hits if hit.code in rows]
    if not results:
        SearchMiss.objects.record(query)
    context = {
        "query": query,
        "results": results,
        "total": hits.total,
        "suggestion": hits.suggestion,
        "suggestion_url": paths.search_path(hits.suggestion) if hits.suggestion else "",
        "classes": codes.CLASSES.values(),
    }
    return render(request, "kb/search.html", context)
