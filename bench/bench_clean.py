"""Cleaner speed and memory: warta vs justext alone vs trafilatura, same articles.

    .venv/bin/python bench/bench_clean.py [N]

Reads the detik/kompas/republika/kapanlagi CSVs in ../shared/data/indonews-2025-06-early
(text lines are wrapped in <p> for the HTML tools) and prints articles/s and
peak memory (tracemalloc: Python allocations only, not lxml's C heap).
"""

from __future__ import annotations

import csv
import html
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025-06-early"


def load(limit: int) -> list[str]:
    csv.field_size_limit(10**8)
    out: list[str] = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            out += [r["content"] for r in csv.DictReader(fh) if r["content"].strip()]
    return out[:limit]


def as_html(text: str) -> str:
    paras = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.split("\n") if ln.strip())
    return f"<html><body><article>{paras}</article></body></html>"


def run(name: str, fn: Callable[[str], object], docs: list[str]) -> None:
    fn(docs[0])  # warm-up: load lists and models outside the measure
    t0 = time.perf_counter()
    for d in docs:
        fn(d)
    dt = time.perf_counter() - t0
    tracemalloc.start()  # a second pass for memory (tracemalloc slows Python code)
    for d in docs:
        fn(d)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"{name:<22} {len(docs) / dt:>9.1f} articles/s   peak {peak / 2**20:6.1f} MiB")


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA}")
    docs = load(int(sys.argv[1]) if len(sys.argv) > 1 else 10**9)
    htmls = [as_html(d) for d in docs]
    import justext
    import trafilatura

    from warta.clean.text import clean_raw_text

    stop = justext.get_stoplist("Indonesian")
    print(f"{len(docs)} articles")
    run("warta clean.text", clean_raw_text, docs)
    run("justext", lambda h: [p.text for p in justext.justext(h, stop) if not p.is_boilerplate], htmls)
    run("trafilatura (precision)", lambda h: trafilatura.extract(h, favor_precision=True, include_comments=False), htmls)


if __name__ == "__main__":
    main()
