"""The SQL store: SQLite by default (WAL, one writer), PostgreSQL by URL.

Both backends are one class over SQLAlchemy Core; they differ only in the
connection URL and in SQLite's pragmas.  Opening a store runs the Alembic
migrations, so an old database is brought up to date before use.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, bindparam, create_engine, event, func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from warta.errors import StoreError
from warta.model import Article, Entity, from_dict, to_dict, to_json
from warta.store import schema as t
from warta.store.migrate import upgrade
from warta.store.search import index_articles


def url_for(db: str) -> str:
    """A SQLAlchemy URL from ``--db``: a URL as it is, else a SQLite file path."""
    if "://" in db:
        if db.startswith("postgresql://"):
            return "postgresql+psycopg://" + db[len("postgresql://") :]
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


IN_LIST = 500  # values per IN (...) list: well under every driver's parameter limit


def chunks(values: list[Any], n: int = IN_LIST) -> Iterator[list[Any]]:
    """``values`` in slices of ``n``: for IN lists and batched transactions."""
    return (values[i : i + n] for i in range(0, len(values), n))


class Store:
    """Articles, annotations, corpus results and the ingest log."""

    def __init__(self, db: str = "warta.db") -> None:
        self.url = url_for(db)
        self.is_sqlite = self.url.startswith("sqlite")
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except (SQLAlchemyError, ImportError) as exc:
            raise StoreError(f"cannot open store {db!r}: {exc}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._write_lock = threading.Lock()  # one writer per process
        try:
            upgrade(self.engine)
        except OperationalError as exc:
            raise StoreError(f"cannot open or migrate store {db!r}: {exc.orig}") from exc

    # ------------------------------------------------------------- plumbing

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: committed on success, rolled back on error."""
        with self._write_lock, self.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    # ------------------------------------------------------------- articles

    def has_article(self, article_id: str) -> bool:
        with self.read() as conn:
            return conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first() is not None

    def put_article(self, article: Article, conn: Connection | None = None) -> bool:
        """Store an analysed article with its mentions, entities and events.

        Returns False (and changes nothing) when the article is already stored.
        """
        return self.put_articles([article], conn)[0]

    def put_articles(self, articles: list[Article], conn: Connection | None = None) -> list[bool]:
        """Store analysed articles in a handful of statements; which of them were new.

        An article already stored, or repeated earlier in the list, is False
        and changes nothing.  Statements per batch, not per article, are what
        make a batched ingest faster than one article per transaction.
        """
        if not articles:
            return []
        if conn is None:
            with self.write() as c:
                return self.put_articles(articles, c)
        A = t.articles.c
        seen = {r[0] for r in conn.execute(select(A.id).where(A.id.in_({a.id for a in articles})))}
        new: list[Article] = []
        for a in articles:
            if a.id not in seen:
                new.append(a)
                seen.add(a.id)
        is_new = {id(a) for a in new}
        if new:
            self._insert_new(conn, new)
        return [id(a) in is_new for a in articles]

    def _insert_new(self, conn: Connection, articles: list[Article]) -> None:
        conn.execute(insert(t.articles), [_article_row(a) for a in articles])
        index_articles(conn, articles)  # full-text search, in the same transaction
        mentions = [
            {"article_id": a.id, "idx": i, "start": m.start, "end": m.end, "text": m.text, "entity_id": m.entity}
            for a in articles for i, m in enumerate(a.mentions)
        ]
        if mentions:
            conn.execute(insert(t.mentions), mentions)
        events = [_event_row(a.id, i, e) for a in articles for i, e in enumerate(a.events)]
        if events:
            conn.execute(insert(t.events), events)
        entities: dict[str, Entity] = {}
        counts: dict[str, int] = {}
        for a in articles:
            for m in a.mentions:
                if m.entity:
                    counts[m.entity] = counts.get(m.entity, 0) + 1
            for e in a.entities.values():
                if e.id in entities:  # the same entity in two articles of the batch: one row, all aliases
                    first = entities[e.id]
                    entities[e.id] = dataclasses.replace(
                        first, aliases=first.aliases + e.aliases, roles=first.roles + e.roles
                    )
                else:
                    entities[e.id] = e
        self._merge_entities(conn, list(entities.values()), counts)

    def _merge_entities(self, conn: Connection, entities: list[Entity], counts: dict[str, int]) -> None:
        """Insert new entities and fold aliases, roles and counts into known ones, in three statements."""
        if not entities:
            return
        known = {
            r["id"]: r
            for r in conn.execute(select(t.entities).where(t.entities.c.id.in_([e.id for e in entities]))).mappings()
        }
        new = [
            {"id": e.id, "name": e.name, "type": e.type, "wikidata": e.wikidata, "aliases": _json_set(e.aliases),
             "roles": _json_set(e.roles), "mentions": counts.get(e.id, 0)}
            for e in entities if e.id not in known
        ]
        if new:
            conn.execute(insert(t.entities), new)
        changed = [
            {"key": e.id, "aliases": _json_set(json.loads(known[e.id]["aliases"]) + e.aliases),
             "roles": _json_set(json.loads(known[e.id]["roles"]) + e.roles),
             "mentions": known[e.id]["mentions"] + counts.get(e.id, 0)}
            for e in entities if e.id in known
        ]
        if changed:
            conn.execute(
                update(t.entities).where(t.entities.c.id == bindparam("key"))
                .values(aliases=bindparam("aliases"), roles=bindparam("roles"), mentions=bindparam("mentions")),
                changed,
            )

    def find_entity(self, name: str) -> str | None:
        """An entity id from an id, a name or an alias seen (case-insensitive)."""
        key = name.strip()
        e = t.entities.c
        with self.read() as conn:
            if conn.execute(select(e.id).where(e.id == key)).first():
                return key
            row = conn.execute(select(e.id).where(func.lower(e.name) == key.lower()).limit(1)).first()
            if row:
                return str(row[0])
            # aliases are a JSON list: narrow by text, then check the list itself
            quoted = json.dumps(key, ensure_ascii=False)
            rows = conn.execute(select(e.id, e.aliases).where(e.aliases.ilike(f"%{_escape_like(quoted)}%", escape="\\")))
            for entity_id, aliases in rows:
                if key.lower() in (a.lower() for a in json.loads(aliases)):
                    return str(entity_id)
        return None

    def entity_names(self) -> dict[str, str]:
        with self.read() as conn:
            return {r[0]: r[1] for r in conn.execute(select(t.entities.c.id, t.entities.c.name))}

    def get_article(self, article_id: str) -> Article | None:
        with self.read() as conn:
            row = conn.execute(select(t.articles).where(t.articles.c.id == article_id)).mappings().first()
        return _article_from_row(row) if row else None

    def find_article(self, prefix: str) -> Article | None:
        """An article by id or unambiguous id prefix (as shown by the CLI)."""
        with self.read() as conn:
            rows = conn.execute(
                select(t.articles.c.id).where(t.articles.c.id.startswith(prefix, autoescape=True)).limit(2)
            ).all()
        return self.get_article(rows[0][0]) if len(rows) == 1 else None

    def iter_articles(self, ids: Iterable[str] | None = None, batch: int = 200) -> Iterator[Article]:
        """Articles (all, ordered by publication, or the given ids), streamed."""
        if ids is None:
            query = select(t.articles).order_by(t.articles.c.published_utc, t.articles.c.id)
            with self.read() as conn:
                for row in conn.execution_options(yield_per=batch).execute(query).mappings():
                    yield _article_from_row(row)
            return
        ids = list(ids)
        for i in range(0, len(ids), batch):
            chunk = ids[i : i + batch]
            with self.read() as conn:
                rows = {r["id"]: r for r in conn.execute(select(t.articles).where(t.articles.c.id.in_(chunk))).mappings()}
            for article_id in chunk:
                if article_id in rows:
                    yield _article_from_row(rows[article_id])

    def article_rows(self, columns: Iterable[str] | None = None, **where: Any) -> list[dict[str, Any]]:
        """Article columns (not the doc) for listings, ordered by publication."""
        cols = [t.articles.c[c] for c in columns] if columns else [c for c in t.articles.c if c.name not in ("doc", "raw", "text")]
        query = select(*cols).order_by(t.articles.c.published_utc, t.articles.c.id)
        for key, value in where.items():
            query = query.where(t.articles.c[key] == value)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def update_articles(self, rows: list[dict[str, Any]], conn: Connection | None = None) -> None:
        """Set corpus columns (duplicate_of, similarity, event_cluster, story) by id."""
        if conn is None:
            with self.write() as c:
                return self.update_articles(rows, c)
        for row in rows:
            values = {k: v for k, v in row.items() if k != "id"}
            conn.execute(update(t.articles).where(t.articles.c.id == row["id"]).values(**values))
        return None

    def count(self, table: str = "articles") -> int:
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(t.metadata.tables[table])).scalar_one())

    # ------------------------------------------------------------- ingest log

    def log(self, run_id: str, input_id: str, status: str, reason: str | None = None,
            article_id: str | None = None, conn: Connection | None = None) -> None:
        row = {"run_id": run_id, "input_id": input_id, "status": status, "reason": reason,
               "article_id": article_id, "at": now()}
        if conn is None:
            with self.write() as c:
                c.execute(insert(t.ingest_log).values(**row))
        else:
            conn.execute(insert(t.ingest_log).values(**row))

    def log_many(self, rows: list[dict[str, Any]], conn: Connection) -> None:
        """Ingest-log rows (run_id, input_id, status, reason, article_id) in one statement."""
        if rows:
            at = now()
            conn.execute(insert(t.ingest_log), [{"reason": None, "article_id": None, **r, "at": at} for r in rows])

    def log_rows(self, run_id: str | None = None, after: int = 0) -> list[dict[str, Any]]:
        query = select(t.ingest_log).where(t.ingest_log.c.id > after).order_by(t.ingest_log.c.id)
        if run_id:
            query = query.where(t.ingest_log.c.run_id == run_id)
        with self.read() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    # ------------------------------------------------------------- state

    def get_state(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            row = conn.execute(select(t.state.c.value).where(t.state.c.key == key)).first()
        return json.loads(row[0]) if row else default

    def put_state(self, key: str, value: Any, conn: Connection | None = None) -> None:
        if conn is None:
            with self.write() as c:
                return self.put_state(key, value, c)
        conn.execute(t.state.delete().where(t.state.c.key == key))
        conn.execute(insert(t.state).values(key=key, value=json.dumps(value, ensure_ascii=False)))
        return None


# ----------------------------------------------------------------- rows


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json_set(items: list[str]) -> str:
    return json.dumps(sorted(set(items)), ensure_ascii=False)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def sort_key(value: str | None) -> str | None:
    """A UTC ISO string that orders dates and datetimes together (None stays None)."""
    if not value:
        return None
    try:
        if "T" in value:
            return datetime.fromisoformat(value).astimezone(UTC).isoformat(timespec="seconds")
    except ValueError:
        return value
    return value  # a date, month or year orders correctly as text


def _article_row(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "input_id": article.input_id,
        "url": article.url,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "published_precision": article.published_precision,
        "published_utc": sort_key(article.published),
        "language": article.language,
        "text": article.text,
        "doc": to_json(article, drop=("raw",)),
        "raw": article.raw,
        "ingested_at": now(),
    }


def _event_row(article_id: str, idx: int, e: Any) -> dict[str, Any]:
    """The Event's fields that the events table has a column for."""
    fields = {k: v for k, v in to_dict(e).items() if k in t.events.c}
    return {**fields, "article_id": article_id, "idx": idx}


def _article_from_row(row: Any) -> Article:
    article = from_dict(Article, json.loads(row["doc"]))
    article.raw = row["raw"]
    return article
