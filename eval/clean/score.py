"""Score ``clean.text`` + ``meta.text`` on the hand-labelled articles (eval/clean/dev.jsonl).

    .venv/bin/python eval/clean/score.py            # held-out half (the figures to report)
    .venv/bin/python eval/clean/score.py --tune -v  # tune half, with every miss listed
    .venv/bin/python eval/clean/score.py --peer     # justext and trafilatura on the same lines

Body lines: every non-empty raw line is labelled body or boilerplate; warta
keeps a line when any character of it reaches ``Article.text`` (via the
offset runs).  Precision/recall/F1 are over body lines, pooled.

Metadata is scored on extraction from the raw text alone (the CSV columns
are not given): gold values are what the text states, ``null`` where it does
not.  A figure is the share of articles with a gold value that get exactly
that value (published: value and precision; authors: the same set of
(name, role); outlet: case-insensitive; title: whitespace-normalised);
"invented" counts articles with no gold value that got one anyway.
``-v`` lists misses only for the tune half: held-out failures stay unseen.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from eval.clean.data import SHARED_DATA, line_spans, record
from eval.split import is_held_out

REFERENCE_DATE = "2025-12-31"  # for year inference; every labelled article is from 2025


def load(held_out: bool) -> list[dict]:
    docs = [json.loads(x) for x in (HERE / "dev.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    return [d for d in docs if is_held_out(d["key"]) == held_out]


def run_warta(raw: str, key: str) -> object:
    import warta.clean
    import warta.meta  # noqa: F401
    from warta.clean.text import make_clean_text
    from warta.meta.text import make_meta_text
    from warta.model import Article

    clean, meta = _components(make_clean_text, make_meta_text)
    return meta(clean(Article(id=key, input_id=key, raw=raw)))


_CACHE: dict[str, object] = {}


def _components(make_clean: Callable, make_meta: Callable) -> tuple[Callable, Callable]:
    if not _CACHE:
        _CACHE["clean"] = make_clean()
        _CACHE["meta"] = make_meta(reference_date=REFERENCE_DATE)
    return _CACHE["clean"], _CACHE["meta"]  # type: ignore[return-value]


def kept_lines(raw: str, runs: list[tuple[int, int, int]]) -> set[int]:
    """Indices of raw lines that share a character with a kept run."""
    kept: set[int] = set()
    spans = line_spans(raw)
    for _, r0, n in runs:
        if n <= 0:
            continue
        for i, (s, e) in enumerate(spans):
            if s < r0 + n and r0 < e:
                kept.add(i)
    return kept


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def peer_lines(raw: str, extract: Callable[[str], str]) -> set[int]:
    """Lines whose text appears in a peer's output (the peers give no offsets)."""
    out = _norm(extract(raw))
    return {i for i, (s, e) in enumerate(line_spans(raw)) if raw[s:e].strip() and _norm(raw[s:e]) in out}


def _same_meta(field: str, gold: object, got: object) -> bool:
    if field == "published":
        return got == (gold["value"], gold["precision"])  # type: ignore[index]
    if field == "authors":
        return {(a["name"], a["role"]) for a in gold} == set(got)  # type: ignore[union-attr,arg-type]
    if field == "outlet":
        return got is not None and str(got).lower() == str(gold).lower()
    return got is not None and _norm(str(got)) == _norm(str(gold))


def meta_of(article: object) -> dict[str, object]:
    a = article
    return {
        "published": (a.published, a.published_precision) if a.published else None,  # type: ignore[attr-defined]
        "authors": [(x.name, x.role) for x in a.authors],  # type: ignore[attr-defined]
        "outlet": a.outlet,  # type: ignore[attr-defined]
        "title": a.title,  # type: ignore[attr-defined]
    }


FIELDS = ("published", "authors", "outlet", "title")


def score(docs: list[dict], verbose: bool = False, peer: Callable[[str], str] | None = None) -> dict[str, float]:
    tp = fp = fn = 0
    right = dict.fromkeys(FIELDS, 0)
    total = dict.fromkeys(FIELDS, 0)
    invented = dict.fromkeys(FIELDS, 0)
    for doc in docs:
        raw, _ = record(doc["key"])
        if peer is None:
            article = run_warta(raw, doc["key"])
            kept = kept_lines(raw, article.offsets)  # type: ignore[attr-defined]
        else:
            kept = peer_lines(raw, peer)
        for i, label, quote in doc["lines"]:
            hit = i in kept
            tp += hit and label == "body"
            fp += hit and label != "body"
            fn += not hit and label == "body"
            if verbose and hit != (label == "body"):
                print(f"  {'FP' if hit else 'FN'} {doc['key']} line {i}: {quote!r}")
        if peer is not None:
            continue
        got = meta_of(article)
        for f in FIELDS:
            gold = doc[f]
            if gold:
                total[f] += 1
                ok = _same_meta(f, gold, got[f])
                right[f] += ok
                if verbose and not ok:
                    print(f"  META {f} {doc['key']}: gold {gold!r} got {got[f]!r}")
            elif got[f]:
                invented[f] += 1
                if verbose:
                    print(f"  INVENTED {f} {doc['key']}: {got[f]!r}")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    res: dict[str, float] = {"articles": len(docs), "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    if peer is None:
        for f in FIELDS:
            res[f] = right[f] / total[f] if total[f] else 1.0
            res[f + "_n"] = total[f]
            res[f + "_invented"] = invented[f]
    return res


def _peers() -> dict[str, Callable[[str], str]]:
    import html

    import justext
    import trafilatura

    stop = justext.get_stoplist("Indonesian")

    def as_html(text: str) -> str:
        paras = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip())
        return f"<html><body><article>{paras}</article></body></html>"

    return {
        "justext": lambda raw: "\n".join(p.text for p in justext.justext(as_html(raw), stop) if not p.is_boilerplate),
        "trafilatura": lambda raw: trafilatura.extract(as_html(raw), favor_precision=True) or "",
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune", action="store_true", help="score the tune half instead of the held-out half")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses (tune half only)")
    ap.add_argument("--peer", action="store_true", help="also score justext and trafilatura on the body lines")
    args = ap.parse_args()
    if not SHARED_DATA.exists():
        sys.exit(f"needs {SHARED_DATA} (the development data in ../shared beside the repo)")
    docs = load(held_out=not args.tune)
    res = score(docs, verbose=args.verbose and args.tune)
    half = "tune" if args.tune else "held-out"
    print(f"{half} half: {res['articles']} articles")
    print(f"  body lines   P {res['precision']:.3f}  R {res['recall']:.3f}  F1 {res['f1']:.3f}")
    for f in FIELDS:
        print(f"  {f:10} {res[f]:6.1%} of {res[f + '_n']:2d}   invented {res[f + '_invented']}")
    if args.peer:
        for name, fn in _peers().items():
            r = score(docs, peer=fn)
            print(f"  {name:12} body lines P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")


if __name__ == "__main__":
    main()
