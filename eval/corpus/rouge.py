"""ROUGE-1/2 of warta's extractive summary beside LEAD-3 (and LEAD at warta's length) on IndoSum.

IndoSum (../shared/data/indosum, CC BY-SA 4.0) gives tokenised articles and
abstractive reference summaries.  Articles are split by eval/split.py on
their id; the default scores the held-out half of fold dev.01.

ROUGE is implemented simply here: unigram / bigram overlap F1 between the
lower-cased word tokens of candidate and reference (clipped counts, no
stemming, no stopword removal), averaged over articles.  Figures are
therefore close to, but not the same as, the official ROUGE-1.5.5 script.

Systems: ``warta`` is ``summarize_article`` with its defaults (about
``summary.WORDS`` words); ``lead3`` the first three sentences; ``leadw``
the first sentences up to the same word budget by the same stopping rule,
so that the gain of picking sentences is told apart from the gain of
length alone (ROUGE F1 favours candidates as long as the reference).

Usage: .venv/bin/python -m eval.corpus.rouge [--fold dev.01] [--half held|tune|all] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from eval.split import is_held_out
from warta.corpus.summary import WORDS, summarize_article
from warta.corpus.text import words as words_of
from warta.model import Article, Span

INDOSUM = Path(__file__).resolve().parents[3] / "shared" / "data" / "indosum"


def _tokens(text: str) -> list[str]:
    return [t for t in text.lower().split() if any(c.isalnum() for c in t)]


def rouge_n(cand: list[str], ref: list[str], n: int) -> float:
    grams = lambda toks: Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))
    c, r = grams(cand), grams(ref)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    p, rec = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rec / (p + rec)


def lead_words(sents: list[str], words: int = WORDS) -> list[str]:
    """Leading sentences while each one takes the length nearer to ``words``."""
    out: list[str] = []
    total = 0
    for s in sents:
        size = len(words_of(s))
        if out and abs(total + size - words) > abs(total - words):
            break
        out.append(s)
        total += size
    return out


def article(doc: dict) -> tuple[Article, list[str]]:
    """An Article with sentence spans from IndoSum's tokenised paragraphs, and its sentences."""
    sents, text, spans = [], "", []
    for para in doc["paragraphs"]:  # paragraphs end in a newline, as in cleaned articles
        for k, toks in enumerate(para):
            s = " ".join(toks)
            spans.append(Span(len(text), len(text) + len(s)))
            sents.append(s)
            text += s + ("\n" if k == len(para) - 1 else " ")
    return Article(id=doc["id"], input_id=doc["id"], text=text, sentences=spans), sents


def evaluate(fold: str, half: str, limit: int | None) -> dict[str, float | int]:
    path = INDOSUM / f"{fold}.jsonl"
    if not path.exists():
        sys.exit(f"needs {path}")
    sums = Counter()
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if half != "all" and is_held_out(doc["id"]) != (half == "held"):
            continue
        ref = _tokens(" ".join(" ".join(s) for s in doc["summary"]))
        art, sents = article(doc)
        systems = {
            "warta": " ".join(summarize_article(art)),
            "lead3": " ".join(sents[:3]),
            "leadw": " ".join(lead_words(sents)),
        }
        for name, cand in systems.items():
            toks = _tokens(cand)
            sums[f"{name}_r1"] += rouge_n(toks, ref, 1)
            sums[f"{name}_r2"] += rouge_n(toks, ref, 2)
        n += 1
        if limit and n >= limit:
            break
    return {"articles": n, **{k: round(100 * v / max(n, 1), 2) for k, v in sorted(sums.items())}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fold", default="dev.01")
    ap.add_argument("--half", choices=["held", "tune", "all"], default="held")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    print(json.dumps(evaluate(args.fold, args.half, args.limit), indent=1))


if __name__ == "__main__":
    main()
