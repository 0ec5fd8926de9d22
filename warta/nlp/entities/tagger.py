"""A CRF name tagger (PER/ORG/LOC, BIO) over the gazetteer's ``\\w+`` tokens.

The features are the same at training time (:mod:`.train_tagger`) and in the
pipeline: word form, affixes, shape and capitals, the punctuation around the
token, neighbouring words, KB gazetteer membership (the strongest feature),
and cue words from ``cues.tsv`` (titles, honorifics, speech verbs, organisation
heads).  Text without any capital letter (NERP is lower-cased) gets no shape
features, so that casing keeps its weight on normal text.

The model (``data/ner.crfsuite``) is read once per process, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from warta.kb import KB
from warta.nlp.entities.gazetteer import Match, Tokens
from warta.nlp.entities.lexicon import Lexicon

MODEL = Path(__file__).parent / "data" / "ner.crfsuite"
KB_TYPES = {"person": "PER", "organization": "ORG", "country": "LOC", "place": "LOC", "other": "MISC"}
_ENDS = frozenset(".!?")


@lru_cache(maxsize=1)
def _crf_tagger():  # type: ignore[no-untyped-def]
    """The loaded CRF model, or None when python-crfsuite or the model file is missing."""
    try:
        import pycrfsuite
    except ImportError:
        return None
    if not MODEL.exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    return tagger


def available() -> bool:
    return _crf_tagger() is not None


@lru_cache(maxsize=200_000)
def _shape(tok: str) -> str:
    if tok.isdigit():
        return "d"
    if tok.islower():
        return "x"
    if tok.isupper():
        return "X" if len(tok) > 1 else "X1"
    if tok[:1].isupper():
        return "Xx" if tok[1:].islower() else "XxX"
    return "mix"


@dataclass
class Featurizer:
    lex: Lexicon
    kb: KB

    def __post_init__(self) -> None:
        self._word = lru_cache(maxsize=200_000)(self.lex.is_word)
        cues: dict[str, str] = {}
        for phrase in self.lex.titles:
            cues.setdefault(phrase.split()[-1], "title")
        for kind in ("honorifics", "speech", "orghead", "locative"):
            for phrase in getattr(self.lex, kind):
                cues.setdefault(phrase.split()[-1], kind)
        self.cues = cues

    def gaz_tags(self, toks: Tokens, matches: list[Match]) -> list[str]:
        tags = ["O"] * len(toks)
        for m in matches:
            ent = self.kb.get(m.entries[0].entity)
            typ = KB_TYPES.get(ent.type, "MISC") if ent else "MISC"
            tags[m.first] = "B" + typ
            for k in range(m.first + 1, m.last + 1):
                tags[k] = "I" + typ
        return tags

    def labels(self, text: str, toks: Tokens, starts: set[int], matches: list[Match]) -> list[str]:
        """BIO labels of a whole text, tagging only the stretches around capitalised words."""
        out = ["O"] * len(toks)
        cased = any(not t.islower() for t in toks.raw if not t.isdigit())
        gaz = self.gaz_tags(toks, matches)
        for lo, hi in _windows(toks, cased):
            out[lo:hi] = tag(self.features(text, toks, starts, gaz, lo, hi, cased))
        return out

    def features(
        self, text: str, toks: Tokens, starts: set[int], gaz: list[str],
        lo: int = 0, hi: int | None = None, cased: bool | None = None,
    ) -> list[list[str]]:  # fmt: skip
        """Features of tokens lo..hi (context is read from the whole text); ``gaz`` from :meth:`gaz_tags`."""
        n = len(toks)
        hi = n if hi is None else hi
        raw, low, tstart, tend = toks.raw, toks.folded, toks.starts, toks.ends
        if cased is None:
            cased = any(not t.islower() for t in raw if not t.isdigit())
        a, b = max(lo - 2, 0), min(hi + 2, n)
        shapes = {i: _shape(raw[i]) for i in range(a, b)} if cased else {}
        gaps = {i: text[tend[i - 1] : tstart[i]].strip()[-2:] if i else "^" for i in range(a, b)}
        cues, word = self.cues, self._word
        out = []
        for i in range(lo, hi):
            w = low[i]
            f = ["b", "w=" + w, "s3=" + w[-3:], "p3=" + w[:3], "s2=" + w[-2:], "g=" + gaz[i], "gb=" + gaps[i]]
            f.append("ga=" + (gaps[i + 1] if i + 1 < n else "$"))
            if len(w) > 4:
                f.append("p4=" + w[:4])
            if word(w):
                f.append("common")
            cue = cues.get(w)
            if cue:
                f.append("cue=" + cue)
            if i:
                pw = low[i - 1]
                f += ["w-1=" + pw, "g-1=" + gaz[i - 1], "c-1=" + cues.get(pw, "-")]
                if i > 1:
                    f.append("w-2=" + low[i - 2])
            if i + 1 < n:
                nw = low[i + 1]
                f += ["w+1=" + nw, "g+1=" + gaz[i + 1], "c+1=" + cues.get(nw, "-")]
                if i + 2 < n:
                    f.append("w+2=" + low[i + 2])
            _context(f, i, n, low, gaz, cues, gaps)
            if cased:
                sh = shapes[i]
                if "(" in gaps[i] and sh[0] == "X" and ")" in (gaps[i + 1] if i + 1 < n else ""):
                    f.append("abbr")  # "(KNKT)": an acronym defined by the words before it
                first = i in starts or gaps[i][-1:] in _ENDS
                f += ["sh=" + sh, "shf=" + sh + str(first)]
                if i:
                    f.append("sh-1=" + shapes[i - 1])
                    f.append("shw-1=" + shapes[i - 1] + "|" + sh)
                if i + 1 < n:
                    f.append("sh+1=" + shapes[i + 1])
                    f.append("shw+1=" + sh + "|" + shapes[i + 1])
            else:
                f.append("nocase")
            out.append(f)
        return out


def _context(
    f: list[str], i: int, n: int, low: list[str], gaz: list[str], cues: dict[str, str], gaps: dict[int, str]
) -> None:
    """Wider context: KB types and cue words two tokens away, digits, position in the sentence."""
    w = low[i]
    if len(w) > 5:
        f.append("s4=" + w[-4:])
    if any(ch.isdigit() for ch in w):
        f.append("digit")
    if i > 1:
        f += ["g-2=" + gaz[i - 2], "c-2=" + cues.get(low[i - 2], "-")]
        f.append("ww-1=" + low[i - 1] + "|" + w)
    if i + 2 < n:
        f += ["g+2=" + gaz[i + 2], "c+2=" + cues.get(low[i + 2], "-")]
    if i < 1 or gaps[i] in ("^",) or gaps[i][-1:] in _ENDS:
        f.append("first")


@dataclass
class Span:
    first: int  # token indices, inclusive
    last: int
    label: str  # PER | ORG | LOC


def spans(labels: list[str], joins: list[bool] | None = None) -> list[Span]:
    """BIO labels -> spans (an I- after O or after another type opens a span).

    With ``joins`` (from :class:`Tokens`), a span never crosses a gap that cannot
    sit inside a name (a line break, a comma, a bracket).
    """
    out: list[Span] = []
    cur: Span | None = None
    for i, lab in enumerate(labels):
        if lab == "O":
            cur = None
            continue
        bio, typ = lab[0], lab[2:]
        if bio == "B" or cur is None or cur.label != typ or (joins is not None and not joins[i - 1]):
            cur = Span(i, i, typ)
            out.append(cur)
        else:
            cur.last = i
    return out


def _windows(toks: Tokens, cased: bool, reach: int = 1) -> list[tuple[int, int]]:
    """Token ranges within ``reach`` of a capitalised word; the whole text when it has no capitals.

    In cased text a name starts with a capital, and the features see two words
    either side, so tagging elsewhere only costs time.
    """
    n = len(toks)
    if not cased:
        return [(0, n)] if n else []
    out: list[tuple[int, int]] = []
    for i, t in enumerate(toks.raw):
        if t[:1].isupper():
            lo, hi = max(i - reach, 0), min(i + reach + 1, n)
            if out and lo <= out[-1][1]:
                out[-1] = (out[-1][0], hi)
            else:
                out.append((lo, hi))
    return out


def tag(features: list[list[str]]) -> list[str]:
    """BIO labels for one token sequence; all O when the model is unavailable."""
    tagger = _crf_tagger()
    if tagger is None or not features:
        return ["O"] * len(features)
    return list(tagger.tag(features))
