"""Full-text search behind a small protocol, so the backend can be swapped.

:class:`LikeSearcher` is the first, simple backend: every word of the query
must occur (case-insensitively) in the title or the text, matched with SQL
LIKE.  It works on SQLite and PostgreSQL alike but scans the table; an FTS5
(SQLite) / tsvector (PostgreSQL) backend with Indonesian stemming can replace
it by implementing :class:`Searcher`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import and_, func, or_, select

from warta.api.params import like_pattern
from warta.store import Store
from warta.store import schema as t

MAX_TERMS = 8
SNIPPET_CHARS = 200


@dataclass
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str  # a stretch of the clean text around the first match
    snippet_start: int  # offset of the snippet in the article text
    highlights: list[tuple[int, int]] = field(default_factory=list)  # match offsets inside the snippet

    def record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "snippet": self.snippet,
            "snippet_start": self.snippet_start,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass
class Results:
    total: int
    hits: list[Hit]


class Searcher(Protocol):
    def search(self, query: str, limit: int, offset: int) -> Results: ...


def terms(query: str) -> list[str]:
    """The distinct words of a query (at most MAX_TERMS)."""
    return list(dict.fromkeys(w for w in query.split() if w))[:MAX_TERMS]


class LikeSearcher:
    def __init__(self, store: Store) -> None:
        self.store = store

    def search(self, query: str, limit: int, offset: int) -> Results:
        words = terms(query)
        if not words:
            return Results(0, [])
        A = t.articles.c
        cond = and_(
            *(
                or_(A.title.ilike(like_pattern(w), escape="\\"), A.text.ilike(like_pattern(w), escape="\\"))
                for w in words
            )
        )
        with self.store.read() as conn:
            total = conn.execute(select(func.count()).select_from(t.articles).where(cond)).scalar_one()
            rows = conn.execute(
                select(A.id, A.title, A.outlet, A.published, A.text)
                .where(cond)
                .order_by(A.published_utc.desc().nulls_last(), A.id)
                .limit(limit)
                .offset(offset)
            ).all()
        return Results(int(total), [_hit(r, words) for r in rows])


def _hit(row: Any, words: list[str]) -> Hit:
    text: str = row.text or ""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start, end = snippet_window(text, first.start() if first else 0)
    snippet = text[start:end]
    marks = [(m.start(), m.end()) for m in pattern.finditer(snippet)]
    return Hit(row.id, row.title, row.outlet, row.published, snippet, start, marks)


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
