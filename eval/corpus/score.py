"""Score the corpus stage: same-event clustering (B-cubed) and near-duplicates (P/R).

Labels: ``eval/corpus/clusters.jsonl``, one line per article of the indonews
June 2025 set (key "file:rowN", url, the analyst's event cluster).  The texts
are read from ../shared/data at run time.  The split is by CLUSTER: a cluster
is held out when ``is_held_out`` of its first key (sorted) is, so no event is
ever split between the halves.

Clustering: the labelled articles go through the real ingest (a temp JSONL,
``read_paths``, ``ingest``) into a temp SQLite store, then ``event_cluster``
is compared with the labels by B-cubed precision/recall/F1.

Near-duplicates: the same originals plus perturbed copies (see ``perturb``):
an updated version under the same URL, a re-publication under another URL
with small edits, and a copy with a paragraph dropped and a new lead.  A copy
is found when ``duplicate_of`` names its original; a false positive is any
other article (an original, or a copy pointing to the wrong original) marked
duplicate.  Same-event articles of other outlets are the hard negatives.

Real duplicates among the originals: the scrape itself holds same-outlet
re-publications and follow-ups that put a new lead in front of an earlier
article's body.  An analyst listed them in ``eval/corpus/real_dups.jsonl``
(key, original, kind, a note on the evidence), judged on the texts alone:
each such article counts as a copy whose expected ``duplicate_of`` is its
original, and a perturbed copy of it is expected to point to that original
too (the root).  Where the two were published at different times the
original is the one published first, whichever the store saw first.

Usage: .venv/bin/python -m eval.corpus.score [--half held|tune|all] [--no-dups] [--show]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from eval.split import is_held_out

ROOT = Path(__file__).resolve().parents[2]
LABELS = Path(__file__).with_name("clusters.jsonl")
REAL_DUPS = Path(__file__).with_name("real_dups.jsonl")
DATA = ROOT.parent / "shared" / "data" / "indonews-2025-06-early"


def load_labels(half: str = "held") -> list[dict[str, Any]]:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    first: dict[str, str] = {}
    for lab in sorted(labels, key=lambda x: x["key"]):
        first.setdefault(lab["cluster"], lab["key"])
    if half == "all":
        return labels
    want = half == "held"
    return [lab for lab in labels if is_held_out(first[lab["cluster"]]) == want]


def read_rows(keys: set[str]) -> dict[str, dict[str, str]]:
    """CSV rows by key "file:rowN" (data rows counted from 1)."""
    if not DATA.exists():
        sys.exit(f"needs {DATA} (../shared/data beside the repo)")
    csv.field_size_limit(1 << 30)
    out: dict[str, dict[str, str]] = {}
    for name in sorted({k.split(":")[0] for k in keys}):
        with (DATA / name).open(encoding="utf-8", errors="replace", newline="") as fh:
            for n, row in enumerate(csv.DictReader(fh), 1):
                if f"{name}:row{n}" in keys:
                    out[f"{name}:row{n}"] = row
    return out


def record(row: dict[str, str], key: str) -> dict[str, str]:
    date, clock = row.get("date", "").strip(), row.get("time", "").strip()
    published = f"{date} {clock}" if clock and clock not in date else date
    return {"id": key, "url": row["url"], "outlet": row["source"], "title": row["title"],
            "published": published, "text": row["content"]}


# ------------------------------------------------------------------ perturbed copies


def perturb(rec: dict[str, str], kind: str, rng: random.Random) -> dict[str, str]:
    """A copy of ``rec`` of one kind: "update" (same URL), "repub" (other URL), "trim"."""
    paras = [p for p in rec["text"].split("\n") if p.strip()]
    text = rec["text"]
    if kind == "update" and len(paras) > 2:
        i = rng.randrange(1, len(paras))
        paras.insert(i, "Pembaruan: keterangan tambahan disampaikan pihak terkait kepada wartawan sore ini.")
        words = paras[-1].split()
        if len(words) > 6:
            words[rng.randrange(len(words))] = "juga"
        paras[-1] = " ".join(words)
        text = "\n".join(paras)
    elif kind == "repub":
        words = text.split(" ")
        for _ in range(max(1, len(words) // 60)):  # about 1-2 % of words changed
            words[rng.randrange(len(words))] = rng.choice(["tersebut", "itu", "pun", "kini"])
        text = "Jakarta (Republikasi) - " + " ".join(words) + "\n\nBaca juga: berita lainnya di sini."
    elif kind == "trim" and len(paras) > 4:
        paras.pop(rng.randrange(1, len(paras) - 1))
        text = "\n".join(paras[: max(3, len(paras) - 1)])
    url = rec["url"] if kind == "update" else rec["url"].replace("://", "://mirror.", 1) + f"-{kind}"
    return {**rec, "id": f"{rec['id']}#{kind}", "url": url, "text": text}


def copies(recs: list[dict[str, str]], seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i, rec in enumerate(recs):
        kind = ("update", "repub", "trim", None)[i % 4]
        copy = perturb(rec, kind, rng) if kind else None
        if copy and copy["text"] != rec["text"]:  # a short text "trim" leaves alone is no copy
            out.append(copy)
    return out


# ------------------------------------------------------------------ ingest and measures


def ingest_records(recs: list[dict[str, str]], db: Path) -> list[dict[str, Any]]:
    from warta import config as config_mod
    from warta.ingest.readers import read_paths
    from warta.ingest.run import ingest
    from warta.store import Store

    src = db.with_suffix(".jsonl")
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    cfg = config_mod.load()
    store = Store(str(db))
    try:
        ingest(read_paths([str(src)], cfg.csv_columns, cfg.max_record_bytes), store, cfg)
        return store.article_rows(["id", "input_id", "url", "event_cluster", "duplicate_of"])
    finally:
        store.close()


def bcubed(gold: dict[str, str], pred: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the items present in both mappings."""
    items = [i for i in gold if i in pred]
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i in items:
        by_gold[gold[i]].add(i)
        by_pred[pred[i]].add(i)
    p = r = 0.0
    for i in items:
        g, s = by_gold[gold[i]], by_pred[pred[i]]
        both = len(g & s)
        p += both / len(s)
        r += both / len(g)
    n = len(items) or 1
    p, r = p / n, r / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def real_dups() -> dict[str, str]:
    """Labelled real duplicates among the originals: key -> key of its original."""
    lines = REAL_DUPS.read_text(encoding="utf-8").splitlines()
    return {d["key"]: d["original"] for d in map(json.loads, filter(str.strip, lines))}


def score(half: str = "held", dups: bool = True, show: bool = False) -> dict[str, Any]:
    labels = load_labels(half)
    rows = read_rows({lab["key"] for lab in labels})
    recs = [record(rows[lab["key"]], lab["key"]) for lab in labels if lab["key"] in rows]
    extra = copies(recs) if dups else []
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        stored = ingest_records(recs + extra, Path(tmp) / "eval.db")
        seconds = time.perf_counter() - start
    by_input = {r["input_id"]: r for r in stored}
    gold = {lab["key"]: lab["cluster"] for lab in labels}
    pred = {k: by_input[k]["event_cluster"] for k in gold if k in by_input and by_input[k]["event_cluster"]}
    p, r, f = bcubed(gold, pred)
    out: dict[str, Any] = {"half": half, "articles": len(gold), "stored": sum(k in by_input for k in gold),
                           "clustered": len(pred),
                           "gold_clusters": len(set(gold.values())), "pred_clusters": len(set(pred.values())),
                           "bcubed_p": round(p, 4), "bcubed_r": round(r, 4), "bcubed_f1": round(f, 4),
                           "seconds": round(seconds, 1)}
    if dups:
        out.update(dup_scores(by_input, extra, real_dups(), show))
    return out


def dup_scores(by_input: dict[str, dict[str, Any]], extra: list[dict[str, str]], real: dict[str, str],
               show: bool = False) -> dict[str, Any]:
    """Precision/recall of ``duplicate_of`` on the perturbed copies and the labelled real duplicates."""
    # Only pairs whose original and copy were both stored can be judged: an
    # article the per-article pipeline skipped or failed is reported apart.
    real = {k: v for k, v in real.items() if k in by_input and v in by_input}
    want = {c["id"]: c["id"].split("#")[0] for c in extra if c["id"].split("#")[0] in by_input}
    want = {k: real.get(v, v) for k, v in want.items()} | real  # a copy of a re-publication -> its root
    ids = {k: r["id"] for k, r in by_input.items()}
    names = {v: k for k, v in ids.items()}
    tp = fp = fn = 0
    for key, row in sorted(by_input.items()):
        dup = row["duplicate_of"]
        if key in want:
            if dup and dup == ids.get(want[key]):
                tp += 1
                continue
            fn += 1
            fp += bool(dup)
        elif dup:
            fp += 1
        else:
            continue
        if show:
            print(f"{key}: duplicate_of {names.get(dup, dup)}, expected {want.get(key)}", file=sys.stderr)
    missing = sum(1 for k in want if k not in by_input)
    fn += missing
    return {"dup_copies": len(want), "dup_real": len(real), "dup_copy_not_stored": missing,
            "dup_p": round(tp / (tp + fp), 4) if tp + fp else 1.0,
            "dup_r": round(tp / (tp + fn), 4) if tp + fn else 1.0, "dup_fp": fp, "dup_fn": fn}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["held", "tune", "all"], default="held")
    ap.add_argument("--no-dups", action="store_true")
    ap.add_argument("--show", action="store_true", help="print each near-duplicate error on stderr")
    args = ap.parse_args()
    print(json.dumps(score(args.half, not args.no_dups, args.show), indent=1))


if __name__ == "__main__":
    main()
