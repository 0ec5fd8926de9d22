"""Benchmark nlp.entities@1: tokens/s, articles/s and peak memory on ~300 news articles.

Run: .venv/bin/python bench/bench_entities.py [N]
Reads /work/shared/data/indonews-2025-06-early/*.csv (column ``content``).
"""

from __future__ import annotations

import csv
import re
import sys
import time
import tracemalloc
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025-06-early"


def articles(limit: int) -> list[str]:
    csv.field_size_limit(1 << 30)
    out: list[str] = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("content"):
                    out.append(row["content"])
                if len(out) >= limit:
                    return out
    return out


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the development data in ../shared beside the repo)")
    texts = articles(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    from warta.nlp.entities import EntityRecognizer

    t0 = time.perf_counter()
    rec = EntityRecognizer()
    load_s = time.perf_counter() - t0
    n_tokens = sum(len(re.findall(r"\w+", t)) for t in texts)
    t0 = time.perf_counter()
    n_mentions = 0
    for text in texts:
        mentions, _ = rec.extract(text, None, "2025-06-10")
        n_mentions += len(mentions)
    took = time.perf_counter() - t0
    tracemalloc.start()  # a second pass for memory: tracing slows the loop several times
    for text in texts:
        rec.extract(text, None, "2025-06-10")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"nlp.entities@1: {len(texts)} articles, {n_tokens} tokens, {n_mentions} mentions")
    rate = f"{n_tokens / took:,.0f} tokens/s; {len(texts) / took:,.1f} articles/s"
    print(f"  load {load_s * 1000:.0f} ms; {rate}")
    print(f"  {took / len(texts) * 1000:.2f} ms/article; peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
