"""This process's indexes of the published content, kept current with the content version:
the search index, and the provider responses the decoder matches a bounce against.

Each worker keeps one kb.smtp.search.SearchIndex in memory; a search first reads the content
version (kb/freshness.py, a cache read, no query) and, only when the version is new, updates
the index for the pages that changed (`search_index`), so results never lag behind a
published change, a draft save costs nothing, and an edit costs no full rebuild.
"""

import logging
import threading
from dataclasses import dataclass

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast

from kb import freshness
from kb.models import HostProfile, Origin, Provider, ProviderResponse, ReplyCode, Synonym
from kb.smtp.search import Document, SearchIndex, updated
from kb.smtp.signatures import Candidate

logger = logging.getLogger(__name__)

FULL_BUILD_SHARE = 0.1  # when more of the pages changed, the index is built afresh
_lock = threading.Lock()
_searchable: "_Searchable | None" = None
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


@dataclass(frozen=True)
class _Searchable:
    """The search index of one content version, and what it was built from."""

    version: str
    index: SearchIndex
    # code pk → (code, version, updated_at, the host profile's updated_at, provider response
    # texts)
    stamps: dict[int, tuple]
    synonyms: dict[str, list[str]]


def search_index() -> SearchIndex:
    """This process's search index for the current content version.

    A search on a warm index reads the version (one cache read) and nothing else. When the
    version is new, two light queries tell which pages changed, and only those are read and
    analysed (kb.smtp.search.updated): a published edit costs the next search a few
    milliseconds, whatever the size of the corpus. The first search of a process builds the
    whole index."""
    global _searchable
    version = freshness.current()
    with _lock:
        if _searchable is None:
            _searchable = _build(version)
        elif _searchable.version != version:
            _searchable = _refresh(_searchable, version)
        return _searchable.index


def warm_in_background() -> threading.Thread:
    """Build this process's search index in a thread (gunicorn.conf.py calls it when a
    worker starts), so that no visitor's search waits for the build; a search arriving
    meanwhile waits for it instead of building a second one."""

    def warm() -> None:
        try:
            search_index()
        except Exception:  # the first search will build it, and fail visibly if it must
            logger.exception("building the search index at worker start failed")
        finally:
            connections.close_all()

    thread = threading.Thread(target=warm, name="kb-search-index", daemon=True)
    thread.start()
    return thread


def _build(version: str) -> _Searchable:
    stamps, responses = _stamps()
    synonyms = Synonym.objects.as_table()
    index = SearchIndex(documents(responses), synonyms)
    return _Searchable(version, index, stamps, synonyms)


def _refresh(old: _Searchable, version: str) -> _Searchable:
    stamps, responses = _stamps()
    synonyms = Synonym.objects.as_table()
    changed = {pk for pk, stamp in stamps.items() if old.stamps.get(pk) != stamp}
    removed = [
        stamp[0]
        for pk, stamp in old.stamps.items()
        if pk not in stamps or (pk in changed and stamps[pk][0] != stamp[0])
    ]
    if not changed and not removed and synonyms == old.synonyms:
        return _Searchable(version, old.index, stamps, synonyms)  # e.g. a comment approved
    if len(changed) + len(removed) > len(stamps) * FULL_BUILD_SHARE:
        index = SearchIndex(documents(responses), synonyms)  # as cheap, code order
        return _Searchable(version, index, stamps, synonyms)
    index = updated(
        old.index,
        documents(responses, sorted(changed)) if changed else [],
        removed,
        synonyms if synonyms != old.synonyms else None,
    )
    return _Searchable(version, index, stamps, synonyms)


def _stamps() -> tuple[dict[int, tuple], dict[int, list[str]]]:
    """What tells a page's search document changed, per published code (its `version`
    counts every save; the host profile's last save), and the provider responses shown on
    each page."""
    responses: dict[int, list[str]] = {}
    for page_id, text in ProviderResponse.objects.published().values_list("page_id", "text"):
        responses.setdefault(page_id, []).append(text)
    # updated_at as the database writes it: parsing 2,000 datetimes would cost more than
    # the rest of the query
    changed_at = Cast("updated_at", output_field=TextField())
    # Saving the host profile re-renders the filled-in text of many pages without touching
    # their own stamps (kb/hosting.py): its time is part of every page's stamp.
    profile_at = HostProfile.objects.values_list(changed_at, flat=True).first()
    rows = ReplyCode.objects.published().values_list("pk", "code", "version", changed_at)
    stamps = {
        pk: (code, version, updated_at, profile_at, tuple(responses.get(pk, ())))
        for pk, code, version, updated_at in rows
    }
    return stamps, responses


def is_dotless(origin: str) -> bool:
    """An enhanced code written without its dots (422 for 4.2.2): the search ranks these
    pages below the real codes they imitate."""
    return origin == Origin.DOTLESS


def documents(responses: dict[int, list[str]], pks: list[int] | None = None) -> list[Document]:
    """One document per published code (those of `pks` only, if given); its examples
    include the provider responses shown on its page (`responses`: page pk → texts, as
    `_stamps` read them), so a pasted provider sentence finds that page."""
    rows = ReplyCode.objects.published()
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    rows = rows.values_list(
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
