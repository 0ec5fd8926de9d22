"""warta: structured, sourced knowledge from the Indonesian news stream.

The public surface is listed in ``__all__`` (fixed by tests/test_api_surface.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from warta.config import Config
from warta.config import load as load_config
from warta.errors import ComponentError, ConfigError, InputError, MissingExtra, StoreError, WartaError
from warta.ingest.run import IngestSummary
from warta.model import (
    Article,
    Author,
    Caption,
    Claim,
    Entity,
    Event,
    Mention,
    Quote,
    RawRecord,
    Story,
    TimeExpr,
    TimelineEntry,
)
from warta.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article", "Author", "Caption", "Claim", "ComponentError", "Config", "ConfigError", "Entity", "Event",
    "IngestSummary", "InputError", "Mention", "MissingExtra", "Quote", "RawRecord", "Store", "StoreError", "Story",
    "TimeExpr", "TimelineEntry", "WartaError", "analyse", "ingest_paths", "load_config", "open_store", "stories",
    "timeline",
]


def open_store(db: str = "warta.db") -> Store:
    """Open (and migrate) a store: a SQLite path or a database URL."""
    return Store(db)


def ingest_paths(paths: Iterable[str | Path], store: Store, config: Config | None = None) -> IngestSummary:
    """Ingest files, folders or globs into ``store`` and update the corpus results."""
    from warta.ingest.readers import read_paths
    from warta.ingest.run import ingest

    cfg = config or load_config()
    return ingest(read_paths([str(p) for p in paths], cfg.csv_columns, cfg.max_record_bytes), store, cfg)


def analyse(text: str | None = None, html: str | None = None, config: Config | None = None, **fields: str) -> Article:
    """Run the per-article pipeline on one text (or HTML page), without a store."""
    from warta.ingest.run import analyse as _analyse
    from warta.pipeline import build

    cfg = config or load_config()
    return _analyse(RawRecord("<api>", text=text, html=html, fields=dict(fields)), build(cfg.components, cfg.component_settings))


def timeline(store: Store, **filters: str | None) -> list[TimelineEntry]:
    """Merged events in the order they happened; filters: entity, pair, story, since, until."""
    from warta.corpus.timeline import timeline as _timeline

    return _timeline(store, **filters)  # type: ignore[arg-type]


def stories(store: Store) -> list[Story]:
    """Same-event clusters and storylines."""
    from warta.corpus.timeline import stories as _stories

    return _stories(store)
