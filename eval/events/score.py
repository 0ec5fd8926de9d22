"""Score quotes, claims and events on the hand-labelled articles (eval/events/dev*.jsonl).

    .venv/bin/python eval/events/score.py [--tune] [-v] [--only dev2.jsonl]

The labelled sets are dev.jsonl (rounds 1-2), dev2.jsonl (round 3, events
only) and dev3.jsonl (round 4: quotes, claims and events on 20 detik and 20
kompas-md articles); selection rules in data.py; ``--only`` scores one of them.  ``-v`` lists
each miss and extra, and the errors by category: a missed label is put down to
the closest unused prediction of its article (wrong date, wrong target, wrong
source, wrong type) or to a missed trigger; an extra no miss explains is spurious.

Runs the whole per-article pipeline on each labelled article (read from
../shared/data at run time) of the held-out half (``--tune``: the other half).
Quotes: a prediction matches a gold quote when they overlap by at least half of
the shorter span (one to one); span P/R/F1 count matches; speaker P/R/F1 count a
match only when the speaker is right too (gold quotes of an unnamed speaker are
not in the recall; a named prediction on them is a false positive).  A speaker
is the entity's names, or ``speaker_name`` when the recogniser missed the
speaker (no entity id).  Events: type, source, target and date all right (a
gold date of null accepts any; a gold date matches a prediction that starts
with it, so "2025-06" accepts "2025-06-10"), one to one, news before background;
a prediction marked background counts (as a true positive) only when it matches a
label, so that telling a past event as background is never a false positive.  FIGHT, AGREE and COOPERATE are symmetric: swapped
roles match.  "Loose" event figures ignore the date.  Records labelled
``"scope": "events"`` have no quote or claim labels and count for events only.

Actors (how names match): a predicted actor is its entity's id, name and
aliases (a group actor such as "polisi" is an entity of the article too).  A
gold label is a name or an entity id; "|" separates alternatives.  A gold
alternative matches when it equals the id or a name (case-insensitive), when
one is the other's acronym ("KPK"), or when the words of one are all among the
words of the other and include a word that is not generic ("Israel" matches
"Militer Israel"; "Korea Utara" does not match "Korea Selatan"; "Kementerian
ESDM" does not match "Kementerian Keuangan").  When cleaning has changed
(text hash differs), quote and claim spans are found again by their first
words.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from eval.events.data import DATA, analyse, text_hash
from warta.model import Article, Quote

# Words that do not tell one actor from another: they cannot carry a match alone.
_GENERIC = frozenset(
    "presiden menteri kementerian polda polres pemerintah komisi the dan ketua kepala wakil "
    "pihak para badan partai dewan otoritas militer pasukan".split()
)
_PUNCT = str.maketrans({c: " " for c in "()[],.;:'\"\u201c\u201d"})


def _words(name: str) -> frozenset[str]:
    return frozenset(name.lower().translate(_PUNCT).split())


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _same_actor(gold: str, name: str) -> bool:
    if gold.lower() == name.lower():
        return True
    if (len(name) >= 3 and name == _initials(gold)) or (len(gold) >= 3 and gold == _initials(name)):
        return True
    g, n = _words(gold), _words(name)
    small, big = (g, n) if len(g) <= len(n) else (n, g)
    return bool(small - _GENERIC) and small <= big


def same_speaker(gold: str | None, names: list[str]) -> bool:
    """Quotes and claims keep round 1's looser rule: the same name, a shared word of 3+
    letters that is not generic, or the acronym."""
    if gold is None:
        return not names
    loose = lambda x: {w for w in _words(x) if len(w) >= 3} - _GENERIC  # noqa: E731
    return any(
        a.strip().lower() == n.lower() or loose(a) & loose(n) or (len(n) >= 3 and n == _initials(a))
        for a in gold.split("|")
        for n in names
    )


def same_name(gold: str | None, names: list[str]) -> bool:
    """True when a gold label (alternatives split by "|") names one of ``names``;
    a gold of None wants no actor."""
    if gold is None:
        return not names
    return any(_same_actor(a.strip(), n) for a in gold.split("|") for n in names)


def _names(article: Article, ent_id: str | None, name: str | None = None) -> list[str]:
    """The entity's names; a speaker the recogniser missed is named by ``speaker_name`` alone."""
    if ent_id is None:
        return [name] if name else []
    ent = article.entities.get(ent_id)
    return [ent.name, *ent.aliases, ent_id] if ent else [ent_id]


def _speaker(article: Article, q: Quote) -> list[str]:
    return _names(article, q.speaker, q.speaker_name)


def _relocate(text: str, items: list[dict]) -> None:
    for g in items:
        s = text.find(g["words"])
        if s >= 0:
            g["start"], g["end"] = s, s + max(len(g["words"]), g["end"] - g["start"])


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    return inter > 0 and inter >= 0.5 * min(a[1] - a[0], b[1] - b[0])


def _same_date(gold: str | None, pred: str | None) -> bool:
    return gold is None or (pred is not None and pred.startswith(gold))


class Tally:
    def __init__(self) -> None:
        self.c: dict[str, int] = {}

    def add(self, key: str, n: int = 1) -> None:
        self.c[key] = self.c.get(key, 0) + n

    def prf(self, tp: str, pred: str, gold: str) -> tuple[float, float, float]:
        p = self.c.get(tp, 0) / max(1, self.c.get(pred, 0))
        r = self.c.get(tp + "_r", self.c.get(tp, 0)) / max(1, self.c.get(gold, 0))
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score_article(doc: dict, t: Tally, verbose: bool) -> None:
    art = analyse(doc["key"])
    _score_events(doc, art, t, verbose)
    if doc.get("scope") == "events":
        return
    if text_hash(art.text) != doc["text_sha1"]:
        _relocate(art.text, doc["quotes"] + doc["claims"])
    preds = list(art.quotes)
    used: set[int] = set()
    t.add("q_gold", len(doc["quotes"]))
    t.add("q_pred", len(preds))
    t.add("s_pred", sum(bool(_speaker(art, q)) for q in preds))
    for g in doc["quotes"]:
        t.add("s_gold", g["speaker"] is not None)
        hit = next(
            (
                i
                for i, q in enumerate(preds)
                if i not in used and _overlap((q.start, q.end), (g["start"], g["end"]))
            ),
            None,
        )
        if hit is None:
            if verbose:
                print(f"  MISS quote {doc['key']}: {g['speaker']}: {g['words'][:50]!r}")
            continue
        used.add(hit)
        q = preds[hit]
        t.add("q_tp")
        if g["speaker"] is not None and same_speaker(g["speaker"], _speaker(art, q)) and _speaker(art, q):
            t.add("s_tp")
        elif verbose and (g["speaker"] or _speaker(art, q)):
            print(
                f"  SPEAKER {doc['key']}: gold {g['speaker']} got {_speaker(art, q)[:1]}: {g['words'][:40]!r}"
            )
    if verbose:
        for i, q in enumerate(preds):
            if i not in used:
                print(f"  EXTRA quote {doc['key']}: {_speaker(art, q)[:1]}: {q.text[:50]!r}")
    _score_claims(doc, art, t)


SYMMETRIC = frozenset({"FIGHT", "AGREE", "COOPERATE"})


def _actors_match(g: dict, art: Article, source: str | None, target: str | None) -> bool:
    src, tgt = _names(art, source), _names(art, target)
    if same_name(g["source"], src) and same_name(g["target"], tgt):
        return True
    return g["type"] in SYMMETRIC and same_name(g["source"], tgt) and same_name(g["target"], src)


def _match(golds: list[dict], preds: list, art: Article, dated: bool) -> tuple[int, list[dict], set[int]]:
    used: set[int] = set()
    missed = []
    for g in golds:
        hit = next(
            (
                i
                for i, e in enumerate(preds)
                if i not in used
                and e.type == g["type"]
                and _actors_match(g, art, e.source, e.target)
                and (not dated or _same_date(g["date"], e.date))
            ),
            None,
        )
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    return len(used), missed, used


def _why(g: dict, e, art: Article) -> str | None:
    """Why prediction ``e`` is not gold ``g`` when it is nearly it, else None."""
    src, tgt = _names(art, e.source), _names(art, e.target)
    if e.type == g["type"]:
        if _actors_match(g, art, e.source, e.target):
            return "wrong date"
        if same_name(g["source"], src):
            return "wrong target"
        if same_name(g["target"], tgt) and g["target"] is not None:
            return "wrong source"
        return None
    return "wrong type" if same_name(g["source"], src) and same_name(g["target"], tgt) else None


_ORDER = ("wrong date", "wrong target", "wrong source", "wrong type")


def _categorise(missed: list[dict], news: list, used: set[int], art: Article, t: Tally) -> None:
    free = [i for i in range(len(news)) if i not in used]
    for g in missed:
        best = min(((_ORDER.index(w), i, w) for i in free if (w := _why(g, news[i], art))), default=None)
        if best is None:
            t.add("err:missed trigger")
        else:
            t.add("err:" + best[2])
            free.remove(best[1])
    t.add("err:spurious", len(free))


def _score_events(doc: dict, art: Article, t: Tally, verbose: bool) -> None:
    news = [e for e in art.events if not e.background]
    background = [e for e in art.events if e.background]
    preds = news + background  # background reports count only when they match a label
    t.add("e_gold", len(doc["events"]))
    tp, missed, used = _match(doc["events"], preds, art, dated=True)
    t.add("e_pred", len(news) + sum(i >= len(news) for i in used))
    t.add("e_tp", tp)
    t.add("el_tp", _match(doc["events"], preds, art, dated=False)[0])
    _categorise(missed, news, used, art, t)
    if not verbose:
        return
    for g in missed:
        print(f"  MISS event {doc['key']}: {g['type']} {g['source']} -> {g['target']} {g['date']}")
    for i, e in enumerate(news):
        if i not in used:
            src, tgt = _names(art, e.source)[:1], _names(art, e.target)[:1]
            print(
                f"  EXTRA event {doc['key']}: {e.type} {src} -> {tgt} {e.date} ({e.trigger}) "
                f"{art.text[e.start : e.end][:70]!r}"
            )


def _score_claims(doc: dict, art: Article, t: Tally) -> None:
    t.add("c_gold", len(doc["claims"]))
    t.add("c_pred", len(art.claims))
    used: set[int] = set()
    for g in doc["claims"]:
        for i, c in enumerate(art.claims):
            if i in used or not _overlap((c.start, c.end), (g["start"], g["end"])):
                continue
            names = [n for a in c.asserted_by for n in _names(art, a)]
            if all(same_speaker(b, names) for b in g["asserted_by"]):
                used.add(i)
                t.add("c_tp")
                break


FILES = ("dev.jsonl", "dev2.jsonl", "dev3.jsonl")


def load(files: tuple[str, ...] = FILES) -> list[dict]:
    return [
        json.loads(line)
        for name in files
        for line in (HERE / name).read_text(encoding="utf-8").splitlines()
        if line
    ]


def evaluate(
    held_out: bool = True, verbose: bool = False, files: tuple[str, ...] = FILES
) -> dict[str, float]:
    docs = load(files)
    t = Tally()
    for doc in docs:
        if doc["held_out"] == held_out:
            score_article(doc, t, verbose)
    qp, qr, qf = t.prf("q_tp", "q_pred", "q_gold")
    sp, sr, sf = t.prf("s_tp", "s_pred", "s_gold")
    ep, er, ef = t.prf("e_tp", "e_pred", "e_gold")
    lp, lr, _ = t.prf("el_tp", "e_pred", "e_gold")
    cp, cr, _ = t.prf("c_tp", "c_pred", "c_gold")
    r = {
        "quote_span_p": qp,
        "quote_span_r": qr,
        "quote_span_f1": qf,
        "speaker_p": sp,
        "speaker_r": sr,
        "speaker_f1": sf,
        "event_p": ep,
        "event_r": er,
        "event_f1": ef,
        "event_loose_p": lp,
        "event_loose_r": lr,
        "event_gold": t.c.get("e_gold", 0),
        "event_pred": t.c.get("e_pred", 0),
        "claim_p": cp,
        "claim_r": cr,
    }
    r.update({k: v for k, v in t.c.items() if k.startswith("err:")})
    return {k: round(v, 3) for k, v in r.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tune", action="store_true", help="score the tuning half instead of the held-out half")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--only", choices=FILES, help="score one labelled set")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the development data in ../shared beside the repo)")
    files = (args.only,) if args.only else FILES
    r = evaluate(held_out=not args.tune, verbose=args.verbose, files=files)
    print(f"{'tune' if args.tune else 'held-out'} half")
    print(
        f"quote span      P {r['quote_span_p']:.3f}  R {r['quote_span_r']:.3f}  F1 {r['quote_span_f1']:.3f}"
    )
    print(f"quote speaker   P {r['speaker_p']:.3f}  R {r['speaker_r']:.3f}  F1 {r['speaker_f1']:.3f}")
    print(f"events          P {r['event_p']:.3f}  R {r['event_r']:.3f}  F1 {r['event_f1']:.3f}")
    print(f"events, no date P {r['event_loose_p']:.3f}  R {r['event_loose_r']:.3f}")
    print(f"  ({r['event_pred']} predicted, {r['event_gold']} labelled events)")
    print(f"claims          P {r['claim_p']:.3f}  R {r['claim_r']:.3f}")
    errs = {k[4:]: v for k, v in r.items() if k.startswith("err:")}
    print("event errors    " + ", ".join(f"{k} {v}" for k, v in sorted(errs.items(), key=lambda x: -x[1])))


if __name__ == "__main__":
    main()
