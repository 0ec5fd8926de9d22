"""The whole per-article pipeline (clean -> events) on one core, each stage's share, and a peer.

Run: nice .venv/bin/python bench/bench_pipeline.py [N]    (default 400 articles)

Printed, in one run on the same indonews articles:
- start-up: building the pipeline, then a warm-up on other articles (lazy loading:
  lexicons, models, compiled regexes) which is kept out of the measured passes;
- the whole pipeline (record -> analysed article), articles/s (wall clock);
- per stage, in CPU time (steadier than the wall clock on a shared machine): its
  time inside a whole run (ms/article, share) and alone (articles/s, fed the output
  of the stages before it; "meta.text" alone also reads the page layout, which
  inside the pipeline it shares with "clean.text");
- what the stages do not account for (runner, building the Article);
- the peer: trafilatura.extract on the same articles as HTML (boilerplate removal
  only, the job of our clean stage: a yardstick, not the same work).
Peak memory is tracemalloc's (Python allocations); max RSS is the whole process.
"""

from __future__ import annotations

import copy
import sys
import time

from bench_clean import as_html
from common import indonews_rows, max_rss_mb, measure

from warta.config import load
from warta.ingest.run import make_article
from warta.model import Article, RawRecord
from warta.pipeline import Pipeline, build

WARM_UP = 20  # articles run before measuring, taken from beyond the measured ones


def timed_pass(pipe: Pipeline, records: list[RawRecord]) -> tuple[float, dict[str, float]]:
    """One pass through the whole pipeline with each step timed: (CPU seconds, step -> seconds)."""
    spent = {"(make_article)": 0.0, **{s.name: 0.0 for s in pipe.steps}}
    clock = time.process_time
    start = clock()
    for r in records:
        t = clock()
        article = make_article(r)
        spent["(make_article)"] += clock() - t
        for step in pipe.steps:
            t = clock()
            article = step(article)
            spent[step.name] += clock() - t
    return clock() - start, spent


def alone(pipe: Pipeline, records: list[RawRecord]) -> dict[str, float]:
    """articles/s of each step alone, fed copies of what the steps before it produced."""
    done: list[Article] = [make_article(r) for r in records]
    rates = {}
    for step in pipe.steps:
        items = [copy.deepcopy(a) for a in done]
        t = time.process_time()
        for a in items:
            step(a)
        rates[step.name] = len(items) / (time.process_time() - t)
        done = [step(a) for a in done]
    return rates


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
    rows = indonews_rows(n + WARM_UP)
    records = [
        RawRecord(f"row{i}", text=r["content"], fields={"title": r["title"]}) for i, r in enumerate(rows)
    ]
    records, warm = records[:n], records[n:] or records[:WARM_UP]
    t = time.perf_counter()
    cfg = load()
    pipe = build(cfg.components, cfg.component_settings, batch=True)
    built = time.perf_counter() - t
    t = time.perf_counter()
    for r in warm:
        pipe(make_article(r))
    warm_ms = (time.perf_counter() - t) / len(warm) * 1000
    print(
        f"start-up: build {built:.2f} s; warm-up {len(warm)} other articles at {warm_ms:.1f} ms each (not measured)"
    )
    whole = measure("pipeline (all components)", lambda r: pipe(make_article(r)), records)
    print(whole.line())
    total, spent = timed_pass(pipe, records)
    rates = alone(pipe, records)
    print(f"  {'stage (CPU time)':22} {'in pipeline ms/art':>18} {'share':>6} {'alone art/s':>12}")
    for name, sec in spent.items():
        rate = f"{rates[name]:12.0f}" if name in rates else f"{'':12}"
        print(f"  {name:22} {sec / n * 1000:18.3f} {sec / total:6.1%} {rate}")
    rest = total - sum(spent.values())
    print(f"  {'(runner, timers)':22} {rest / n * 1000:18.3f} {rest / total:6.1%}")
    alone_rate = 1 / sum(1 / r for r in rates.values())
    print(f"  whole pass {n / total:.1f} articles/s CPU time; the stages alone add up to {alone_rate:.1f}/s")
    import trafilatura

    htmls = [as_html(r.text or "") for r in records]
    print(measure("peer: trafilatura.extract (HTML)", trafilatura.extract, htmls).line())
    print(f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
