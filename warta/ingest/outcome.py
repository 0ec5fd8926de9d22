"""One record's outcome, and writing a batch of outcomes to the store.

Analysis and storage are apart so that both the single-process ingest and the
distributed batch can analyse records anywhere and write them in batches: a
batch is one transaction (the articles and their ingest-log rows together),
which keeps the store consistent when a run is killed and is several times
cheaper than a transaction per article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from warta.errors import WartaError
from warta.ingest.readers import Item, Skip
from warta.model import Article, RawRecord
from warta.store import Store

NO_TEXT = "no article text left after cleaning (only boilerplate?)"


class Counts(Protocol):
    stored: int
    unchanged: int
    skipped: int
    failed: int


@dataclass
class Outcome:
    """What became of one input record: what the writer logs and stores."""

    status: str  # stored | unchanged | skipped | error
    input_id: str
    reason: str | None = None
    article_id: str | None = None
    article: Article | None = None
    note: str | None = None  # the reader's note (CSV row shape), logged with the article


def outcome_of(
    item: Item,
    article_id: str | None,
    is_stored: Callable[[str], bool],
    analyse: Callable[[RawRecord], Article],
) -> Outcome:
    """Analyse one record unless it is a skip or already stored (``article_id`` is its content id)."""
    if isinstance(item, Skip):
        return Outcome("skipped", item.input_id, item.reason)
    assert article_id is not None
    if is_stored(article_id):
        return Outcome("unchanged", item.input_id, "already stored (same content)", article_id)
    try:
        article = analyse(item)
    except WartaError as exc:
        return Outcome("error", item.input_id, str(exc))
    if not article.text.strip():
        return Outcome("skipped", item.input_id, NO_TEXT, article.id)
    return Outcome("stored", item.input_id, None, article.id, article, item.fields.get("_note"))


def write_outcomes(
    store: Store,
    outcomes: list[Outcome],
    run_id: str,
    counts: Counts,
    also: Callable[[Connection, dict[str, int]], Any] | None = None,
) -> list[Article]:
    """Store and log outcomes in one transaction; return the articles stored.

    ``also(conn, counts)`` runs in the same transaction (a partition's done
    mark).  When the store refuses the batch, it is written again record by
    record, so the others are kept and the refused one is logged as an error.
    """
    tally = dict.fromkeys(("stored", "unchanged", "skipped", "failed"), 0)
    try:
        with store.write() as conn:
            stored = _write(store, conn, outcomes, run_id, tally)
            if also:
                also(conn, tally)
    except SQLAlchemyError:
        tally = dict.fromkeys(tally, 0)
        stored = []
        for o in outcomes:
            try:
                with store.write() as conn:
                    stored += _write(store, conn, [o], run_id, tally)
            except SQLAlchemyError as exc:
                tally["failed"] += 1
                reason = getattr(exc, "orig", None) or exc
                store.log(run_id, o.input_id, "error",
                          f"the store rejected the analysed article: {type(reason).__name__}: {str(reason)[:300]}",
                          o.article_id)
        if also:
            with store.write() as conn:
                also(conn, tally)
    for key, value in tally.items():
        setattr(counts, key, getattr(counts, key) + value)
    return stored


def _write(store: Store, conn: Connection, outcomes: list[Outcome], run_id: str, tally: dict[str, int]) -> list[Article]:
    to_store = [o for o in outcomes if o.status == "stored" and o.article is not None]
    fresh = dict(zip(map(id, to_store), store.put_articles([o.article for o in to_store], conn), strict=True))  # type: ignore[misc]
    stored: list[Article] = []
    log: list[dict[str, Any]] = []
    for o in outcomes:
        status, reason = o.status, o.reason
        if o.status == "stored" and o.article is not None:
            if fresh[id(o)]:
                stored.append(o.article)
                reason = "; ".join(([o.note] if o.note else []) + o.article.flags) or None
            else:  # the same content appeared earlier in this very run
                status, reason = "unchanged", "same content as an earlier record"
        log.append({"run_id": run_id, "input_id": o.input_id, "status": status, "reason": reason,
                    "article_id": o.article_id})
        tally["failed" if status == "error" else status] += 1
    store.log_many(log, conn)
    return stored
