"""The paths of code and provider pages, reversed once per process, and of a search.

A list page prints hundreds of them (the API's list, the index, the sitemap) and `reverse()`
costs about 10 µs each; a path depends only on the URLconf and the script prefix, which do not
change while the process runs (tests that swap the URLconf clear the memo)."""

import functools
from urllib.parse import urlencode

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse


@functools.lru_cache(maxsize=8192)
def _reverse(prefix: str, name: str, key: str, value: str) -> str:
    return reverse(name, kwargs={key: value} if key else None)


def code_path(code: str) -> str:
    return _reverse(get_script_prefix(), "kb:code_detail", "code", code)


def provider_path(slug: str) -> str:
    return _reverse(get_script_prefix(), "kb:provider_detail", "slug", slug)


def search_path(query: str) -> str:
    """The search page's results for `query`."""
    return f"{_reverse(get_script_prefix(), 'kb:search', '', '')}?{urlencode({'q': query})}"


@receiver(setting_changed)
def _forget(setting: str, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
