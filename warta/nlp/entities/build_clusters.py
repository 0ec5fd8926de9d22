"""Build ``data/clusters.tsv``: word clusters for the CRF tagger from unlabelled news.

    .venv/bin/python -m warta.nlp.entities.build_clusters [--data ../shared/data] [--vocab 40000]

Words (folded, ``\\w+``) that occur at least ``--min-count`` times in the tune
half (eval/split.py) of IndoSum, kompas-md and indonews, and in the train
splits of the NER sets (text only) are described by their
positive PMI with the most frequent words one and two places to the left and to
the right, reduced by a truncated SVD and grouped by spherical k-means at three
granularities (coarse to fine).  Words in the same cluster occur in the same
contexts: unseen names get the cluster of the names the NER sets did label
("Sudirman" with other surnames, "Kabupaten" with other administrative heads).
The result is a cheap stand-in for Brown clusters, built with numpy only, in
about a minute on one core.  Words seen fewer than five times get no cluster:
their vectors are noise ("nicole" once fell among the auxiliaries "sudah",
"akan"), and the tagger does better reading their shape alone.
Output: ``word<TAB>c1<TAB>c2<TAB>c3`` per line (64, 256 and 1024 clusters).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import regex

OUT = Path(__file__).parent / "data" / "clusters.tsv"
DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
_WORD = regex.compile(r"\w+")
_HEADER = regex.compile(r"^\s*(\||#|\*\*?[A-Z ,.]+KOMPAS\.com\*\*)")


def _held_out(key: str) -> bool:  # eval/split.py's rule (eval/ is not part of the package)
    return hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 1


def documents(data: Path) -> Iterator[str]:
    """Texts of the tune half of the unlabelled corpora."""
    for path in sorted((data / "indosum").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if not _held_out(rec["id"]):
                yield "\n".join(" ".join(s) for para in rec["paragraphs"] for s in para)
    for path in sorted((data / "kompas-md").glob("*/*.md")):
        if not _held_out(path.name):
            yield "\n".join(
                ln for ln in path.read_text(encoding="utf-8").splitlines() if not _HEADER.match(ln)
            )
    csv.field_size_limit(1 << 30)
    for path in sorted((data / "indonews-2025-06-early").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for row in csv.DictReader(fh):
                if not _held_out(row.get("url", "")):
                    yield row.get("content", "")
    for split in ("idner-news-2k/train.txt", "nergrit/nergrit_ner-grit_train_preprocess.txt",
                  "nerp/nerp_ner-prosa_train_preprocess.txt"):  # fmt: skip
        path = data / "ner" / split  # the NER train splits, as plain text (labels unused)
        if path.exists():
            sents = path.read_text(encoding="utf-8").split("\n\n")
            yield "\n".join(" ".join(ln.split()[0] for ln in s.splitlines() if ln.strip()) for s in sents)


def cooccurrence(data: Path, vocab_size: int, n_ctx: int, min_count: int) -> tuple[list[str], np.ndarray]:
    """Counts of (word, context word at offset -2/-1/+1/+2) within lines, as one matrix."""
    lines = [[w.casefold() for w in _WORD.findall(ln)] for doc in documents(data) for ln in doc.splitlines()]
    counts = Counter(w for ln in lines for w in ln)
    words = [w for w, c in counts.most_common(vocab_size) if c >= min_count]
    index = {w: i for i, w in enumerate(words)}
    flat: list[int] = []
    for ln in lines:  # lines joined with two gaps (-1) so that no window crosses them
        flat.extend(index.get(w, -1) for w in ln)
        flat += [-1, -1]
    ids = np.array(flat, dtype=np.int64)
    blocks = []
    for off in (-2, -1, 1, 2):
        ctx = np.roll(ids, -off)
        ok = (ids >= 0) & (ctx >= 0) & (ctx < n_ctx)
        pairs = ids[ok] * n_ctx + ctx[ok]
        blocks.append(np.bincount(pairs, minlength=len(words) * n_ctx).reshape(len(words), n_ctx))
    return words, np.hstack(blocks).astype(np.float32)


def embed(mat: np.ndarray, dims: int, seed: int = 0) -> np.ndarray:
    """Unit word vectors: positive PMI (context counts smoothed by ^0.75), randomised SVD."""
    row = mat.sum(axis=1, keepdims=True) + 1e-9
    col = mat.sum(axis=0, keepdims=True) ** 0.75 + 1e-9
    ppmi = np.log(np.maximum(mat * col.sum() / (row * col), 1.0))
    rng = np.random.default_rng(seed)
    q = ppmi @ rng.standard_normal((ppmi.shape[1], dims + 20)).astype(np.float32)
    for _ in range(2):  # power iterations sharpen the leading subspace
        q, _r = np.linalg.qr(q)
        q = ppmi @ (ppmi.T @ q)
    q, _r = np.linalg.qr(q)
    u, s, _vt = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vec = (q @ u)[:, :dims] * np.sqrt(s[:dims])
    return vec / (np.linalg.norm(vec, axis=1, keepdims=True) + 1e-9)


def kmeans(vec: np.ndarray, k: int, iters: int = 25, seed: int = 0) -> np.ndarray:
    """Spherical k-means (cosine); deterministic for a seed."""
    rng = np.random.default_rng(seed)
    cent = vec[rng.choice(len(vec), k, replace=False)]
    assign = np.zeros(len(vec), dtype=np.int64)
    for _ in range(iters):
        assign = np.argmax(vec @ cent.T, axis=1)
        for c in range(k):
            members = vec[assign == c]
            if len(members):
                m = members.sum(axis=0)
                cent[c] = m / (np.linalg.norm(m) + 1e-9)
    return assign


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--vocab", type=int, default=40000)
    ap.add_argument("--contexts", type=int, default=1000)
    ap.add_argument("--min-count", type=int, default=5)
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--ks", default="64,256,1024")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    t0 = time.perf_counter()
    words, mat = cooccurrence(args.data, args.vocab, args.contexts, args.min_count)
    vec = embed(mat, args.dims)
    levels = [kmeans(vec, int(k)) for k in args.ks.split(",")]
    with args.out.open("w", encoding="utf-8") as fh:
        for i, w in enumerate(words):
            fh.write(w + "\t" + "\t".join(str(lv[i]) for lv in levels) + "\n")
    print(f"{len(words)} words -> {args.out} in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
