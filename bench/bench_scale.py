"""Scale-out: articles/s and peak memory per stage, single-process and Dask local (1 and 2 workers).

Run:
    .venv/bin/python bench/scale_corpus.py 10000 /tmp/scale10k
    .venv/bin/python bench/bench_scale.py /tmp/scale10k [--modes inline,dask1,dask2] [--limit N]

Two measurements per mode, each in a fresh subprocess (so max RSS is its own):

* ``analyse``: the per-article stage alone (partitions -> workers -> results
  counted, nothing stored): where parallelism pays;
* ``batch``: the whole job into a fresh SQLite store: analyse + one writer,
  then each corpus step (dedup, cluster, timeline) on the driver.

Peak memory: max RSS of the driver and of the largest worker process.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

MODES = {"inline": ("inline", 1), "dask1": ("local", 1), "dask2": ("local", 2)}


def _rss(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run_analyse(paths: list[str], scheduler: str, workers: int, limit: int | None) -> dict:
    from collections import deque

    from warta.config import load
    from warta.distributed.cluster import executor
    from warta.distributed.partition import partitions
    from warta.distributed.worker import analyse_partition

    cfg = load()
    parts = partitions(paths, cfg.csv_columns, cfg.max_record_bytes, 200)
    if limit:
        parts = islice(parts, limit // 200)
    n = 0
    with executor(scheduler, workers) as ex:
        # warm up: every worker builds its pipeline once before the clock starts
        warm = [ex.submit(analyse_partition, [], set(), cfg.components, cfg.component_settings) for _ in range(workers)]
        [f.result() for f in warm]
        start = time.perf_counter()
        window: deque = deque()
        for part in parts:
            window.append(ex.submit(analyse_partition, part.items, set(), cfg.components, cfg.component_settings))
            while len(window) > ex.window:
                n += len(window.popleft().result())
        while window:
            n += len(window.popleft().result())
        seconds = time.perf_counter() - start
    return {"articles": n, "seconds": {"analyse": seconds}}


def run_batch(paths: list[str], scheduler: str, workers: int, limit: int | None) -> dict:
    from warta.distributed import batch

    with tempfile.TemporaryDirectory() as tmp:
        if limit:  # a prefix of the input: the first shard's first records
            src = Path(tmp) / "in.jsonl"
            import gzip

            with gzip.open(min(Path(paths[0]).glob("*.jsonl.gz")), "rt", encoding="utf-8") as fh:
                src.write_text("".join(islice(fh, limit)), encoding="utf-8")
            paths = [str(src)]
        s = batch(paths, str(Path(tmp) / "b.db"), scheduler=scheduler, workers=workers)
    return {"articles": s.read, "stored": s.stored, "seconds": s.seconds}


def child(args: argparse.Namespace) -> None:
    scheduler, workers = MODES[args.mode]
    fn = run_analyse if args.what == "analyse" else run_batch
    out = fn([args.input], scheduler, workers, args.limit)
    out.update(driver_mb=_rss(resource.RUSAGE_SELF), worker_mb=_rss(resource.RUSAGE_CHILDREN))
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("input")
    ap.add_argument("--modes", default="inline,dask1,dask2")
    ap.add_argument("--what", default="analyse,batch")
    ap.add_argument("--limit", type=int, default=None, help="only the first N records")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    base = None
    for what in args.what.split(","):
        for mode in args.modes.split(","):
            cmd = [sys.executable, __file__, args.input, "--child", "--mode", mode, "--what", what]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            res = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            n, secs = res["articles"], res["seconds"]
            stages = "  ".join(f"{k} {n / v:7.1f}/s" if v else f"{k} -" for k, v in secs.items())
            total = sum(secs.values())
            if what == "analyse" and mode == "dask1":
                base = total
            speed = f"  x{base / total:.2f} vs dask1" if what == "analyse" and base and mode == "dask2" else ""
            print(f"{what:8} {mode:7} {n:7d} articles {total:8.1f}s  {stages}  driver {res['driver_mb']:.0f} MB"
                  f"  largest worker {res['worker_mb']:.0f} MB{speed}", flush=True)


if __name__ == "__main__":
    main()
