"""The search index of this process, rebuilt when the content version changes.

Each worker keeps one kb.smtp.search.SearchIndex in memory; a search first reads the content
version (kb/freshness.py, a cache read, no query) and rebuilds the index from the published
rows only when the version is new, so results never lag behind a published change and a
draft save costs nothing.
"""

import threading

from kb import freshness
from kb.models import Origin, ReplyCode, Synonym
from kb.smtp import codes
from kb.smtp.search import Document, SearchIndex

_lock = threading.Lock()
_index: tuple[str, SearchIndex] | None = None


def search_index() -> SearchIndex:
    global _index
    version = freshness.current()
    with _lock:
        if _index is None or _index[0] != version:
            _index = (version, SearchIndex(documents(), Synonym.objects.as_table()))
        return _index[1]


DOTLESS_SIGN = "yanıt kodu değil"  # how a dotless page opens: "422 … bir SMTP yanıt kodu değildir"


def is_dotless(code: str, origin: str, meaning: str) -> bool:
    """A vendor's three digits that are an enhanced code without its dots (422 for 4.2.2),
    as the page itself says; the search ranks them below the real codes."""
    return origin == Origin.VENDOR and codes.is_basic(code) and DOTLESS_SIGN in meaning


def documents() -> list[Document]:
    rows = ReplyCode.objects.published().values_list(
        "code", "title", "meaning", "remedy_customer", "remedy_admin", "examples", "origin"
    )
    return [
        Document(
            code,
            title,
            meaning,
            f"{customer}\n{admin}",
            examples,
            dotless=is_dotless(code, origin, meaning),
        )
        for code, title, meaning, customer, admin, examples, origin in rows
    ]
