"""Near-duplicate detection: warta dedup@1 beside datasketch MinHashLSH, on N articles.

The corpus (seeded, so the same N gives the same corpus): N/2 originals and
N/2 perturbed copies, one copy per original.

Originals.  The real articles of ../shared/data (indonews-2025-06-early,
kompas-md, indosum; loaded by bench/scale_corpus.py ``originals()``), lines
under 40 characters dropped as page furniture, minus every text whose MinHash
Jaccard or containment with an earlier one reaches 0.4 (the scrape itself
holds rewrites and updates): about 4,000 distinct texts.  When N/2 is larger,
the rest are *splices*: a contiguous third of the lines of each of three
random real texts, in a random order (real sentences, new articles: a
splice shares at most a third with any real text or other splice).

Copies.  Each original is followed, somewhere later in the stream, by one
perturbed copy, cycling through:

* ``drop``: two random lines removed;
* ``edit``: 3% of the words replaced by words of another article;
* ``intro``: an intro of ~350 characters from another article put in front;
* ``tail``: the last 25% of the lines cut;
* ``mix``: one line dropped, 2% of the words edited and an intro added.

A copy is found when its ``duplicate_of`` is its source; precision counts
every article flagged as a duplicate.  datasketch runs as an in-memory index
(query, then insert) on the same word 4-shingles (warta's tokenizer), with
its defaults (``MinHash()``: 128 permutations, SHA-1; ``MinHashLSH()``:
threshold 0.9) and with threshold 0.5 (tuned: the best F1 of 0.3-0.9 on a
2k corpus; the peer to match on recall).  warta's time includes reading the
texts back from SQLite and its SQLite writes (signatures, LSH bands,
results) but not storing the articles first.  Each system runs in a forked
process, one after the other; memory is that process's peak RSS (which
includes the corpus held by the parent: "base" is the RSS at the start).
Rates are given by wall time and by the process's CPU time: on a shared
machine the CPU figure is the steadier one (the last line gives warta's
speed over datasketch at 0.5, its peer on recall, in both).  warta pauses
the cyclic GC while it works (see ``dedup._quiet_gc``); datasketch runs
as its users run it.

    nice .venv/bin/python bench/bench_dedup.py [N ...]        (default 10000)

The 100k run: ``nice .venv/bin/python bench/bench_dedup.py 100000`` (about
4,250 real texts and 45,750 splices as originals, 50,000 copies).
"""

from __future__ import annotations

import multiprocessing as mp
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))  # also when loaded by a test
from common import SHARED, max_rss_mb

__all__ = ["SHARED"]  # read by tests/corpus/test_dedup.py

KINDS = ("drop", "edit", "intro", "tail", "mix")
Item = tuple[str, str, str | None]  # id, text, id of the source (copies only)


def load_texts(limit: int | None = None) -> list[str]:
    """Distinct real texts (about ``limit`` when given: the first ones read)."""
    from scale_corpus import originals

    texts: list[str] = []
    seen: set[str] = set()
    for rec in originals():
        if limit and len(texts) >= 2 * limit:
            break
        lines = [ln.strip() for ln in rec["text"].splitlines() if len(ln.strip()) >= 40]
        text = "\n".join(lines)
        if len(lines) >= 4 and text not in seen:
            seen.add(text)
            texts.append(text)
    return distinct(texts)[:limit] if limit else distinct(texts)


def distinct(texts: list[str], limit: float = 0.4) -> list[str]:
    """Texts minus those too close to an earlier one (Jaccard or containment >= limit)."""
    from warta.corpus import dedup as dd

    sigs = [dd.signature(t) for t in texts]
    values = np.stack([s.values for s in sigs])
    sizes = np.array([s.size for s in sigs], dtype=float)
    kept: list[int] = []
    for i, sig in enumerate(sigs):
        if sig.size < dd.MIN_SHINGLES:
            continue
        if kept:
            j = (values[kept] == sig.values).mean(axis=1)
            small, large = np.minimum(sizes[kept], sig.size), np.maximum(sizes[kept], sig.size)
            cont = np.where(small >= 0.5 * large, j * (small + large) / (1 + j) / small, 0.0)
            if (np.maximum(j, cont) >= limit).any():
                continue
        kept.append(i)
    return [texts[i] for i in kept]


def splice(texts: list[str], rng: random.Random) -> str:
    parts = []
    for src in rng.sample(texts, 3):
        lines = src.split("\n")
        k = max(1, len(lines) // 3)
        start = rng.randrange(len(lines) - k + 1)
        parts.append(lines[start : start + k])
    rng.shuffle(parts)
    return "\n".join(ln for p in parts for ln in p)


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
        lines = [
            " ".join(rng.choice(donor) if rng.random() < rate else w for w in ln.split()) for ln in lines
        ]
    if kind in ("intro", "mix"):
        lines.insert(0, other[:350])
    return "\n".join(lines)


def corpus(texts: list[str], n: int, seed: int = 7) -> list[Item]:
    """n items in stream order: every copy comes somewhere after its source."""
    rng = random.Random(seed)
    half = n // 2
    origs = texts[:half] + [splice(texts, rng) for _ in range(half - min(half, len(texts)))]
    keyed: list[tuple[float, Item]] = []
    for i, text in enumerate(origs):
        pos = rng.random()
        other = origs[(i + 1 + rng.randrange(len(origs) - 1)) % len(origs)]
        keyed.append((pos, (f"o{i}", text, None)))
        copy = perturb(text, KINDS[i % len(KINDS)], other, rng)
        keyed.append((pos + rng.random() * (1 - pos), (f"c{i}", copy, f"o{i}")))
    keyed.sort(key=lambda x: x[0])
    return [item for _, item in keyed]


def score(items: list[Item], pred: dict[str, str | None]) -> tuple[float, float]:
    truth = {i: s for i, _, s in items}
    flagged = [i for i, p in pred.items() if p]
    right = sum(1 for i in flagged if truth[i] == pred[i])
    positives = sum(1 for s in truth.values() if s)
    return (right / len(flagged) if flagged else 1.0), right / positives


Timed = tuple[float, float]  # wall seconds, CPU seconds


def run_warta(items: list[Item]) -> tuple[dict[str, str | None], Timed]:
    from warta.corpus.dedup import dedup
    from warta.model import Article
    from warta.store import Store

    with tempfile.TemporaryDirectory() as d:
        store = Store(str(Path(d) / "dedup.db"))
        for k in range(0, len(items), 1000):
            store.put_articles([Article(id=i, input_id=i, text=text) for i, text, _ in items[k : k + 1000]])
        t0, c0 = time.perf_counter(), time.process_time()
        dedup(store, [i for i, _, _ in items])
        seconds = (time.perf_counter() - t0, time.process_time() - c0)
        rows = store.article_rows(["id", "duplicate_of"])
        store.close()
    return {r["id"]: r["duplicate_of"] for r in rows}, seconds


def run_datasketch(items: list[Item], threshold: float = 0.9) -> tuple[dict[str, str | None], Timed]:
    from datasketch import MinHash, MinHashLSH

    from warta.corpus import text as tx

    t0, c0 = time.perf_counter(), time.process_time()
    lsh = MinHashLSH(threshold=threshold)
    pred: dict[str, str | None] = {}
    for i, text, _ in items:
        m = MinHash()
        m.update_batch(list(tx.shingles(tx.words(text), 4)))
        found = sorted(lsh.query(m))
        pred[i] = found[0] if found else None
        lsh.insert(i, m)
    return pred, (time.perf_counter() - t0, time.process_time() - c0)


def _rss_now_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _child(fn: Callable, items: list[Item], out) -> None:  # type: ignore[type-arg, no-untyped-def]
    base = _rss_now_mb()
    try:
        pred, (seconds, cpu) = fn(items)
        out.send((pred, seconds, cpu, base, max_rss_mb()))
    except BaseException as exc:  # the parent must not wait forever
        out.send(exc)
        raise
    finally:
        out.close()


def measure(name: str, fn: Callable, items: list[Item]) -> tuple[float, float]:  # type: ignore[type-arg]
    """Run ``fn`` in a forked process and print its line; (articles/s wall, articles/s CPU)."""
    recv, send = mp.get_context("fork").Pipe(duplex=False)
    proc = mp.get_context("fork").Process(target=_child, args=(fn, items, send))
    proc.start()
    got = recv.recv()
    proc.join()
    if isinstance(got, BaseException):
        raise got
    pred, seconds, cpu, base, peak = got
    p, r = score(items, pred)
    print(
        f"{name:30s} {len(items):7d} articles {len(items) / seconds:7.0f}/s wall {len(items) / cpu:7.0f}/s CPU  "
        f"peak RSS {peak:6.0f} MB (base {base:5.0f})  P {p:.3f}  R {r:.3f}",
        flush=True,
    )
    return len(items) / seconds, len(items) / cpu


def _ds_half(items: list[Item]) -> tuple[dict[str, str | None], Timed]:
    return run_datasketch(items, 0.5)


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000]
    texts = load_texts()
    print(f"{len(texts)} distinct real texts", flush=True)
    for n in sizes:
        items = corpus(texts, n)
        print(
            f"{len(items)} articles: {n // 2} originals ({min(n // 2, len(texts))} real, the rest splices) "
            f"+ {n // 2} perturbed copies ({', '.join(KINDS)})",
            flush=True,
        )
        warta = measure("warta dedup@1 (SQLite)", run_warta, items)
        measure("datasketch MinHashLSH (0.9)", run_datasketch, items)
        peer = measure("datasketch MinHashLSH (0.5)", _ds_half, items)
        print(
            f"warta / datasketch (0.5): {warta[0] / peer[0]:.2f}x wall, {warta[1] / peer[1]:.2f}x CPU",
            flush=True,
        )


if __name__ == "__main__":
    main()
