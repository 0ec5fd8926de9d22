"""The HTML pages: stories, story, article, entity, timeline, search.

Templates are autoescaped Jinja2; the only pre-built markup is the
highlighted article text, assembled piece by piece with markupsafe.escape
(warta.web.highlight).  Parameters go through the same checks as the API.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from warta.api import params as p
from warta.api import queries as qy
from warta.api.routes import StoreDep, timeline_entries
from warta.model import TimelineEntry
from warta.store import Store
from warta.web import compare, highlight

PER_PAGE = 20
STORY_ARTICLES = 60  # articles shown side by side at most
ZOOMS = ("year", "month", "day")
templates = Jinja2Templates(directory=Path(__file__).resolve().parent / "templates")
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PageNo = Annotated[int, Query(ge=1, le=50_000)]


def when(value: str | None) -> str:
    """'2024-06-18T13:51:00+07:00' -> '2024-06-18 13:51 +07:00' (dates stay as they are)."""
    if not value:
        return "date unknown"
    if "T" not in value:
        return value
    day, _, clock = value.partition("T")
    zone = clock[8:] if len(clock) > 8 else ""
    return f"{day} {clock[:5]}" + (f" {'UTC' if zone in ('Z', '+00:00') else zone}" if zone else "")


def web_url(value: object) -> bool:
    """Only http(s) addresses become links: a stored url like 'javascript:...' must not run."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


templates.env.filters["when"] = when
templates.env.tests["web_url"] = web_url


def render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    return templates.TemplateResponse(request, name, context, status_code=status)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


def _pages(total: int, page: int) -> dict[str, int]:
    return {"page": page, "last": max(1, -(-total // PER_PAGE)), "total": total}


@router.get("/")
def home(request: Request, store: StoreDep, page: PageNo = 1) -> Response:
    stories = qy.story_rows(store, "storyline", PER_PAGE, (page - 1) * PER_PAGE)
    for story in stories.items:
        ids = qy.member_ids(store, story["id"])
        story["count"] = len(ids)
        story["articles"] = qy.summaries(store, ids[-8:][::-1])  # newest first
    total, latest = qy.article_ids(store, qy.ArticleFilter(), PER_PAGE)
    return render(
        request,
        "home.html",
        stories=stories.items,
        pages=_pages(stories.total, page),
        latest=qy.summaries(store, latest),
        article_total=total,
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, store: StoreDep, story_id: str) -> Response:
    story = qy.get_story(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story with id {story_id[:64]!r}")
    ids = story["articles"]
    shown = ids[:STORY_ARTICLES]
    articles = list(store.iter_articles(shown))
    entries = qy.entries_of_articles(store, ids)
    return render(
        request,
        "story.html",
        story=story,
        articles=articles,
        total=len(ids),
        rows=qy.corpus_rows(store, shown),
        adds=compare.contributions(articles),
        **_timeline_context(store, entries),
    )


def _timeline_context(store: Store, entries: list[TimelineEntry]) -> dict[str, Any]:
    return {
        "entries": entries,
        "reports": qy.report_spans(store, [e.id for e in entries]),
        "names": qy.names(store, [x for e in entries for x in (e.source, e.target)]),
    }


@router.get("/articles/{article_id}")
def article_page(request: Request, store: StoreDep, article_id: str) -> Response:
    article = qy.get_article(store, article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id[:64]!r}")
    row = qy.corpus_rows(store, [article.id]).get(article.id, {})
    groups: dict[str, dict[str, Any]] = {}
    for m in article.mentions:
        key = m.entity or f"?{m.text}"
        group = groups.setdefault(
            key, {"entity": article.entities.get(m.entity or ""), "text": m.text, "spans": []}
        )
        group["spans"].append(m)
    related = {k: row.get(k) for k in ("duplicate_of", "event_cluster", "story")}
    labels = {
        s: (qy.get_story(store, s) or {}).get("label")
        for s in (related["event_cluster"], related["story"])
        if s
    }
    return render(
        request,
        "article.html",
        a=article,
        body=highlight.render(article.text, highlight.article_annotations(article)),
        groups=groups,
        related=related,
        labels=labels,
    )


@router.get("/entities")
def entities_page(request: Request, store: StoreDep, q: p.Text = None, page: PageNo = 1) -> Response:
    pattern = p.like_pattern(q.strip()) if q and q.strip() else None
    found = qy.entity_rows(store, pattern, None, PER_PAGE, (page - 1) * PER_PAGE)
    return render(request, "entities.html", q=q or "", entities=found.items, pages=_pages(found.total, page))


@router.get("/entities/{entity_id:path}")
def entity_page(request: Request, store: StoreDep, entity_id: str) -> Response:
    ent = qy.get_entity(store, entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity with id {entity_id[:80]!r}")
    entries = timeline_entries(store, entity_id, None, None, None, None)[:100]
    quotes = qy.quotes(store, entity_id, None, 30, 0)
    return render(request, "entity.html", e=ent, quotes=quotes.items, **_timeline_context(store, entries))


@router.get("/timeline")
def timeline_page(
    request: Request,
    store: StoreDep,
    entity: p.Text = None,
    pair: p.Text = None,
    story: p.Text = None,
    since: p.Text = None,
    until: p.Text = None,
    zoom: p.Text = "month",
) -> Response:
    zoom = p.choice("zoom", zoom, ZOOMS) or "month"
    entries = timeline_entries(store, entity, pair, story, since, until)[:1000]
    subject = _subject(store, entity, pair, story)
    return render(
        request,
        "timeline.html",
        groups=group_by(entries, zoom),
        zoom=zoom,
        zooms=ZOOMS,
        subject=subject,
        query={
            "entity": entity or "",
            "pair": pair or "",
            "story": story or "",
            "since": since or "",
            "until": until or "",
        },
        **_timeline_context(store, entries),
    )


def _subject(store: Store, entity: str | None, pair: str | None, story: str | None) -> str:
    parts = []
    if entity:
        ent = p.entity_id(store, entity)
        parts.append(qy.names(store, [ent]).get(ent or "", entity))
    if pair:
        a, b = p.pair(store, pair) or ("", "")
        names = qy.names(store, [a, b])
        parts.append(f"{names.get(a, a)} and {names.get(b, b)}")
    if story:
        parts.append((qy.get_story(store, story) or {}).get("label") or story)
    return " · ".join(parts) or "all events"


def group_by(entries: list[TimelineEntry], zoom: str) -> list[tuple[str, list[TimelineEntry]]]:
    """Consecutive entries under one heading per year, month or day (coarser dates keep their own)."""
    width = {"year": 4, "month": 7, "day": 10}[zoom]
    groups: list[tuple[str, list[TimelineEntry]]] = []
    for e in entries:
        key = (e.date or "undated").split("/")[0][:width] if e.date else "undated"
        if not groups or groups[-1][0] != key:
            groups.append((key, []))
        groups[-1][1].append(e)
    return groups


@router.get("/search")
def search_page(
    request: Request,
    store: StoreDep,
    q: p.Text = None,
    outlet: p.Text = None,
    month: p.Text = None,
    entity: p.Text = None,
    type: p.Text = None,
    story: p.Text = None,
    page: PageNo = 1,
) -> Response:
    results = None
    filters = p.search_filter(store, outlet, month, entity, type, story)
    if q and q.strip():
        results = request.app.state.searcher.search(q, PER_PAGE, (page - 1) * PER_PAGE, filters)
    active = filters.active()
    return render(
        request,
        "search.html",
        q=q or "",
        results=results,
        active=active,
        facet_names=FACET_NAMES,
        query=urlencode({"q": q or "", **active}),
        pages=_pages(results.total if results else 0, page),
    )


FACET_NAMES = {
    "outlet": "Outlet",
    "month": "Month",
    "entity": "Entity",
    "type": "Event type",
    "story": "Story",
}


def facet_url(q: str, active: dict[str, str], name: str, value: str | None) -> str:
    """The search URL with facet ``name`` set to ``value`` (None removes it)."""
    params = {"q": q, **{k: v for k, v in active.items() if k != name}}
    if value is not None:
        params[name] = value
    return "/search?" + urlencode(params)


templates.env.globals["facet_url"] = facet_url


@router.get("/docs")
def api_docs(request: Request) -> Response:
    """The OpenAPI description as a plain page (no CDN); the schema itself is /openapi.json."""
    schema = request.app.openapi()
    ops = [
        {"path": path, "method": method.upper(), **op}
        for path, item in schema.get("paths", {}).items()
        for method, op in item.items()
    ]
    return render(request, "api_docs.html", info=schema.get("info", {}), ops=ops)
