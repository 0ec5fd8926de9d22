"""Migrations: a new database opened by several threads or processes at once."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

from sqlalchemy import inspect

from warta.store import Store


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
