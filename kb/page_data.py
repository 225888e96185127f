"""What the public pages read from the database, kept for the content version in each process.

Every row here is published content, and every change to it bumps the content version
(kb/freshness.py), so a memo keyed by the version is never stale: the first request after a
change reads afresh, the next ones read no rows and render no code table again. The version
is read before the rows, as for the page cache: rows that a change commits in between are
kept under the old version, which nobody asks for any more. The editor's display name (a
user, not content) can lag by up to MAX_AGE seconds, as in the page cache.

KB_PAGE_DATA_MEMO=0 turns the memo off (tests do, since their rolled-back transactions never
bump the version).
"""

import time
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from kb.models import ProviderResponse, ReplyCode

TABLE_COLUMNS = ("code", "reply_class", "title", "first_step_html", "origin", "sort_key")
# Markdown sources a code page never prints (it prints their *_html, rendered at save).
SOURCE_FIELDS = ("retry_note", "remedy_customer", "remedy_admin", "first_steps")
MAX_AGE = 300
MAX_ENTRIES = 1000

_memo: dict[tuple, tuple[float, object]] = {}


def kept(key: tuple, make):
    """make(), kept under key (whose first item is the content version)."""
    if not settings.KB_PAGE_DATA_MEMO:
        return make()
    found = _memo.get(key)
    if found is not None and found[0] > time.monotonic():
        _memo.pop(key, None)  # the most recently used goes last (threads may race: no error)
        _memo[key] = found
        return found[1]
    value = make()
    oldest = next(iter(_memo), None)
    if oldest is not None and oldest[0] != key[0]:
        _memo.clear()  # a new version: the old entries are never asked for again
    elif len(_memo) >= MAX_ENTRIES:
        _memo.pop(oldest, None)  # the least recently used only
    _memo.pop(key, None)  # (re)inserted last, so it counts as the newest
    _memo[key] = (time.monotonic() + MAX_AGE, value)
    return value


def listing(version: str) -> list[ReplyCode]:
    """The published codes in sort order, with the columns of the code tables."""
    return kept(
        (version, "listing"), lambda: list(ReplyCode.objects.published().only(*TABLE_COLUMNS))
    )


def neighbours(version: str) -> dict[str, tuple]:
    """code -> (previous code, its title, next code, its title) among the published codes."""

    def make() -> dict[str, tuple]:
        rows = [(row.code, row.title) for row in listing(version)]  # in sort order
        edges = [(None, None), *rows, (None, None)]
        return {edges[i][0]: (*edges[i - 1], *edges[i + 1]) for i in range(1, len(edges) - 1)}

    return kept((version, "neighbours"), make)


@dataclass
class CodePage:
    reply_code: ReplyCode
    related: list[ReplyCode]
    responses: list[ProviderResponse]
    comments: list


def page_of(reply_code: ReplyCode) -> CodePage:
    return CodePage(
        reply_code,
        list(reply_code.related.all()),
        list(reply_code.provider_responses.select_related("provider")),
        list(reply_code.comments.approved()),
    )


def code_page(version: str, code: str) -> CodePage | None:
    """A published code with everything its page shows, or None."""

    def make() -> CodePage | None:
        reply_code = (
            ReplyCode.objects.published()
            .with_related()
            .select_related("updated_by")
            .defer(*SOURCE_FIELDS)
            .filter(code=code)
            .first()
        )
        if reply_code is None:
            return None
        (
            reply_code.previous_code,
            reply_code.previous_title,
            reply_code.next_code,
            reply_code.next_title,
        ) = neighbours(version).get(reply_code.code, (None,) * 4)
        return page_of(reply_code)

    return kept((version, "code", code), make)


def code_table(version: str, group) -> str:
    """The table of a group of codes (includes/_code_table.html): the index and the class
    pages print the same groups on every request."""
    key = (version, "table", group.key, tuple(row.code for row in group.rows))
    return kept(key, lambda: render_to_string("includes/_code_table.html", {"group": group}))
