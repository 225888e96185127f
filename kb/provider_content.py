"""Providers and their responses in version control: fixtures/providers.json ↔ database.

The same contract as kb/content.py for the codes: natural keys (slugs), one key order so an
export is a readable diff, `seed` inserts what is missing, `update=True` also refreshes rows
nobody edited since they were seeded (their content still matches the stored fingerprint)
and reports the rest. One transaction: a malformed entry changes nothing.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from kb.content import FixtureError, content_hash, read_json
from kb.models import Provider, ProviderResponse, ReplyCode

PROVIDER_KEYS = (
    "slug",
    "name",
    "kind",
    "domains",
    "markers",
    "postmaster_url",
    "delisting_url",
    "guidelines_url",
    "description",
)
RESPONSE_KEYS = (
    "slug",
    "provider",
    "page",
    "reply_code",
    "enhanced_code",
    "text",
    "variants",
    "translation",
    "meaning",
    "who_acts",
    "self_heals",
    "customer_fix",
    "admin_fix",
    "links",
    "captured",
    "source",
)


@dataclass
class ProviderReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    edited: list[str] = field(default_factory=list)  # differ from the fixture; kept as they are
    existing: int = 0

    def __str__(self) -> str:
        return (
            f"{len(self.added)} eklendi, {len(self.updated)} güncellendi, "
            f"{len(self.edited)} düzenlenmiş kayda dokunulmadı, {self.existing} zaten vardı"
        )


def provider_entry(provider: Provider) -> dict:
    return {key: getattr(provider, key) for key in PROVIDER_KEYS}


def response_entry(response: ProviderResponse) -> dict:
    keys = {
        "provider": response.provider.slug,
        "page": response.page.code,
        # PostgreSQL's jsonb keeps keys in its own order; the fixture's is title, then url
        "links": [{"title": link["title"], "url": link["url"]} for link in response.links],
    }
    return {key: keys[key] if key in keys else getattr(response, key) for key in RESPONSE_KEYS}


def checked(model, where: str, instance, exclude=()) -> None:
    try:
        instance.full_clean(exclude=[*exclude, "seeded_hash"], validate_unique=False)
    except ValidationError as error:
        details = "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
        raise FixtureError(f"{where}: {details}") from None


def providers_path(codes_path: Path) -> Path:
    """providers.json lives next to the codes fixture it belongs to."""
    return Path(codes_path).with_name("providers.json")


@transaction.atomic
def seed_providers(path: Path, update: bool = False) -> ProviderReport:
    """Load `path`; a codes fixture without a providers file next to it has none."""
    if not Path(path).exists():
        return ProviderReport()
    data = read_json(path, dict)
    report = ProviderReport()
    providers = {row.slug: row for row in Provider.objects.all()}
    for number, raw in enumerate(data.get("providers", []), 1):
        where = f"{path}: sağlayıcı {number} ({raw.get('slug', '?')})"
        keys_match(where, raw, PROVIDER_KEYS)
        row = providers.get(raw["slug"])
        fresh = Provider(**raw)
        checked(Provider, where, fresh)
        providers[raw["slug"]] = sync(row, fresh, raw, provider_entry, update, report)
    pages = dict(ReplyCode.objects.values_list("code", "pk"))
    responses = {
        row.slug: row for row in ProviderResponse.objects.select_related("provider", "page")
    }
    for number, raw in enumerate(data.get("responses", []), 1):
        where = f"{path}: yanıt {number} ({raw.get('slug', '?')})"
        keys_match(where, raw, RESPONSE_KEYS)
        if raw["provider"] not in providers or raw["page"] not in pages:
            raise FixtureError(f"{where}: sağlayıcı ya da kod sayfası yok")
        values = {**raw, "provider": providers[raw["provider"]], "page_id": pages[raw["page"]]}
        del values["page"]
        fresh = ProviderResponse(**values)
        checked(ProviderResponse, where, fresh, exclude=["page"])
        sync(responses.get(raw["slug"]), fresh, raw, response_entry, update, report)
    return report


def keys_match(where: str, raw: dict, keys: tuple[str, ...]) -> None:
    missing = [key for key in keys if key not in raw]
    unknown = [key for key in raw if key not in keys]
    if missing or unknown:
        raise FixtureError(f"{where}: eksik alanlar {missing}, tanınmayan alanlar {unknown}")


def sync(row, fresh, raw: dict, entry_of, update: bool, report: ProviderReport):
    """Insert `fresh` if there is no `row`; refresh an untouched row when updating."""
    if row is None:
        fresh.seeded_hash = content_hash(raw)
        fresh.save()
        report.added.append(raw["slug"])
        return fresh
    report.existing += 1
    if not update or entry_of(row) == raw:
        return row
    if content_hash(entry_of(row)) != row.seeded_hash:
        report.edited.append(row.slug)
        return row
    fresh.pk, fresh.seeded_hash = row.pk, content_hash(raw)
    fresh._change_reason = "Fixture güncellemesi (seed_codes --update)"
    fresh.save()
    report.updated.append(raw["slug"])
    return fresh


def export_providers(path: Path) -> int:
    providers = [provider_entry(row) for row in Provider.objects.order_by("slug")]
    rows = ProviderResponse.objects.select_related("provider", "page").order_by(
        "page__sort_key", "provider__slug", "slug"
    )
    responses = [response_entry(row) for row in rows]
    text = json.dumps(
        {"providers": providers, "responses": responses}, ensure_ascii=False, indent=2
    )
    Path(path).write_text(text + "\n", encoding="utf-8")
    return len(providers) + len(responses)
