"""The interchange format (docs/format.md): articles and timeline as JSONL or CSV.

Field names and meanings are a stable contract: other tools and our own
evaluation scripts read them.  Unknown values are null, never omitted.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from warta.model import Article, TimelineEntry
from warta.store import Store

ARTICLE_FIELDS: tuple[str, ...] = (
    "id", "input_id", "url", "outlet", "title", "published", "published_precision", "authors",
    "dateline", "wire_sources", "language", "text", "duplicate_of", "event_cluster", "story",
    "entities", "times", "quotes", "events",
)
TIMELINE_FIELDS: tuple[str, ...] = (
    "date", "precision", "type", "source", "target", "summary", "articles", "outlets",
    "first_reported", "background",
)


def article_record(article: Article, corpus: dict[str, Any] | None = None) -> dict[str, Any]:
    corpus = corpus or {}
    ents = article.entities
    return {
        "id": article.id,
        "input_id": article.input_id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_precision": article.published_precision,
        "authors": [{"name": a.name, "role": a.role} for a in article.authors],
        "dateline": article.dateline,
        "wire_sources": list(article.wire_sources),
        "language": article.language,
        "text": article.text,
        "duplicate_of": corpus.get("duplicate_of"),
        "event_cluster": corpus.get("event_cluster"),
        "story": corpus.get("story"),
        "entities": [
            {
                "start": m.start, "end": m.end, "text": m.text, "entity": m.entity,
                "name": ents[m.entity].name if m.entity in ents else None,
                "type": _export_type(ents[m.entity].type) if m.entity in ents else None,
            }
            for m in article.mentions
        ],
        "times": [
            {"start": x.start, "end": x.end, "text": x.text, "value": x.value, "type": x.type, "precision": x.precision}
            for x in article.times
        ],
        "quotes": [
            {
                "start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                "speaker_name": q.speaker_name or (ents[q.speaker].name if q.speaker in ents else None),
                "direct": q.direct,
            }
            for q in article.quotes
        ],
        "events": [
            {
                "type": e.type, "source": e.source, "target": e.target, "date": e.date,
                "precision": e.precision, "place": e.place, "modality": e.modality,
                "start": e.start, "end": e.end,
            }
            for e in article.events
        ],
    }


def _export_type(kind: str) -> str:
    """The export's five types; finer KB types (region, city) are places."""
    return kind if kind in ("person", "organization", "country", "place") else {"region": "place", "city": "place"}.get(kind, "other")


def timeline_record(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "date": entry.date,
        "precision": entry.precision,
        "type": entry.type,
        "source": entry.source,
        "target": entry.target,
        "summary": entry.summary,
        "articles": list(entry.articles),
        "outlets": list(entry.outlets),
        "first_reported": entry.first_reported,
        "background": entry.background,
    }


def iter_article_records(store: Store) -> Iterator[dict[str, Any]]:
    corpus = {r["id"]: r for r in store.article_rows(["id", "duplicate_of", "event_cluster", "story"])}
    for article in store.iter_articles():
        yield article_record(article, corpus.get(article.id))


def write(records: Iterator[dict[str, Any]], fields: tuple[str, ...], fmt: str, out: TextIO) -> int:
    """Write records as JSONL or CSV (nested values as JSON in their cell)."""
    n = 0
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(out, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    for rec in records:
        writer.writerow({k: _cell(rec[k]) for k in fields})
        n += 1
    return n


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if value is None:
        return ""
    return value
