"""Storage: one SQL store over SQLite (default) or PostgreSQL."""

from warta.store.sql import Store, chunks, url_for

__all__ = ["Store", "chunks", "url_for"]
