"""Shared pieces of the benchmarks: the development corpus and a measuring loop.

Each benchmark prints articles/s and peak memory for warta and, in the same
run, for the library a user would otherwise pick.
"""

from __future__ import annotations

import csv
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
INDONEWS = SHARED / "data" / "indonews-2025-06-early"


def indonews_rows(limit: int | None = None) -> list[dict[str, str]]:
    """Rows of the indonews CSVs (title, source, date, time, content, url, author)."""
    if not INDONEWS.exists():
        sys.exit(f"needs {INDONEWS} (the development data in ../shared beside the repo)")
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, str]] = []
    for path in sorted(INDONEWS.glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("content", "").strip():
                    rows.append(row)
                    if limit and len(rows) >= limit:
                        return rows
    return rows


@dataclass
class Result:
    name: str
    items: int
    seconds: float
    peak_mb: float

    def line(self) -> str:
        rate = self.items / self.seconds if self.seconds else float("inf")
        return f"{self.name:38} {self.items:6d} articles  {rate:9.1f} articles/s  peak {self.peak_mb:7.1f} MB"


def measure(name: str, fn: Callable[[object], object], items: Iterable[object]) -> Result:
    """Time one pass of ``fn`` over ``items``, then a traced pass for peak Python memory."""
    items = list(items)
    start = time.perf_counter()
    for item in items:
        fn(item)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    for item in items:
        fn(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return Result(name, len(items), seconds, peak / 1e6)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
