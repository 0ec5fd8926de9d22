"""kill -9 in the middle of an ingest, then again: nothing lost, nothing doubled (the
rerun also shows that the killed run's lock died with it).
Two ingests at once: the second is refused with a clear message."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from tests.reliability.crash import consistency, kill_after, start_ingest, variants_jsonl
from warta.config import load
from warta.ingest.lock import IngestLocked, ingest_lock
from warta.ingest.readers import read_paths
from warta.ingest.run import ingest
from warta.store import Store

N = 10  # enough that the kill lands mid-way; small enough for CI


def test_crash_kill9_then_rerun_loses_and_doubles_nothing(store_url: str, tmp_path: Path, open_store) -> None:
    path = variants_jsonl(tmp_path / "in.jsonl", N)
    proc = start_ingest(path, store_url)
    at_kill, err = kill_after(proc, store_url, stored=3)
    assert proc.returncode == -9, err
    assert 0 < at_kill < N, "the kill should land mid-way"
    store = open_store(store_url)
    after_kill = consistency(store)
    assert after_kill["unlogged"] == after_kill["logged_missing"] == after_kill["doubled"] == 0, after_kill
    assert after_kill["orphan_mentions"] == 0

    rerun = start_ingest(path, store_url)
    _, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err.decode()
    line = re.search(rb"read (\d+): stored (\d+), unchanged (\d+), skipped (\d+), failed (\d+)", err)
    assert line, err.decode()
    read, stored, unchanged, skipped, failed = map(int, line.groups())
    assert (read, unchanged, skipped) == (N, at_kill, 0) and stored + failed == N - at_kill
    final = consistency(store)
    assert final["articles"] == final["logged_stored"] == at_kill + stored
    assert final["doubled"] == final["unlogged"] == final["logged_missing"] == final["orphan_mentions"] == 0
    # the corpus steps, skipped by the killed run, caught up on every article
    assert all(r["event_cluster"] for r in store.article_rows(["id", "event_cluster"]))


def test_crash_second_concurrent_ingest_is_refused(store_url: str, tmp_path: Path, open_store) -> None:
    path = variants_jsonl(tmp_path / "in.jsonl", 2)
    store = open_store(store_url)
    with ingest_lock(store):  # this process plays the first ingest
        second = start_ingest(path, store_url)
        _, err = second.communicate(timeout=120)
    assert second.returncode != 0 and b"another ingest is running on this store" in err, err.decode()
    assert store.count("articles") == 0
    with ingest_lock(store):  # released on exit: it can be taken again
        pass


def test_crash_ingests_in_one_process_wait_for_each_other(tmp_path: Path, open_store) -> None:
    cfg = load()
    path = variants_jsonl(tmp_path / "in.jsonl", 6)
    db = str(tmp_path / "w.db")
    # two Store objects, opened one after the other: Alembic's upgrade is not thread-safe (reported)
    stores = [open_store(db), open_store(db)]
    results: list[object] = []

    def run(store: Store) -> None:
        try:
            results.append(ingest(read_paths([str(path)], cfg.csv_columns, cfg.max_record_bytes), store, cfg))
        except IngestLocked as exc:  # pragma: no cover - the failure this test guards against
            results.append(exc)

    threads = [threading.Thread(target=run, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted((r.stored, r.unchanged) for r in results) == [(0, 6), (6, 0)]  # type: ignore[union-attr]
    assert consistency(stores[0])["articles"] == 6
