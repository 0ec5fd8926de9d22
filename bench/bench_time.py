"""Benchmark nlp.time against dateparser.search_dates on real news, in the same run.

    .venv/bin/python bench/bench_time.py [--limit 200] [--skip-peer]

Articles: the first ``--limit`` rows of ../shared/data/indonews-2025-06-early/*.csv
(bench.common.indonews_rows; column ``content``, the ``date`` column read by warta's own
tagger is the anchor of both).  Prints articles/s, expressions/s and peak traced memory per
tagger (bench.common.measure).  Accuracy of both on labelled articles:
``python -m eval.time.score --peer``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import indonews_rows, max_rss_mb, measure
from warta.nlp.time import tag

Doc = tuple[str, str | None]


def _anchor(raw: str) -> str | None:
    """The publication time written in the CSV's date column, read by warta's own tagger."""
    for e in tag(raw, None):
        if e.type in ("DATE", "TIME") and len(e.value) >= 10 and e.value[0].isdigit():
            return e.value
    return None


def run_warta(doc: Doc) -> int:
    return len(tag(doc[0], doc[1]))


def run_dateparser(doc: Doc) -> int:
    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(doc[1][:10]) if doc[1] else None
    settings = {"RELATIVE_BASE": base} if base else {}
    return len(search_dates(doc[0], languages=["id", "en"], settings=settings) or [])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=200)
    ap.add_argument("--skip-peer", action="store_true", help="do not run dateparser")
    args = ap.parse_args()
    docs: list[Doc] = [(r["content"], _anchor(r.get("date") or "")) for r in indonews_rows(args.limit)]
    chars = sum(len(t) for t, _ in docs)
    print(
        f"{len(docs)} articles, {chars / len(docs):.0f} chars on average, {sum(a is not None for _, a in docs)} anchored"
    )
    runs = [("warta nlp.time@1", run_warta)] + (
        [] if args.skip_peer else [("dateparser.search_dates", run_dateparser)]
    )
    seconds = {}
    for name, fn in runs:
        fn(docs[0])  # warm-up: imports, lexicons, regex caches
        found = sum(fn(d) for d in docs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = measure(name, fn, docs)  # type: ignore[arg-type]
        seconds[name] = result.seconds
        print(f"{result.line()}  {found / result.seconds:9.1f} expressions/s  ({found} expressions)")
    if len(seconds) == 2:
        ours, peer = seconds.values()
        print(
            f"warta is {peer / ours:.0f}x faster than dateparser.search_dates (max RSS {max_rss_mb():.0f} MB)"
        )


if __name__ == "__main__":
    main()
