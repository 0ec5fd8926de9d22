"""Score the temporal tagger on hand-labelled snippets (eval/time/dev.jsonl).

    .venv/bin/python eval/time/score.py [--split dev|heldout|all] [--peer] [-v]

Recognition: precision/recall/F1 of spans (a prediction matches a gold span it
overlaps, one to one; "strict" needs the same offsets).  Normalisation: share of
matched spans whose value equals the gold value.  ``--peer`` scores
dateparser.search_dates(languages=['id','en']) on the same snippets (its day-level
datetimes are cut to the gold value's length, which favours it).
"""

from __future__ import annotations

import argparse
import json
import warnings
from collections.abc import Callable
from pathlib import Path

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
        preds.append((start, pos, stamp.date().isoformat()))
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
        preds = predict(doc["text"], doc["anchor"])
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
                    print(f"  MISS {doc['id']}: {g['text']!r} {g['value']}")
                continue
            used.add(hit)
            p = preds[hit]
            matched += 1
            strict += (p[0], p[1]) == (g["start"], g["end"])
            ok = _same(p[2], g["value"], lenient)
            correct += ok
            if verbose and not ok:
                print(f"  VALUE {doc['id']}: {g['text']!r} gold {g['value']} got {p[2]}")
        if verbose:
            for i, p in enumerate(preds):
                if i not in used:
                    print(f"  EXTRA {doc['id']}: {doc['text'][p[0] : p[1]]!r} {p[2]}")
    prec, rec = matched / max(n_pred, 1), matched / max(n_gold, 1)
    return {
        "gold": n_gold,
        "predicted": n_pred,
        "precision": prec,
        "recall": rec,
        "f1": 2 * prec * rec / max(prec + rec, 1e-9),
        "strict_span": strict / max(n_gold, 1),
        "norm_accuracy": correct / max(matched, 1),
        "correct_of_gold": correct / max(n_gold, 1),
    }


def load(split: str) -> list[dict]:
    docs = [
        json.loads(line) for line in (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    return [d for d in docs if split == "all" or d["split"] == split]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="all", choices=["dev", "heldout", "all"])
    ap.add_argument("--peer", action="store_true", help="also score dateparser")
    ap.add_argument("-v", "--verbose", action="store_true", help="print misses and wrong values")
    args = ap.parse_args()
    docs = load(args.split)
    runs: list[tuple[str, Callable[[str, str], list[Pred]], bool]] = [("warta", warta_predict, False)]
    if args.peer:
        runs.append(("dateparser", dateparser_predict, True))
    print(f"{len(docs)} snippets ({args.split})")
    for name, predict, lenient in runs:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            s = score(docs, predict, lenient, args.verbose)
        print(
            f"{name:11} gold {s['gold']:3d} predicted {s['predicted']:3d}  P {s['precision']:.3f} "
            f"R {s['recall']:.3f} F1 {s['f1']:.3f}  strict-span {s['strict_span']:.3f}  "
            f"normalisation {s['norm_accuracy']:.3f} (correct/gold {s['correct_of_gold']:.3f})"
        )


if __name__ == "__main__":
    main()
