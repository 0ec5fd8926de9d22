"""How many of the analyst's timeline entries for the seeds warta reproduces.

Ingests examples/seeds into a temp store with the real pipeline, then
matches each gold entry of ../shared/gold/seeds.json ("timeline") to warta's
entries: same date and precision, at least one report from one of the gold
entry's files, the same PLOVER type when the gold entry names one, and at
least one actor in common (warta's source/target names against the gold
actors).  Gold and warta entries are paired one to one (a maximum bipartite
matching), since two gold entries may share date, type and an actor (a
letter and its reply).  Prints matched (out of 18), "duplicates" (warta
entries that match a gold entry already paired: the same happening told
twice, which should have been merged), extra warta entries, and the misses.

Usage: .venv/bin/python -m eval.corpus.seed_timeline [-v] [--db STORE_WITH_SEEDS]
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.json"
SEEDS = ROOT / "examples" / "seeds"


def warta_entries(db: Path, fresh: bool = True) -> list[dict[str, Any]]:
    from warta import config as config_mod
    from warta.corpus import timeline_entries
    from warta.ingest.readers import read_paths
    from warta.ingest.run import ingest
    from warta.store import Store

    cfg = config_mod.load()
    store = Store(str(db))
    try:
        if fresh:
            ingest(read_paths([str(SEEDS)], cfg.csv_columns, cfg.max_record_bytes), store, cfg)
        files = {r["id"]: Path(r["input_id"]).name[:3] for r in store.article_rows(["id", "input_id"])}
        names = store.entity_names()
        return [{"date": e.date, "precision": e.precision, "type": e.type,
                 "actors": {names.get(a, a).casefold() for a in (e.source, e.target) if a},
                 "files": {files.get(a, a) for a in e.articles}, "summary": e.summary}
                for e in timeline_entries(store)]
    finally:
        store.close()


def matches(gold: dict[str, Any], got: dict[str, Any]) -> bool:
    if (got["date"], got["precision"]) != (gold["date"], gold["precision"]):
        return False
    if not got["files"] & set(gold["files"]):
        return False
    if gold.get("type") and got["type"] != gold["type"]:
        return False
    return bool(got["actors"] & {a.casefold() for a in gold["actors"]})


def evaluate(entries: list[dict[str, Any]], gold: list[dict[str, Any]]) -> dict[str, Any]:
    hits = {i: [j for j, e in enumerate(entries) if matches(g, e)] for i, g in enumerate(gold)}
    pair = _matching(hits)  # warta entry -> gold entry
    paired = set(pair.values())
    used = {j for js in hits.values() for j in js}
    return {
        "gold": len(gold),
        "matched": len(paired),
        "duplicates": [entries[j]["summary"][:60] for j in sorted(used - set(pair))],
        "missed": [f"{g['date']} ({g['precision']}) {g['what'][:60]}" for i, g in enumerate(gold) if i not in paired],
        "warta_entries": len(entries),
        "extra": len(entries) - len(used),
    }


def _matching(hits: dict[int, list[int]]) -> dict[int, int]:
    """Maximum one-to-one pairing of gold entries with warta entries (augmenting paths)."""
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in hits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in hits:
        place(i, set())
    return owner


def main() -> None:
    if not GOLD.exists():
        sys.exit(f"needs {GOLD}")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["timeline"]
    if "--db" in sys.argv:  # a store that already holds the ingested seeds
        entries = warta_entries(Path(sys.argv[sys.argv.index("--db") + 1]), fresh=False)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            entries = warta_entries(Path(tmp) / "seeds.db")
    out = evaluate(entries, gold)
    if "-v" in sys.argv:
        for e in entries:
            print(e["date"], e["precision"], e["type"], sorted(e["actors"]), sorted(e["files"]))
    print(json.dumps(out, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
