"""The whole per-article pipeline (clean -> events), one core, and each component alone.

Run: .venv/bin/python bench/bench_pipeline.py [N]    (default 400 articles)
Peak memory is tracemalloc's (Python allocations); max RSS is the whole process.
"""

from __future__ import annotations

import copy
import sys

from common import indonews_rows, max_rss_mb, measure

from warta.config import load
from warta.ingest.run import make_article
from warta.model import RawRecord
from warta.pipeline import build


def main() -> None:
    rows = indonews_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
    records = [RawRecord(f"row{i}", text=r["content"], fields={"title": r["title"]}) for i, r in enumerate(rows)]
    cfg = load()
    pipe = build(cfg.components, cfg.component_settings)
    print(measure("pipeline (all components)", lambda r: pipe(make_article(r)), records).line())
    # each component alone, fed the output of the ones before it
    done = [make_article(r) for r in records]
    for step in pipe.steps:
        print(measure(f"  {step.name}", step, [copy.deepcopy(a) for a in done]).line())
        done = [step(a) for a in done]
    print(f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
