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

Articles are stored first (not timed; rows only, without the full-text
index, which clustering does not read), then clustered in ten slices of new
ids, as an ingest job would: each slice's articles/s shows whether the cost
per article grows with the corpus.  It rises at first (the stream's variants
make clusters and (entity, day) postings denser as N grows over the same
weeks), then levels off: candidates are capped (``MAX_POSTINGS`` rows read,
``MAX_CANDIDATES`` clusters, ``MAX_MEMBERS`` snapshots each) and the step
keeps at most ``MAX_CACHED`` decoded rows.  Each slice also prints articles
per second of the process's CPU time, which a shared, busy machine distorts
less.  Memory is the process's peak RSS.  Several sizes run one after
another, each in its own process so that each peak RSS is its own.  No peer library does
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
    from sqlalchemy import func, insert, select

    from warta.corpus.cluster import cluster
    from warta.model import Article
    from warta.store import Store
    from warta.store import schema as t
    from warta.store.sql import _article_row as article_row

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
        batch: list[Article] = []
        for r in records(n):
            ids.append(r["id"])
            batch.append(Article(id=r["id"], input_id=r["id"], text=r["text"], title=r["title"],
                                 outlet=r["outlet"], url=r["url"], published=r["published"]))
            if len(batch) == 2000 or len(ids) == n:
                with store.write() as conn:  # rows only: the full-text index is not what is measured
                    conn.execute(insert(t.articles), [article_row(a) for a in batch])
                batch.clear()
        print(f"{n} articles built and stored in {time.perf_counter() - t0:.0f} s (RSS {max_rss_mb():.0f} MB); "
              f"clustering in slices of {slice_}", flush=True)
        total = cpu = 0.0
        for first in range(0, n, slice_):
            part = ids[first : first + slice_]
            t0, c0 = time.perf_counter(), time.process_time()
            cluster(store, part)
            dt, dc = time.perf_counter() - t0, time.process_time() - c0
            total, cpu = total + dt, cpu + dc
            print(f"  articles {first:7d}-{first + len(part):7d}: {len(part) / dt:7.1f} articles/s "
                  f"({len(part) / dc:6.1f}/s of CPU time)  peak RSS {max_rss_mb():6.0f} MB", flush=True)
        with store.read() as conn:
            levels = dict(conn.execute(select(t.stories.c.level, func.count()).group_by(t.stories.c.level)).all())
        store.close()
    print(f"cluster@1 {n} articles in {total:.0f} s ({cpu:.0f} s CPU): {n / total:.1f} articles/s "
          f"({n / cpu:.1f}/s of CPU time), peak RSS {max_rss_mb():.0f} MB; "
          f"{levels.get('event', 0)} event clusters, {levels.get('storyline', 0)} storylines")


if __name__ == "__main__":
    main()
