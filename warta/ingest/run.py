"""The ingest job: read records, analyse each article, store it, update the corpus.

Articles are stored in batches, each together with its ingest-log rows in one
transaction, so an interrupted ingest leaves a consistent store; running it
again skips what is stored (ids are content hashes) and finishes the rest.
Corpus steps then run over every stored article they have not seen yet.
"""

from __future__ import annotations

import functools
import hashlib
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from warta.config import Config
from warta.ingest.fields import apply_fields
from warta.ingest.lock import ingest_lock
from warta.ingest.outcome import Outcome, outcome_of, write_outcomes
from warta.ingest.readers import Item, Skip
from warta.model import Article, RawRecord
from warta.pipeline import Pipeline, build, corpus_steps
from warta.store import Store

CORPUS_MARK = "corpus.last_log_id"


@dataclass
class IngestSummary:
    run_id: str
    read: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    failed: int = 0
    new_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"read {self.read}: stored {self.stored}, unchanged {self.unchanged}, "
            f"skipped {self.skipped}, failed {self.failed}"
        )


def content_id(record: RawRecord) -> str:
    """The article id: a hash of the raw content, so the same input gets the same id."""
    body = record.text if record.text is not None else record.html or ""
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_article(record: RawRecord) -> Article:
    article = Article(
        id=content_id(record),
        input_id=str(record.fields.get("id") or record.input_id),
        raw=record.text if record.text is not None else record.html or "",
        raw_kind="text" if record.text is not None else "html",
    )
    apply_fields(article, record.fields)
    return article


def analyse(record: RawRecord, pipeline: Pipeline) -> Article:
    """Run the per-article pipeline on one record (no store involved)."""
    return pipeline(make_article(record))


def ingest(
    items: Iterable[Item],
    store: Store,
    config: Config,
    on_item: Callable[[IngestSummary], None] | None = None,
    run_corpus_steps: bool = True,
    batch_process: bool = False,
) -> IngestSummary:
    """Store every item (or log why not), then run the corpus steps over the new articles.

    ``batch_process``: the caller is a batch process that owns the interpreter (the CLI),
    so the pipeline may tune the garbage collector (:func:`warta.pipeline.settle_gc`).

    Articles are written in batches, each one transaction with its log rows;
    a run that is killed loses at most the batch in hand, which the next run
    redoes.  Raises :class:`~warta.ingest.lock.IngestLocked` (a StoreError)
    when another process is ingesting into the same store.
    """
    pipeline = build(config.components, config.component_settings, batch=batch_process)
    run = functools.partial(analyse, pipeline=pipeline)
    summary = IngestSummary(run_id=time.strftime("%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6])
    with ingest_lock(store):
        batch: list[Outcome] = []
        flushed = time.monotonic()
        try:
            for item in items:
                summary.read += 1
                article_id = None if isinstance(item, Skip) else content_id(item)
                batch.append(outcome_of(item, article_id, store.has_article, run))
                if len(batch) >= config.batch_size or time.monotonic() - flushed > config.batch_seconds:
                    _flush(store, batch, summary)
                    batch, flushed = [], time.monotonic()
                if on_item:
                    on_item(summary)
        except KeyboardInterrupt:  # keep what is analysed; the next run does the rest
            _flush(store, batch, summary)
            raise
        _flush(store, batch, summary)
        if run_corpus_steps:
            update_corpus(store, config)
    return summary


def _flush(store: Store, batch: list[Outcome], summary: IngestSummary) -> None:
    stored = write_outcomes(store, batch, summary.run_id, summary)
    summary.new_ids.extend(a.id for a in stored)
    batch.clear()


def pending_ids(store: Store) -> tuple[list[str], int]:
    """Stored articles the corpus steps have not processed, and the log mark to set after."""
    mark = int(store.get_state(CORPUS_MARK, 0))
    rows = store.log_rows(after=mark)
    ids = list(dict.fromkeys(r["article_id"] for r in rows if r["status"] == "stored"))
    return ids, max((r["id"] for r in rows), default=mark)


def update_corpus(store: Store, config: Config) -> list[str]:
    """Run the corpus steps over the articles stored since they last ran."""
    ids, mark = pending_ids(store)
    if ids:
        for _name, step in corpus_steps(config.corpus_steps):
            step(store, ids)
    store.put_state(CORPUS_MARK, mark)
    return ids
