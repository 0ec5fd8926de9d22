"""Parquet output of a batch: articles per partition, corpus columns per run.

``articles/part-<key>.parquet`` holds the articles one partition stored,
with the fields of the interchange format (docs/format.md); nested lists
(authors, entities, times, quotes, events) are JSON strings so that every
part has the same schema.  ``corpus.parquet`` holds the corpus columns
(duplicate_of, similarity, event_cluster, story) of every stored article,
written after the corpus steps.  Read them all with
``pyarrow.dataset.dataset(out_dir / "articles")`` or ``pandas.read_parquet``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlalchemy import select

from warta.errors import MissingExtra
from warta.export import article_record
from warta.model import Article
from warta.store import Store
from warta.store import schema as t

SCALARS = ("id", "input_id", "url", "outlet", "title", "published", "published_precision",
           "dateline", "language", "text")
NESTED = ("authors", "wire_sources", "entities", "times", "quotes", "events")
CORPUS = ("id", "duplicate_of", "similarity", "event_cluster", "story")


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("pyarrow", "dask") from exc
    return pa, pq


def article_schema() -> Any:
    pa, _ = _pa()
    return pa.schema([(name, pa.string()) for name in SCALARS + NESTED])


def write_articles(out_dir: Path, part_key: str, articles: list[Article]) -> Path:
    """One partition's stored articles (an empty file when it stored none)."""
    pa, pq = _pa()
    rows = []
    for article in articles:
        rec = article_record(article)
        rows.append({k: rec.get(k) for k in SCALARS} | {k: json.dumps(rec.get(k), ensure_ascii=False) for k in NESTED})
    path = out_dir / "articles" / f"part-{re.sub(r'[^0-9A-Za-z_-]', '_', part_key)}.parquet"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=article_schema()), tmp)
    tmp.replace(path)  # a killed run leaves no half-written part
    return path


def write_corpus(store: Store, out_dir: Path, chunk: int = 50_000) -> Path:
    """Corpus columns of all stored articles, streamed in chunks."""
    pa, pq = _pa()
    schema = pa.schema([("id", pa.string()), ("duplicate_of", pa.string()), ("similarity", pa.float64()),
                        ("event_cluster", pa.string()), ("story", pa.string())])
    path = out_dir / "corpus.parquet"
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    query = select(*(t.articles.c[c] for c in CORPUS)).order_by(t.articles.c.id)
    with pq.ParquetWriter(tmp, schema) as writer, store.read() as conn:
        result = conn.execution_options(yield_per=chunk).execute(query)
        for rows in result.partitions(chunk):
            writer.write_table(pa.Table.from_pylist([dict(zip(CORPUS, r)) for r in rows], schema=schema))
    tmp.replace(path)
    return path
