"""Reliability figures for docs/reliability.md: bad inputs, kill -9, fuzzing, load.

    .venv/bin/python scripts/reliability.py                    # prints the table
    .venv/bin/python scripts/reliability.py --write docs/reliability.md --fuzz-seconds 120

Only loopback addresses are used; every loop is bounded.
"""

from __future__ import annotations

import argparse
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reliability.battery import CASES
from tests.reliability.crash import consistency, kill_after, start_ingest, variants_jsonl
from warta.config import load
from warta.ingest.readers import read_paths
from warta.ingest.run import ingest
from warta.store import Store

CFG = load()


def battery(tmp: Path) -> list[tuple[str, int, int, int, int, int]]:
    """Per input kind: records read, stored, skipped, failed, crashes; each case ingested alone."""
    rows = []
    for case in CASES:
        folder = tmp / "battery" / case.name
        folder.mkdir(parents=True)
        path = case.write(folder)
        store = Store(str(folder / "w.db"))
        try:
            s = ingest(read_paths([str(path)], CFG.csv_columns, CFG.max_record_bytes), store, CFG)
            lost = s.read - (s.stored + s.unchanged + s.skipped + s.failed) + abs(len(store.log_rows()) - s.read)
            rows.append((case.name, s.read, s.stored, s.skipped, s.failed, 0, lost))
        except Exception as exc:  # noqa: BLE001 - counting crashes is the point
            print(f"CRASH {case.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            rows.append((case.name, 0, 0, 0, 0, 1, 0))
        finally:
            store.close()
    return rows


def kill9(tmp: Path, rounds: int, n: int) -> dict[str, int]:
    """Kill an ingest ``rounds`` times at growing points, then finish it; count lost and doubled."""
    path = variants_jsonl(tmp / "kill.jsonl", n)
    db = str(tmp / "kill.db")
    Store(db).close()
    kills = 0
    for r in range(rounds):
        proc = start_ingest(path, db)
        kill_after(proc, db, stored=(r + 1) * n // (rounds + 1))
        kills += proc.returncode == -9
    proc = start_ingest(path, db)
    _, err = proc.communicate(timeout=600)
    store = Store(db)
    c = consistency(store)
    failed = int(m.group(1)) if (m := re.search(rb"failed (\d+)", err)) else 0
    store.close()
    return {"kills": kills, "records": n, "articles": c["articles"], "failed": failed,
            "lost": n - failed - c["articles"] + c["logged_missing"], "doubled": c["doubled"],
            "unlogged": c["unlogged"], "orphans": c["orphan_mentions"]}


def fuzz(seconds: int) -> dict[str, object]:
    if seconds <= 0:
        return {"seconds": 0, "runs": 0, "crashes": "not run"}
    scratch = Path(tempfile.mkdtemp(prefix="warta-fuzz-corpus-"))
    art = Path(tempfile.mkdtemp(prefix="warta-fuzz-art-"))
    out = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_readers.py"), f"-max_total_time={seconds}", "-rss_limit_mb=4096",
         f"-artifact_prefix={art}/", str(scratch), str(ROOT / "fuzz" / "corpus")],
        capture_output=True, text=True, timeout=seconds + 120, cwd=ROOT,
    )
    runs = re.search(r"Done (\d+) runs", out.stderr)
    return {"seconds": seconds, "runs": int(runs.group(1)) if runs else 0,
            "crashes": len(list(art.glob("crash-*"))) + (out.returncode not in (0,))}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_test(tmp: Path, readers: int, requests: int, n_ingest: int) -> dict[str, object]:
    """Concurrent readers on the API while a CLI ingest writes into the same SQLite store."""
    import httpx
    import uvicorn

    from warta.api.app import create_app

    db = str(tmp / "load.db")
    store = Store(db)
    ingest(read_paths([str(ROOT / "examples" / "seeds")], CFG.csv_columns, CFG.max_record_bytes), store, CFG)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    writer = start_ingest(variants_jsonl(tmp / "load.jsonl", n_ingest), db)
    urls = ["/api/articles", "/api/timeline", "/api/entities?q=Putin", "/api/search?q=Korea", "/", "/timeline",
            "/api/stories", "/api/quotes"]
    lat: list[float] = []
    codes: Counter[int] = Counter()
    lock = threading.Lock()

    def reader(k: int) -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as c:
            for i in range(requests):
                t0 = time.perf_counter()
                try:
                    code = c.get(urls[(i + k) % len(urls)]).status_code
                except httpx.HTTPError:
                    code = 0
                with lock:
                    lat.append(time.perf_counter() - t0)
                    codes[code] += 1

    t0 = time.time()
    threads = [threading.Thread(target=reader, args=(k,)) for k in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.time() - t0
    writer_alive = writer.poll() is None
    _, err = writer.communicate(timeout=600)
    server.should_exit = True
    thread.join(10)
    written = store.count("articles") - 5
    store.close()
    q = statistics.quantiles(lat, n=20)
    return {"requests": len(lat), "errors": sum(v for k, v in codes.items() if k != 200),
            "p50_ms": round(statistics.median(lat) * 1000, 1), "p95_ms": round(q[18] * 1000, 1),
            "req_per_s": round(len(lat) / wall, 1), "articles_written": written,
            "writer_overlapped": writer_alive or written > 0, "writer_rc": writer.returncode,
            "writer": err.decode(errors="replace").strip().splitlines()[-1:]}


def table(bat, k9, fz, ld) -> str:
    lines = ["| input kind | records read | stored | skipped | failed | crashes | lost |", "|---|---|---|---|---|---|---|"]
    lines += [f"| {n} | {r} | {s} | {sk} | {f} | {c} | {lo} |" for n, r, s, sk, f, c, lo in bat]
    tot = [sum(x[i] for x in bat) for i in range(1, 7)]
    lines.append(f"| **all ({len(bat)} kinds)** | {tot[0]} | {tot[1]} | {tot[2]} | {tot[3]} | {tot[4]} | {tot[5]} |")
    lines += ["", "| check | figure | goal |", "|---|---|---|",
              f"| kill -9 mid-ingest (SQLite), then rerun | {k9['kills']} kills; {k9['records']} records -> "
              f"{k9['articles']} articles, {k9['failed']} failed | |",
              f"| records lost after kill -9 | {k9['lost']} (unlogged {k9['unlogged']}, orphan mentions {k9['orphans']}) | 0 |",
              f"| records doubled after kill -9 | {k9['doubled']} | 0 |",
              f"| fuzzing (atheris, readers) | {fz['seconds']} s, {fz['runs']:,} inputs | |",
              f"| fuzzing crashes | {fz['crashes']} | 0 |",
              f"| load: requests while ingesting | {ld['requests']} ({ld['req_per_s']} req/s), "
              f"{ld['articles_written']} articles written meanwhile | |",
              f"| load: errors | {ld['errors']} | 0 |",
              f"| load: latency p50 / p95 | {ld['p50_ms']} / {ld['p95_ms']} ms | |"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", type=Path, help="replace the table between the markers in this file")
    ap.add_argument("--fuzz-seconds", type=int, default=60)
    ap.add_argument("--kill-rounds", type=int, default=3)
    ap.add_argument("--records", type=int, default=30)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--requests", type=int, default=50, help="per reader")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="warta-rel-") as d:
        tmp = Path(d)
        bat = battery(tmp)
        k9 = kill9(tmp, args.kill_rounds, args.records)
        ld = load_test(tmp, args.readers, args.requests, args.records)
    fz = fuzz(args.fuzz_seconds)
    out = table(bat, k9, fz, ld)
    print(out)
    print(ld, file=sys.stderr)
    if args.write:
        doc = args.write.read_text(encoding="utf-8")
        start, end = "<!-- reliability table: start -->", "<!-- reliability table: end -->"
        head, rest = doc.split(start, 1)
        args.write.write_text(head + start + "\n" + out + "\n" + end + rest.split(end, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    main()
