"""Benchmark nlp.quotes@1 + nlp.events@1: articles/s and peak memory on ~300 news articles.

Run: .venv/bin/python bench/bench_nlp.py [N]
Reads /work/shared/data/indonews-2025-06-early/*.csv (column ``content``).  The
articles are first annotated by the upstream components that are registered
(clean, meta, sentences, entities, time); only quotes and events are timed.
"""

from __future__ import annotations

import csv
import sys
import time
import tracemalloc
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025-06-early"
UPSTREAM = ["clean.text@1", "meta.text@1", "nlp.sentences@1", "nlp.entities@1", "nlp.time@1"]


def texts(limit: int) -> list[str]:
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


def prepared(raw: list[str]) -> list:
    from warta.model import Article, Span
    from warta.pipeline import registered

    reg = registered()
    steps = [reg[n]() for n in UPSTREAM if n in reg]
    missing = [n for n in UPSTREAM if n not in reg]
    if missing:
        print(f"  (not registered, skipped: {', '.join(missing)})")
    out = []
    for i, text in enumerate(raw):
        art = Article(id=str(i), input_id=f"bench:{i}", raw=text, published="2025-06-10")
        if "clean.text@1" not in reg:  # fall back to the raw text as the body
            art.text, art.paragraphs = text, [Span(0, len(text))]
        for step in steps:
            art = step(art)
        out.append(art)
    return out


def main() -> None:
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the development data in ../shared beside the repo)")
    import copy

    from warta.nlp.events import events_factory
    from warta.nlp.quotes import quotes_factory

    arts = prepared(texts(int(sys.argv[1]) if len(sys.argv) > 1 else 300))
    quotes, events = quotes_factory(), events_factory()
    fresh = copy.deepcopy(arts)
    t0 = time.perf_counter()
    nq = nc = ne = 0
    for art in arts:
        art = events(quotes(art))
        nq, nc, ne = nq + len(art.quotes), nc + len(art.claims), ne + len(art.events)
    took = time.perf_counter() - t0
    tracemalloc.start()  # a second pass for memory: tracing slows the loop several times
    for art in fresh:
        events(quotes(art))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    chars = sum(len(a.text) for a in arts)
    print(
        f"nlp.quotes@1 + nlp.events@1: {len(arts)} articles, {chars / max(1, len(arts)):,.0f} chars/article"
    )
    print(f"  {nq} quotes, {nc} claims, {ne} events")
    print(f"  {len(arts) / took:,.1f} articles/s; {took / len(arts) * 1000:.2f} ms/article")
    print(f"  peak traced memory {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
