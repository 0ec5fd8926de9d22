"""The batch job: the per-article pipeline on many workers, one writer, then the corpus steps.

    partitions of input records (driver, lazily, in input order)
      -> workers run the stateless per-article pipeline (Dask, or inline)
      -> the driver stores each partition in one transaction, in input order,
         with its ingest-log rows and a "partition done" mark in ``state``
      -> corpus steps over the new articles: dedup@1 as LSH buckets shuffled
         by band on the workers (warta.distributed.lsh, from the MinHash
         sketches the workers computed with the pipeline), then clustering
         and the timeline on the driver
      -> Parquet: one file of articles per partition, one of corpus columns

Storing in input order makes the results equal to ``warta ingest`` on the
same input (same ids, duplicate_of, clusters).  A killed batch restarted on
the same input skips the partitions marked done; a partition is marked in
the transaction that stores its articles, so none is stored twice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from warta import config as config_mod
from warta.distributed import lsh, output
from warta.distributed.cluster import Executor, executor
from warta.distributed.lsh import Sketch
from warta.distributed.partition import Partition, partitions
from warta.distributed.worker import Outcome, analyse_partition
from warta.ingest.outcome import write_outcomes
from warta.ingest.run import CORPUS_MARK, IngestSummary, content_id, pending_ids
from warta.model import RawRecord
from warta.pipeline import corpus_steps
from warta.store import Store
from warta.store import schema as t

DEDUP = "dedup@1"

@dataclass
class BatchSummary(IngestSummary):
    partitions: int = 0
    resumed: int = 0  # partitions found done by an earlier, interrupted run
    seconds: dict[str, float] = field(default_factory=dict)  # per stage
    phases: dict[str, float] = field(default_factory=dict)  # inside a stage ("dedup@1:shuffle")
    out_dir: str | None = None

    def line(self) -> str:
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in self.seconds.items())
        done = f", {self.resumed} done earlier" if self.resumed else ""
        return f"{super().line()}; {self.partitions} partitions{done} ({stages})"


def batch(
    paths: Iterable[str],
    db: str | Store,
    scheduler: str = "local",
    workers: int = 2,
    out_dir: str | Path | None = None,
    config: config_mod.Config | str | Path | None = None,
    partition_size: int = 200,
    on_partition: Callable[[BatchSummary], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> BatchSummary:
    """Ingest ``paths`` with the per-article stage on ``workers`` and update the corpus.

    ``scheduler``: "local" (a Dask cluster of ``workers`` processes on this
    machine), "inline" (no Dask, one process), or a Dask scheduler address
    ("tcp://host:8786").  Returns what was read, stored, skipped and how long
    each stage took; ``on_stage(name)`` is called after each stage (the
    benchmark reads peak memory there).
    """
    cfg = config if isinstance(config, config_mod.Config) else config_mod.load(config)
    store = db if isinstance(db, Store) else Store(db)
    summary = BatchSummary(run_id=time.strftime("batch-%Y%m%dT%H%M%S"), out_dir=str(out_dir) if out_dir else None)
    parts = partitions(paths, cfg.csv_columns, cfg.max_record_bytes, partition_size)
    sketches: dict[str, Sketch] | None = {} if DEDUP in cfg.corpus_steps else None
    try:
        with executor(scheduler, workers) as ex:
            start = time.perf_counter()
            _analyse_and_store(parts, ex, store, cfg, summary, out_dir, on_partition, sketches)
            summary.seconds["analyse+store"] = time.perf_counter() - start
            if on_stage:
                on_stage("analyse+store")
            run_corpus(store, cfg, summary, ex, sketches, on_stage)
        if out_dir:
            start = time.perf_counter()
            output.write_corpus(store, Path(out_dir))
            summary.seconds["parquet"] = time.perf_counter() - start
    finally:
        if not isinstance(db, Store):
            store.close()
    return summary


def _analyse_and_store(
    parts: Iterable[Partition],
    ex: Executor,
    store: Store,
    cfg: config_mod.Config,
    summary: BatchSummary,
    out_dir: str | Path | None,
    on_partition: Callable[[BatchSummary], None] | None,
    sketches: dict[str, Sketch] | None,
) -> None:
    # A bounded window of partitions in flight; results are written in
    # submission (= input) order, so a slow partition holds the writer, not the workers.
    window: deque[tuple[Partition, Any]] = deque()
    for part in parts:
        summary.partitions += 1
        if store.get_state(part.state_key) is not None:
            summary.resumed += 1
            continue
        known = _stored(store, [content_id(i) for i in part.items if isinstance(i, RawRecord)])
        future = ex.submit(analyse_partition, part.items, known, cfg.components, cfg.component_settings,
                           sketches is not None)
        window.append((part, future))
        while len(window) > ex.window:
            _write_head(window, store, summary, out_dir, on_partition, sketches)
    while window:
        _write_head(window, store, summary, out_dir, on_partition, sketches)


def _write_head(
    window: deque[tuple[Partition, Any]],
    store: Store,
    summary: BatchSummary,
    out_dir: str | Path | None,
    on_partition: Callable[[BatchSummary], None] | None,
    sketches: dict[str, Sketch] | None,
) -> None:
    part, future = window.popleft()
    start = time.perf_counter()
    outcomes: list[Outcome] = future.result()
    middle = time.perf_counter()
    stored = write_partition(store, part, outcomes, summary)
    _add(summary.phases, "analyse+store:wait", middle - start)  # the writer idle: workers are the bottleneck
    _add(summary.phases, "analyse+store:store", time.perf_counter() - middle)
    if sketches is not None:  # of the stored articles only: a same-content record later in a partition is not
        kept = {id(a) for a in stored}
        sketches.update((o.sketch.id, o.sketch) for o in outcomes if o.sketch and id(o.article) in kept)
    if out_dir:
        output.write_articles(Path(out_dir), part.key, stored)
    if on_partition:
        on_partition(summary)


def _add(d: dict[str, float], key: str, value: float) -> None:
    d[key] = d.get(key, 0.0) + value


def _stored(store: Store, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    with store.read() as conn:
        return {r[0] for r in conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(set(ids))))}


def write_partition(store: Store, part: Partition, outcomes: list[Outcome], summary: IngestSummary) -> list[Any]:
    """Store one partition's outcomes and its done mark in one transaction; return the stored articles.

    The statements are per partition, not per article (warta.ingest.outcome);
    when the store refuses an article, the partition is written again record
    by record, so the others are kept and the refused one is logged as an error.
    """
    def mark(conn: Any, tally: dict[str, int]) -> None:
        store.put_state(part.state_key, {"records": len(outcomes), "run": summary.run_id, **tally}, conn)

    stored = write_outcomes(store, list(outcomes), summary.run_id, summary, also=mark)
    summary.read += len(outcomes)
    summary.new_ids.extend(a.id for a in stored)
    return stored


def run_corpus(
    store: Store, cfg: config_mod.Config, summary: BatchSummary, ex: Executor | None = None,
    sketches: dict[str, Sketch] | None = None, on_stage: Callable[[str], None] | None = None,
) -> None:
    """The corpus steps over every stored article they have not seen, timed one by one.

    Same order and bookkeeping as :func:`warta.ingest.run.update_corpus`;
    with an executor, ``dedup@1`` runs as the band shuffle (same result).
    """
    ids, mark = pending_ids(store)
    for name, step in corpus_steps(cfg.corpus_steps):
        start = time.perf_counter()
        if ids and name == DEDUP and ex is not None:
            summary.phases.update({f"{name}:{k}": v for k, v in lsh.run(store, ids, sketches or {}, ex).items()})
            if sketches:
                sketches.clear()  # the index is in the store now: memory back for the next steps
        elif ids:
            step(store, ids)
        summary.seconds[name] = time.perf_counter() - start
        if on_stage:
            on_stage(name)
    store.put_state(CORPUS_MARK, mark)
