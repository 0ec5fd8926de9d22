"""Storage: one SQL store over SQLite (default) or PostgreSQL."""

from warta.store.sql import Store, url_for

__all__ = ["Store", "url_for"]
