"""SPF (RFC 7208): parse a `v=spf1` record, count its DNS-querying terms across includes and
redirects, and build the record the customer should publish.

Only what is in DNS is read; no SPF evaluation against an IP address is made."""

import ipaddress
import re
from dataclasses import dataclass, field

from kb.smtp.domaincheck.lookup import Lookup

LOOKUP_LIMIT = 10
VOID_LIMIT = 2
LONG_RECORD = 450  # characters: longer records risk UDP truncation and are hard to read
MECHANISMS = {"all", "include", "a", "mx", "ptr", "ip4", "ip6", "exists"}
QUERYING = {"include", "a", "mx", "ptr", "exists"}  # plus the redirect modifier
NEEDS_VALUE = {"include", "ip4", "ip6", "exists"}
_MODIFIER_RE = re.compile(r"^([a-z][a-z0-9_.-]*)=(.*)$", re.I)
_MECHANISM_RE = re.compile(
    r"^([+?~-]?)([a-z0-9]+)(?::([^/]*))?(/\d{1,3}(?://\d{1,3})?|//\d{1,3})?$", re.I
)


@dataclass(frozen=True)
class Term:
    raw: str
    name: str  # lower case: "include", "all", "redirect", …
    qualifier: str = ""  # "", "+", "-", "~", "?"
    value: str = ""
    modifier: bool = False


@dataclass
class Parsed:
    terms: list[Term] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Turkish, one per bad term

    @property
    def all_term(self) -> Term | None:
        return next((t for t in self.terms if t.name == "all" and not t.modifier), None)

    @property
    def redirect(self) -> Term | None:
        return next((t for t in self.terms if t.name == "redirect" and t.modifier), None)


def is_spf(text: str) -> bool:
    return text.lower() == "v=spf1" or text.lower().startswith("v=spf1 ")


def parse(record: str) -> Parsed:
    parsed = Parsed()
    for raw in record.split()[1:]:
        if match := _MODIFIER_RE.match(raw):
            name, value = match.group(1).lower(), match.group(2)
            if name in ("redirect", "exp") and any(t.name == name for t in parsed.terms):
                parsed.problems.append(f"«{raw}»: {name}= kayıtta yalnızca bir kez olabilir.")
                continue
            if name in ("redirect", "exp") and not value:
                parsed.problems.append(f"«{raw}»: {name}= bir alan adı gerektirir.")
                continue
            parsed.terms.append(Term(raw, name, value=value, modifier=True))
            continue
        match = _MECHANISM_RE.match(raw)
        if not match or match.group(2).lower() not in MECHANISMS:
            parsed.problems.append(f"«{raw}»: SPF'te böyle bir mekanizma yok.")
            continue
        qualifier, name, value = match.group(1), match.group(2).lower(), match.group(3)
        value = value or ""
        if name in NEEDS_VALUE and not value:
            parsed.problems.append(
                f"«{raw}»: {name} mekanizması iki noktadan sonra bir değer ister."
            )
            continue
        if name == "all" and (match.group(3) is not None or match.group(4)):
            parsed.problems.append(f"«{raw}»: all mekanizması değer almaz.")
            continue
        if name in ("ip4", "ip6") and not _valid_network(name, value + (match.group(4) or "")):
            parsed.problems.append(f"«{raw}»: geçerli bir {name} adresi ya da ağı değil.")
            continue
        parsed.terms.append(Term(raw, name, qualifier, value))
    return parsed


def _valid_network(kind: str, text: str) -> bool:
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        return False
    return network.version == (4 if kind == "ip4" else 6)


@dataclass
class Tree:
    """What counting the lookups found, over the record and everything it includes."""

    lookups: int = 0
    voids: int = 0
    includes: set[str] = field(default_factory=set)  # every include/redirect target reached
    problems: list[str] = field(default_factory=list)  # Turkish
    failed: list[str] = field(default_factory=list)  # names whose TXT could not be read
    over_limit: bool = False


def spf_records(answer_records: list[str]) -> list[str]:
    return [text for text in answer_records if is_spf(text)]


def count_lookups(parsed: Parsed, lookup: Lookup, tree: Tree | None = None, seen=None) -> Tree:
    """RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect each cost one DNS lookup, the
    included records' terms too; more than 10 is a permanent error. Void lookups (no such
    name, no record) are counted for include and redirect targets."""
    tree = tree if tree is not None else Tree()
    seen = seen if seen is not None else set()
    targets = []
    for term in parsed.terms:
        if term.modifier and term.name == "redirect" and parsed.all_term is None:
            targets.append(term.value)
        elif not term.modifier and term.name in QUERYING:
            if term.name == "include":
                targets.append(term.value)
            tree.lookups += 1
    tree.lookups += 1 if parsed.redirect and parsed.all_term is None else 0
    tree.includes.update(target.lower().rstrip(".") for target in targets)
    for target in targets:
        if tree.lookups > LOOKUP_LIMIT:
            tree.over_limit = True
            break
        target = target.lower().rstrip(".")
        if "%" in target:  # a macro: expanded per message, nothing to follow here
            continue
        if target in seen:
            tree.problems.append(f"{target} kaydı kendini yeniden gösteriyor (döngü).")
            continue
        seen.add(target)
        answer = lookup.query(target, "TXT")
        if answer.is_unknown:
            tree.failed.append(target)
            continue
        records = spf_records(answer.records)
        if answer.is_void:
            tree.voids += 1
        if not records:
            tree.problems.append(f"{target} adında SPF kaydı yok; onu gösteren terim hata verir.")
            continue
        if len(records) > 1:
            tree.problems.append(f"{target} adında birden fazla SPF kaydı var.")
        child = parse(records[0])
        tree.problems.extend(f"{target}: {problem}" for problem in child.problems)
        count_lookups(child, lookup, tree, seen)
    tree.over_limit = tree.over_limit or tree.lookups > LOOKUP_LIMIT
    return tree


def recommend(existing: list[Parsed], ours: str, reached_ours: bool) -> str:
    """The one record to publish: the customer's own terms (merged when they have several
    records, invalid ones dropped), our include before the final `all` when it is not
    reached yet, and `~all` when there was `+all`, `?all` or no `all` at all."""
    if not existing:
        return " ".join(["v=spf1", "mx", *([ours] if ours else []), "~all"])
    mechanisms: list[str] = []
    modifiers: list[str] = []
    final = ""
    for parsed in existing:
        for term in parsed.terms:
            if term.modifier:
                if term.raw not in modifiers and not any(
                    m.split("=")[0].lower() == term.name for m in modifiers
                ):
                    modifiers.append(term.raw)
            elif term.name == "all":
                final = final or term.qualifier
            elif term.raw.lower() not in (m.lower() for m in mechanisms):
                mechanisms.append(term.raw)
    if ours and not reached_ours:
        mechanisms.append(ours)
    has_redirect = any(m.lower().startswith("redirect=") for m in modifiers)
    qualifier = final if final in ("-", "~") else "~"
    closing = [] if has_redirect and not final else [f"{qualifier}all"]
    return " ".join(["v=spf1", *mechanisms, *closing, *modifiers])
