"""The data tables of the mail knowledge: TOML files in ``kb/smtp/data/``.

Phrase lists, provider rules, status-to-reason maps and the search synonyms are data, not
code: they are reviewed like content and grow by the line. Each file says its own format in
its opening comment; the modules that use a table read it here, once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"


@cache
def load(name: str) -> dict[str, Any]:
    """The table ``kb/smtp/data/<name>.toml``."""
    with (DATA / f"{name}.toml").open("rb") as file:
        return tomllib.load(file)


def by_label(groups: dict[str, list[str]]) -> dict[str, str]:
    """``{reason: [label, …]}`` turned into ``{label: reason}``; a label may stand under
    one reason only."""
    found: dict[str, str] = {}
    for reason, labels in groups.items():
        for label in labels:
            if label in found:
                raise ValueError(f"{label!r} stands under both {found[label]!r} and {reason!r}")
            found[label] = reason
    return found


def rows(items: list[list[Any]]) -> tuple[tuple[Any, ...], ...]:
    """An array of arrays as a tuple of tuples (rules tried in order)."""
    return tuple(tuple(item) for item in items)
