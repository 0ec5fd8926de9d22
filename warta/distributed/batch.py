"""The batch job: the per-article pipeline on many workers, one writer, then the corpus steps.

    partitions of input records (driver, lazily, in input order)
      -> workers run the stateless per-article pipeline (Dask, or inline)
      -> the driver stores each partition in one transaction, in input order,
         with its ingest-log rows and a "partition done" mark in ``state``
      -> corpus steps (dedup, clustering, timeline) over the new articles
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
from sqlalchemy.exc import SQLAlchemyError

from warta import config as config_mod
from warta.distributed import output
from warta.distributed.cluster import Executor, executor
from warta.distributed.partition import Partition, partitions
from warta.distributed.worker import Outcome, analyse_partition
from warta.ingest.run import CORPUS_MARK, IngestSummary, content_id, pending_ids
from warta.model import RawRecord
from warta.pipeline import corpus_steps
from warta.store import Store
from warta.store import schema as t


@dataclass
class BatchSummary(IngestSummary):
    partitions: int = 0
    resumed: int = 0  # partitions found done by an earlier, interrupted run
    seconds: dict[str, float] = field(default_factory=dict)  # per stage
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
) -> BatchSummary:
    """Ingest ``paths`` with the per-article stage on ``workers`` and update the corpus.

    ``scheduler``: "local" (a Dask cluster of ``workers`` processes on this
    machine), "inline" (no Dask, one process), or a Dask scheduler address
    ("tcp://host:8786").  Returns what was read, stored, skipped and how long
    each stage took.
    """
    cfg = config if isinstance(config, config_mod.Config) else config_mod.load(config)
    store = db if isinstance(db, Store) else Store(db)
    summary = BatchSummary(run_id=time.strftime("batch-%Y%m%dT%H%M%S"), out_dir=str(out_dir) if out_dir else None)
    parts = partitions(paths, cfg.csv_columns, cfg.max_record_bytes, partition_size)
    try:
        start = time.perf_counter()
        with executor(scheduler, workers) as ex:
            _analyse_and_store(parts, ex, store, cfg, summary, out_dir, on_partition)
        summary.seconds["analyse+store"] = time.perf_counter() - start
        run_corpus(store, cfg, summary)
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
        window.append((part, ex.submit(analyse_partition, part.items, known, cfg.components, cfg.component_settings)))
        while len(window) > ex.window:
            _write_head(window, store, summary, out_dir, on_partition)
    while window:
        _write_head(window, store, summary, out_dir, on_partition)


def _write_head(
    window: deque[tuple[Partition, Any]],
    store: Store,
    summary: BatchSummary,
    out_dir: str | Path | None,
    on_partition: Callable[[BatchSummary], None] | None,
) -> None:
    part, future = window.popleft()
    outcomes: list[Outcome] = future.result()
    stored = write_partition(store, part, outcomes, summary)
    if out_dir:
        output.write_articles(Path(out_dir), part.key, stored)
    if on_partition:
        on_partition(summary)


def _stored(store: Store, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    with store.read() as conn:
        return {r[0] for r in conn.execute(select(t.articles.c.id).where(t.articles.c.id.in_(set(ids))))}


def write_partition(store: Store, part: Partition, outcomes: list[Outcome], summary: IngestSummary) -> list[Any]:
    """Store one partition's outcomes and its done mark in one transaction; return the stored articles.

    When the store refuses an article, the partition is written again record
    by record, so the others are kept and the refused one is logged as an error.
    """
    counts = {"stored": 0, "unchanged": 0, "skipped": 0, "failed": 0}
    stored: list[Any] = []
    try:
        with store.write() as conn:
            for o in outcomes:
                _write_one(store, conn, o, summary.run_id, counts, stored)
            store.put_state(part.state_key, {"records": len(outcomes), "run": summary.run_id, **counts}, conn)
    except SQLAlchemyError:
        counts = dict.fromkeys(counts, 0)
        stored = []
        for o in outcomes:
            try:
                with store.write() as conn:
                    _write_one(store, conn, o, summary.run_id, counts, stored)
            except SQLAlchemyError as exc:
                counts["failed"] += 1
                store.log(summary.run_id, o.input_id, "error", f"store refused the article: {exc.__class__.__name__}: "
                          f"{str(exc.orig if hasattr(exc, 'orig') else exc)[:200]}", o.article_id)
        store.put_state(part.state_key, {"records": len(outcomes), "run": summary.run_id, **counts})
    summary.read += len(outcomes)
    summary.stored += counts["stored"]
    summary.unchanged += counts["unchanged"]
    summary.skipped += counts["skipped"]
    summary.failed += counts["failed"]
    summary.new_ids.extend(a.id for a in stored)
    return stored


def _write_one(store: Store, conn: Any, o: Outcome, run: str, counts: dict[str, int], stored: list[Any]) -> None:
    if o.status == "stored" and o.article is not None:
        if store.put_article(o.article, conn):
            notes = ([o.note] if o.note else []) + o.article.flags
            store.log(run, o.input_id, "stored", "; ".join(notes) or None, o.article_id, conn=conn)
            counts["stored"] += 1
            stored.append(o.article)
            return
        o = Outcome("unchanged", o.input_id, "same content as an earlier record", o.article_id)
    store.log(run, o.input_id, o.status, o.reason, o.article_id, conn=conn)
    counts["failed" if o.status == "error" else o.status] += 1


def run_corpus(store: Store, cfg: config_mod.Config, summary: BatchSummary) -> None:
    """The corpus steps over every stored article they have not seen, timed one by one.

    Same order and bookkeeping as :func:`warta.ingest.run.update_corpus`.
    """
    ids, mark = pending_ids(store)
    for name, step in corpus_steps(cfg.corpus_steps):
        start = time.perf_counter()
        if ids:
            step(store, ids)
        summary.seconds[name] = time.perf_counter() - start
    store.put_state(CORPUS_MARK, mark)
