"""Score the bounce decoder in-process on a folder of bounces: a benchmark, not a test.

    python -m scripts.score_decoder [DIR ...] [--show N] [--family]   (from the project root)
    python -m scripts.score_decoder --hostile    (CPU time of the worst 100 KB inputs)

A folder holds either ``expected.jsonl`` (the format of ``../shared/bounces-dev``: one object
per sample with ``file``, ``gold_status``, ``gold_replycode``, ``reason`` and ``recipients``,
a list of ``[status, reply, reason]``) or ``expected.json`` (our own ``tests/data/bounces``:
``{file: {"enhanced_code", "reply_code", "reason"}}``). The scoring follows
``../shared/tools/score-decoder``: a sample counts for a field only when it states a value;
any recipient's value also counts; reasons "undefined" and "onhold" are not scored.
A folder that does not exist is skipped with a message, so ``make score-decoder`` works on a
fresh clone without ``../shared``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kb.smtp.decoder import decode

ROOT = Path(__file__).resolve().parent.parent

UNSCORED_REASONS = {"undefined", "onhold"}


@dataclass
class Sample:
    file: str
    status: str | None
    reply: str | None
    reason: str | None
    family: str = ""
    also_status: set[str] = field(default_factory=set)
    also_reply: set[str] = field(default_factory=set)
    also_reason: set[str] = field(default_factory=set)


def read_samples(folder: Path) -> list[Sample]:
    if (folder / "expected.jsonl").exists():
        rows = [json.loads(line) for line in (folder / "expected.jsonl").read_text().splitlines()]
        return [
            Sample(
                row["file"],
                row["gold_status"],
                row["gold_replycode"],
                row["reason"],
                row.get("source", "").rsplit("/", 1)[-1].rsplit("-", 1)[0],
                {r[0] for r in row["recipients"] if r[0]},
                {r[1] for r in row["recipients"] if r[1]},
                {r[2] for r in row["recipients"] if r[2]},
            )
            for row in rows
        ]
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    return [
        Sample(
            name,
            row["enhanced_code"],
            row["reply_code"],
            row.get("reason"),
            name.split("-")[1] if "-" in name else "",
        )
        for name, row in expected.items()
    ]


@dataclass
class Score:
    right: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str, str | None]] = field(default_factory=list)
    by_family: Counter = field(default_factory=Counter)
    worst: tuple[float, str] = (0.0, "")

    def count(self, sample: Sample, kind: str, gold: str | None, got: str | None, also: set):
        if not gold or (kind == "reason" and gold in UNSCORED_REASONS):
            return
        self.total[kind] += 1
        if got in {gold} | also:
            self.right[kind] += 1
        else:
            self.misses.append((sample.file, sample.family, kind, gold, got))
            self.by_family[sample.family] += 1

    def line(self, kind: str) -> str:
        right, total = self.right[kind], self.total[kind]
        return f"{kind} {right}/{total} = {right / total:.1%}" if total else f"{kind} -"


def score(folder: Path) -> Score:
    result = Score()
    for sample in read_samples(folder):
        raw = (folder / sample.file).read_bytes()
        started = time.process_time()
        got = decode(raw)
        elapsed = time.process_time() - started
        result.worst = max(result.worst, (elapsed, sample.file))
        result.count(sample, "status", sample.status, got.enhanced_code, sample.also_status)
        result.count(sample, "reply", sample.reply, got.reply_code, sample.also_reply)
        result.count(sample, "reason", sample.reason, got.reason, sample.also_reason)
    return result


K = 100_000
HOSTILE = {
    "random bytes": lambda: random.Random(1464).randbytes(K),
    "random digits": lambda: "".join(random.Random(3464).choices("0123456789", k=K)),
    "digits, dots and dashes": lambda: "".join(random.Random(5321).choices("0123456789. -", k=K)),
    "one giant line": lambda: "said: " + "a@b.c 203.0.113.5 <<< 550 " * 4_000,
    "2,000 nested multiparts": lambda: (
        "From: a@example.com\nContent-Type: multipart/mixed; boundary=x\n\n"
        + "--x\nContent-Type: multipart/mixed; boundary=x\n\n" * 2_000
    ),
    "unclosed tags": lambda: "Content-Type: text/html\nFrom: a@example.com\n\n" + "<a x " * 20_000,
    "1,200 recipients": lambda: "\n".join(
        f"<u{i}@example{i}.com>: host mx.example.net[192.0.2.1] said: 550 5.1.1 unknown"
        for i in range(1_200)
    ),
    "1,000 dsn blocks": lambda: "\n\n".join(
        f"Final-Recipient: rfc822; u{i}@example.com\nAction: failed\nStatus: 5.1.1\n"
        "Diagnostic-Code: smtp; 550 5.1.1 user unknown"
        for i in range(1_000)
    ),
    "address soup": lambda: " ".join(f"a{i}@b{i}.example.com" for i in range(5_000)),
    "stars": lambda: " * " * 33_000,
    "one word repeated": lambda: "user " * 20_000,
}


def hostile() -> None:
    """CPU time (best of three) of each hostile input, slowest first."""
    timings = []
    for name, make in HOSTILE.items():
        text = make()
        best = min(_cpu_time(text) for _ in range(3))
        timings.append((best, name, len(text)))
    for best, name, size in sorted(timings, reverse=True):
        print(f"{name:26s} {size:7d} chars {best * 1000:6.1f} ms")


def _cpu_time(text: str | bytes) -> float:
    started = time.process_time()
    decode(text)
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=[ROOT / "tests/data/bounces"])
    parser.add_argument("--show", type=int, default=0, help="list the first N misses")
    parser.add_argument("--family", action="store_true", help="count the misses by family")
    parser.add_argument("--hostile", action="store_true", help="time the worst 100 KB inputs")
    args = parser.parse_args()
    if args.hostile:
        hostile()
        return 0
    for folder in args.folders:
        if not folder.is_dir():
            print(f"{folder}: not found, skipped")
            continue
        result = score(folder)
        figures = ", ".join(result.line(kind) for kind in ("status", "reply", "reason"))
        print(f"{folder}: {figures}; slowest {result.worst[0] * 1000:.0f} ms ({result.worst[1]})")
        for miss in result.misses[: args.show]:
            print("  miss", *miss)
        if args.family:
            print("  misses by family:", dict(result.by_family.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
