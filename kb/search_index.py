"""This process's indexes of the published content, rebuilt when the content version changes:
the search index, and the provider responses the decoder matches a bounce against.

Each worker keeps one kb.smtp.search.SearchIndex in memory; a search first reads the content
version (kb/freshness.py, a cache read, no query) and rebuilds the index from the published
rows only when the version is new, so results never lag behind a published change and a
draft save costs nothing.
"""

import threading
from dataclasses import dataclass

from kb import freshness
from kb.models import Origin, Provider, ProviderResponse, ReplyCode, Synonym
from kb.smtp.search import Document, SearchIndex
from kb.smtp.signatures import Candidate

_lock = threading.Lock()
_index: tuple[str, SearchIndex] | None = None
_responses: tuple[str, "ResponseIndex"] | None = None


@dataclass(frozen=True)
class ResponseIndex:
    candidates: list[Candidate]  # key: the response's pk
    responses: dict[int, ProviderResponse]
    providers: dict[int, Provider]
    markers: list[tuple[int, str]]  # (provider pk, marker)
    domains: list[tuple[int, str]]  # (provider pk, domain)


def response_index() -> ResponseIndex:
    global _responses
    version = freshness.current()
    with _lock:
        if _responses is None or _responses[0] != version:
            _responses = (version, build_response_index())
        return _responses[1]


def build_response_index() -> ResponseIndex:
    providers = {row.pk: row for row in Provider.objects.all()}
    responses = {row.pk: row for row in ProviderResponse.objects.published().select_related("page")}
    candidates = [
        Candidate(
            pk,
            tuple(line.split()),
            response.enhanced_code,
            response.reply_code,
            response.provider_id,
        )
        for pk, response in responses.items()
        for line in response.signatures
    ]
    markers = [(pk, marker) for pk, row in providers.items() for marker in row.markers]
    domains = [(pk, domain) for pk, row in providers.items() for domain in row.domains]
    return ResponseIndex(candidates, responses, providers, markers, domains)


def search_index() -> SearchIndex:
    global _index
    version = freshness.current()
    with _lock:
        if _index is None or _index[0] != version:
            _index = (version, SearchIndex(documents(), Synonym.objects.as_table()))
        return _index[1]


def is_dotless(origin: str) -> bool:
    """An enhanced code written without its dots (422 for 4.2.2): the search ranks these
    pages below the real codes they imitate."""
    return origin == Origin.DOTLESS


def documents() -> list[Document]:
    """One document per published code; its examples include the provider responses
    shown on its page, so a pasted provider sentence finds that page."""
    responses: dict[int, list[str]] = {}
    for page_id, text in ProviderResponse.objects.published().values_list("page_id", "text"):
        responses.setdefault(page_id, []).append(text)
    rows = ReplyCode.objects.published().values_list(
        "pk",
        "code",
        "title",
        "meaning",
        "remedy_customer",
        "remedy_admin",
        "filled_text",
        "examples",
        "origin",
    )
    return [
        Document(
            code,
            title,
            meaning,
            # The text readers see: the host profile's placeholders filled in at save.
            f"{filled.get('remedy_customer', customer)}\n{filled.get('remedy_admin', admin)}",
            "\n".join([examples, *responses.get(pk, [])]),
            dotless=is_dotless(origin),
        )
        for pk, code, title, meaning, customer, admin, filled, examples, origin in rows
    ]
