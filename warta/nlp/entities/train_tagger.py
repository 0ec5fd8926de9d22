"""Train the CRF name tagger shipped as ``data/ner.crfsuite``.

    .venv/bin/python -m warta.nlp.entities.train_tagger [--data ../shared/data/ner] [--c1 0.3 --c2 0.01]

Training sets (train splits only; dev/valid are held out for eval/ner/score.py):
idner-news-2k train (MIT), NERGrit train (Apache-2.0, IndoNLU) and NERP train
(CC BY-SA 4.0, IndoNLU; PPL->PER, PLC->LOC, IND->ORG, EVT and FNB dropped).
Sentences are re-cut into the gazetteer's ``\\w+`` tokens, as in the pipeline.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from warta.kb import load as load_kb
from warta.nlp.entities.gazetteer import Gazetteer, Tokens
from warta.nlp.entities.lexicon import lexicon
from warta.nlp.entities.tagger import MODEL, Featurizer

DATA = Path(__file__).resolve().parents[4] / "shared" / "data" / "ner"
LABEL_MAP = {
    "PER": "PER", "ORG": "ORG", "LOC": "LOC",
    "PERSON": "PER", "ORGANISATION": "ORG", "PLACE": "LOC",
    "PPL": "PER", "IND": "ORG", "PLC": "LOC",
}  # fmt: skip
SETS = {  # name -> (train file, held-out file)
    "idner": ("idner-news-2k/train.txt", "idner-news-2k/dev.txt"),
    "nergrit": (
        "nergrit/nergrit_ner-grit_train_preprocess.txt",
        "nergrit/nergrit_ner-grit_valid_preprocess.txt",
    ),
    "nerp": ("nerp/nerp_ner-prosa_train_preprocess.txt", "nerp/nerp_ner-prosa_valid_preprocess.txt"),
}


@dataclass
class Sentence:
    text: str  # tokens joined by spaces
    toks: Tokens  # \w+ tokens of text
    labels: list[str]  # BIO per \w+ token, PER/ORG/LOC only
    gold: set[tuple[int, int, str]]  # (start, end, label) char spans trimmed to word characters


def read(path: Path) -> Iterator[list[tuple[str, str]]]:
    """(token, raw label) sentences of a CoNLL-like file (label in the last column)."""
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.strip().split()
        if not cols:
            if sent:
                yield sent
            sent = []
            continue
        sent.append((cols[0], cols[-1] if len(cols) > 1 else "O"))
    if sent:
        yield sent


def _map(label: str) -> str:
    if label == "O" or "-" not in label:
        return "O"
    bio, typ = label.split("-", 1)
    mapped = LABEL_MAP.get(typ)
    return f"{bio}-{mapped}" if mapped else "O"


def sentence(pairs: list[tuple[str, str]]) -> Sentence:
    offsets, pos = [], 0
    for tok, _ in pairs:
        offsets.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    text = " ".join(tok for tok, _ in pairs)
    toks = Tokens.of(text)
    labels = ["O"] * len(toks)
    gold: set[tuple[int, int, str]] = set()
    owner = {}  # \w+ token index -> source token index
    j = 0
    for i, (start, end) in enumerate(offsets):
        while j < len(toks) and toks.starts[j] < end:
            if toks.starts[j] >= start:
                owner[j] = i
            j += 1
    mapped = [_map(lab) for _, lab in pairs]
    prev_src = -1
    for j in range(len(toks)):
        i = owner.get(j, -1)
        lab = mapped[i] if i >= 0 else "O"
        if lab != "O" and lab[0] == "B" and i == prev_src:
            lab = "I" + lab[1:]  # second \w+ piece of one source token ("Jong-un")
        labels[j] = lab
        prev_src = i
    for j, lab in enumerate(labels):  # gold spans from the \w+ labels: exact words, no punctuation
        if lab[0] == "B" or (lab[0] == "I" and (j == 0 or labels[j - 1][2:] != lab[2:])):
            k = j
            while k + 1 < len(labels) and labels[k + 1] == "I-" + lab[2:]:
                k += 1
            gold.add((toks.starts[j], toks.ends[k], lab[2:]))
    return Sentence(text, toks, labels, gold)


def load_split(name: str, held_out: bool, data: Path = DATA) -> list[Sentence]:
    path = data / SETS[name][1 if held_out else 0]
    return [s for s in (sentence(p) for p in read(path)) if len(s.toks)]


class Prepared:
    """Features of sentences with the bundled KB and cue words."""

    def __init__(self) -> None:
        self.kb = load_kb()
        self.lex = lexicon()
        self.gazetteer = Gazetteer(self.kb, self.lex.common)
        self.feat = Featurizer(self.lex, self.kb)

    def features(self, s: Sentence) -> list[list[str]]:
        starts = {0}
        return self.feat.features(
            s.text, s.toks, starts, self.feat.gaz_tags(s.toks, self.gazetteer.find(s.toks, starts))
        )


def train(sets: list[str], out: Path, c1: float, c2: float, data: Path = DATA) -> int:
    import pycrfsuite

    prep = Prepared()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for name in sets:
        for s in load_split(name, held_out=False, data=data):
            trainer.append(prep.features(s), s.labels)
            n += 1
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": 150, "feature.possible_transitions": True})
    trainer.train(str(out))
    return n


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sets", default="idner,nergrit")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--out", type=Path, default=MODEL)
    args = ap.parse_args()
    t0 = time.perf_counter()
    n = train(args.sets.split(","), args.out, args.c1, args.c2, args.data)
    size = args.out.stat().st_size / 1e6
    print(f"trained on {n} sentences in {time.perf_counter() - t0:.0f} s -> {args.out} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
