"""Scale-out: articles/s and peak memory per stage, single process and Dask local (1 and 2 workers).

One command, one table (builds the corpora with bench/scale_corpus.py when missing):

    nice .venv/bin/python bench/bench_scale.py --sizes 10000,100000 [--modes inline,dask1,dask2]
    .venv/bin/python bench/bench_scale.py --sizes 2000 --what analyse      # a quick look
    .venv/bin/python bench/bench_scale.py --sizes 10000,100000 --what dedup  # dedup alone: step vs shuffle

Each (size, mode) runs ``warta.distributed.batch`` into a fresh SQLite store in
its own subprocess (so max RSS is its own), and reports per stage:

* ``analyse``: the per-article pipeline on the workers (a separate run that
  counts results without storing them: the stage parallelism can speed up);
* ``wait`` / ``store``: in the batch, the driver's time waiting for workers and
  writing partitions (one writer, on the driver);
* ``dedup`` (the band shuffle, warta.distributed.lsh), ``cluster``, ``timeline``: corpus steps;
  ``--what dedup`` times dedup alone over the texts stored bare: the
  sequential step for ``inline``, the band shuffle for ``dask1``/``dask2``
  (the duplicate counts printed must agree);
* peak memory: max RSS of the driver after each stage and of the largest worker.

Rates are articles read per second of that stage.  The machine load (1-min
average) at the start and end of each run is printed: figures taken under
load are not speed-ups.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import deque
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = {"inline": ("inline", 1), "dask1": ("local", 1), "dask2": ("local", 2)}
STAGES = ("analyse", "wait", "store", "dedup@1", "cluster@1", "timeline@1")


def _rss(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def run_analyse(paths: list[str], scheduler: str, workers: int) -> dict:
    """The per-article stage alone: partitions out, outcomes back, nothing stored."""
    from warta.config import load
    from warta.distributed.cluster import executor
    from warta.distributed.partition import partitions
    from warta.distributed.worker import analyse_partition

    cfg = load()
    n = 0
    with executor(scheduler, workers) as ex:
        # warm up: every worker builds its pipeline once before the clock starts
        warm = [ex.submit(analyse_partition, [], set(), cfg.components, cfg.component_settings) for _ in range(workers)]
        [f.result() for f in warm]
        start = time.perf_counter()
        window: deque = deque()
        for part in partitions(paths, cfg.csv_columns, cfg.max_record_bytes, 200):
            window.append(ex.submit(analyse_partition, part.items, set(), cfg.components, cfg.component_settings, True))
            while len(window) > ex.window:
                n += len(window.popleft().result())
        while window:
            n += len(window.popleft().result())
        seconds = time.perf_counter() - start
    return {"articles": n, "seconds": {"analyse": seconds}, "peak": {"analyse": _rss()}}


def run_batch(paths: list[str], scheduler: str, workers: int) -> dict:
    from warta.distributed import batch

    peak: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        s = batch(paths, str(Path(tmp) / "b.db"), scheduler=scheduler, workers=workers,
                  on_stage=lambda name: peak.__setitem__(name, _rss()))
    secs = {"wait": s.phases.get("analyse+store:wait", 0.0), "store": s.phases.get("analyse+store:store", 0.0)}
    secs.update((k, v) for k, v in s.seconds.items() if k in STAGES)
    peak = {"wait": peak.get("analyse+store", 0.0), "store": peak.get("analyse+store", 0.0), **peak}
    return {"articles": s.read, "stored": s.stored, "seconds": secs, "peak": peak, "phases": s.phases}


def run_dedup(paths: list[str], scheduler: str, workers: int) -> dict:
    """dedup@1 alone over the corpus' texts stored bare: the step (inline) or the band shuffle (Dask)."""
    import gzip
    import hashlib

    from warta.corpus import dedup as dd
    from warta.distributed import lsh
    from warta.distributed.cluster import executor
    from warta.model import Article
    from warta.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        store, ids = Store(str(Path(tmp) / "d.db")), []
        for path in paths:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                recs = [json.loads(line) for line in fh]
            arts = [Article(id=hashlib.sha256(r["text"].encode()).hexdigest()[:16], input_id=r["id"], text=r["text"],
                            url=r.get("url"), published=r.get("published")) for r in recs]
            ids += [a.id for a, new in zip(arts, store.put_articles(arts)) if new]
        with executor(scheduler, workers) as ex:
            start = time.perf_counter()
            if scheduler == "inline":
                dd.dedup(store, ids)
            else:
                lsh.run(store, ids, {}, ex)
            seconds = time.perf_counter() - start
        dups = sum(1 for r in store.article_rows(["id", "duplicate_of"]) if r["duplicate_of"])
        store.close()
    return {"articles": len(ids), "seconds": {"dedup@1": seconds}, "peak": {"dedup@1": _rss()}, "duplicates": dups}


def child(args: argparse.Namespace) -> None:
    scheduler, workers = MODES[args.mode]
    paths = [str(p) for p in sorted(Path(args.input).glob("*.jsonl.gz"))]
    out = {"analyse": run_analyse, "batch": run_batch, "dedup": run_dedup}[args.what](paths, scheduler, workers)
    out["worker_mb"] = _rss(resource.RUSAGE_CHILDREN)
    print(json.dumps(out))


def corpus(size: int, root: Path) -> Path:
    path = root / f"scale{size}"
    if not path.exists():
        subprocess.run([sys.executable, str(HERE / "scale_corpus.py"), str(size), str(path)], check=True)
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--modes", default="inline,dask1,dask2")
    ap.add_argument("--what", default="analyse,batch")
    ap.add_argument("--corpora", default="/tmp", help="where the scale corpora are (built when missing)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    ap.add_argument("--mode", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args)
        return
    print(f"{'size':>7} {'run':8} {'mode':7} {'load':>9} " + " ".join(f"{s[:9]:>16}" for s in STAGES)
          + f" {'total/s':>8} {'worker MB':>9}   (each stage: articles/s, driver peak MB)")
    for size in (int(s) for s in args.sizes.split(",")):
        path = corpus(size, Path(args.corpora))
        for what in args.what.split(","):
            base = None
            for mode in args.modes.split(","):
                load0 = os.getloadavg()[0]
                cmd = [sys.executable, __file__, "--child", "--input", str(path), "--mode", mode, "--what", what]
                done = subprocess.run(cmd, check=True, capture_output=True, text=True)
                res = json.loads(done.stdout.splitlines()[-1])
                n, secs, peak = res["articles"], res["seconds"], res["peak"]
                cells = [f"{n / secs[s]:7.1f} {peak.get(s, 0):6.0f}MB" if secs.get(s) else f"{'-':>16}" for s in STAGES]
                total = sum(secs.values())
                if mode == "dask1":
                    base = total
                speed = f"  x{base / total:.2f} vs dask1" if base and mode == "dask2" else ""
                dups = f"  {res['duplicates']} duplicates" if "duplicates" in res else ""
                print(f"{size:7d} {what:8} {mode:7} {load0:4.1f}>{os.getloadavg()[0]:4.1f} " + " ".join(cells)
                      + f" {n / total:8.1f} {res['worker_mb']:9.0f}{speed}{dups}", flush=True)


if __name__ == "__main__":
    main()
