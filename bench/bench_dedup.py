"""Near-duplicate detection: warta dedup@1 beside datasketch MinHashLSH (defaults).

The corpus: N scraped articles from ../shared/data/indonews-2025-06-early
(column ``content``, lines under 40 characters dropped as page furniture;
texts whose MinHash Jaccard or containment with an earlier one reaches 0.4
left out, as the scrape itself holds rewrites and updated versions),
each followed later in the stream by one perturbed copy, cycling through:

* ``drop``: two random lines removed;
* ``edit``: 3% of the words replaced by words of another article;
* ``intro``: an intro of ~350 characters from another article put in front;
* ``tail``: the last 25% of the lines cut;
* ``mix``: one line dropped, 2% of the words edited and an intro added.

A copy is found when its ``duplicate_of`` is its source; precision counts
every article flagged as a duplicate.  datasketch runs with its defaults
(threshold 0.9, 128 permutations, SHA-1), and again at threshold 0.5, on the same word 4-shingles, as an
in-memory index: query, then insert.  warta's time includes its SQLite
writes (signatures, LSH bands, results) but not storing the articles.

    .venv/bin/python bench/bench_dedup.py [N]
"""

from __future__ import annotations

import csv
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "indonews-2025-06-early"
KINDS = ("drop", "edit", "intro", "tail", "mix")


def load_texts(limit: int | None = None) -> list[str]:
    csv.field_size_limit(10**8)
    texts: list[str] = []
    seen: set[str] = set()
    for path in sorted(SHARED.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                lines = [ln.strip() for ln in (row.get("content") or "").splitlines() if len(ln.strip()) >= 40]
                text = "\n".join(lines)
                if len(lines) >= 4 and text not in seen:
                    seen.add(text)
                    texts.append(text)
    texts = distinct(texts)
    return texts[:limit] if limit else texts


def distinct(texts: list[str], limit: float = 0.4) -> list[str]:
    """Texts minus those too close to an earlier one (the scrape holds rewrites and updates)."""
    import numpy as np

    from warta.corpus import dedup as dd

    sigs = [dd.signature(t) for t in texts]
    values = np.stack([s.values for s in sigs])
    kept: list[int] = []
    for i, sig in enumerate(sigs):
        if kept:
            same = (values[kept] == sig.values).mean(axis=1)
            if any(max(j, dd.containment(sig, sigs[k], j)) >= limit for k, j in zip(kept, same, strict=True)):
                continue
        kept.append(i)
    return [texts[i] for i in kept]


def perturb(text: str, kind: str, other: str, rng: random.Random) -> str:
    lines = text.split("\n")
    if kind in ("drop", "mix"):
        for _ in range(2 if kind == "drop" else 1):
            if len(lines) > 3:
                lines.pop(rng.randrange(len(lines)))
    if kind == "tail":
        lines = lines[: max(2, round(len(lines) * 0.75))]
    if kind in ("edit", "mix"):
        donor = other.split()
        rate = 0.03 if kind == "edit" else 0.02
        lines = [" ".join(rng.choice(donor) if rng.random() < rate else w for w in ln.split()) for ln in lines]
    if kind in ("intro", "mix"):
        lines.insert(0, other[:350])
    return "\n".join(lines)


def corpus(texts: list[str], seed: int = 7) -> list[tuple[str, str, str | None]]:
    """(id, text, id of the source for copies) in stream order: copies come after their source."""
    rng = random.Random(seed)
    items: list[tuple[str, str, str | None]] = [(f"o{i}", tx, None) for i, tx in enumerate(texts)]
    copies = []
    for i, text in enumerate(texts):
        other = texts[(i + 1 + rng.randrange(len(texts) - 1)) % len(texts)]
        copies.append((f"c{i}", perturb(text, KINDS[i % len(KINDS)], other, rng), f"o{i}"))
    # Interleave: each copy enters somewhere after its source.
    out = list(items)
    for cid, text, src in copies:
        pos = out.index(next(x for x in out if x[0] == src))
        out.insert(rng.randrange(pos + 1, len(out) + 1), (cid, text, src))
    return out


def score(items: list[tuple[str, str, str | None]], pred: dict[str, str | None]) -> tuple[float, float]:
    truth = {i: s for i, _, s in items}
    flagged = [i for i, p in pred.items() if p]
    right = sum(1 for i in flagged if truth[i] == pred[i])
    positives = sum(1 for s in truth.values() if s)
    return (right / len(flagged) if flagged else 1.0), right / positives


def run_warta(items: list[tuple[str, str, str | None]], db: str) -> tuple[dict[str, str | None], float]:
    from warta.corpus.dedup import dedup
    from warta.model import Article
    from warta.store import Store

    store = Store(db)
    for i, text, _ in items:
        store.put_article(Article(id=i, input_id=i, text=text))
    t0 = time.perf_counter()
    dedup(store, [i for i, _, _ in items])
    seconds = time.perf_counter() - t0
    rows = store.article_rows(["id", "duplicate_of"])
    store.close()
    return {r["id"]: r["duplicate_of"] for r in rows}, seconds


def run_datasketch(items: list[tuple[str, str, str | None]], threshold: float = 0.9) -> tuple[dict[str, str | None], float]:
    from datasketch import MinHash, MinHashLSH

    from warta.corpus import text as tx

    t0 = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold)
    pred: dict[str, str | None] = {}
    for i, text, _ in items:
        m = MinHash()
        m.update_batch(list(tx.shingles(tx.words(text), 4)))
        found = sorted(lsh.query(m))
        pred[i] = found[0] if found else None
        lsh.insert(i, m)
    return pred, time.perf_counter() - t0


def measure(name: str, fn, items) -> None:  # type: ignore[no-untyped-def]
    pred, dt = fn(items)  # timed without tracing, which slows Python code several-fold
    tracemalloc.start()
    fn(items)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    p, r = score(items, pred)
    print(f"{name:28s} {len(items) / dt:9.0f} articles/s  peak {peak / 2**20:7.1f} MiB  P {p:.3f}  R {r:.3f}")


def main() -> None:
    if not SHARED.exists():
        sys.exit(f"needs {SHARED}")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    items = corpus(load_texts(n or None))
    print(f"{len(items)} articles ({len(items) // 2} originals + perturbed copies: {', '.join(KINDS)})")
    with tempfile.TemporaryDirectory() as d:
        runs = iter(range(2))
        measure("warta dedup@1 (SQLite)", lambda it: run_warta(it, str(Path(d) / f"{next(runs)}.db")), items)
    measure("datasketch MinHashLSH (0.9)", run_datasketch, items)
    measure("datasketch MinHashLSH (0.5)", lambda it: run_datasketch(it, 0.5), items)


if __name__ == "__main__":
    main()
