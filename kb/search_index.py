"""The search index of this process, rebuilt when the content version changes.

Each worker keeps one kb.smtp.search.SearchIndex in memory; a search first reads the content
version (kb/freshness.py, a cache read, no query) and rebuilds the index from the published
rows only when the version is new, so results never lag behind a published change and a
draft save costs nothing.
"""

import threading

from kb import freshness
from kb.models import ReplyCode
from kb.smtp.search import Document, SearchIndex

_lock = threading.Lock()
_index: tuple[str, SearchIndex] | None = None


def search_index() -> SearchIndex:
    global _index
    version = freshness.current()
    with _lock:
        if _index is None or _index[0] != version:
            _index = (version, SearchIndex(documents()))
        return _index[1]


def documents() -> list[Document]:
    rows = ReplyCode.objects.published().values_list(
        "code", "title", "meaning", "remedy_customer", "remedy_admin", "examples"
    )
    return [
        Document(code, title, meaning, f"{customer}\n{admin}", examples)
        for code, title, meaning, customer, admin, examples in rows
    ]
