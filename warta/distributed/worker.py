"""What a worker does with one partition: run the per-article pipeline.

The function is plain (no store, no Dask): the batch ships it with the
partition's records to any worker, and the single-process path calls it
directly.  The pipeline is built once per worker process and cached, since
components are stateless and their resources are loaded at build time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from warta.errors import WartaError
from warta.ingest.readers import Item, Skip
from warta.ingest.run import analyse, content_id
from warta.model import Article
from warta.pipeline import Pipeline, build

_PIPELINES: dict[str, Pipeline] = {}


@dataclass
class Outcome:
    """One record's result, in input order: what the writer logs and stores."""

    status: str  # stored | unchanged | skipped | error
    input_id: str
    reason: str | None = None
    article_id: str | None = None
    article: Article | None = None
    note: str | None = None  # the reader's note (CSV row shape), logged with the article


def pipeline_for(components: list[str], settings: dict[str, dict[str, Any]]) -> Pipeline:
    key = json.dumps([components, settings], sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = build(components, settings)
    return _PIPELINES[key]


def analyse_partition(
    items: list[Item], known: set[str], components: list[str], settings: dict[str, dict[str, Any]]
) -> list[Outcome]:
    """Outcomes of the records of one partition; ``known`` ids are stored already."""
    pipeline = pipeline_for(components, settings)
    return [_one(item, known, pipeline) for item in items]


def _one(item: Item, known: set[str], pipeline: Pipeline) -> Outcome:
    if isinstance(item, Skip):
        return Outcome("skipped", item.input_id, item.reason)
    article_id = content_id(item)
    if article_id in known:
        return Outcome("unchanged", item.input_id, "already stored (same content)", article_id)
    try:
        article = analyse(item, pipeline)
    except WartaError as exc:
        return Outcome("error", item.input_id, str(exc))
    if not article.text.strip():
        return Outcome("skipped", item.input_id, "no article text left after cleaning (only boilerplate?)", article.id)
    return Outcome("stored", item.input_id, None, article.id, article, item.fields.get("_note"))
