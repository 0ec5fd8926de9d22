"""Fit the sentence weights of warta/corpus/summary.py on IndoSum's extractive labels (tune half only).

IndoSum marks, per sentence, whether it belongs to the extractive oracle
summary (``gold_labels``).  Every article of the dev folds whose id is NOT
held out by eval/split.py gives one training row per candidate sentence
(summary.features); an L2-regularised logistic regression is fitted by
plain gradient descent in numpy and written to warta/corpus/summary_weights.json.

Usage: .venv/bin/python -m eval.corpus.train_summary [--folds dev.01,dev.02,dev.03] [--dry-run]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from eval.corpus.rouge import INDOSUM, article
from eval.split import is_held_out
from warta.corpus import summary as sm
from warta.corpus import text as tx

OUT = Path(sm.__file__).with_name("summary_weights.json")


def rows(folds: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    xs, ys, n = [], [], 0
    for fold in folds:
        path = INDOSUM / f"{fold}.jsonl"
        if not path.exists():
            sys.exit(f"needs {path}")
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if is_held_out(doc["id"]):
                continue
            labels = [bool(x) for p in doc["gold_labels"] for x in p]
            art, _ = article(doc)
            cands = sm.candidates(art)
            if not cands:
                continue
            xs += sm.features(cands, dict(tx.stems(art.text)))
            ys += [float(labels[i]) for i, _, _ in cands]
            n += 1
    return np.asarray(xs), np.asarray(ys), n


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3, steps: int = 4000, lr: float = 0.5) -> np.ndarray:
    mu, sd = x.mean(0), x.std(0)
    mu[0], sd[0] = 0.0, 1.0  # the bias column stays as is
    sd[sd == 0] = 1.0
    z = (x - mu) / sd
    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-z @ w))
        grad = z.T @ (p - y) / len(y) + l2 * np.r_[0.0, w[1:]]
        w -= lr * grad
    # fold the standardisation back so the module scores raw features
    raw = w / sd
    raw[0] = w[0] - float((w[1:] * mu[1:] / sd[1:]).sum())
    return raw


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", default="dev.01,dev.02,dev.03")
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    folds = args.folds.split(",")
    x, y, n = rows(folds)
    w = fit(x, y)
    out = {"about": f"Logistic weights over summary.FEATURES, fitted by eval/corpus/train_summary.py on the tune "
                    f"half (eval/split.py) of IndoSum {'+'.join(folds)}: {n} articles, {len(y)} sentences, "
                    f"{int(y.sum())} positive.",
           "weights": {f: round(float(v), 5) for f, v in zip(sm.FEATURES, w)}}
    print(json.dumps(out, indent=1))
    if not args.dry_run:
        OUT.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
