"""Measure search latency on the real corpus: `python manage.py shell < scripts/bench_search.py`.

Runs 200 queries (codes, Turkish and English phrases, random words of the fixture) through
the full /ara view with Django's test client, after one warm-up request that builds the
index, and prints the median and the worst time.
"""

import json
import random
import statistics
import time

from django.conf import settings
from django.test import Client

entries = json.loads(settings.KB_FIXTURE_PATH.read_text(encoding="utf-8"))
words = [word for entry in entries for word in entry["meaning"].split() if len(word) > 3]
rng = random.Random(2026)
fixed = [
    "550-5.1.1", "550 5.7.1", "#5.7.26", "posta kutusu dolu", "POSTA KUTUSU DOLU", "cozum",
    "ÇÖZÜM", "İzin", "izin", "mailbox full", "relay access denied", "user unknown",
    "kimlik doğrulama", "kara liste", "spf dkim dmarc", "greylisting", "zzyzx",
]  # fmt: skip
queries = fixed + [
    " ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(200 - len(fixed))
]
client = Client(SERVER_NAME="localhost")
client.get("/ara", {"q": "ısınma"})
durations = []
for query in queries:
    started = time.perf_counter()
    response = client.get("/ara", {"q": query})
    durations.append((time.perf_counter() - started) * 1000)
    assert response.status_code in (200, 302), (query, response.status_code)
print(
    f"{len(queries)} queries over {len(entries)} codes: "
    f"median {statistics.median(durations):.1f} ms, worst {max(durations):.1f} ms"
)
