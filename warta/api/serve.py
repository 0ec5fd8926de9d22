"""Run the web app with uvicorn (the `warta serve` command)."""

from __future__ import annotations

from warta.errors import MissingExtra
from warta.store import Store


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, ingest_token: str | None = None) -> None:
    """Serve the store ``db`` (SQLite path or URL) at http://host:port/ until interrupted.

    With ``ingest_token``, POST /api/ingest accepts records from clients sending
    ``Authorization: Bearer <token>``; without it the app is read-only.
    """
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingExtra("uvicorn", "api") from exc
    from warta.api.app import create_app

    store = Store(db)
    try:
        uvicorn.run(create_app(store, ingest_token), host=host, port=port, log_level="info")
    finally:
        store.close()
