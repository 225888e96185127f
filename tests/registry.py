"""Which enhanced status codes the site must have a page for (tests/test_fixture.py checks it).

The IANA registry (fixtures/reference/enhanced-status-codes.csv, a copy of the
registry with our own one-line summaries) writes each entry with the class as
`X` (X.1.1). A page exists under every class in which the entry is really used:

1. the first digits of its "associated basic status codes" (X.1.1 ↔ 451, 550 →
   4.1.1 and 5.1.1; "Any" → 2, 4 and 5; "other 4XX or 5XX codes are allowed" → 4 and 5);
2. plus what the registry description says of its use: "permanent" → 5,
   "transient"/"temporary" → 4, "positive/successful delivery" → 2;
3. an entry with neither gets 4 and 5;
4. two success codes that servers send on every transaction although the registry
   gives no basic code for them: 2.1.0 (`250 2.1.0 Sender OK`) and 2.6.0
   (`250 2.6.0 Queued mail for delivery`);
5. X.6.10, a deprecated duplicate of X.6.8, only as 5.6.10.
"""

import csv
import re
from pathlib import Path

REGISTRY_CSV = (
    Path(__file__).resolve().parent.parent / "fixtures" / "reference" / "enhanced-status-codes.csv"
)
EXTRA_CLASSES = {"X.1.0": {2}, "X.6.0": {2}}
ONLY_CLASSES = {"X.6.10": {5}}

# Every basic reply code of the reference table (RFC 5321 and extensions, the
# registry-only numbers, the common vendor/dotless numbers and the two client-side errors).
REFERENCE_BASIC_CODES = frozenset(
    """
    101 111
    211 214 220 221 235 250 251 252 253
    334 354
    420 421 422 430 431 432 441 442 446 447 449 450 451 452 453 454 455 458 459 471
    500 501 502 503 504 510 511 512 513 521 523 524 525 530 533 534 535 538 541
    550 551 552 553 554 555 556
    """.split()
)


def classes_in_use(basic_codes: str, description: str) -> set[int]:
    text = description.lower()
    classes = {2, 4, 5} if basic_codes.strip() == "Any" else set()
    classes |= {int(digit) for digit in re.findall(r"\b([245])(?:\d\d|XX)\b", basic_codes)}
    if "other 4xx or 5xx" in basic_codes.lower():
        classes |= {4, 5}
    if "permanent" in text:
        classes.add(5)
    if "transient" in text or "temporary" in text:
        classes.add(4)
    if "positive delivery" in text or "successful delivery" in text:
        classes.add(2)
    return classes or {4, 5}


def expected_enhanced_codes(path: Path = REGISTRY_CSV) -> set[str]:
    expected: set[str] = set()
    with open(path, encoding="utf-8", newline="") as registry:
        for row in csv.DictReader(registry):
            if row["kind"] != "detail":
                continue
            entry = row["code"]
            classes = ONLY_CLASSES.get(entry) or (
                classes_in_use(row["basic_status_codes"], row["registry_description"])
                | EXTRA_CLASSES.get(entry, set())
            )
            expected |= {entry.replace("X", str(digit), 1) for digit in classes}
    return expected
