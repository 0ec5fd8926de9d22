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

Articles are stored first (not timed), then clustered in slices of 10,000
new ids, as an ingest job would: each slice's articles/s shows whether the
cost per article grows with the corpus (it should not: candidates come from
indexed postings).  Memory is the process's peak RSS.  No peer library does
incremental event/storyline clustering into a store, so there is no
side-by-side run.

    .venv/bin/python bench/bench_cluster.py [N]          (default 10000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from common import max_rss_mb
from scale_corpus import originals, variant

SLICE = 10_000


def records(n: int) -> list[dict[str, str]]:
    pool = originals()
    rng = random.Random(n)
    out = []
    for i in range(n):
        gen, base = divmod(i, len(pool))
        rec = pool[base] if gen == 0 else variant(pool[base], pool[rng.randrange(len(pool))], gen, rng)
        out.append({"id": f"scale-{i}", **rec})
    return out


def main() -> None:
    from sqlalchemy import func, select

    from warta.corpus.cluster import cluster
    from warta.model import Article
    from warta.store import Store
    from warta.store import schema as t

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    recs = records(n)
    with tempfile.TemporaryDirectory() as d:
        store = Store(str(Path(d) / "cluster.db"))
        with store.write() as conn:
            for r in recs:
                store.put_article(Article(id=r["id"], input_id=r["id"], text=r["text"], title=r["title"],
                                          outlet=r["outlet"], url=r["url"], published=r["published"]), conn)
        print(f"{n} articles stored (RSS {max_rss_mb():.0f} MB); clustering in slices of {SLICE}", flush=True)
        total = 0.0
        for first in range(0, n, SLICE):
            ids = [r["id"] for r in recs[first : first + SLICE]]
            t0 = time.perf_counter()
            cluster(store, ids)
            dt = time.perf_counter() - t0
            total += dt
            print(f"  articles {first:6d}-{first + len(ids):6d}: {len(ids) / dt:7.1f} articles/s  "
                  f"peak RSS {max_rss_mb():6.0f} MB", flush=True)
        with store.read() as conn:
            levels = dict(conn.execute(select(t.stories.c.level, func.count()).group_by(t.stories.c.level)).all())
        store.close()
    print(f"cluster@1 {n} articles in {total:.0f} s: {n / total:.1f} articles/s, peak RSS {max_rss_mb():.0f} MB; "
          f"{levels.get('event', 0)} event clusters, {levels.get('storyline', 0)} storylines")


if __name__ == "__main__":
    main()
