"""dedup@1: exact duplicates, near-duplicates, containment and updated URLs.

Each new article gets a MinHash signature of its word 4-shingles (stored in
``signatures.minhash``; see :mod:`warta.corpus.minhash`) and one row per LSH
band in ``lsh_buckets``; later runs find candidates by indexed lookups of the
new articles' band buckets, so the work per article does not grow with the
corpus.  A candidate is a duplicate when (``verdict``)

* the normalised text hashes agree (exact copy, similarity 1.0);
* the estimated Jaccard similarity of shingles is >= ``NEAR`` (re-published
  wire copy with small edits);
* the smaller text is >= ``CONTAIN`` contained in the larger and at least
  half its size (the same copy plus an intro, or minus a tail);
* both come from the same normalised URL (an updated version).

Pairs whose estimates are within MinHash's noise of a threshold are settled
on the exact shingle sets (``exact_verdict``; the stored text is read for it).

``duplicate_of`` always names the root original, so chains of updates
point to one article.  The root is the earliest *published* copy: when a
newly stored article was published before every root it matches (dates
known), it becomes the root and those roots and their copies are re-pointed
to it; otherwise it points to the earliest published matched root (stored
order decides when dates are missing or equal).  Articles already signed
are skipped, which makes the step idempotent.

Speed: new articles are handled in chunks, signed together (``sign_many``);
per chunk the stored candidates (band buckets, text hashes, URLs, their
signatures, roots and dates) are read in a few set-wise queries into an
in-memory index that the chunk's own articles then join in stream order,
and the results are written in bulk.  The queries and the band rows go
straight to the DB-API driver (``_sql``): SQLAlchemy's per-statement
compilation of long IN lists cost as much as the lookups themselves.  Band
rows are inserted sorted by (band, bucket), several chunks a transaction
(``TX_CHUNK``) under a larger SQLite page cache: each commit writes every
index page the random bucket keys touched.  The latest shingle sets are kept
across chunks (``KEEP_GRAMS``) so close calls rarely re-read a stored text,
and the cyclic GC is paused while the step runs (``_quiet_gc``).
"""

from __future__ import annotations

import gc
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import numpy as np
from sqlalchemy import Connection

from warta.corpus import text as tx
from warta.corpus.minhash import (  # re-exported: the distributed batch uses dedup's names
    BANDS,
    CONTAIN,
    MARGIN,
    MIN_SHINGLES,
    NEAR,
    NUM_PERM,
    ROWS,
    SHINGLE,
    Signature,
    bands,
    borderline,
    containment,
    exact_verdict,
    jaccard,
    shingle_hashes,
    sign_many,
    signature,
    verdict,
    word_hashes,
)
from warta.model import Article
from warta.pipeline import corpus_step
from warta.store import chunks

__all__ = [
    "BANDS", "CONTAIN", "MARGIN", "MIN_SHINGLES", "NEAR", "NUM_PERM", "ROWS", "SHINGLE", "Signature",
    "bands", "borderline", "containment", "exact_verdict", "jaccard", "shingle_hashes", "sign_many",
    "signature", "verdict", "word_hashes", "normalise_url", "choose_root", "Sketch", "Index", "load",
    "resolve", "matches", "match", "add", "write", "dedup",
]  # fmt: skip

MAX_BUCKET_ROWS = 5000  # bound on candidate rows read per article (hot buckets)
MAX_CANDIDATES = 50
CHUNK = 500  # new articles per candidate index
KEEP_GRAMS = 20_000  # shingle sets kept across chunks (about 3 KB each)
TX_CHUNK = 5000  # new articles per transaction: a commit writes every index page the band rows touched
CACHE_KIB = 65_536  # SQLite page cache while dedup writes (a cap: pages are cached as read)
_TRACKING = ("utm_", "fbclid", "gclid", "ref", "amp", "single")


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
        return cls.many([(article_id, text, url, published)])[0]

    @classmethod
    def many(cls, rows: Sequence[tuple[str, str | None, str | None, str | None]]) -> list[Sketch]:
        """Sketches of (id, text, url, published) rows, signed as one batch."""
        signed = sign_many([tx.words(text or "") for _, text, _, _ in rows])
        return [
            cls(aid, sig, normalise_url(url), sig.size == 0, published, grams)  # no words: empty
            for (aid, _, url, published), (sig, grams) in zip(rows, signed)
        ]


def pair_score(
    a: Sketch, earlier: Signature, same_url: bool, earlier_grams: Callable[[], np.ndarray | None]
) -> float | None:
    """How much ``a`` duplicates an earlier article (None: not at all); the one rule of the
    step and of the Dask band shuffle.

    The MinHash verdict; an estimate just short of a threshold is settled on
    the exact shingle sets (``earlier_grams()`` is asked for them only then).
    """
    score = verdict(a.sig, earlier, same_url, a.empty)
    if (score is None or (score < 1.0 and not same_url)) and a.grams is not None and borderline(a.sig, earlier):
        theirs = earlier_grams()
        if theirs is not None:
            score = exact_verdict(a.grams, theirs)
    return score


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
        buckets = self.buckets
        for key in s.keys:
            buckets[key].append(s.id)
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
            if other is None:
                continue
            score = pair_score(s, other, cid in same_url, lambda cid=cid: self.exact_grams(cid))  # type: ignore[misc]
            if score is not None:
                root = self.root.get(cid, cid)
                out[root] = max(out.get(root, 0.0), score)
        return out

    def exact_grams(self, cid: str) -> np.ndarray | None:
        if cid not in self.grams and self.conn is not None:
            rows = _sql(self.conn, "SELECT text FROM articles WHERE id = ?", [cid])
            if not rows or rows[0][0] is None:
                return None
            text = rows[0][0]
            self.grams[cid] = shingle_hashes(tx.words(text))
        return self.grams.get(cid)


def _marks(conn: Connection, sql: str) -> str:
    """``sql`` with its ``?`` placeholders in the driver's paramstyle (numbered as :p1, :p2 ...)."""
    style = conn.dialect.paramstyle
    if style == "qmark":
        return sql
    if style in ("format", "pyformat"):
        return sql.replace("?", "%s")
    parts = sql.split("?")
    mark = ":{}" if style == "numeric" else ":p{}"
    return "".join(p + (mark.format(i + 1) if i < len(parts) - 1 else "") for i, p in enumerate(parts))


def _params(conn: Connection, row: Sequence[Any]) -> Any:  # a tuple, or a dict for named paramstyles
    return {f"p{i + 1}": v for i, v in enumerate(row)} if conn.dialect.paramstyle == "named" else tuple(row)


def _sql(conn: Connection, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` (``?`` placeholders) run on the DB-API cursor: no SQLAlchemy compilation or result rows."""
    cur = conn.connection.cursor()
    try:
        cur.execute(_marks(conn, sql), _params(conn, params))
        return list(cur.fetchall()) if cur.description else []
    finally:
        cur.close()


def _in(conn: Connection, sql: str, values: Iterable[Any], *before: Any) -> Iterator[tuple[Any, ...]]:
    """Rows of ``sql`` whose ``IN ({})`` takes ``values``, ``IN_LIST`` at a time; ``before`` binds first."""
    for part in chunks(sorted(values)):
        yield from _sql(conn, sql.format(", ".join("?" * len(part))), [*before, *part])


def load(conn: Connection, new: list[Sketch], grams: dict[str, np.ndarray] | None = None) -> Index:
    """An index of the stored articles that may match any of ``new`` (a few set-wise queries).

    ``grams``: exact shingle sets already known (shared by the chunks of one run; new ones join it).
    """
    index = Index(conn=conn, grams={} if grams is None else grams)
    ids: set[str] = set()
    by_band: dict[int, set[str]] = defaultdict(set)
    for s in new:
        for b, key in s.keys:
            by_band[b].add(key)
    cap = MAX_BUCKET_ROWS * max(len(new), 1)
    q = "SELECT bucket, article_id FROM lsh_buckets WHERE band = ? AND bucket IN ({}) LIMIT " + str(cap)
    for b, keys in sorted(by_band.items()):
        for bucket, aid in _in(conn, q, keys, b):
            index.buckets[(b, bucket)].append(aid)
            ids.add(aid)
    for col, values in (
        ("text_hash", {s.sig.text_hash for s in new if not s.empty}),
        ("url", {s.url for s in new if s.url}),
    ):
        q = f"SELECT article_id FROM signatures WHERE {col} IN ({{}})"
        ids.update(r[0] for r in _in(conn, q, values))
    q = "SELECT article_id, text_hash, minhash, url FROM signatures WHERE article_id IN ({})"
    for aid, text_hash, minhash, url in _in(conn, q, ids):
        sig = Signature.from_bytes(str(text_hash), bytes(minhash))
        index.sigs[aid] = sig
        index.hashes[sig.text_hash].append(aid)
        if url:
            index.urls[url].append(aid)
    for aid, dup in _in(conn, "SELECT id, duplicate_of FROM articles WHERE id IN ({})", ids):
        index.root[aid] = dup or aid
    q = "SELECT id, published_utc FROM articles WHERE id IN ({})"
    for aid, pub in _in(conn, q, set(index.root.values())):
        index.published[aid] = pub
    return index


def resolve(conn: Connection, index: Index, s: Sketch) -> list[tuple[str, str | None, float | None]]:
    """(id, duplicate_of, similarity) rows for ``s`` and the roots it replaces; ``s`` joins the index."""
    found = index.matches(s)
    root, replaced = choose_root(s.published, {r: (v, index.published.get(r)) for r, v in found.items()})
    out: list[tuple[str, str | None, float | None]] = []
    if root:
        out.append((s.id, root, round(found[root], 4)))
    for old in replaced:  # the old root and its copies, stored or in this chunk, now point to s
        stored = {r[0] for r in _sql(conn, "SELECT id FROM articles WHERE duplicate_of = ?", [old])}
        members = stored | {a for a, r in index.root.items() if r == old and a != old}
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


def _many(conn: Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:  # one executemany on the DB-API cursor, without a dict per row
        cur = conn.connection.cursor()
        try:
            cur.executemany(_marks(conn, sql), [_params(conn, r) for r in rows])
        finally:
            cur.close()


def write(conn: Connection, sketches: Iterable[Sketch]) -> None:
    """Index signatures, bands and URLs in bulk."""
    sketches = list(sketches)
    sig_rows = [(s.id, s.sig.text_hash, s.sig.to_bytes(), s.url) for s in sketches]
    _many(conn, "INSERT INTO signatures (article_id, text_hash, minhash, url) VALUES (?, ?, ?, ?)", sig_rows)
    band_rows = sorted((b, k, s.id) for s in sketches for b, k in s.keys)  # in index order
    _many(conn, "INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (?, ?, ?)", band_rows)


def signed(conn: Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` have a stored signature."""
    return {r[0] for r in _in(conn, "SELECT article_id FROM signatures WHERE article_id IN ({})", ids)}


def _save(conn: Connection, rows: list[tuple[str, str | None, float | None]]) -> None:
    final: dict[str, list[Any]] = {}
    for aid, dup, sim in rows:  # later rows win; a None similarity keeps the stored one
        row = final.setdefault(aid, [aid, None, None, False])
        row[1] = dup
        if sim is not None or not row[3]:
            row[2], row[3] = sim, True
    with_sim = [(dup, sim, aid) for aid, dup, sim, _ in final.values() if sim is not None]
    without = [(dup, aid) for aid, dup, sim, _ in final.values() if sim is None]
    _many(conn, "UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?", with_sim)
    _many(conn, "UPDATE articles SET duplicate_of = ? WHERE id = ?", without)


@contextmanager
def _quiet_gc() -> Iterator[None]:
    """The cyclic GC paused: the step makes only acyclic dicts, lists and tuples (freed by reference
    counting), yet the collector's passes over them and the caller's heap cost a fifth of the time."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@contextmanager
def _page_cache(conn: Connection) -> Iterator[None]:
    """A larger SQLite page cache for the transaction: band rows land at random places of the index."""
    if conn.dialect.name != "sqlite" or not CACHE_KIB:
        yield
        return
    before = _sql(conn, "PRAGMA cache_size", [])[0][0]
    _sql(conn, f"PRAGMA cache_size = -{CACHE_KIB}", [])
    try:
        yield
    finally:
        _sql(conn, f"PRAGMA cache_size = {int(before)}", [])


@corpus_step("dedup@1")
def dedup(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Mark each new article's duplicate_of/similarity and index its signature."""
    grams: dict[str, np.ndarray] = {}  # the latest shingle sets computed, for close calls: no text re-read
    for batch in chunks(list(dict.fromkeys(new_ids)), TX_CHUNK):
        with _quiet_gc(), store.write() as conn, _page_cache(conn):
            for chunk in chunks(batch, CHUNK):
                for old in list(islice(grams, max(0, len(grams) - KEEP_GRAMS))):
                    del grams[old]
                done = signed(conn, chunk)
                todo = [a for a in chunk if a not in done]
                q = "SELECT id, text, url, published_utc FROM articles WHERE id IN ({})"
                rows = {r[0]: r for r in _in(conn, q, todo)}
                new = Sketch.many([rows[a] for a in todo if a in rows])
                index = load(conn, new, grams)
                results = [row for s in new for row in resolve(conn, index, s)]
                write(conn, new)
                _save(conn, results)
