"""Helpers for the kill -9 and concurrent-ingest checks (tests and scripts/reliability.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.reliability.battery import seed
from warta.store import Store

ROOT = Path(__file__).resolve().parents[2]


def variants_jsonl(path: Path, n: int) -> Path:
    """``n`` distinct articles: the seeds, each under a numbered first line."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": f"v{i}", "text": f"Laporan nomor {i}\n\n{seed(i % 5)}"}) + "\n")
    return path


def start_ingest(path: Path, db: str, batch: int = 2) -> subprocess.Popen[bytes]:
    """``warta ingest`` in a child process, writing ``batch`` articles per transaction."""
    config = path.with_suffix(".toml")
    config.write_text(f"[ingest]\nbatch_size = {batch}\nbatch_seconds = 60\n", encoding="utf-8")
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "WARTA_CONFIG": str(config)}
    return subprocess.Popen(
        [str(Path(sys.executable).parent / "warta"), "ingest", str(path), "--db", db, "--no-progress"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )


def kill_after(proc: subprocess.Popen[bytes], db: str, stored: int, timeout: float = 60) -> tuple[int, str]:
    """SIGKILL the ingest once ``stored`` articles are in the store; return how many were, and its stderr."""
    store = Store(db)
    try:
        deadline = time.time() + timeout
        while time.time() < deadline and proc.poll() is None:
            if store.count("articles") >= stored:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=10)  # reap it and close its pipes
        return store.count("articles"), err.decode("utf-8", "replace")
    finally:
        store.close()


def consistency(store: Store) -> dict[str, int]:
    """Counts that must agree after any crash: articles vs their log rows, orphans, doubles."""
    ids = {r["id"] for r in store.article_rows(["id"])}
    stored_log = [r["article_id"] for r in store.log_rows() if r["status"] == "stored"]
    with store.read() as conn:
        from sqlalchemy import text

        orphans = conn.execute(text(
            "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)")).scalar_one()
    return {
        "articles": len(ids),
        "logged_stored": len(stored_log),
        "doubled": len(stored_log) - len(set(stored_log)),
        "unlogged": len(ids - set(stored_log)),
        "logged_missing": len(set(stored_log) - ids),
        "orphan_mentions": int(orphans),
    }
