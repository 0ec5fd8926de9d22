"""Benchmark nlp.time against dateparser.search_dates on real news, in the same run.

    .venv/bin/python bench/bench_time.py [--limit 200] [--skip-peer]

Articles: an even sample of ../shared/data/indonews-2025-06-early/*.csv (column
``content``; the ``date`` column, parsed by warta itself, is the anchor of both).
Prints articles/s, expressions/s and peak traced memory (tracemalloc) per tagger.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path

from warta.nlp.time import tag

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025-06-early"


def load(limit: int) -> list[tuple[str, str | None]]:
    csv.field_size_limit(sys.maxsize)
    rows = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows.extend(csv.DictReader(fh))
    step = max(1, len(rows) // limit)
    sample = rows[::step][:limit]
    return [(r.get("content") or "", _anchor(r.get("date") or "")) for r in sample]


def _anchor(raw: str) -> str | None:
    """The publication time written in the CSV's date column, read by warta's own tagger."""
    for e in tag(raw, None):
        if e.type in ("DATE", "TIME") and len(e.value) >= 10 and e.value[0].isdigit():
            return e.value
    return None


def run_warta(text: str, anchor: str | None) -> int:
    return len(tag(text, anchor))


def run_dateparser(text: str, anchor: str | None) -> int:
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(anchor[:10]) if anchor else None
    settings = {"RELATIVE_BASE": base} if base else {}
    return len(search_dates(text, languages=["id", "en"], settings=settings) or [])


def measure(name: str, fn: Callable[[str, str | None], int], docs: list[tuple[str, str | None]]) -> float:
    """Time a plain run, then trace memory in a second run (tracemalloc slows code down)."""
    fn(*docs[0])  # warm-up: imports, lazy lexicons and regex caches
    t0 = time.perf_counter()
    found = sum(fn(text, anchor) for text, anchor in docs)
    elapsed = time.perf_counter() - t0
    tracemalloc.start()
    for text, anchor in docs[:50]:
        fn(text, anchor)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{name:12} {len(docs) / elapsed:10.1f} articles/s {found / elapsed:12.1f} expressions/s "
        f"{1000 * elapsed / len(docs):8.3f} ms/article {found:6d} expressions "
        f"peak {peak / 2**20:6.2f} MiB"
    )
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--skip-peer", action="store_true", help="do not run dateparser")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the development data in ../shared beside the repo)")
    docs = load(args.limit)
    chars = sum(len(t) for t, _ in docs)
    print(
        f"{len(docs)} articles, {chars / len(docs):.0f} chars on average, "
        f"{sum(a is not None for _, a in docs)} with an anchor"
    )
    ours = measure("warta", run_warta, docs)
    if not args.skip_peer:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            peer = measure("dateparser", run_dateparser, docs)
        print(f"warta is {peer / ours:.0f}x faster than dateparser.search_dates")


if __name__ == "__main__":
    main()
