"""Watching a folder: new files are ingested and join the existing stories."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from tests.conftest import SEEDS
from warta.distributed.watch import poll, watch


def test_poll_skips_known_unsettled_and_partial_files(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:2]:
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "copying.part").write_text("half", encoding="utf-8")
    old = time.time() - 60
    for p in tmp_path.iterdir():
        os.utime(p, (old, old))
    first = tmp_path / seeds[0].name
    known = {str(first): [first.stat().st_size, first.stat().st_mtime_ns]}
    shutil.copy(seeds[2], tmp_path / seeds[2].name)  # just written: not settled yet
    assert poll(tmp_path, known, settle=30) == [tmp_path / seeds[1].name]
    assert len(poll(tmp_path, known, settle=0)) == 2


def test_watch_ingests_new_files_into_existing_stories(tmp_path: Path, open_store) -> None:
    inbox, db = tmp_path / "inbox", str(tmp_path / "w.db")
    inbox.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:3]:
        shutil.copy(seed, inbox / seed.name)
    first = watch(inbox, db, rounds=1, settle=0)
    assert [s.read for s in first] == [3]
    for seed in seeds[3:]:
        shutil.copy(seed, inbox / seed.name)
    second = watch(inbox, db, rounds=2, interval=0.01, settle=0)
    assert [s.read for s in second] == [2]  # the first three are not read again
    store = open_store(db)
    rows = store.article_rows(["id", "story"])
    assert len(rows) == first[0].stored + second[0].stored >= 4 and all(r["story"] for r in rows)
    # seeds 003 and 004 report the 2022 and 2024 Putin-Kim meetings: they join the stories of the first three
    assert len({r["story"] for r in rows}) < len(rows)
