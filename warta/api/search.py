"""Full-text search behind a small protocol, so the backend can be swapped.

:class:`FullTextSearcher` queries the stemmed index of warta.store.search
(FTS5 on SQLite, tsvector on PostgreSQL): every query word must occur in the
title or text up to Indonesian stemming ("serangan" finds "menyerang").  Hits
are ranked (bm25 / ts_rank), and come with a snippet of the clean text whose
highlights are found by stemming that text again, so they point at the words
as written.  Facets count the matching articles by outlet, month, entity,
event type and storyline, after the filters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import Connection, Select, distinct, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql import Subquery

from warta.store import Store
from warta.store import schema as t
from warta.store import search as index

SNIPPET_CHARS = 200
FACET_SIZE = 10  # values shown per facet
FACETS = ("outlet", "month", "entity", "type", "story")
A = t.articles.c


@dataclass
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # a stretch of the clean text around the best match
    snippet_start: int  # offset of the snippet in the article text
    highlights: list[tuple[int, int]] = field(default_factory=list)  # match offsets inside the snippet
    score: float = 0.0
    title_highlights: list[tuple[int, int]] = field(default_factory=list)  # match offsets in the title
    snippet_more: bool = False  # the text goes on after the snippet

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "score": round(self.score, 6),
            "snippet": self.snippet,
            "snippet_start": self.snippet_start,
            "highlights": [list(h) for h in self.highlights],
            "title_highlights": [list(h) for h in self.title_highlights],
        }


@dataclass
class Facet:
    value: str
    label: str
    count: int


@dataclass
class SearchFilter:
    """Facet values a search is narrowed to (all must hold)."""

    outlet: str | None = None
    month: str | None = None  # YYYY-MM of publication (UTC)
    entity: str | None = None  # entity id
    type: str | None = None  # PLOVER event type
    story: str | None = None  # storyline or event cluster id

    def active(self) -> dict[str, str]:
        return {k: v for k in FACETS if (v := getattr(self, k))}


@dataclass
class Results:
    total: int
    hits: list[Hit]
    facets: dict[str, list[Facet]] = field(default_factory=dict)


class Searcher(Protocol):
    def search(self, query: str, limit: int, offset: int, filters: SearchFilter | None = None) -> Results: ...


class FullTextSearcher:
    """Ranked, stemmed search over the store's full-text index (indexing stragglers first)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def search(self, query: str, limit: int, offset: int, filters: SearchFilter | None = None) -> Results:
        words = index.query_stems(query)
        if not words:
            return Results(0, [])
        self._catch_up()
        f = filters or SearchFilter()
        with self.store.read() as conn:
            hits = index.matches(conn, words)
            found = _filtered(select(A.id).select_from(hits.join(t.articles, A.id == hits.c.id)), f)
            total = conn.execute(select(func.count()).select_from(found.subquery())).scalar_one()
            rows = conn.execute(
                found.with_only_columns(A.id, A.title, A.outlet, A.published, A.text, hits.c.score)
                .order_by(hits.c.score.desc(), A.published_utc.desc().nulls_last(), A.id)
                .limit(limit)
                .offset(offset)
            ).all()
            facets = _facets(conn, found.subquery("found")) if total else {}
        wanted = set(words)
        return Results(int(total), [_hit(r, wanted) for r in rows], facets)

    def _catch_up(self) -> None:
        """Index articles stored before the search index existed (older stores)."""
        with self.store.read() as conn:
            missing = index.has_missing(conn)
        if missing:
            try:
                index.index_missing(self.store)
            except OperationalError:  # a writer holds the store: answer from what is indexed
                pass


def _filtered(query: Select[Any], f: SearchFilter) -> Select[Any]:
    if f.outlet:
        query = query.where(A.outlet == f.outlet)
    if f.month:
        query = query.where(func.substr(A.published_utc, 1, 7) == f.month)
    if f.entity:
        M = t.mentions.c
        query = query.where(A.id.in_(select(M.article_id).where(M.entity_id == f.entity)))
    if f.type:
        E = t.events.c
        query = query.where(A.id.in_(select(E.article_id).where(E.type == f.type)))
    if f.story:
        query = query.where((A.story == f.story) | (A.event_cluster == f.story))
    return query


def _facets(conn: Connection, found: Subquery) -> dict[str, list[Facet]]:
    """Counts of matching articles per facet value, most frequent first (months newest first)."""
    ids = select(found.c.id)
    n = func.count(distinct(A.id))
    month = func.substr(A.published_utc, 1, 7)
    M, E, S = t.mentions.c, t.events.c, t.stories.c
    queries: dict[str, Select[Any]] = {
        "outlet": select(A.outlet, A.outlet, n)
        .where(A.id.in_(ids), A.outlet.is_not(None))
        .group_by(A.outlet),
        "month": select(month, month, n).where(A.id.in_(ids), A.published_utc.is_not(None)).group_by(month),
        "entity": select(M.entity_id, t.entities.c.name, func.count(distinct(M.article_id)))
        .join(t.entities, t.entities.c.id == M.entity_id)
        .where(M.article_id.in_(ids))
        .group_by(M.entity_id, t.entities.c.name),
        "type": select(E.type, E.type, func.count(distinct(E.article_id)))
        .where(E.article_id.in_(ids))
        .group_by(E.type),
        "story": select(A.story, S.label, n)
        .join(t.stories, S.id == A.story)
        .where(A.id.in_(ids))
        .group_by(A.story, S.label),
    }
    out: dict[str, list[Facet]] = {}
    for name, query in queries.items():
        value, _label, count = query.selected_columns
        order = (value.desc(),) if name == "month" else (count.desc(), value)
        rows = conn.execute(query.order_by(*order).limit(FACET_SIZE)).all()
        out[name] = [Facet(str(v), str(label or v), int(c)) for v, label, c in rows]
    return out


# ----------------------------------------------------------------- snippets


def marks(value: str, wanted: set[str]) -> list[tuple[int, int]]:
    """Offsets of the words of ``value`` whose stem is wanted."""
    spans = list(index.tokens(value))
    found = index.stems([w for _s, _e, w in spans])
    return [(s, e) for (s, e, _w), stem in zip(spans, found, strict=True) if stem in wanted]


def _hit(row: Any, wanted: set[str]) -> Hit:
    text: str = row.text or ""
    spans = marks(text, wanted)
    start, end = snippet_window(text, _best(text, spans))
    inside = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    return Hit(
        row.id,
        row.title,
        row.outlet,
        row.published,
        text[start:end],
        start,
        inside,
        float(row.score or 0.0),
        marks(row.title or "", wanted),
        end < len(text),
    )


def _best(text: str, spans: list[tuple[int, int]], size: int = SNIPPET_CHARS) -> int:
    """Where the window holding the most distinct matched words begins (first match on ties)."""
    if not spans:
        return 0
    best, best_at = -1, spans[0][0]
    for i, (s, _e) in enumerate(spans[:200]):
        words = set()
        for a, b in spans[i:]:
            if b > s + size * 2 // 3:
                break
            words.add(text[a:b].lower())
        if len(words) > best:
            best, best_at = len(words), s
    return best_at


def snippet_window(text: str, at: int, size: int = SNIPPET_CHARS) -> tuple[int, int]:
    """About ``size`` characters around ``at``, cut at spaces."""
    start = max(0, at - size // 3)
    end = min(len(text), start + size)
    if start > 0:
        space = text.find(" ", start, at)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", max(at, start), end)
        end = space if space > at else end
    return start, end
