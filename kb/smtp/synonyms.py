"""Words customers type, mapped to the terms our pages use. Plain data, reviewed like content.

Each group lists words that mean the same thing to someone with a bounce in hand; a search
for any of them also finds the others (a little below the word itself). ``ONE_WAY`` maps a
customer's phrasing to page terms without the reverse ("gitmiyor" should find
"teslim edilemedi", but a search for "teslim" should not bring every "gitmiyor").

Entries are written the way people type them, with Turkish letters; the search folds them
("kara liste" = "KARA LİSTE" = "kara liste"). Multi-word entries match as a phrase. Staff add
more in the admin (*Eşanlamlılar*); the index merges those rows with this table. The table
itself is kb/smtp/data/synonyms.toml.
"""

from kb.smtp import tables

_DATA = tables.load("synonyms")  # kb/smtp/data/synonyms.toml
GROUPS: tuple[tuple[str, ...], ...] = tables.rows(_DATA["groups"])
ONE_WAY: dict[str, tuple[str, ...]] = {
    word: tuple(terms) for word, terms in _DATA["one_way"].items()
}


def table() -> dict[str, tuple[str, ...]]:
    """Every entry with the terms it also finds: the groups both ways, then ``ONE_WAY``."""
    merged: dict[str, list[str]] = {}
    for group in GROUPS:
        for word in group:
            merged.setdefault(word, []).extend(term for term in group if term != word)
    for word, terms in ONE_WAY.items():
        merged.setdefault(word, []).extend(terms)
    return {word: tuple(dict.fromkeys(terms)) for word, terms in merged.items()}
