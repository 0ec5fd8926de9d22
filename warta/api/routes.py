"""The read-only JSON endpoints (under /api; OpenAPI at /docs)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

import warta
from warta.api import params as p
from warta.api import queries as qy
from warta.api.search import Searcher
from warta.export import article_record, timeline_record
from warta.model import ENTITY_TYPES, TimelineEntry
from warta.store import Store

router = APIRouter(prefix="/api", tags=["read"])

LEVELS = ("event", "storyline")
MODALITIES = ("claimed", "suspected", "denied")
Id = Annotated[str, Path(min_length=1, max_length=200)]


def get_store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def get_searcher(request: Request) -> Searcher:
    return request.app.state.searcher  # type: ignore[no-any-return]


StoreDep = Annotated[Store, Depends(get_store)]


def _page(page: qy.Page, limit: int, offset: int, key: str = "items") -> dict[str, Any]:
    out = {"total": page.total, "limit": limit, "offset": offset, key: page.items}
    if page.truncated:
        out["truncated"] = True
    return out


def entry_record(e: TimelineEntry, names: dict[str, str]) -> dict[str, Any]:
    """A timeline record (docs/format.md) plus its id, corroboration and actor names."""
    return {
        "id": e.id,
        **timeline_record(e),
        "corroboration": e.corroboration,
        "story": e.story,
        "source_name": names.get(e.source or ""),
        "target_name": names.get(e.target or ""),
    }


@router.get("/articles", summary="Articles, newest first, as export records (docs/format.md)")
def list_articles(
    store: StoreDep,
    outlet: p.Text = None,
    since: Annotated[str | None, Query(description="ISO date or datetime, inclusive")] = None,
    until: Annotated[str | None, Query(description="ISO date or datetime, inclusive")] = None,
    story: p.Text = None,
    cluster: p.Text = None,
    entity: Annotated[
        str | None, Query(max_length=p.MAX_TEXT, description="entity id, name or alias")
    ] = None,
    limit: p.Limit = p.DEFAULT_LIMIT,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    f = qy.ArticleFilter(
        outlet=outlet,
        since=p.when("since", since),
        until=p.until_bound(p.when("until", until)),
        story=story,
        cluster=cluster,
        entity=p.entity_id(store, entity),
    )
    return _page(qy.article_page(store, f, limit, offset), limit, offset, "articles")


@router.get("/articles/{article_id}", summary="One article record by id (or unambiguous id prefix)")
def one_article(store: StoreDep, article_id: Id) -> dict[str, Any]:
    article = qy.get_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id[:64]!r}")
    record = article_record(article, qy.corpus_rows(store, [article.id]).get(article.id))
    record["claims"] = [
        {
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "asserted_by": c.asserted_by,
            "denied_by": c.denied_by,
            "modality": c.modality,
        }
        for c in article.claims
    ]
    return record


@router.get("/stories", summary="Event clusters and storylines, most recently updated first")
def list_stories(
    store: StoreDep, level: p.Text = None, limit: p.Limit = p.DEFAULT_LIMIT, offset: p.Offset = 0
) -> dict[str, Any]:
    page = qy.story_rows(store, p.choice("level", level, LEVELS), limit, offset)
    return _page(page, limit, offset, "stories")


@router.get("/stories/{story_id}", summary="One story: its articles and merged events")
def one_story(store: StoreDep, story_id: Id) -> dict[str, Any]:
    story = qy.get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id[:64]!r}")
    story["articles"] = qy.summaries(store, story["articles"])
    entries = qy.entries_of_articles(store, [a["id"] for a in story["articles"]])
    names = qy.names(store, [x for e in entries for x in (e.source, e.target)])
    story["events"] = [entry_record(e, names) for e in entries]
    return story


@router.get("/timeline", summary="Merged events ordered by when they happened (dated ones only)")
def get_timeline(
    store: StoreDep,
    entity: p.Text = None,
    pair: Annotated[str | None, Query(max_length=2 * p.MAX_TEXT, description="two entities: A,B")] = None,
    story: p.Text = None,
    since: str | None = None,
    until: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    entries = timeline_entries(store, entity, pair, story, since, until)
    names = qy.names(store, [x for e in entries[offset : offset + limit] for x in (e.source, e.target)])
    return {
        "total": len(entries),
        "limit": limit,
        "offset": offset,
        "entries": [entry_record(e, names) for e in entries[offset : offset + limit]],
    }


def timeline_entries(
    store: Store,
    entity: str | None,
    pair: str | None,
    story: str | None,
    since: str | None,
    until: str | None,
) -> list[TimelineEntry]:
    """Checked parameters -> warta.timeline (shared with the timeline page)."""
    for name, value in (("since", since), ("until", until)):
        p.when(name, value)  # validation only: the timeline compares its own date keys
    pair_ids = p.pair(store, pair)
    return warta.timeline(
        store,
        entity=p.entity_id(store, entity),
        pair=pair_ids,  # type: ignore[arg-type]
        story=story or None,
        since=since or None,
        until=until or None,
    )


@router.get("/entities", summary="Entities by mention count; q searches names and aliases")
def list_entities(
    store: StoreDep,
    q: p.Text = None,
    type: p.Text = None,
    limit: p.Limit = p.DEFAULT_LIMIT,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    kind = p.choice("type", type, ENTITY_TYPES + ("region", "city"))
    page = qy.entity_rows(store, p.like_pattern(q.strip()) if q and q.strip() else None, kind, limit, offset)
    return _page(page, limit, offset, "entities")


@router.get(
    "/entities/{entity_id:path}", summary="One entity: names seen, roles, counts, quotes, events, related"
)
def one_entity(store: StoreDep, entity_id: Id) -> dict[str, Any]:
    ent = qy.get_entity(store, entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity with id {entity_id[:80]!r}; see /api/entities?q=...")
    ent["quotes"] = qy.quotes(store, entity_id, None, 50, 0).items
    entries = warta.timeline(store, entity=entity_id)
    names = qy.names(store, [x for e in entries[:100] for x in (e.source, e.target)])
    ent["events"] = [entry_record(e, names) for e in entries[:100]]
    return ent


@router.get("/quotes", summary="Quotes with their speaker and evidence span")
def list_quotes(
    store: StoreDep,
    speaker: p.Text = None,
    article: p.Text = None,
    limit: p.Limit = p.DEFAULT_LIMIT,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    page = qy.quotes(store, p.entity_id(store, speaker, "speaker"), article, limit, offset)
    return _page(page, limit, offset, "quotes")


@router.get("/claims", summary="Claims with who asserts or denies them")
def list_claims(
    store: StoreDep,
    entity: p.Text = None,
    modality: p.Text = None,
    article: p.Text = None,
    limit: p.Limit = p.DEFAULT_LIMIT,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    page = qy.claims(
        store, p.entity_id(store, entity), p.choice("modality", modality, MODALITIES), article, limit, offset
    )
    return _page(page, limit, offset, "claims")


@router.get(
    "/search",
    summary="Articles containing every word of q up to Indonesian stemming, ranked, with snippets and facets",
)
def search(
    store: StoreDep,
    searcher: Annotated[Searcher, Depends(get_searcher)],
    q: Annotated[str, Query(min_length=1, max_length=p.MAX_TEXT)],
    outlet: p.Text = None,
    month: Annotated[str | None, Query(max_length=7, description="YYYY-MM of publication")] = None,
    entity: Annotated[str | None, Query(max_length=p.MAX_TEXT, description="entity id or name")] = None,
    type: Annotated[str | None, Query(max_length=20, description="PLOVER event type")] = None,
    story: Annotated[
        str | None, Query(max_length=p.MAX_TEXT, description="storyline or event cluster id")
    ] = None,
    limit: p.Limit = p.DEFAULT_LIMIT,
    offset: p.Offset = 0,
) -> dict[str, Any]:
    filters = p.search_filter(store, outlet, month, entity, type, story)
    results = searcher.search(q, limit, offset, filters)
    return {
        "total": results.total,
        "limit": limit,
        "offset": offset,
        "q": q,
        "filters": filters.active(),
        "hits": [h.record() for h in results.hits],
        "facets": {
            name: [{"value": f.value, "label": f.label, "count": f.count} for f in values]
            for name, values in results.facets.items()
        },
    }
