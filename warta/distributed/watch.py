"""Watch a folder: ingest the files that appear (or change), then update clusters and the timeline.

Each poll lists the folder, keeps files whose size and modification time
are new and that have not changed for ``settle`` seconds (a file still being
copied is left for the next poll), and runs :func:`warta.distributed.batch`
on them; the corpus steps then place the new articles in the existing
clusters and timeline.  The files already ingested are remembered in the
store's ``state`` table, so a restarted watcher does not ingest them again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warta import config as config_mod
from warta.distributed.batch import BatchSummary, batch
from warta.store import Store


def state_key(folder: Path) -> str:
    return "watch.files:" + hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]


def poll(folder: Path, known: dict[str, list[int]], settle: float, now: float | None = None) -> list[Path]:
    """Files new or changed since ``known`` and untouched for ``settle`` seconds."""
    now = time.time() if now is None else now
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.suffix in (".tmp", ".part", ".crdownload"):
            continue
        st = path.stat()
        if known.get(str(path)) == [st.st_size, st.st_mtime_ns]:
            continue
        if now - st.st_mtime >= settle:
            found.append(path)
    return found


def watch(
    folder: str | Path,
    db: str | Store,
    interval: float = 5.0,
    rounds: int | None = None,
    settle: float = 1.0,
    config: config_mod.Config | str | Path | None = None,
    scheduler: str = "inline",
    workers: int = 2,
    on_round: Callable[[BatchSummary], Any] | None = None,
) -> list[BatchSummary]:
    """Poll ``folder`` every ``interval`` seconds, ``rounds`` times (None: until interrupted)."""
    folder = Path(folder)
    cfg = config if isinstance(config, config_mod.Config) else config_mod.load(config)
    store = db if isinstance(db, Store) else Store(db)
    key = state_key(folder)
    done: list[BatchSummary] = []
    try:
        n = 0
        while rounds is None or n < rounds:
            if n:
                time.sleep(interval)
            n += 1
            known: dict[str, list[int]] = store.get_state(key, {})
            files = poll(folder, known, settle)
            if not files:
                continue
            stats = {str(p): [p.stat().st_size, p.stat().st_mtime_ns] for p in files}
            summary = batch([str(p) for p in files], store, scheduler=scheduler, workers=workers, config=cfg)
            store.put_state(key, {**known, **stats})
            done.append(summary)
            if on_round:
                on_round(summary)
    finally:
        if not isinstance(db, Store):
            store.close()
    return done
