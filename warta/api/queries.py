"""Read-side queries behind the API and the web pages.

Listings are indexed SQL queries over the store's columns; documents are only
loaded for the page being shown.  Quotes and claims live only inside article
documents, so their listings scan the candidate articles (bounded by
``MAX_SCAN``); a quotes/claims table in the store would make them indexed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, distinct, func, or_, select
from sqlalchemy.orm import aliased

from warta.export import article_record
from warta.model import Article, TimelineEntry
from warta.store import Store
from warta.store import schema as t

MAX_SCAN = 2000  # articles read at most to list quotes or claims
SCAN_BATCH = 50
A = t.articles.c
SUMMARY_COLUMNS = (
    "id",
    "input_id",
    "url",
    "outlet",
    "title",
    "published",
    "published_precision",
    "language",
    "duplicate_of",
    "event_cluster",
    "story",
)


@dataclass
class ArticleFilter:
    outlet: str | None = None
    since: str | None = None  # sortable bounds (warta.api.params.when)
    until: str | None = None
    story: str | None = None
    cluster: str | None = None
    entity: str | None = None  # entity id


@dataclass
class Page:
    total: int
    items: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False  # True when a scan stopped before reading every candidate


def _where(query: Select[Any], f: ArticleFilter) -> Select[Any]:
    if f.outlet:
        query = query.where(func.lower(A.outlet) == f.outlet.strip().lower())
    if f.since:
        query = query.where(A.published_utc >= f.since)
    if f.until:
        query = query.where(A.published_utc <= f.until)
    if f.story:
        query = query.where(or_(A.story == f.story, A.event_cluster == f.story))
    if f.cluster:
        query = query.where(A.event_cluster == f.cluster)
    if f.entity:
        query = query.where(
            A.id.in_(select(t.mentions.c.article_id).where(t.mentions.c.entity_id == f.entity))
        )
    return query


def _newest_first(query: Select[Any]) -> Select[Any]:
    return query.order_by(A.published_utc.desc().nulls_last(), A.id)


def article_ids(store: Store, f: ArticleFilter, limit: int | None, offset: int = 0) -> tuple[int, list[str]]:
    """Total and one page of article ids matching ``f``, newest first."""
    with store.read() as conn:
        total = conn.execute(_where(select(func.count()).select_from(t.articles), f)).scalar_one()
        query = _newest_first(_where(select(A.id), f)).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return int(total), [r[0] for r in conn.execute(query)]


def corpus_rows(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    with store.read() as conn:
        rows = conn.execute(select(*(A[c] for c in SUMMARY_COLUMNS)).where(A.id.in_(ids))).mappings()
        return {r["id"]: dict(r) for r in rows}


def summaries(store: Store, ids: list[str]) -> list[dict[str, Any]]:
    """Listing rows (no text) in the order of ``ids``."""
    rows = corpus_rows(store, ids)
    return [rows[i] for i in ids if i in rows]


def article_page(store: Store, f: ArticleFilter, limit: int, offset: int) -> Page:
    total, ids = article_ids(store, f, limit, offset)
    rows = corpus_rows(store, ids)
    return Page(total, [article_record(a, rows.get(a.id)) for a in store.iter_articles(ids)])


def get_article(store: Store, article_id: str) -> Article | None:
    """By id or by an unambiguous id prefix (as the CLI prints them)."""
    if not article_id or len(article_id) > 64:
        return None
    return store.get_article(article_id) or (store.find_article(article_id) if len(article_id) >= 4 else None)


def names(store: Store, ids: Iterable[str | None]) -> dict[str, str]:
    """Canonical names of the given entity ids (unknown ids are left out)."""
    wanted = sorted({i for i in ids if i})
    out: dict[str, str] = {}
    with store.read() as conn:
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            out.update(
                conn.execute(
                    select(t.entities.c.id, t.entities.c.name).where(t.entities.c.id.in_(chunk))
                ).all()
            )
    return out


# ------------------------------------------------------------------ stories


def story_rows(store: Store, level: str | None, limit: int, offset: int) -> Page:
    S = t.stories.c
    query = select(t.stories)
    if level:
        query = query.where(S.level == level)
    with store.read() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = (
            conn.execute(query.order_by(S.last_updated.desc().nulls_last(), S.id).limit(limit).offset(offset))
            .mappings()
            .all()
        )
    return Page(int(total), [_story(r) for r in rows])


def _story(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "level": row["level"],
        "label": row["label"],
        "first_seen": row["first_seen"],
        "last_updated": row["last_updated"],
        "size": row["size"],
        "parent": row["parent"],
    }


def member_ids(store: Store, story_id: str) -> list[str]:
    with store.read() as conn:
        query = select(A.id).where(or_(A.story == story_id, A.event_cluster == story_id))
        return [r[0] for r in conn.execute(query.order_by(A.published_utc.nulls_last(), A.id))]


def get_story(store: Store, story_id: str) -> dict[str, Any] | None:
    with store.read() as conn:
        row = conn.execute(select(t.stories).where(t.stories.c.id == story_id)).mappings().first()
        if row is None:
            return None
        children = conn.execute(
            select(t.stories.c.id, t.stories.c.label)
            .where(t.stories.c.parent == story_id)
            .order_by(t.stories.c.first_seen, t.stories.c.id)
        ).all()
    story = _story(row)
    story["articles"] = member_ids(store, story_id)
    story["clusters"] = [{"id": c[0], "label": c[1]} for c in children]
    return story


# ------------------------------------------------------------------ timeline


def entries_of_articles(store: Store, ids: list[str]) -> list[TimelineEntry]:
    """Timeline entries reported by any of the articles, in timeline order."""
    if not ids:
        return []
    import warta

    with store.read() as conn:
        wanted = {
            r[0]
            for r in conn.execute(
                select(t.events.c.entry_id)
                .distinct()
                .where(t.events.c.article_id.in_(ids), t.events.c.entry_id.is_not(None))
            )
        }
        stories = {
            r[0]
            for r in conn.execute(select(t.timeline.c.story).distinct().where(t.timeline.c.id.in_(wanted)))
        }
    out: list[TimelineEntry] = []
    for story in sorted(stories, key=lambda s: s or ""):
        out += [e for e in warta.timeline(store, story=story) if e.id in wanted] if story else []
    if None in stories:  # entries without a storyline: from the whole timeline
        out += [e for e in warta.timeline(store) if e.id in wanted and e.story is None]
    return sorted(out, key=lambda e: entry_order(e))


def entry_order(e: TimelineEntry) -> tuple[str, str, str]:
    from warta.corpus.timeline import sort_key

    return sort_key(e.date), e.first_reported or "~", e.id


def report_spans(store: Store, entry_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Per entry: its reports as (article, evidence start/end) for links to the evidence."""
    out: dict[str, list[dict[str, Any]]] = {}
    E = t.events.c
    with store.read() as conn:
        for i in range(0, len(entry_ids), 500):
            rows = conn.execute(
                select(E.entry_id, E.article_id, E.start, E.end, A.outlet, A.title, A.published)
                .join(t.articles, A.id == E.article_id)
                .where(E.entry_id.in_(entry_ids[i : i + 500]))
                .order_by(A.published_utc, E.article_id, E.idx)
            ).mappings()
            for r in rows:
                out.setdefault(r["entry_id"], []).append(dict(r))
    return out


# ------------------------------------------------------------------ entities


def entity_rows(store: Store, pattern: str | None, kind: str | None, limit: int, offset: int) -> Page:
    En = t.entities.c
    query = select(t.entities)
    if pattern:
        query = query.where(
            or_(
                En.name.ilike(pattern, escape="\\"),
                En.aliases.ilike(pattern, escape="\\"),
                En.id.ilike(pattern, escape="\\"),
            )
        )
    if kind:
        query = query.where(En.type == kind)
    with store.read() as conn:
        total = conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()
        rows = conn.execute(
            query.order_by(En.mentions.desc(), En.name, En.id).limit(limit).offset(offset)
        ).mappings()
        return Page(int(total), [_entity(r) for r in rows])


def _entity(row: Any) -> dict[str, Any]:
    return {
        "id": row["id"],
        "name": row["name"],
        "type": row["type"],
        "wikidata": row["wikidata"],
        "aliases": json.loads(row["aliases"] or "[]"),
        "roles": json.loads(row["roles"] or "[]"),
        "mentions": row["mentions"],
    }


def get_entity(store: Store, entity_id: str, related: int = 15, recent: int = 20) -> dict[str, Any] | None:
    M = t.mentions.c
    with store.read() as conn:
        row = conn.execute(select(t.entities).where(t.entities.c.id == entity_id)).mappings().first()
        if row is None:
            return None
        ent = _entity(row)
        ent["names_seen"] = [
            {"text": r[0], "count": r[1]}
            for r in conn.execute(
                select(M.text, func.count())
                .where(M.entity_id == entity_id)
                .group_by(M.text)
                .order_by(func.count().desc(), M.text)
                .limit(50)
            )
        ]
        ent["article_count"] = conn.execute(
            select(func.count(distinct(M.article_id))).where(M.entity_id == entity_id)
        ).scalar_one()
        ent["event_count"] = conn.execute(
            select(func.count())
            .select_from(t.events)
            .where(or_(t.events.c.source == entity_id, t.events.c.target == entity_id))
        ).scalar_one()
        other = aliased(t.mentions)
        ent["related"] = [
            {"id": r[0], "name": r[1], "type": r[2], "articles": r[3]}
            for r in conn.execute(
                select(
                    other.c.entity_id,
                    t.entities.c.name,
                    t.entities.c.type,
                    func.count(distinct(other.c.article_id)),
                )
                .select_from(t.mentions)
                .join(other, and_(other.c.article_id == M.article_id, other.c.entity_id != entity_id))
                .join(t.entities, t.entities.c.id == other.c.entity_id)
                .where(M.entity_id == entity_id)
                .group_by(other.c.entity_id, t.entities.c.name, t.entities.c.type)
                .order_by(func.count(distinct(other.c.article_id)).desc(), other.c.entity_id)
                .limit(related)
            )
        ]
    _, ids = article_ids(store, ArticleFilter(entity=entity_id), recent)
    ent["articles"] = summaries(store, ids)
    return ent


# ------------------------------------------------------------------ quotes and claims


def _scan(
    store: Store, ids: list[str], pick: Callable[[Article], list[dict[str, Any]]], limit: int, offset: int
) -> Page:
    """One page of items picked from articles (newest first), reading only as far as needed.

    ``total`` is exact when every candidate was read; otherwise ``truncated`` is
    set and ``total`` counts the items found so far (more exist or may exist).
    """
    page = Page(0)
    read = 0
    for i in range(0, min(len(ids), MAX_SCAN), SCAN_BATCH):
        for article in store.iter_articles(ids[i : min(i + SCAN_BATCH, MAX_SCAN)]):
            read += 1
            for item in pick(article):
                if offset <= page.total < offset + limit:
                    page.items.append(item)
                page.total += 1
        if page.total > offset + limit:  # this page is full and more exist: stop reading
            break
    page.truncated = read < len(ids)
    return page


def _where_from(article: Article, start: int, end: int) -> dict[str, Any]:
    return {
        "article": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "published": article.published,
        "start": start,
        "end": end,
        "anchor": f"s-{start}-{end}",
    }


def quotes(store: Store, speaker: str | None, article: str | None, limit: int, offset: int) -> Page:
    """Quotes newest article first; ``speaker`` is an entity id (found through its mentions)."""
    ids = [article] if article else article_ids(store, ArticleFilter(entity=speaker), None)[1]

    def pick(a: Article) -> list[dict[str, Any]]:
        return [
            {
                **_where_from(a, q.start, q.end),
                "text": q.text,
                "speaker": q.speaker,
                "speaker_name": q.speaker_name
                or (a.entities[q.speaker].name if q.speaker in a.entities else None),
                "direct": q.direct,
                "channel": q.channel,
                "date": q.date,
            }
            for q in a.quotes
            if speaker is None or q.speaker == speaker
        ]

    return _scan(store, ids, pick, limit, offset)


def claims(
    store: Store, entity: str | None, modality: str | None, article: str | None, limit: int, offset: int
) -> Page:
    """Claims newest article first; ``entity`` asserts or denies them."""
    ids = [article] if article else article_ids(store, ArticleFilter(entity=entity), None)[1]

    def pick(a: Article) -> list[dict[str, Any]]:
        return [
            {
                **_where_from(a, c.start, c.end),
                "text": c.text,
                "asserted_by": c.asserted_by,
                "denied_by": c.denied_by,
                "modality": c.modality,
            }
            for c in a.claims
            if (entity is None or entity in c.asserted_by or entity in c.denied_by)
            and (modality is None or c.modality == modality)
        ]

    return _scan(store, ids, pick, limit, offset)
