"""Search benchmark (not a test): `make bench-search`, or `python -m scripts.bench_search`.

On a throw-away SQLite database (migrated, loaded with fixtures/codes.json) it sends every
query of scripts/search_queries.json through the full /ara view (Django's test client)
and reports:

- the **top-3 hit rate**: a query counts when one of its accepted codes is among the first
  three results (a redirect to a code page counts as that code first), with the misses;
- **latency** of /ara, median and p95 (also in CPU time, which a busy machine disturbs
  less), after one warm-up request that builds the index, on
  the real corpus and again on a corpus grown to 2,000 entries with generated pages
  (enhanced codes x.s.200+ whose text is shuffled fixture prose);
- the **index cost** on each: a build from scratch (a worker's first search), and the
  search right after a published edit of one page (the index updates that page only).
"""

import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kb.smtp.codes import find_codes  # plain Python, no Django

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "scripts" / "search_queries.json"
GENERATED_SIZE = 2000
ROUNDS = 5  # each query this many times for the latency figures
_RESULT_RE = re.compile(r'<h2><a href="/kod/([^"]+)">')


def setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.CACHES["pages"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}  # no collectstatic needed
    call_command("migrate", verbosity=0)
    call_command("seed_codes", verbosity=0)


def top_codes(client, query: str) -> list[str]:
    response = client.get("/ara", {"q": query})
    if response.status_code == 302:
        return [response["Location"].removeprefix("/kod/")]
    return _RESULT_RE.findall(response.content.decode())


def hit_rate(client, cases: list[dict]) -> tuple[float, list[str], list[str]]:
    """Share of queries with an accepted code in the top 3, the misses, and the queries in
    words (no code named) that show a success or intermediate code in the top 3."""
    misses, successes = [], []
    for case in cases:
        found = top_codes(client, case["query"])[:3]
        if not set(found) & set(case["accept"]):
            misses.append(f"{case['query']!r}: {found} (accepted {case['accept']})")
        if not find_codes(case["query"]) and any(code[0] in "23" for code in found):
            successes.append(f"{case['query']!r}: {found}")
    return 1 - len(misses) / len(cases), misses, successes


def latency(client, queries: list[str]) -> tuple[float, float]:
    client.get("/ara", {"q": "ısınma"})  # builds the index
    durations, cpu = [], []
    for _ in range(ROUNDS):
        for query in queries:
            started, started_cpu = time.perf_counter(), time.process_time()
            client.get("/ara", {"q": query})
            durations.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    return percentiles(durations), percentiles(cpu)


def percentiles(durations: list[float]) -> tuple[float, float]:
    """Median and p95."""
    durations = sorted(durations)
    return statistics.median(durations), durations[int(len(durations) * 0.95) - 1]


def index_cost(client) -> tuple[float, float]:
    """Milliseconds to build this process's index from scratch, and the median cost of the
    first search after a published edit of one page (the index updates that page only)."""
    from kb import editing, search_index
    from kb.models import ReplyCode

    search_index._searchable = None
    started = time.perf_counter()
    search_index.search_index()
    build = (time.perf_counter() - started) * 1000
    client.get("/ara", {"q": "ısınma"})
    after_edit = []
    for round_ in range(ROUNDS):
        reply_code = ReplyCode.objects.published().order_by("?").first()
        reply_code.meaning += f" Düzenleme {round_}."
        editing.publish(reply_code, None)  # outside a transaction: the version bumps now
        started = time.perf_counter()
        client.get("/ara", {"q": "ısınma"})
        after_edit.append((time.perf_counter() - started) * 1000)
    return build, statistics.median(after_edit)


def grow_corpus(size: int) -> int:
    """Add generated published pages until the database holds `size` codes."""
    from kb import freshness
    from kb.models import ReplyCode
    from kb.smtp import codes

    existing = set(ReplyCode.objects.values_list("code", flat=True))
    model = ReplyCode.objects.first()
    rng = random.Random(2026)
    words = " ".join(ReplyCode.objects.values_list("meaning", flat=True)).split()
    rows = []
    candidates = (f"{c}.{s}.{d}" for d in range(200, 1000) for c in (4, 5) for s in range(8))
    for code in candidates:
        if len(existing) + len(rows) >= size:
            break
        if code in existing:
            continue

        def text(count: int) -> str:
            return " ".join(rng.choice(words) for _ in range(count))

        rows.append(
            ReplyCode(
                **{
                    field.name: getattr(model, field.name)
                    for field in ReplyCode._meta.concrete_fields
                    if field.name
                    not in (
                        "id",
                        "code",
                        "title",
                        "meaning",
                        "remedy_customer",
                        "remedy_admin",
                        "examples",
                        "sort_key",
                        "reply_class",
                    )
                },
                code=code,
                title=text(6),
                meaning=text(120),
                remedy_customer=text(40),
                remedy_admin=text(40),
                examples=f"Postfix | {code} {text(12)}",
                sort_key=codes.sort_key(code),
                reply_class=int(code[0]),
            )
        )
    ReplyCode.objects.bulk_create(rows)
    freshness.bump()
    return ReplyCode.objects.count()


def main() -> None:
    with tempfile.TemporaryDirectory() as directory:
        setup(Path(directory) / "bench.sqlite3")
        from django.test import Client

        client = Client(SERVER_NAME="localhost")
        cases = json.loads(QUERIES.read_text(encoding="utf-8"))
        queries = [case["query"] for case in cases]
        rate, misses, successes = hit_rate(client, cases)
        print(f"top-3 hit rate: {rate:.1%} of {len(cases)} queries")
        for miss in misses:
            print(f"  miss {miss}")
        print(f"queries in words with a 2xx/3xx code in the top 3: {len(successes)}")
        for success in successes:
            print(f"  {success}")
        from kb.models import ReplyCode

        for grow in (False, True):
            count = grow_corpus(GENERATED_SIZE) if grow else ReplyCode.objects.count()
            (median, p95), (cpu_median, cpu_p95) = latency(client, queries)
            print(
                f"/ara on {count} codes: median {median:.1f} ms, p95 {p95:.1f} ms "
                f"(CPU time: median {cpu_median:.1f} ms, p95 {cpu_p95:.1f} ms)"
            )
            build, after_edit = index_cost(client)
            print(
                f"  index: built in {build:.0f} ms; the search after an edit "
                f"{after_edit:.1f} ms (median)"
            )


if __name__ == "__main__":
    main()
