"""dedup@1: exact duplicates, near-duplicates, containment and updated URLs.

Each new article gets a MinHash signature of its word shingles (datasketch,
stored in ``signatures.minhash``) and one row per LSH band in
``lsh_buckets``; later runs find candidates by an indexed lookup of the
new article's band buckets, so the work per article does not grow with the
corpus.  A candidate is a duplicate when

* the normalised text hashes agree (exact copy, similarity 1.0);
* the estimated Jaccard similarity of shingles is >= ``NEAR`` (re-published
  wire copy with small edits);
* the smaller text is >= ``CONTAIN`` contained in the larger and at least
  half its size (the same copy plus an intro, or minus a tail);
* both come from the same normalised URL (an updated version).

``duplicate_of`` always names the root original (the earliest stored), so
chains of updates point to one article.  Articles already signed are
skipped, which makes the step idempotent.  Normalised URLs are looked up
in the indexed ``signatures.url`` column.
"""

from __future__ import annotations

import struct
import zlib
from collections import Counter
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import LeanMinHash, MinHash
from sqlalchemy import Connection, insert, select

from warta.corpus import text as tx
from warta.model import Article
from warta.pipeline import corpus_step
from warta.store import schema as t

NUM_PERM = 128
SHINGLE = 4  # words per shingle
BANDS, ROWS = 32, 4  # candidate threshold about (1/32)**(1/4) = 0.42
NEAR = 0.7
CONTAIN = 0.7
MIN_SHINGLES = 8  # shorter texts are matched by exact hash only
MAX_BUCKET_ROWS = 5000  # bound on candidate rows read per article (hot buckets)
MAX_CANDIDATES = 50
_MAGIC = b"WMH1"  # our header: magic, shingle count (uint32), then LeanMinHash bytes
_TRACKING = ("utm_", "fbclid", "gclid", "ref", "amp", "single")


@dataclass
class Signature:
    text_hash: str
    values: np.ndarray  # the MinHash hash values
    size: int  # number of distinct shingles

    def to_bytes(self) -> bytes:
        lean = LeanMinHash(MinHash(num_perm=NUM_PERM, hashvalues=self.values, scheme="affine32"))
        buf = bytearray(lean.bytesize())
        lean.serialize(buf)
        return _MAGIC + struct.pack("<I", self.size) + bytes(buf)

    @classmethod
    def from_bytes(cls, text_hash: str, data: bytes) -> Signature:
        size = struct.unpack("<I", data[4:8])[0] if data[:4] == _MAGIC else 0
        lean = LeanMinHash.deserialize(data[8:] if data[:4] == _MAGIC else data)
        return cls(text_hash, np.asarray(lean.hashvalues), size)


@cache
def _template() -> MinHash:
    # Permutations are derived once; every signature reuses them.
    return MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, scheme="affine32")


def signature(text: str) -> Signature:
    """The MinHash signature of a text's word shingles."""
    grams = tx.shingles(tx.words(text), SHINGLE)
    tpl = _template()
    m = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=tpl.permutations, scheme="affine32")
    if grams:
        m.update_batch(grams)
    return Signature(tx.text_hash(text), m.hashvalues, len(grams))


def bands(sig: Signature) -> list[tuple[int, str]]:
    """(band, bucket) pairs of a signature; none for texts too short to compare."""
    if sig.size < MIN_SHINGLES:
        return []
    v = sig.values
    return [(b, v[b * ROWS : (b + 1) * ROWS].tobytes().hex()) for b in range(BANDS)]


def jaccard(a: Signature, b: Signature) -> float:
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def containment(a: Signature, b: Signature, j: float) -> float:
    """Share of the smaller shingle set found in the larger, estimated from Jaccard."""
    small, large = sorted((a.size, b.size))
    if not small or small < 0.5 * large:
        return 0.0
    return min(1.0, j * (small + large) / (1.0 + j) / small)


def normalise_url(url: str | None) -> str | None:
    """Scheme, www./m./amp. hosts, tracking query keys, fragments and a trailing /amp dropped."""
    if not url or "://" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    host = parts.netloc.lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    path = parts.path.rstrip("/").removesuffix("/amp").rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    return f"{host}{path}" + (f"?{urlencode(sorted(query))}" if query else "")


def _candidates(conn: Connection, keys: list[tuple[int, str]]) -> list[str]:
    if not keys:
        return []
    # band IN (..) AND bucket IN (..) walks the primary key index (a tuple IN
    # scans the table on SQLite); pairs of the cross product are dropped here.
    wanted = set(keys)
    rows = conn.execute(
        select(t.lsh_buckets.c.band, t.lsh_buckets.c.bucket, t.lsh_buckets.c.article_id)
        .where(t.lsh_buckets.c.band.in_({b for b, _ in keys}), t.lsh_buckets.c.bucket.in_({k for _, k in keys}))
        .limit(MAX_BUCKET_ROWS)
    ).all()
    counts = Counter(r[2] for r in rows if (r[0], r[1]) in wanted)
    return [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]


def _same_url(conn: Connection, url: str) -> list[str]:
    q = select(t.signatures.c.article_id).where(t.signatures.c.url == url).limit(MAX_CANDIDATES)
    return [r[0] for r in conn.execute(q)]


def _by_hash(conn: Connection, text_hash: str) -> list[str]:
    q = select(t.signatures.c.article_id).where(t.signatures.c.text_hash == text_hash).limit(MAX_CANDIDATES)
    return [r[0] for r in conn.execute(q)]


def _roots(conn: Connection, ids: set[str]) -> dict[str, str]:
    """Each id -> the original it duplicates (itself when it is an original)."""
    rows = conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of).where(t.articles.c.id.in_(ids)))
    return {r[0]: r[1] or r[0] for r in rows}


def match(conn: Connection, article: Article, sig: Signature) -> tuple[str | None, float | None]:
    """(root original, similarity) of the best duplicate match among stored articles."""
    empty = not tx.normalise(article.text)
    exact = [] if empty else _by_hash(conn, sig.text_hash)
    url = normalise_url(article.url)
    same_url = _same_url(conn, url) if url else []
    near = _candidates(conn, bands(sig))
    ids = {i for i in exact + same_url + near if i != article.id}
    if not ids:
        return None, None
    sigs = {
        r[0]: Signature.from_bytes(r[1], r[2])
        for r in conn.execute(
            select(t.signatures.c.article_id, t.signatures.c.text_hash, t.signatures.c.minhash).where(
                t.signatures.c.article_id.in_(ids)
            )
        )
    }
    best: tuple[float, str] | None = None
    for cid in sorted(ids):
        other = sigs.get(cid)
        if other is None:
            continue
        j = jaccard(sig, other)
        if other.text_hash == sig.text_hash and not empty:
            score = 1.0
        elif j >= NEAR:
            score = j
        elif (c := containment(sig, other, j)) >= CONTAIN:
            score = c
        elif cid in same_url:
            score = j  # an updated version, however much it changed
        else:
            continue
        if best is None or score > best[0]:
            best = (score, cid)
    if best is None:
        return None, None
    root = _roots(conn, {best[1]}).get(best[1], best[1])
    return root, round(best[0], 4)


def _signed(conn: Connection, ids: list[str]) -> set[str]:
    q = select(t.signatures.c.article_id).where(t.signatures.c.article_id.in_(ids))
    return {r[0] for r in conn.execute(q)}


def add(conn: Connection, article: Article, sig: Signature) -> None:
    """Index an article's signature, bands and URL."""
    url = normalise_url(article.url)
    conn.execute(
        insert(t.signatures).values(
            article_id=article.id, text_hash=sig.text_hash, minhash=sig.to_bytes(), url=url
        )
    )
    keys = bands(sig)
    if keys:
        conn.execute(insert(t.lsh_buckets), [{"band": b, "bucket": k, "article_id": article.id} for b, k in keys])


@corpus_step("dedup@1")
def dedup(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Mark each new article's duplicate_of/similarity and index its signature."""
    for i in range(0, len(new_ids), 200):
        chunk = list(dict.fromkeys(new_ids[i : i + 200]))
        with store.write() as conn:
            done = _signed(conn, chunk)
            todo = [a for a in chunk if a not in done]
            rows = conn.execute(
                select(t.articles.c.id, t.articles.c.text, t.articles.c.url).where(t.articles.c.id.in_(todo))
            ).all()
            found = {r[0]: Article(id=r[0], input_id=r[0], text=r[1] or "", url=r[2]) for r in rows}
            for article in (found[a] for a in todo if a in found):
                sig = signature(article.text)
                original, similarity = match(conn, article, sig)
                add(conn, article, sig)
                store.update_articles(
                    [{"id": article.id, "duplicate_of": original, "similarity": similarity}], conn
                )
