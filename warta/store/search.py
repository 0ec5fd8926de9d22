"""The full-text index: Indonesian stems of each article's title and clean text.

Both backends index the same thing, text stemmed here with PyStemmer's
Indonesian (Snowball) stemmer, so a query finds the same articles on either:

* SQLite: an FTS5 table over ``search_docs`` (external content, kept in step by
  triggers from migration 0003), ranked with bm25;
* PostgreSQL: a ``tsvector`` column built with the ``simple`` configuration over
  the stemmed text (no second stemming), a GIN index, ranked with ts_rank.
  PostgreSQL's own ``indonesian`` configuration (16+) is not used: it would
  stem differently from SQLite and from the query stemming done here.

``index_articles(conn, articles)`` adds stored articles inside the caller's write
transaction; ``index_missing(store)`` catches up on articles stored without it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import Stemmer
from sqlalchemy import (
    Column,
    Connection,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import Subquery

from warta.model import Article
from warta.store import schema as t

TITLE_WEIGHT = 4.0  # a word in the title counts as much as four in the body (bm25 column weight)
TS_CONFIG = "simple"
_WORD = re.compile(r"[^\W_]+")  # letters and digits: what FTS5's unicode61 calls a token

metadata = MetaData()
# SQLite layout (migration 0003); on PostgreSQL the table has article_id and tsv only.
sqlite_docs = Table(
    "search_docs",
    metadata,
    Column("id", Integer, primary_key=True),  # rowid of the FTS5 entry
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), unique=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
)
# The FTS5 table; its hidden column of the same name takes MATCH expressions.
fts = Table("search_fts", metadata, Column("rowid", Integer), Column("search_fts", Text))
pg_docs = Table(
    "search_docs",
    MetaData(),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("tsv", TSVECTOR, nullable=False),
)


@functools.cache
def _stemmer() -> Any:
    return Stemmer.Stemmer("indonesian")


def _fold(word: str) -> str:
    """Lower case without diacritics ('Café' -> 'cafe'), the same on both backends."""
    word = word.lower()
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(value: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, folded word) for each word of ``value``."""
    for m in _WORD.finditer(value):
        yield m.start(), m.end(), _fold(m.group())


def stems(words: list[str]) -> list[str]:
    """Stems of folded words; a stem the stemmer empties keeps the word."""
    out: list[str] = _stemmer().stemWords(words)
    return [s or w for s, w in zip(out, words, strict=True)]


def stemmed(value: str | None) -> str:
    """The text as space-separated stems: what the index holds."""
    if not value:
        return ""
    words = [w.lower() if w.isascii() else _fold(w) for w in _WORD.findall(value)]
    return " ".join(stems(words))


def query_stems(query: str, limit: int = 16) -> list[str]:
    """Distinct stems of a query, in order; syntax characters are simply not words."""
    words = [w for _s, _e, w in tokens(query)]
    return list(dict.fromkeys(stems(words)))[:limit]


# ----------------------------------------------------------------- writing


def index_articles(conn: Connection, articles: list[Article]) -> None:
    """Index stored articles (call inside the write that stores them)."""
    index_rows(conn, [(a.id, a.title, a.text) for a in articles])


def index_rows(conn: Connection, rows: list[tuple[str, str | None, str | None]]) -> None:
    """Index (article id, title, body) rows in one statement."""
    if not rows:
        return
    values = [{"aid": aid, "stem_title": stemmed(title), "stem_body": stemmed(body)} for aid, title, body in rows]
    if conn.dialect.name == "postgresql":
        tsv = func.setweight(func.to_tsvector(TS_CONFIG, bindparam("stem_title")), literal_column("'A'")).op("||")(
            func.setweight(func.to_tsvector(TS_CONFIG, bindparam("stem_body")), literal_column("'B'"))
        )
        conn.execute(insert(pg_docs).values(article_id=bindparam("aid"), tsv=tsv), values)
    else:  # the FTS5 entry is added by the search_docs_ai trigger
        stmt = insert(sqlite_docs).values(article_id=bindparam("aid"), title=bindparam("stem_title"), body=bindparam("stem_body"))
        conn.execute(stmt, values)


def docs_table(conn: Connection) -> Table:
    return pg_docs if conn.dialect.name == "postgresql" else sqlite_docs


def index_missing(store: Any, batch: int = 200) -> int:
    """Index every stored article not yet in the index; returns how many were added."""
    added = 0
    while True:
        with store.write() as conn:
            docs = docs_table(conn)
            A = t.articles.c
            rows = conn.execute(
                select(A.id, A.title, A.text).where(~exists().where(docs.c.article_id == A.id)).limit(batch)
            ).all()
            try:
                with conn.begin_nested():
                    index_rows(conn, [(row.id, row.title, row.text) for row in rows])
            except IntegrityError:  # another process indexed them meanwhile
                continue
        added += len(rows)
        if len(rows) < batch:
            return added


def has_missing(conn: Connection) -> bool:
    docs = docs_table(conn)
    A = t.articles.c
    return (
        conn.execute(select(A.id).where(~exists().where(docs.c.article_id == A.id)).limit(1)).first()
        is not None
    )


# ----------------------------------------------------------------- reading


def matches(conn: Connection, words: list[str]) -> Subquery:
    """Articles containing every stem, as a subquery of (id, score); higher scores rank first."""
    if conn.dialect.name == "postgresql":
        tsq = func.plainto_tsquery(TS_CONFIG, " ".join(words))
        return (
            select(pg_docs.c.article_id.label("id"), func.ts_rank(pg_docs.c.tsv, tsq).label("score"))
            .where(pg_docs.c.tsv.op("@@")(tsq))
            .subquery("hits")
        )
    # Each stem is a quoted FTS5 string, so no query character is read as FTS syntax.
    expr = " ".join('"' + w.replace('"', '""') + '"' for w in words)
    return (
        select(
            sqlite_docs.c.article_id.label("id"),
            (-func.bm25(literal_column("search_fts"), TITLE_WEIGHT, 1.0)).label("score"),
        )
        .select_from(fts.join(sqlite_docs, sqlite_docs.c.id == fts.c.rowid))
        .where(fts.c.search_fts.op("MATCH")(expr))
        .subquery("hits")
    )
