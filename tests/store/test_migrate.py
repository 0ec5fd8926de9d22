"""Migrations: a new database opened by several threads or processes at once; an older store brought up to date without losing rows."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from warta.store import Store
from warta.store.migrate import upgrade


def test_migrate_new_database_from_two_threads_at_once(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    errors: list[BaseException] = []
    stores: list[Store] = []

    def open_it() -> None:
        try:
            stores.append(Store(db))
        except BaseException as exc:  # noqa: BLE001 - the test reports any failure
            errors.append(exc)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and len(stores) == 4
    assert "postings" in inspect(stores[0].engine).get_table_names()
    for store in stores:
        store.close()


def test_migrate_new_database_from_two_processes_at_once(tmp_path: Path) -> None:
    db = str(tmp_path / "w.db")
    code = "import sys; from warta.store import Store; Store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, db], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        if p.stderr:
            p.stderr.close()
    assert all(rc == 0 for rc, _ in results), results


def test_migrate_0004_adds_corpus_indexes_and_keeps_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0003")  # a store as the previous release left it
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (1, 'ab', 'x'), (2, 'cd', 'y')"))
    engine.dispose()
    store = Store(str(tmp_path / "old.db"))  # opening migrates to the newest revision
    with store.read() as conn:
        rows = conn.execute(text("SELECT band, bucket, article_id FROM lsh_buckets ORDER BY band")).all()
    assert [tuple(r) for r in rows] == [(1, "ab", "x"), (2, "cd", "y")]
    assert "ix_postings_ref" in {i["name"] for i in inspect(store.engine).get_indexes("postings")}
    assert "ix_articles_duplicate_of" in {i["name"] for i in inspect(store.engine).get_indexes("articles")}
    store.close()
