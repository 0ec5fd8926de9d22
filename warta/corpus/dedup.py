"""dedup@1: exact duplicates, near-duplicates, containment and updated URLs.

Each new article gets a MinHash signature of its word 4-shingles (stored in
``signatures.minhash``) and one row per LSH band in ``lsh_buckets``; later
runs find candidates by indexed lookups of the new articles' band buckets,
so the work per article does not grow with the corpus.  A candidate is a
duplicate when (``verdict``)

* the normalised text hashes agree (exact copy, similarity 1.0);
* the estimated Jaccard similarity of shingles is >= ``NEAR`` (re-published
  wire copy with small edits);
* the smaller text is >= ``CONTAIN`` contained in the larger and at least
  half its size (the same copy plus an intro, or minus a tail);
* both come from the same normalised URL (an updated version).

``duplicate_of`` always names the root original, so chains of updates
point to one article.  The root is the earliest *published* copy: when a
newly stored article was published before every root it matches (dates
known), it becomes the root and those roots and their copies are re-pointed
to it; otherwise it points to the earliest published matched root (stored
order decides when dates are missing or equal).  Articles already signed
are skipped, which makes the step idempotent.

Speed: new articles are handled in chunks; per chunk the stored candidates
(band buckets, text hashes, URLs, their signatures, roots and dates) are
read in a few set-wise queries into an in-memory index that the chunk's own
articles then join in stream order, and the results are written in bulk.
Signatures hash each word once (tabulation hashing over its bytes, in
numpy) and combine four word hashes into a 64-bit shingle hash; the 128
hash functions are multiply-shift maps ``(a * x + b) >> 32`` over those.
MinHash estimates are noisy (about +-0.04 at 128 values): a pair whose
estimates are within ``MARGIN`` of a threshold is settled on the exact
shingle sets (``exact_verdict``; the stored text is read for it).
"""

from __future__ import annotations

import hashlib
import struct
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from datasketch import LeanMinHash
from sqlalchemy import Connection, bindparam, insert, select, update

from warta.corpus import text as tx
from warta.model import Article
from warta.pipeline import corpus_step
from warta.store import schema as t

NUM_PERM = 128
SHINGLE = 4  # words per shingle
BANDS, ROWS = 42, 3  # candidate threshold about (1/42)**(1/3) = 0.29: containment pairs (an
# article of 0.5-0.6 the size of the other, 70 % inside it) have a Jaccard of only 0.3-0.36
NEAR = 0.7
CONTAIN = 0.7
MIN_SHINGLES = 8  # shorter texts are matched by exact hash only
MAX_BUCKET_ROWS = 5000  # bound on candidate rows read per article (hot buckets)
MAX_CANDIDATES = 50
MARGIN = 0.1  # estimates this close below a threshold are settled on the exact shingle sets
CHUNK = 500  # new articles per transaction
SQL_CHUNK = 500  # values per IN (...) list
_MAGIC = b"WMH2"  # our header: magic, shingle count (uint32), then NUM_PERM little-endian uint32
_OLD_MAGIC = b"WMH1"  # datasketch affine32 over CRC-32 of shingle strings: not comparable
_TRACKING = ("utm_", "fbclid", "gclid", "ref", "amp", "single")
_SLICE = 4096  # shingles hashed at once (bounds memory on huge texts)
_MIX = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB], dtype=np.uint64)
_rng = np.random.default_rng(20251123)
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_POSITIONS = 64  # bytes of a word told apart by position (later ones share the last row)
_TABLE = _rng.integers(0, 2**64 - 1, (_POSITIONS, 256), dtype=np.uint64, endpoint=True)
_TABLE[:, 0] = 0  # the separator adds nothing


@dataclass
class Signature:
    text_hash: str
    values: np.ndarray  # NUM_PERM uint32 minima
    size: int  # number of distinct shingles
    scheme: int = 2  # 1: an old signature, comparable by text hash only

    def to_bytes(self) -> bytes:
        return _MAGIC + struct.pack("<I", self.size) + self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, text_hash: str, data: bytes) -> Signature:
        if data[:4] == _MAGIC:
            values = np.frombuffer(data, dtype="<u4", offset=8).astype(np.uint32)
            return cls(text_hash, values, struct.unpack("<I", data[4:8])[0])
        # an older signature (datasketch LeanMinHash bytes): kept for its text hash only
        lean = LeanMinHash.deserialize(data[8:] if data[:4] == _OLD_MAGIC else data)
        return cls(text_hash, np.asarray(lean.hashvalues, dtype=np.uint32), 0, scheme=1)


def word_hashes(words: list[str]) -> np.ndarray:
    """A 64-bit tabulation hash per word (XOR of a random entry per byte and position), in numpy."""
    data = np.frombuffer("\x00".join(words).encode("utf-8"), dtype=np.uint8)
    sep = data == 0
    starts = np.concatenate(([0], np.flatnonzero(sep) + 1))
    pos = np.arange(len(data)) - starts[np.cumsum(sep) - sep]  # byte position inside its word
    return np.bitwise_xor.reduceat(_TABLE[np.minimum(pos, _POSITIONS - 1), data], starts)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 64-bit hashes of the word ``SHINGLE``-grams (one gram for shorter texts)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    w = word_hashes(words)
    n = max(len(w) - SHINGLE + 1, 1)
    h = w[:n] * _MIX[0]
    for j in range(1, min(SHINGLE, len(w))):
        h = (h ^ w[j : j + n]) * _MIX[j % 3]
    h ^= h >> np.uint64(31)
    return np.unique(h)


def signature(text: str) -> Signature:
    """The MinHash signature of a text's word shingles."""
    return _sign(tx.words(text))[0]


def _sign(words: list[str]) -> tuple[Signature, np.ndarray]:
    grams = shingle_hashes(words)
    values = _EMPTY.copy()
    for i in range(0, len(grams), _SLICE):
        part = np.multiply.outer(_A, grams[i : i + _SLICE])
        part += _B[:, None]
        # the least 64-bit value has the least top half: shift after the min
        np.minimum(values, (part.min(axis=1) >> np.uint64(32)).astype(np.uint32), out=values)
    digest = hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()  # = tx.text_hash(text)
    return Signature(digest, values, len(grams)), grams


def bands(sig: Signature) -> list[tuple[int, str]]:
    """(band, bucket) pairs of a signature; none for texts too short to compare or old signatures."""
    if sig.size < MIN_SHINGLES or sig.scheme != 2:
        return []
    raw = sig.values.astype("<u4").tobytes()
    step = 4 * ROWS
    return [(b, raw[b * step : (b + 1) * step].hex()) for b in range(BANDS)]


def jaccard(a: Signature, b: Signature) -> float:
    if a.scheme != b.scheme:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def containment(a: Signature, b: Signature, j: float) -> float:
    """Share of the smaller shingle set found in the larger, estimated from Jaccard."""
    small, large = sorted((a.size, b.size))
    if not small or small < 0.5 * large:
        return 0.0
    return min(1.0, j * (small + large) / (1.0 + j) / small)


def verdict(sig: Signature, other: Signature, same_url: bool = False, empty: bool = False) -> float | None:
    """The duplicate score of a pair (exact 1.0, Jaccard, containment), or None when not duplicates.

    The one rule every dedup path applies (this step and the distributed batch).
    """
    if other.text_hash == sig.text_hash and not empty:
        return 1.0
    j = jaccard(sig, other)
    if j >= NEAR:
        return j
    if (c := containment(sig, other, j)) >= CONTAIN:
        return c
    return j if same_url else None  # an updated version, however much it changed


def borderline(sig: Signature, other: Signature) -> bool:
    """Whether the estimates are within MinHash's noise (``MARGIN``) of a threshold and none clearly above."""
    j = jaccard(sig, other)
    c = containment(sig, other, j)
    if j >= NEAR + MARGIN or c >= CONTAIN + MARGIN:
        return False
    return j >= NEAR - MARGIN or c >= CONTAIN - MARGIN


def exact_verdict(a: np.ndarray, b: np.ndarray) -> float | None:
    """``verdict``'s Jaccard and containment rules on the exact shingle sets (``shingle_hashes``)."""
    if not len(a) or not len(b):
        return None
    both = np.intersect1d(a, b, assume_unique=True).size
    j = both / (len(a) + len(b) - both)
    if j >= NEAR:
        return j
    small, large = sorted((len(a), len(b)))
    c = both / small if small >= 0.5 * large else 0.0
    return c if c >= CONTAIN else None


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


def choose_root(
    published: str | None, roots: dict[str, tuple[float, str | None]]
) -> tuple[str | None, list[str]]:
    """(the root a new article points to, the roots it replaces as the earliest published copy).

    ``roots`` maps each matched root to (score, its sortable published_utc).
    The new article becomes the root when it was published before every
    matched root (all dates known); otherwise it points to the earliest
    published root (unknown dates last, then the best score, then the id).
    """
    if not roots:
        return None, []
    if published and all(pub and published < pub for _, pub in roots.values()):
        return None, sorted(roots)
    root = min(roots, key=lambda r: (roots[r][1] or "~", -roots[r][0], r))
    return root, []


@dataclass
class Sketch:
    """What dedup needs of one article."""

    id: str
    sig: Signature
    url: str | None  # normalised
    empty: bool
    published: str | None = None
    grams: np.ndarray | None = field(default=None, repr=False)  # the exact shingle hashes, when known
    keys: list[tuple[int, str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.keys = bands(self.sig)

    @classmethod
    def of(cls, article_id: str, text: str, url: str | None, published: str | None = None) -> Sketch:
        sig, grams = _sign(tx.words(text))
        return cls(article_id, sig, normalise_url(url), sig.size == 0, published, grams)  # no words: empty


@dataclass
class Index:
    """Candidates in memory: the stored ones a chunk needs, then the chunk's own articles."""

    buckets: dict[tuple[int, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    hashes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    urls: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    sigs: dict[str, Signature] = field(default_factory=dict)
    root: dict[str, str] = field(default_factory=dict)
    published: dict[str, str | None] = field(default_factory=dict)
    grams: dict[str, np.ndarray] = field(default_factory=dict)
    conn: Connection | None = None  # where the texts of stored candidates are read, when borderline

    def add(self, s: Sketch, root: str | None) -> None:
        if s.grams is not None:
            self.grams[s.id] = s.grams
        for key in s.keys:
            self.buckets[key].append(s.id)
        if not s.empty:
            self.hashes[s.sig.text_hash].append(s.id)
        if s.url:
            self.urls[s.url].append(s.id)
        self.sigs[s.id] = s.sig
        self.root[s.id] = root or s.id
        self.published[s.id] = s.published

    def matches(self, s: Sketch) -> dict[str, float]:
        """Root original -> best duplicate score, over the indexed articles ``s`` duplicates."""
        counts = Counter(a for key in s.keys for a in self.buckets.get(key, ()))
        near = [a for a, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]
        same_url = set(self.urls.get(s.url, ())[:MAX_CANDIDATES]) if s.url else set()
        exact = [] if s.empty else self.hashes.get(s.sig.text_hash, [])[:MAX_CANDIDATES]
        out: dict[str, float] = {}
        for cid in {*exact, *same_url, *near} - {s.id}:
            other = self.sigs.get(cid)
            score = None if other is None else verdict(s.sig, other, cid in same_url, s.empty)
            settle = score is None or (score < 1.0 and cid not in same_url)
            if settle and other is not None and s.grams is not None and borderline(s.sig, other):
                theirs = self.exact_grams(cid)
                score = score if theirs is None else exact_verdict(s.grams, theirs)
            if score is not None:
                root = self.root.get(cid, cid)
                out[root] = max(out.get(root, 0.0), score)
        return out

    def exact_grams(self, cid: str) -> np.ndarray | None:
        if cid not in self.grams and self.conn is not None:
            text = self.conn.execute(select(t.articles.c.text).where(t.articles.c.id == cid)).scalar()
            if text is None:
                return None
            self.grams[cid] = shingle_hashes(tx.words(text))
        return self.grams.get(cid)


def _chunks(values: list, n: int = SQL_CHUNK) -> Iterator[list]:  # type: ignore[type-arg]
    return (values[i : i + n] for i in range(0, len(values), n))


def load(conn: Connection, new: list[Sketch]) -> Index:
    """An index of the stored articles that may match any of ``new`` (a few set-wise queries)."""
    index = Index(conn=conn)
    ids: set[str] = set()
    by_band: dict[int, set[str]] = defaultdict(set)
    for s in new:
        for b, key in s.keys:
            by_band[b].add(key)
    cap = MAX_BUCKET_ROWS * max(len(new), 1)
    lb = t.lsh_buckets.c
    for b, keys in sorted(by_band.items()):
        for part in _chunks(sorted(keys)):
            q = select(lb.bucket, lb.article_id).where(lb.band == b, lb.bucket.in_(part)).limit(cap)
            for bucket, aid in conn.execute(q):
                index.buckets[(b, bucket)].append(aid)
                ids.add(aid)
    sc = t.signatures.c
    for col, values in (
        (sc.text_hash, {s.sig.text_hash for s in new if not s.empty}),
        (sc.url, {s.url for s in new if s.url}),
    ):
        for part in _chunks(sorted(values)):
            ids.update(r[0] for r in conn.execute(select(sc.article_id).where(col.in_(part))))
    for part in _chunks(sorted(ids)):
        q = select(sc.article_id, sc.text_hash, sc.minhash, sc.url).where(sc.article_id.in_(part))
        for row in conn.execute(q):
            aid, text_hash = str(row[0]), str(row[1])
            url: str | None = row[3]
            sig = Signature.from_bytes(text_hash, bytes(row[2]))
            index.sigs[aid] = sig
            index.hashes[text_hash].append(aid)
            if url:
                index.urls[url].append(aid)
    _load_roots(conn, index, sorted(ids))
    return index


def _load_roots(conn: Connection, index: Index, ids: list[str]) -> None:
    ac = t.articles.c
    for part in _chunks(ids):
        for aid, dup in conn.execute(select(ac.id, ac.duplicate_of).where(ac.id.in_(part))):
            index.root[aid] = dup or aid
    roots = sorted(set(index.root.values()))
    for part in _chunks(roots):
        for aid, pub in conn.execute(select(ac.id, ac.published_utc).where(ac.id.in_(part))):
            index.published[aid] = pub


def resolve(conn: Connection, index: Index, s: Sketch) -> list[tuple[str, str | None, float | None]]:
    """(id, duplicate_of, similarity) rows for ``s`` and the roots it replaces; ``s`` joins the index."""
    found = index.matches(s)
    root, replaced = choose_root(s.published, {r: (v, index.published.get(r)) for r, v in found.items()})
    out: list[tuple[str, str | None, float | None]] = []
    if root:
        out.append((s.id, root, round(found[root], 4)))
    for old in replaced:  # the old root and its copies, stored or in this chunk, now point to s
        stored = conn.execute(select(t.articles.c.id).where(t.articles.c.duplicate_of == old)).scalars()
        members = set(stored) | {a for a, r in index.root.items() if r == old and a != old}
        out += [(m, s.id, None) for m in sorted(members)]
        out.append((old, s.id, round(found[old], 4)))
        for m in members | {old}:
            index.root[m] = s.id
    index.add(s, root)
    return out


def matches(conn: Connection, article: Article, sig: Signature) -> dict[str, float]:
    """Root original -> best duplicate score, over the stored articles this one duplicates."""
    grams = shingle_hashes(tx.words(article.text))
    s = Sketch(article.id, sig, normalise_url(article.url), not tx.normalise(article.text), grams=grams)
    return load(conn, [s]).matches(s)


def match(conn: Connection, article: Article, sig: Signature) -> tuple[str | None, float | None]:
    """(root original, similarity) of the best duplicate match among stored articles."""
    found = matches(conn, article, sig)
    if not found:
        return None, None
    root, score = min(found.items(), key=lambda kv: (-kv[1], kv[0]))
    return root, round(score, 4)


def add(conn: Connection, article: Article, sig: Signature) -> None:
    """Index one article's signature, bands and URL."""
    write(conn, [Sketch(article.id, sig, normalise_url(article.url), False)])


def write(conn: Connection, sketches: Iterable[Sketch]) -> None:
    """Index signatures, bands and URLs in bulk."""
    sketches = list(sketches)
    if not sketches:
        return
    conn.execute(
        insert(t.signatures),
        [
            {"article_id": s.id, "text_hash": s.sig.text_hash, "minhash": s.sig.to_bytes(), "url": s.url}
            for s in sketches
        ],
    )
    rows = [(b, k, s.id) for s in sketches for b, k in s.keys]
    if rows:  # BANDS rows an article: straight to the driver, without a dict per row
        mark = {"qmark": "?", "numeric": ":{}", "named": ":p{}"}.get(conn.dialect.paramstyle, "%s")
        marks = ", ".join(mark.format(i + 1) for i in range(3))
        sql = f"INSERT INTO {t.lsh_buckets.name} (band, bucket, article_id) VALUES ({marks})"
        if conn.dialect.paramstyle == "named":
            conn.exec_driver_sql(sql, [{"p1": b, "p2": k, "p3": a} for b, k, a in rows])
        else:
            conn.exec_driver_sql(sql, rows)


def _signed(conn: Connection, ids: list[str]) -> set[str]:
    q = select(t.signatures.c.article_id).where(t.signatures.c.article_id.in_(ids))
    return {r[0] for r in conn.execute(q)}


def _save(conn: Connection, rows: list[tuple[str, str | None, float | None]]) -> None:
    final: dict[str, dict[str, object]] = {}
    for aid, dup, sim in rows:  # later rows win; a None similarity keeps the stored one
        row = final.setdefault(aid, {"b_id": aid})
        row["b_dup"] = dup
        if sim is not None or "b_sim" not in row:
            row["b_sim"] = sim
    with_sim = [r for r in final.values() if r["b_sim"] is not None]
    without = [r for r in final.values() if r["b_sim"] is None]
    ac = t.articles.c
    stmt = update(t.articles).where(ac.id == bindparam("b_id"))
    if with_sim:
        conn.execute(stmt.values(duplicate_of=bindparam("b_dup"), similarity=bindparam("b_sim")), with_sim)
    if without:
        conn.execute(stmt.values(duplicate_of=bindparam("b_dup")), without)


@corpus_step("dedup@1")
def dedup(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Mark each new article's duplicate_of/similarity and index its signature."""
    ac = t.articles.c
    for chunk in _chunks(list(dict.fromkeys(new_ids)), CHUNK):
        with store.write() as conn:
            done = _signed(conn, chunk)
            todo = [a for a in chunk if a not in done]
            rows = {
                r[0]: r
                for r in conn.execute(select(ac.id, ac.text, ac.url, ac.published_utc).where(ac.id.in_(todo)))
            }
            new = [Sketch.of(a, rows[a][1] or "", rows[a][2], rows[a][3]) for a in todo if a in rows]
            index = load(conn, new)
            results = [row for s in new for row in resolve(conn, index, s)]
            write(conn, new)
            _save(conn, results)
