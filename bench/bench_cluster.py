"""Story clustering (cluster@1): time and memory as the corpus grows.

The corpus is bench/scale_corpus.py's stream (seeded): the ~4,500 real
articles of ../shared/data first, then variants of them (re-published
copies with an intro and another outlet, edited updates at the same URL,
follow-ups with a later date and half the sentences from another article),
with title, outlet, URL and publication date.  The articles carry no NLP
annotations (running the per-article pipeline over 100k articles takes far
longer than the step measured here), so features use the step's own
fallback: stemmed words and capitalised names for entities.  Duplicates are
not marked, so every article is scored against candidate clusters (the
expensive path).

Articles are stored first (not timed), then clustered in ten slices of new
ids, as an ingest job would: each slice's articles/s shows whether the cost
per article grows with the corpus (it should not: candidates come from
indexed postings, and the step keeps at most ``MAX_CACHED`` decoded rows).
Memory is the process's peak RSS.  Several sizes run one after another, each
in its own process so that each peak RSS is its own.  No peer library does
incremental event/storyline clustering into a store, so there is no
side-by-side run.

    .venv/bin/python bench/bench_cluster.py [N ...]      (default 10000)
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from common import max_rss_mb
from scale_corpus import originals, variant


def records(n: int) -> Iterator[dict[str, str]]:
    pool = originals()
    rng = random.Random(n)
    for i in range(n):
        gen, base = divmod(i, len(pool))
        rec = pool[base] if gen == 0 else variant(pool[base], pool[rng.randrange(len(pool))], gen, rng)
        yield {"id": f"scale-{i}", **rec}


def main() -> None:
    from sqlalchemy import func, select

    from warta.corpus.cluster import cluster
    from warta.model import Article
    from warta.store import Store
    from warta.store import schema as t

    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    if len(sizes) > 1:
        for n in sizes:
            subprocess.run([sys.executable, __file__, str(n)], check=True)
        return
    n = sizes[0]
    slice_ = max(1000, n // 10)
    t0 = time.perf_counter()
    ids: list[str] = []  # records are streamed: the bench holds ids, not texts
    with tempfile.TemporaryDirectory() as d:
        store = Store(str(Path(d) / "cluster.db"))
        with store.write() as conn:
            for r in records(n):
                ids.append(r["id"])
                store.put_article(Article(id=r["id"], input_id=r["id"], text=r["text"], title=r["title"],
                                          outlet=r["outlet"], url=r["url"], published=r["published"]), conn)
        print(f"{n} articles built and stored in {time.perf_counter() - t0:.0f} s (RSS {max_rss_mb():.0f} MB); "
              f"clustering in slices of {slice_}", flush=True)
        total = 0.0
        for first in range(0, n, slice_):
            batch = ids[first : first + slice_]
            t0 = time.perf_counter()
            cluster(store, batch)
            dt = time.perf_counter() - t0
            total += dt
            print(f"  articles {first:6d}-{first + len(batch):6d}: {len(batch) / dt:7.1f} articles/s  "
                  f"peak RSS {max_rss_mb():6.0f} MB", flush=True)
        with store.read() as conn:
            levels = dict(conn.execute(select(t.stories.c.level, func.count()).group_by(t.stories.c.level)).all())
        store.close()
    print(f"cluster@1 {n} articles in {total:.0f} s: {n / total:.1f} articles/s, peak RSS {max_rss_mb():.0f} MB; "
          f"{levels.get('event', 0)} event clusters, {levels.get('storyline', 0)} storylines")


if __name__ == "__main__":
    main()
