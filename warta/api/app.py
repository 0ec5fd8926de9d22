"""The web application: JSON API under /api (OpenAPI at /docs) and the HTML pages.

``create_app(store)`` gives a read-only app; with ``ingest_token`` it also
accepts POST /api/ingest from clients that send that token.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

try:
    from fastapi import FastAPI, Request
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, Response
    from fastapi.staticfiles import StaticFiles
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    from warta.errors import MissingExtra

    raise MissingExtra(exc.name or "fastapi", "api") from exc

import warta
from warta.api import ingest as ingest_routes
from warta.api import routes
from warta.api.search import FullTextSearcher, Searcher
from warta.config import Config, load
from warta.errors import StoreError
from warta.store import Store

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


def create_app(
    store: Store,
    ingest_token: str | None = None,
    *,
    config: Config | None = None,
    searcher: Searcher | None = None,
) -> FastAPI:
    """The app over ``store``; POST /api/ingest exists only when ``ingest_token`` is given.

    ``config`` (default: ``warta.config.load()``, read at the first ingest) sets the
    pipeline used by the ingest endpoint; ``searcher`` replaces the full-text search.
    """
    from warta.web import views  # imports jinja2: only needed with the app

    # docs_url=None: FastAPI's Swagger page loads from a CDN; /docs is our offline page.
    app = FastAPI(
        title="warta",
        version=warta.__version__,
        docs_url=None,
        redoc_url=None,
        description="Structured, sourced knowledge from Indonesian news: articles, stories, "
        "timelines, entities, quotes and claims, each linked to its evidence.",
    )
    app.state.store = store
    app.state.searcher = searcher or FullTextSearcher(store)
    app.state.ingest_token = ingest_token
    app.state.config = _config_loader(config)
    app.include_router(routes.router)
    if ingest_token:
        app.include_router(ingest_routes.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _error_handlers(app, views.error_page)
    return app


def _config_loader(config: Config | None) -> Callable[[], Config]:
    if config is not None:
        return lambda: config
    return functools.cache(load)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/docs", "/openapi")) or request.url.path == "/api"


def _error_handlers(app: FastAPI, page: Callable[[Request, int, str], Response]) -> None:
    def respond(
        request: Request, status: int, detail: Any, headers: dict[str, str] | None = None
    ) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        message = (
            detail
            if isinstance(detail, str)
            else "; ".join(
                f"{'.'.join(str(x) for x in e.get('loc', ())[1:])}: {e.get('msg')}" for e in detail
            )
        )
        return page(request, status, message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return respond(request, exc.status_code, exc.detail, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_params(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()
        ]
        return respond(request, 422, errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return respond(request, 503, f"the store is not available: {exc}")
