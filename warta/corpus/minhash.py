"""MinHash signatures of word shingles and the duplicate rules on them (used by dedup@1).

Signatures hash each word once (tabulation hashing over its bytes, in
numpy) and combine ``SHINGLE`` word hashes into a 64-bit shingle hash; the
``NUM_PERM`` hash functions are multiply-shift maps ``(a * x + b) >> 32``
over those.  ``sign_many`` signs a whole batch with a few numpy calls (the
same values as ``signature`` one text at a time).  MinHash estimates are
noisy (about +-0.04 at 128 values): a pair whose estimates are within
``MARGIN`` of a threshold is settled on the exact shingle sets
(``exact_verdict``).
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash

from warta.corpus import text as tx

NUM_PERM = 128
SHINGLE = 4  # words per shingle
BANDS, ROWS = 42, 3  # candidate threshold about (1/42)**(1/3) = 0.29: containment pairs (an
# article of 0.5-0.6 the size of the other, 70 % inside it) have a Jaccard of only 0.3-0.36
NEAR = 0.7
CONTAIN = 0.7
MIN_SHINGLES = 8  # shorter texts are matched by exact hash only
MARGIN = 0.1  # estimates this close below a threshold are settled on the exact shingle sets
_MAGIC = b"WMH2"  # our header: magic, shingle count (uint32), then NUM_PERM little-endian uint32
_OLD_MAGIC = b"WMH1"  # datasketch affine32 over CRC-32 of shingle strings: not comparable
_SLICE = 4096  # shingles hashed at once (bounds memory on huge texts and batches)
_MIX = np.array([0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB], dtype=np.uint64)
_rng = np.random.default_rng(20251123)
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)  # odd multipliers
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_EMPTY = np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
_POSITIONS = 64  # bytes of a word told apart by position (later ones share the last row)
_TABLE = _rng.integers(0, 2**64 - 1, (_POSITIONS, 256), dtype=np.uint64, endpoint=True)
_TABLE[:, 0] = 0  # the separator adds nothing
_SHIFT = np.uint64(32)


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


def _grams(w: np.ndarray) -> np.ndarray:
    """Distinct shingle hashes of one text's word hashes (one gram for texts under SHINGLE words)."""
    n = max(len(w) - SHINGLE + 1, 1)
    h = w[:n] * _MIX[0]
    for j in range(1, min(SHINGLE, len(w))):
        h = (h ^ w[j : j + n]) * _MIX[j % 3]
    h ^= h >> np.uint64(31)
    return np.unique(h)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """Distinct 64-bit hashes of the word ``SHINGLE``-grams (one gram for shorter texts)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    return _grams(word_hashes(words))


def _minima(grams: np.ndarray, starts: list[int]) -> np.ndarray:
    """(len(starts), NUM_PERM) minima of the hash functions over each run of ``grams`` (none empty)."""
    part = np.multiply.outer(_A, grams)
    part += _B[:, None]
    # the least 64-bit value has the least top half: shift after the min
    return (np.minimum.reduceat(part, starts, axis=1) >> _SHIFT).astype(np.uint32).T


def _digest(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()  # = tx.text_hash(text)


def sign_many(texts: list[list[str]]) -> list[tuple[Signature, np.ndarray]]:
    """(signature, distinct shingle hashes) of each word list: a batch of texts in a few numpy calls."""
    words = [w for ws in texts if ws for w in ws]
    counts = np.array([len(ws) for ws in texts], dtype=np.int64)
    flat = word_hashes(words) if words else np.empty(0, dtype=np.uint64)
    ends = np.cumsum(counts)
    grams = [_grams(flat[e - c : e]) if c else np.empty(0, dtype=np.uint64) for c, e in zip(counts, ends)]
    values = [_EMPTY] * len(texts)
    group: list[int] = []
    width = 0
    for i, g in enumerate(grams + [None]):  # a sentinel flushes the last group
        if g is not None and len(g) > _SLICE:
            values[i] = _minima_big(g)
            continue
        if group and (g is None or width + len(g) > _SLICE):
            starts = np.cumsum([0] + [len(grams[k]) for k in group[:-1]]).tolist()
            mins = _minima(np.concatenate([grams[k] for k in group]), starts)
            for row, k in enumerate(group):
                values[k] = mins[row]
            group, width = [], 0
        if g is not None and len(g):
            group.append(i)
            width += len(g)
    return [(Signature(_digest(ws), v, len(g)), g) for ws, v, g in zip(texts, values, grams)]


def _minima_big(grams: np.ndarray) -> np.ndarray:
    values = _EMPTY.copy()
    for i in range(0, len(grams), _SLICE):
        np.minimum(values, _minima(grams[i : i + _SLICE], [0])[0], out=values)
    return values


def _sign(words: list[str]) -> tuple[Signature, np.ndarray]:
    return sign_many([words])[0]


def signature(text: str) -> Signature:
    """The MinHash signature of a text's word shingles."""
    return _sign(tx.words(text))[0]


def bands(sig: Signature) -> list[tuple[int, str]]:
    """(band, bucket) pairs of a signature; none for texts too short to compare or old signatures."""
    if sig.size < MIN_SHINGLES or sig.scheme != 2:
        return []
    raw = sig.values.astype("<u4").tobytes().hex()
    step = 8 * ROWS  # hex digits a band
    return [(b, raw[b * step : (b + 1) * step]) for b in range(BANDS)]


def jaccard(a: Signature, b: Signature) -> float:
    if a.scheme != b.scheme:
        return 0.0
    return float(np.count_nonzero(a.values == b.values)) / len(a.values)


def containment(a: Signature, b: Signature, j: float) -> float:
    """Share of the smaller shingle set found in the larger, estimated from Jaccard."""
    small, large = min(a.size, b.size), max(a.size, b.size)
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
