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

from warta.distributed.lsh import Sketch, sketch_rows
from warta.ingest import outcome
from warta.ingest.readers import Item, Skip
from warta.ingest.run import analyse, content_id
from warta.pipeline import Pipeline, build

_PIPELINES: dict[str, Pipeline] = {}


@dataclass
class Outcome(outcome.Outcome):
    """One record's result, in input order, with the article's dedup sketch computed here."""

    sketch: Sketch | None = None


def pipeline_for(components: list[str], settings: dict[str, dict[str, Any]]) -> Pipeline:
    key = json.dumps([components, settings], sort_keys=True, default=str)
    if key not in _PIPELINES:
        _PIPELINES[key] = build(components, settings, batch=True)
    return _PIPELINES[key]


def analyse_partition(
    items: list[Item], known: set[str], components: list[str], settings: dict[str, dict[str, Any]],
    sketches: bool = False,
) -> list[Outcome]:
    """Outcomes of the records of one partition; ``known`` ids are stored already.

    With ``sketches``, each stored article also carries its dedup sketch
    (the MinHash work then runs here, on the worker, not on the driver).
    """
    pipeline = pipeline_for(components, settings)
    outcomes = [_one(item, known, pipeline) for item in items]
    if sketches:  # one batch of MinHash work for the partition
        stored = [(o, o.article) for o in outcomes if o.article is not None]
        rows = [(a.id, a.text, a.url) for _, a in stored]
        for (o, _), sk in zip(stored, sketch_rows(rows), strict=True):
            o.sketch = sk
    return outcomes


def _one(item: Item, known: set[str], pipeline: Pipeline) -> Outcome:
    article_id = None if isinstance(item, Skip) else content_id(item)
    base = outcome.outcome_of(item, article_id, known.__contains__, lambda record: analyse(record, pipeline))
    return Outcome(**vars(base))
