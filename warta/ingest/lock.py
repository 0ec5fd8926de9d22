"""One ingest at a time per store.

Two ingests into one store would race on the corpus steps (both read the same
pending articles and the same log mark), so a second one is refused with a
message saying who holds the lock.  The lock dies with its holder, even on
``kill -9``: for SQLite an ``flock`` on a file beside the database, for
PostgreSQL a session advisory lock.  Within one process (e.g. concurrent API
requests) ingests into the same store wait for each other instead.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from warta.errors import StoreError
from warta.store import Store

ADVISORY_KEY = 0x7761727461  # "warta": the PostgreSQL advisory lock id
_local: dict[str, threading.Lock] = {}
_local_guard = threading.Lock()


class IngestLocked(StoreError):
    """Another process is ingesting into the same store."""


def lock_path(store: Store) -> Path | None:
    """The lock file of a SQLite store (None for in-memory or server stores)."""
    if not store.is_sqlite:
        return None
    db = store.url.split(":///", 1)[-1] if ":///" in store.url else ""
    return Path(db + ".ingest-lock") if db and db != ":memory:" else None


@contextmanager
def ingest_lock(store: Store) -> Iterator[None]:
    with _process_lock(store.url):
        if store.is_sqlite:
            with _file_lock(lock_path(store)):
                yield
        elif store.url.startswith("postgresql"):
            with _advisory_lock(store):
                yield
        else:
            yield


@contextmanager
def _process_lock(url: str) -> Iterator[None]:
    with _local_guard:
        lock = _local.setdefault(url, threading.Lock())
    with lock:
        yield


@contextmanager
def _file_lock(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            raise IngestLocked(
                f"another ingest is running on this store ({holder}; lock {path}); "
                "wait for it to finish, then run this one again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


@contextmanager
def _advisory_lock(store: Store) -> Iterator[None]:
    conn = store.engine.connect()
    try:
        got = conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": ADVISORY_KEY}).scalar()
        conn.commit()  # the lock is session-level: it outlives this transaction
        if not got:
            holder = conn.execute(
                text("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = :k AND granted"),
                {"k": ADVISORY_KEY & 0xFFFFFFFF},
            ).scalar()
            conn.rollback()
            raise IngestLocked(
                f"another ingest is running on this store (PostgreSQL backend pid {holder}); "
                "wait for it to finish, then run this one again"
            )
        try:
            yield
        finally:
            conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": ADVISORY_KEY})
            conn.commit()
    finally:
        conn.close()
