"""Text features shared by the corpus steps: normalised words, shingles, stems, names.

Everything here is a pure function of the article, deterministic across
processes (no salted ``hash()``), so signatures stored by one run match the
next run's.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from importlib import resources

import regex
import Stemmer

# Letters and digits (``[^\W_]`` is str.isalnum, i.e. \p{L} and \p{N}) joined by - or ':
# the stdlib engine finds the same words as [\p{L}\p{N}] in regex, faster.
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# Capitalised word runs ("Korea Utara", "Kim Jong-un"): a fallback for entities.
_NAME = regex.compile(r"\p{Lu}[\p{L}\p{N}'-]*(?:\s+\p{Lu}[\p{L}\p{N}'-]*)*")
_SENTENCE_START = regex.compile(r"(?:^|[.!?:\"“”]\s+|\n)\s*$")


def normalise(text: str) -> str:
    """NFKC, lowercase, words only, single spaces: the basis of exact-duplicate hashing."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def text_hash(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(tokens: list[str], k: int) -> set[bytes]:
    """Word k-grams as bytes (a single gram for texts shorter than k)."""
    if len(tokens) < k:
        return {" ".join(tokens).encode("utf-8")} if tokens else set()
    return {" ".join(tokens[i : i + k]).encode("utf-8") for i in range(len(tokens) - k + 1)}


def short_hash(value: str, n: int = 40) -> str:
    """A stable hex digest that fits the ``lsh_buckets.bucket`` column."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:n]


@cache
def stopwords() -> frozenset[str]:
    data = resources.files("warta.corpus").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w for line in data.splitlines() if not line.startswith("#") for w in line.split())


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("indonesian")


def stems(text: str) -> Counter[str]:
    """Counts of stemmed content words (stopwords, numbers and short words dropped)."""
    stop = stopwords()
    kept = [w for w in words(text) if len(w) > 2 and w not in stop and not w.isdigit()]
    return Counter(_stemmer().stemWords(kept))


@cache
def _df() -> tuple[int, dict[str, int]]:
    """Stem document frequencies over a general news corpus (df.tsv, built by eval/corpus/build_df.py)."""
    data = resources.files("warta.corpus").joinpath("df.tsv").read_text(encoding="utf-8")
    n, df = 1, {}
    for line in data.splitlines():
        if line.startswith("#N"):
            n = int(line.split("\t")[1])
        elif line and not line.startswith("#"):
            stem, count = line.split("\t")
            df[stem] = int(count)
    return n, df


def idf(stem: str) -> float:
    """log((N+1)/(df+1)): words every article uses weigh little, unseen ones most."""
    n, df = _df()
    return math.log((n + 1) / (df.get(stem, 0) + 1))


def weighted(counts: Counter[str], n: int) -> dict[str, float]:
    """The ``n`` heaviest stems by (1 + log tf) * idf."""
    return top({k: (1.0 + math.log(v)) * idf(k) for k, v in counts.items() if v > 0}, n)


def names(text: str) -> Counter[str]:
    """Capitalised word runs not at a sentence start: stand-ins when no entities are linked."""
    found: Counter[str] = Counter()
    stop = stopwords()
    for m in _NAME.finditer(text):
        if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]) and " " not in m.group():
            continue  # a single capitalised word opening a sentence is any word
        name = m.group().casefold()
        if name not in stop and len(name) > 2:
            found["name:" + name] += 1
    return found


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(v * b.get(k, 0.0) for k, v in a.items())
    na = math.sqrt(sum(v * v for v in a.values()))
    nb = math.sqrt(sum(v * v for v in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def top(counts: dict[str, float], n: int) -> dict[str, float]:
    """The n heaviest items (ties by key, so the result is deterministic)."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n])


def parse_time(value: str | None) -> datetime | None:
    """An ISO date or datetime as an aware UTC datetime (dates at midnight UTC)."""
    if not value:
        return None
    try:
        if "T" in value:
            dt = datetime.fromisoformat(value)
            return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
        parts = value.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return datetime(int(parts[0]), int(parts[1]), int(parts[2]), tzinfo=UTC)
    except ValueError:
        return None
    return None
