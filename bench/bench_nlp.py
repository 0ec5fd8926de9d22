"""Benchmark nlp.quotes@1 and nlp.events@1, each alone: articles/s and peak memory.

Run: .venv/bin/python bench/bench_nlp.py [N]    (default 400 articles)
Reads the indonews CSVs of ../shared/data (bench/common.py).  The articles are
first annotated by the components before quotes in the configured pipeline
(clean, meta, sentences, entities, time); then quotes is timed, and events is
timed on the quotes' output.  Wall-clock figures move with the load of the
machine: compare runs made side by side.
"""

from __future__ import annotations

import copy
import sys

from common import indonews_rows, max_rss_mb, measure

from warta.config import load
from warta.ingest.run import make_article
from warta.model import RawRecord
from warta.pipeline import build

TIMED = ("nlp.quotes@1", "nlp.events@1")


def main() -> None:
    rows = indonews_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
    records = [
        RawRecord(f"row{i}", text=r["content"], fields={"title": r["title"]}) for i, r in enumerate(rows)
    ]
    cfg = load()
    pipe = build(cfg.components, cfg.component_settings, batch=True)
    arts = [make_article(r) for r in records]
    for step in pipe.steps:
        if step.name in TIMED:
            print(measure(f"  {step.name}", step, [copy.deepcopy(a) for a in arts]).line())
        arts = [step(a) for a in arts]
    counts = (
        sum(len(a.quotes) for a in arts),
        sum(len(a.claims) for a in arts),
        sum(len(a.events) for a in arts),
    )
    print(f"  {len(arts)} articles: {counts[0]} quotes, {counts[1]} claims, {counts[2]} events")
    print(f"max RSS {max_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
