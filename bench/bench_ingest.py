"""The whole ingest job into SQLite: read, analyse, store, corpus steps.

Run: .venv/bin/python bench/bench_ingest.py [N]   (default 300 articles)
Prints articles/s per phase; the store phase is what one writer can sustain.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from common import indonews_rows, max_rss_mb

from warta.config import load
from warta.ingest.run import ingest, update_corpus
from warta.model import RawRecord
from warta.store import Store


def main() -> None:
    rows = indonews_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
    records = [
        RawRecord(f"row{i}", text=r["content"], fields={"title": r["title"], "url": r["url"]})
        for i, r in enumerate(rows)
    ]
    cfg = load()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        start = time.perf_counter()
        summary = ingest(records, store, cfg, run_corpus_steps=False)
        analysed = time.perf_counter() - start
        start = time.perf_counter()
        update_corpus(store, cfg)
        corpus = time.perf_counter() - start
        store.close()
    n = summary.stored
    print(f"ingest (analyse + store)   {n} articles  {n / analysed:8.1f} articles/s")
    print(f"corpus steps               {n} articles  {n / corpus:8.1f} articles/s")
    print(f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
