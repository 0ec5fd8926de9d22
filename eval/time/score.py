"""Score the temporal tagger on whole hand-labelled articles (eval/time/articles.jsonl).

    .venv/bin/python -m eval.time.score [--tune | --all] [--peer] [--snippets] [-v]

The held-out half (eval/split.py) by default.  Texts are read from ../shared/data and
cleaned by ``clean.text@1`` at run time (see data.py); when the clean text's hash differs
from the labelled one, each gold span is re-anchored on its surface text (nearest
occurrence).  Recognition: precision/recall/F1 of spans, "relaxed" (a prediction
overlapping a gold span, one to one) and "strict" (same offsets).  Normalisation: share of
relaxed matches whose value equals the gold value.  ``--peer`` scores
dateparser.search_dates(languages=['id','en']) too (its datetimes cut to the gold value's
length, which favours it).  ``--snippets`` scores the old short snippets (dev.jsonl).
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "eval" importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eval.time import data
from warta.nlp.time import tag

HERE = Path(__file__).resolve().parent
Pred = tuple[int, int, str]  # start, end, value


def warta_predict(text: str, anchor: str) -> list[Pred]:
    return [(e.start, e.end, e.value) for e in tag(text, anchor)]


def dateparser_predict(text: str, anchor: str) -> list[Pred]:
    import datetime as dt

    from dateparser.search import search_dates

    base = dt.datetime.fromisoformat(anchor)
    found = search_dates(text, languages=["id", "en"], settings={"RELATIVE_BASE": base}) or []
    preds, pos = [], 0
    for span, stamp in found:
        start = text.find(span, pos)
        if start < 0:
            continue
        pos = start + len(span)
        preds.append((start, pos, stamp.isoformat()))
    return preds


def _same(pred: str, gold: str, lenient: bool) -> bool:
    if lenient and pred[:4].isdigit() and gold[:4].isdigit() and len(pred) >= len(gold):
        return pred[: len(gold)] == gold
    return pred == gold


def score(
    docs: list[dict], predict: Callable[[str, str], list[Pred]], lenient: bool = False, verbose: bool = False
) -> dict[str, float]:
    n_gold = n_pred = matched = strict = correct = 0
    for doc in docs:
        preds = sorted(predict(doc["text"], doc["anchor"]))
        used: set[int] = set()
        n_gold += len(doc["expressions"])
        n_pred += len(preds)
        for g in doc["expressions"]:
            hit = next(
                (i for i, p in enumerate(preds) if i not in used and p[0] < g["end"] and g["start"] < p[1]),
                None,
            )
            if hit is None:
                if verbose:
                    print(f"  MISS  {doc['id']}: {g['text']!r} {g['value']}")
                continue
            used.add(hit)
            p = preds[hit]
            matched += 1
            strict += (p[0], p[1]) == (g["start"], g["end"])
            ok = _same(p[2], g["value"], lenient)
            correct += ok
            if verbose and not ok:
                print(f"  VALUE {doc['id']}: {g['text']!r} gold {g['value']} got {p[2]}")
            elif verbose and (p[0], p[1]) != (g["start"], g["end"]):
                print(f"  SPAN  {doc['id']}: gold {g['text']!r} got {doc['text'][p[0] : p[1]]!r}")
        if verbose:
            for i, p in enumerate(preds):
                if i not in used:
                    print(f"  EXTRA {doc['id']}: {doc['text'][p[0] : p[1]]!r} {p[2]}")
    return _figures(n_gold, n_pred, matched, strict, correct)


def _figures(n_gold: int, n_pred: int, matched: int, strict: int, correct: int) -> dict[str, float]:
    def f1(hits: int) -> tuple[float, float, float]:
        p, r = hits / max(n_pred, 1), hits / max(n_gold, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)

    prec, rec, f = f1(matched)
    sp, sr, sf = f1(strict)
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "precision": prec,
        "recall": rec,
        "f1": f,
        "strict_precision": sp,
        "strict_recall": sr,
        "strict_f1": sf,
        "norm_accuracy": correct / max(matched, 1),
        "correct_of_gold": correct / max(n_gold, 1),
    }


def _reanchor(doc: dict, text: str) -> list[dict]:
    """Gold spans moved onto the current clean text by their surface (nearest occurrence)."""
    moved = []
    for g in doc["expressions"]:
        if text[g["start"] : g["end"]] == g["text"]:
            moved.append(g)
            continue
        hits = [i for i in range(len(text)) if text.startswith(g["text"], i)]
        if hits:
            start = min(hits, key=lambda i: abs(i - g["start"]))
            moved.append({**g, "start": start, "end": start + len(g["text"])})
    return moved


def load(split: str = "heldout") -> list[dict]:
    """Labelled articles of a split (heldout, tune, all) with their clean text."""
    docs = []
    for line in (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if split != "all" and doc["split"] != split:
            continue
        text, _ = data.article(doc["key"])
        exprs = doc["expressions"] if data.text_hash(text) == doc["text_sha1"] else _reanchor(doc, text)
        docs.append({**doc, "id": doc["key"].split("/")[-1], "text": text, "expressions": exprs})
    return docs


def load_snippets(split: str = "all") -> list[dict]:
    """The first, short labelled snippets (dev.jsonl, split dev/heldout; mostly tuned on)."""
    lines = (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line]
    return [d for d in docs if split == "all" or d["split"] == split]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--tune", action="store_true", help="score the tune half")
    group.add_argument("--all", action="store_true", help="score both halves")
    ap.add_argument("--peer", action="store_true", help="also score dateparser")
    ap.add_argument("--snippets", action="store_true", help="score the short snippets of dev.jsonl")
    ap.add_argument("-v", "--verbose", action="store_true", help="print misses and wrong values")
    args = ap.parse_args()
    split = "tune" if args.tune else "all" if args.all else "heldout"
    if args.snippets:
        docs = load_snippets()
    elif not data.available():
        sys.exit(f"needs {data.DATA} (the development data in ../shared beside the repo)")
    else:
        docs = load(split)
    runs: list[tuple[str, Callable[[str, str], list[Pred]], bool]] = [("warta", warta_predict, False)]
    if args.peer:
        runs.append(("dateparser", dateparser_predict, True))
    print(f"{len(docs)} {'snippets (all)' if args.snippets else 'articles (' + split + ')'}")
    for name, predict, lenient in runs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = score(docs, predict, lenient, args.verbose)
        print(
            f"{name:10} gold {s['gold']:3d} predicted {s['predicted']:3d}  relaxed P {s['precision']:.3f} "
            f"R {s['recall']:.3f} F1 {s['f1']:.3f}  strict F1 {s['strict_f1']:.3f}  "
            f"normalisation {s['norm_accuracy']:.3f} (correct/gold {s['correct_of_gold']:.3f})"
        )


if __name__ == "__main__":
    main()
