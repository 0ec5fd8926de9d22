"""Exact-span PER/ORG/LOC F1 on the held-out NER splits, per set and per system.

    .venv/bin/python eval/ner/score.py [--limit N] [--sets idner,nergrit,nerp] [--model PATH]

Sets: idner-news-2k dev, NERGrit valid, NERP valid (never trained on; NERP is
lower-cased).  Systems:
- gazetteer: KB alias matches only (the baseline);
- rules: nlp.entities@1 without the tagger (gazetteer + cue-backed capitalised names);
- tagger: the CRF alone;
- pipeline: nlp.entities@1 as shipped (gazetteer + rules + tagger for names not in the KB);
- pipe+gpe: the same output, also counting every GPE mention (a country as a state) as LOC.
Spans are compared on word characters (punctuation at the edges dropped on both sides:
"Partai Persatuan Pembangunan (PPP)" is scored as the gold's "... (PPP").  Descriptions
("pemimpin Rusia tersebut", "rezim Kim") are not names and are left out of the pipeline's
output here, and of nested mentions only the outermost is scored ("Jakarta Pusat", not
also "Jakarta").

Countries: the pipeline labels a country LOC where it reads it as a place ("di Iran",
"ke Jepang") and GPE where it is the state, an actor or a modifier ("Iran mengatakan",
"Perdana Menteri Inggris"), which idner and NERGrit leave unlabelled; both link to the
country.  LOC is scored as LOC and GPE is not scored; "pipe+gpe" shows the figure with
every GPE counted as LOC (the convention before round 3).

Extra figure, labelled "F1 -countries": the same F1 after dropping, from gold AND
prediction alike, every span whose text is a country in the KB ("Iran",
"Amerika Serikat"), to show how much of the remaining gap is about countries.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from warta.kb import load as load_kb
from warta.model import Mention
from warta.nlp.entities import EntityRecognizer
from warta.nlp.entities import tagger as crf
from warta.nlp.entities.train_tagger import DATA, SETS, Prepared, Sentence, load_split

HERE = Path(__file__).resolve().parent
LABELS = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}
GPE_AS_LOC = {**LABELS, "GPE": "LOC"}  # the extra figure: every state mention counted as a location
Spans = set[tuple[int, int, str]]


def gazetteer_spans(prep: Prepared, s: Sentence) -> Spans:
    tags = prep.feat.gaz_tags(s.toks, prep.gazetteer.find(s.toks, {0}))
    return _from_labels(s, [t[0] + "-" + t[1:] if t != "O" else t for t in tags])


def tagger_spans(prep: Prepared, s: Sentence) -> Spans:
    return _from_labels(s, crf.tag(prep.features(s)))


def _from_labels(s: Sentence, labels: list[str]) -> Spans:
    return {
        (s.toks.starts[sp.first], s.toks.ends[sp.last], sp.label)
        for sp in crf.spans(labels)
        if sp.label in ("PER", "ORG", "LOC")
    }


def recognizer_spans(
    rec: EntityRecognizer, labels: dict[str, str] = LABELS
) -> Callable[[Prepared, Sentence], Spans]:
    def predict(prep: Prepared, s: Sentence) -> Spans:
        mentions = [m for m in rec.extract(s.text)[0] if m.how != "coref" and m.label in labels]
        names = [m for m in mentions if not (m.how == "metonymy" and m.text[:1].islower())]
        outer = [m for m in names if not any(o is not m and _within(m, o) for o in names)]
        return {(*_word_edges(s.text, m.start, m.end), labels[m.label]) for m in outer}

    return predict


def _word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without punctuation at its edges ("(PPP)" -> "PPP"), as the gold spans are cut."""
    while start < end and not (text[start].isalnum() or text[start] == "_"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return start, end


def _within(m: Mention, o: Mention) -> bool:
    """m lies inside o (names nested in a longer name: only the outer one is scored)."""
    return o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)


def prf(gold: int, pred: int, hit: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return 100 * p, 100 * r, 100 * (2 * p * r / (p + r) if p + r else 0.0)


_COUNTRY: dict[str, bool] = {}


def is_country(text: str) -> bool:
    """The span text names a country of the KB (any reading of it)."""
    if text not in _COUNTRY:
        _COUNTRY[text] = any(e.type == "country" for e in load_kb().lookup(text))
    return _COUNTRY[text]


def score(sents: list[Sentence], predict: Callable[[Prepared, Sentence], Spans], prep: Prepared) -> dict:
    gold = pred = hit = 0
    nc = [0, 0, 0]  # gold, pred, hit without KB-country spans on either side
    per_label: dict[str, list[int]] = {}
    for s in sents:
        found = predict(prep, s)
        gold, pred, hit = gold + len(s.gold), pred + len(found), hit + len(found & s.gold)
        g2 = {x for x in s.gold if not is_country(s.text[x[0] : x[1]])}
        f2 = {x for x in found if not is_country(s.text[x[0] : x[1]])}
        nc = [nc[0] + len(g2), nc[1] + len(f2), nc[2] + len(g2 & f2)]
        for lab in ("PER", "ORG", "LOC"):
            g = {x for x in s.gold if x[2] == lab}
            f = {x for x in found if x[2] == lab}
            acc = per_label.setdefault(lab, [0, 0, 0])
            acc[0], acc[1], acc[2] = acc[0] + len(g), acc[1] + len(f), acc[2] + len(g & f)
    p, r, f1 = prf(gold, pred, hit)
    out = {"p": round(p, 1), "r": round(r, 1), "f1": round(f1, 1), "f1_nocountry": round(prf(*nc)[2], 1)}
    out |= {lab: round(prf(*v)[2], 1) for lab, v in per_label.items()}
    return out


def systems() -> dict[str, Callable[[Prepared, Sentence], Spans]]:
    return {
        "gazetteer": gazetteer_spans,
        "rules": recognizer_spans(EntityRecognizer(use_tagger=False)),
        "tagger": tagger_spans,
        "pipeline": recognizer_spans(EntityRecognizer()),
        "pipe+gpe": recognizer_spans(EntityRecognizer(), GPE_AS_LOC),
    }


def run(sets: list[str], limit: int | None = None, names: list[str] | None = None) -> dict[str, dict]:
    prep = Prepared()
    systems_ = systems()
    results: dict[str, dict] = {}
    for name in sets:
        sents = load_split(name, held_out=True)[:limit]
        results[name] = {"sentences": len(sents)}
        for sysname in names or list(systems_):
            results[name][sysname] = score(sents, systems_[sysname], prep)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--systems", default=None)
    ap.add_argument(
        "--model", type=Path, default=None, help="another CRF model file (default: the shipped one)"
    )
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"needs {DATA} (the development data in ../shared beside the repo)")
    if args.model:
        crf.MODEL = args.model
    names = args.systems.split(",") if args.systems else None
    res = run(args.sets.split(","), args.limit, names)
    for name, by_system in res.items():
        print(f"{name} held-out ({by_system.pop('sentences')} sentences)")
        for sysname, r in by_system.items():
            print(
                f"  {sysname:10} P {r['p']:5.1f}  R {r['r']:5.1f}  F1 {r['f1']:5.1f}   "
                f"PER {r['PER']:5.1f}  ORG {r['ORG']:5.1f}  LOC {r['LOC']:5.1f}   "
                f"(F1 -countries {r['f1_nocountry']:5.1f})"
            )
    print(json.dumps(res) if "-v" in sys.argv else "", end="")


if __name__ == "__main__":
    main()
