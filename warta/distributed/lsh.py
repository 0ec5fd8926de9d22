"""Near-duplicates of a batch through LSH buckets shuffled by band (the batch's ``dedup@1``).

    workers: a MinHash sketch of each analysed article (with the pipeline)
    band tasks: band b's columns of every sketch -> (band, bucket) groups
                -> candidate pairs (later, earlier) with the number of shared bands
    driver: exact-hash and URL groups; the near candidates kept as the step keeps them
    verify tasks: the pairs of a range of articles with just the sketches they
                name (a join) -> the step's score of each pair (``dedup.pair_score``)
    driver: each article in input order picks its root (dedup.choose_root)

The rules are those of :mod:`warta.corpus.dedup` (its signatures, bands,
``verdict`` on each pair, ``choose_root`` with the earliest-published root
re-pointing), applied in the same order, so the result equals the sequential
step on the same articles; articles stored by earlier runs are found through
the step's own indexes (``lsh_buckets``, ``signatures``) and take part as
earlier candidates.  The signatures and bands are then written to
those indexes, so later runs (``warta ingest``, ``watch``) continue from here.
Two differences, both only in hot buckets: a bucket's pairs are capped at
``MAX_BUCKET_ROWS`` earlier members per article per band, and the exact-hash
and URL candidates are the earliest ``MAX_CANDIDATES`` (the step takes the
database's first ones).
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
from sqlalchemy import bindparam, select, update

from warta.corpus import dedup as dd
from warta.corpus import text as tx
from warta.distributed.cluster import Executor
from warta.store import Store, chunks
from warta.store import schema as t

BANDS_PER_TASK = 4
VERIFY_CHUNK = 50_000  # pairs per verify task


Sketch = dd.Sketch  # id, signature, normalised URL, empty text, published


def sketch_rows(rows: Sequence[tuple[str, str | None, str | None]]) -> list[Sketch]:
    """Sketches of (id, text, url) rows, signed as one batch."""
    return dd.Sketch.many([(i, text, url, None) for i, text, url in rows])


# ------------------------------------------------------------------ tasks

def band_pairs(block: np.ndarray, valid: np.ndarray, bands: list[int], cap: int) -> np.ndarray:
    """Pairs (later << 32 | earlier) sharing a bucket, one entry per shared band.

    ``block`` holds the ROWS columns of each band in ``bands`` side by side;
    rows are in input order, so the larger index is the later article.
    """
    rows = dd.ROWS
    idx = np.flatnonzero(valid)
    out = []
    for k, _band in enumerate(bands):
        cols = np.ascontiguousarray(block[idx, k * rows : (k + 1) * rows])
        keys = cols.view(np.dtype((np.void, cols.dtype.itemsize * rows))).ravel()
        order = np.lexsort((idx, keys))  # by bucket, then input order
        skeys, sidx = keys[order], idx[order]
        if len(skeys) > 1:  # keep the members of buckets with company: the loop below walks only them
            starts = np.r_[True, skeys[1:] != skeys[:-1]]
            sizes = np.diff(np.r_[np.flatnonzero(starts), len(skeys)])
            busy = np.repeat(sizes > 1, sizes)
            skeys, sidx = skeys[busy], sidx[busy]
        for d in range(1, min(cap, len(sidx) - 1) + 1):  # members d places apart in one bucket
            same = skeys[d:] == skeys[:-d]
            if not same.any():
                break  # no bucket has more than d members
            later, earlier = sidx[d:][same], sidx[:-d][same]
            out.append((later.astype(np.int64) << 32) | earlier.astype(np.int64))
    return np.concatenate(out) if out else np.empty(0, np.int64)


def verify(pairs: np.ndarray, same_url: np.ndarray, sketches: dict[int, Sketch]) -> np.ndarray:
    """dedup.pair_score of each pair (later << 32 | earlier); NaN where not duplicates."""
    out = np.full(len(pairs), np.nan)
    for k, (p, u) in enumerate(zip(pairs.tolist(), same_url.tolist())):
        earlier = sketches[p & 0xFFFFFFFF]
        score = dd.pair_score(sketches[p >> 32], earlier.sig, u, lambda e=earlier: e.grams)  # type: ignore[misc]
        if score is not None:
            out[k] = score
    return out


# ------------------------------------------------------------------ driver

def run(store: Store, ids: list[str], sketches: dict[str, Sketch], ex: Executor) -> dict[str, float]:
    """Set duplicate_of/similarity of ``ids`` (processed in this order) and index their signatures.

    ``sketches``: those the workers computed; missing ones are computed from
    the stored texts.  Returns seconds per phase.
    """
    secs: dict[str, float] = {}
    start = time.perf_counter()
    done = _signed(store, ids)
    todo = [i for i in dict.fromkeys(ids) if i not in done]
    new = _complete(store, todo, sketches, ex)
    old, roots = _stored_candidates(store, new)
    rows = old + new  # earlier runs' articles first: all are earlier than the new ones
    secs["sketch"] = time.perf_counter() - start
    start = time.perf_counter()
    near = _near_candidates(rows, ex)
    secs["shuffle"] = time.perf_counter() - start
    start = time.perf_counter()
    exact, same_url = _groups(rows, len(old))
    pairs = _merge(rows, near, exact, same_url, len(old))
    scores = _verify(rows, pairs, same_url, ex)
    secs["verify"] = time.perf_counter() - start
    start = time.perf_counter()
    pub = _published(store, {s.id for s in rows} | set(roots.values()))
    state = Roots(roots, pub)
    bounds = np.searchsorted(pairs >> 32, np.arange(len(old), len(rows) + 1))  # pairs are sorted by later
    earlier = (pairs & 0xFFFFFFFF).tolist()
    values = scores.tolist()
    for k, i in enumerate(range(len(old), len(rows))):
        lo, hi = bounds[k], bounds[k + 1]
        found = {rows[e].id: v for e, v in zip(earlier[lo:hi], values[lo:hi]) if v == v}  # NaN: no verdict
        state.add(rows[i].id, found)
    _write(store, new, state)
    secs["resolve+write"] = time.perf_counter() - start
    return secs


class Roots:
    """duplicate_of of every article in play, updated as dedup.resolve updates the store."""

    def __init__(self, roots: dict[str, str], published: dict[str, str | None]) -> None:
        self.root = dict(roots)  # id -> its root (itself for a root)
        self.pub = published
        self.members: dict[str, set[str]] = {}
        for aid, root in roots.items():
            if root != aid:
                self.members.setdefault(root, set()).add(aid)
        self.changed: dict[str, dict[str, object]] = {}  # id -> columns to write
        self.repointed: list[tuple[str, str]] = []  # (old root, new root), in order

    def add(self, aid: str, scores: dict[str, float]) -> None:
        """A new article with its verdict score per matched candidate."""
        found: dict[str, float] = {}
        for cid, score in scores.items():
            r = self.root.get(cid, cid)
            found[r] = max(found.get(r, 0.0), score)
        root, replaced = dd.choose_root(self.pub.get(aid), {r: (s, self.pub.get(r)) for r, s in found.items()})
        self.root[aid] = root or aid
        self.changed[aid] = {"duplicate_of": root, "similarity": round(found[root], 4) if root else None}
        if root:
            self.members.setdefault(root, set()).add(aid)
        for old in replaced:  # the old root and its copies now point to the earlier one
            moved = self.members.pop(old, set())
            for m in moved:
                self.root[m] = aid
                self.changed.setdefault(m, {})["duplicate_of"] = aid
            self.root[old] = aid
            self.changed.setdefault(old, {}).update(duplicate_of=aid, similarity=round(found[old], 4))
            self.members.setdefault(aid, set()).update(moved | {old})
            self.repointed.append((old, aid))


def _signed(store: Store, ids: list[str]) -> set[str]:
    with store.read() as conn:
        return dd.signed(conn, ids)


def _published(store: Store, ids: set[str]) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    with store.read() as conn:
        for chunk in chunks(sorted(ids)):
            q = select(t.articles.c.id, t.articles.c.published_utc).where(t.articles.c.id.in_(chunk))
            out.update((r[0], r[1]) for r in conn.execute(q))
    return out


def _complete(store: Store, todo: list[str], sketches: dict[str, Sketch], ex: Executor) -> list[Sketch]:
    missing = [i for i in todo if i not in sketches]
    found: dict[str, Sketch] = {}
    futures = []
    with store.read() as conn:
        for chunk in chunks(missing):
            q = select(t.articles.c.id, t.articles.c.text, t.articles.c.url).where(t.articles.c.id.in_(chunk))
            futures.append(ex.submit(sketch_rows, [tuple(r) for r in conn.execute(q)]))
    for f in futures:
        found.update((s.id, s) for s in f.result())
    return [sketches.get(i) or found[i] for i in todo if i in sketches or i in found]


def _stored_candidates(store: Store, new: list[Sketch]) -> tuple[list[Sketch], dict[str, str]]:
    """Articles of earlier runs sharing a bucket, a text hash or a URL with a new one, and their roots."""
    by_band: dict[int, set[str]] = {}
    for s in new:
        for b, k in s.keys:
            by_band.setdefault(b, set()).add(k)
    hashes = sorted({s.sig.text_hash for s in new if not s.empty})
    urls = sorted({s.url for s in new if s.url})
    ids: set[str] = set()
    with store.read() as conn:
        if conn.execute(select(t.signatures.c.article_id).limit(1)).first() is None:
            return [], {}
        for b, buckets in sorted(by_band.items()):  # band = ? AND bucket IN (..) walks the primary key
            for chunk in chunks(sorted(buckets)):
                q = select(t.lsh_buckets.c.article_id).where(
                    t.lsh_buckets.c.band == b, t.lsh_buckets.c.bucket.in_(chunk))
                ids.update(r[0] for r in conn.execute(q))
        for col, values in ((t.signatures.c.text_hash, hashes), (t.signatures.c.url, urls)):
            for chunk in chunks(values):
                ids.update(r[0] for r in conn.execute(select(t.signatures.c.article_id).where(col.in_(chunk))))
        old: list[Sketch] = []
        roots: dict[str, str] = {}
        for chunk in chunks(sorted(ids)):
            q = select(t.signatures.c.article_id, t.signatures.c.text_hash, t.signatures.c.minhash,
                       t.signatures.c.url, t.articles.c.duplicate_of, t.articles.c.text).join(
                t.articles, t.articles.c.id == t.signatures.c.article_id).where(t.signatures.c.article_id.in_(chunk))
            for aid, th, mh, url, dup, text in conn.execute(q):
                grams = dd.shingle_hashes(tx.words(text)) if text is not None else None  # for borderline pairs
                old.append(Sketch(aid, dd.Signature.from_bytes(th, mh), url, False, grams=grams))
                roots[aid] = dup or aid
    return old, roots


def _near_candidates(rows: list[Sketch], ex: Executor) -> tuple[np.ndarray, np.ndarray]:
    """Unique candidate pairs and their shared-band counts, from band tasks (the shuffle)."""
    if not rows:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    matrix = np.stack([np.asarray(s.sig.values) for s in rows])
    valid = np.array([bool(s.keys) for s in rows], dtype=bool)
    futures = []
    for first in range(0, dd.BANDS, BANDS_PER_TASK):
        bands = list(range(first, min(dd.BANDS, first + BANDS_PER_TASK)))
        block = matrix[:, bands[0] * dd.ROWS : (bands[-1] + 1) * dd.ROWS]  # only these bands travel
        futures.append(ex.submit(band_pairs, block, valid, bands, dd.MAX_BUCKET_ROWS))
    found = [f.result() for f in futures]
    return np.unique(np.concatenate(found), return_counts=True)


def _groups(rows: list[Sketch], n_old: int) -> tuple[dict[int, list[int]], dict[int, set[int]]]:
    """Per new row, earlier rows with the same text hash / normalised URL (at most MAX_CANDIDATES)."""
    by_hash: dict[str, list[int]] = {}
    by_url: dict[str, list[int]] = {}
    exact: dict[int, list[int]] = {}
    same_url: dict[int, set[int]] = {}
    for i, s in enumerate(rows):
        url = s.url
        if i >= n_old:
            if not s.empty and by_hash.get(s.sig.text_hash):
                exact[i] = by_hash[s.sig.text_hash][: dd.MAX_CANDIDATES]
            if url and by_url.get(url):
                same_url[i] = set(by_url[url][: dd.MAX_CANDIDATES])
        if i < n_old or not s.empty:  # as dedup.Index: an empty text is no one's exact copy
            by_hash.setdefault(s.sig.text_hash, []).append(i)
        if url:
            by_url.setdefault(url, []).append(i)
    return exact, same_url


def _merge(rows: list[Sketch], near: tuple[np.ndarray, np.ndarray], exact: dict[int, list[int]],
           same_url: dict[int, set[int]], n_old: int) -> np.ndarray:
    """Pairs to verify, sorted: per new article its top MAX_CANDIDATES near ones
    (most shared bands, then smallest id, as the step takes them), its exact and URL ones."""
    pairs, counts = near
    keep = (pairs >> 32) >= n_old
    pairs, counts = pairs[keep], counts[keep]
    if len(pairs):
        rank = np.empty(len(rows), np.int64)
        rank[np.argsort(np.array([s.id for s in rows]), kind="stable")] = np.arange(len(rows))
        later = pairs >> 32
        order = np.lexsort((rank[pairs & 0xFFFFFFFF], -counts, later))
        pairs, later = pairs[order], later[order]
        starts = np.flatnonzero(np.r_[True, later[1:] != later[:-1]])
        pos = np.arange(len(pairs)) - np.repeat(starts, np.diff(np.r_[starts, len(pairs)]))
        pairs = pairs[pos < dd.MAX_CANDIDATES]
    extra = [(i << 32) | j for i, js in exact.items() for j in js]
    extra += [(i << 32) | j for i, js in same_url.items() for j in js]
    return np.unique(np.concatenate([pairs, np.array(extra, dtype=np.int64)]))


def _verify(rows: list[Sketch], pairs: np.ndarray, same_url: dict[int, set[int]], ex: Executor) -> np.ndarray:
    """Verdicts of the pairs, in chunks sent with only the sketches they name."""
    flags = np.array([(p & 0xFFFFFFFF) in same_url.get(p >> 32, ()) for p in pairs.tolist()], dtype=bool)
    futures = []
    for i in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[i : i + VERIFY_CHUNK]
        named = np.unique(np.concatenate([chunk >> 32, chunk & 0xFFFFFFFF])).tolist()
        futures.append(ex.submit(verify, chunk, flags[i : i + VERIFY_CHUNK], {k: rows[k] for k in named}))
    return np.concatenate([f.result() for f in futures]) if futures else np.empty(0)


def _write(store: Store, new: list[Sketch], state: Roots, chunk: int = 2000) -> None:
    """Index the new signatures; re-point earlier runs' copies of replaced roots; set the columns."""
    for i in range(0, len(new), chunk):
        with store.write() as conn:
            dd.write(conn, new[i : i + chunk])
    A = t.articles.c
    with store.write() as conn:
        for old, root in state.repointed:  # copies this run did not load, in the order the step would
            conn.execute(update(t.articles).where(A.duplicate_of == old).values(duplicate_of=root))
        both = [{"key": a, "dup": c["duplicate_of"], "sim": c["similarity"]}
                for a, c in state.changed.items() if "similarity" in c]
        moved = [{"key": a, "dup": c["duplicate_of"]} for a, c in state.changed.items() if "similarity" not in c]
        if both:
            conn.execute(update(t.articles).where(A.id == bindparam("key"))
                         .values(duplicate_of=bindparam("dup"), similarity=bindparam("sim")), both)
        if moved:
            conn.execute(update(t.articles).where(A.id == bindparam("key")).values(duplicate_of=bindparam("dup")),
                         moved)
