"""A CRF name tagger (PER/ORG/LOC, BIO) over the gazetteer's ``\\w+`` tokens.

The features are the same at training time (:mod:`.train_tagger`) and in the
pipeline: word form, affixes, shape and capitals, the punctuation around the
token, neighbouring words and their word clusters (``clusters.tsv``, from
:mod:`.build_clusters`), KB gazetteer membership (the strongest feature),
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
CLUSTERS = Path(__file__).parent / "data" / "clusters.tsv"
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


@lru_cache(maxsize=4)
def clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """Folded word -> its cluster ids, coarse to fine (see :mod:`.build_clusters`); {} without the file."""
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *ids = line.split("\t")
        out[word] = tuple(ids)
    return out


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
        self.clusters = clusters(CLUSTERS)
        self._lexf = lru_cache(maxsize=200_000)(self._word_features)

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
        """BIO labels of a whole text, tagging only the stretches around capitalised words.

        Each stretch is tagged with one more token either side, whose labels are
        dropped: a stretch's last token would otherwise be the end of the chain,
        with no O after it to pay for ("Departemen Keuangan naik" as one name).
        """
        n = len(toks)
        out = ["O"] * n
        cased = any(not t.islower() for t in toks.raw if not t.isdigit())
        gaz = self.gaz_tags(toks, matches)
        for lo, hi in _windows(toks, cased):
            plo, phi = max(lo - 1, 0), min(hi + 1, n)
            out[lo:hi] = tag(self.features(text, toks, starts, gaz, plo, phi, cased))[lo - plo : hi - plo]
        return out

    def features(
        self, text: str, toks: Tokens, starts: set[int], gaz: list[str],
        lo: int = 0, hi: int | None = None, cased: bool | None = None,
    ) -> list[list[str]]:  # fmt: skip
        """Features of tokens lo..hi (context is read from the whole text); ``gaz`` from :meth:`gaz_tags`.

        The strings of a word, a gazetteer tag, a gap or a shape are built once
        (cached) and only assembled here, in a fixed order: CRFsuite sums the
        weights in item order, so the order is part of the output.
        """
        n = len(toks)
        hi = n if hi is None else hi
        raw, low, tstart, tend = toks.raw, toks.folded, toks.starts, toks.ends
        if cased is None:
            cased = any(not t.islower() for t in raw if not t.isdigit())
        a, b = max(lo - 2, 0), min(hi + 2, n)
        W = [self._lexf(low[i]) for i in range(a, b)]
        G = [_gazf(gaz[i]) for i in range(a, b)]
        P = [_gapf(text[tend[i - 1] : tstart[i]].strip()[-2:] if i else "^") for i in range(a, b)]
        S = [_shape(raw[i]) for i in range(a, b)] if cased else []
        out = []
        for i in range(lo, hi):
            k = i - a
            w, gp = W[k], P[k]
            nxt = P[k + 1] if i + 1 < n else None
            f = ["b", *w.own, G[k].g, gp.gb, nxt.ga if nxt else "ga=$", *w.mid]
            if i:
                f += [W[k - 1].m1, G[k - 1].m1, W[k - 1].c_m1, W[k - 1].k_m1]
                if i > 1:
                    f.append(W[k - 2].m2)
            if i + 1 < n:
                f += [W[k + 1].p1, G[k + 1].p1, W[k + 1].c_p1, W[k + 1].k_p1]
                if i + 2 < n:
                    f.append(W[k + 2].p2)
            # Wider context: KB types and cue words two tokens away, digits, position in the sentence.
            f += w.ctx
            if i > 1:
                f += [G[k - 2].m2, W[k - 2].c_m2, W[k - 1].ww + low[i]]
            if i + 2 < n:
                f += [G[k + 2].p2, W[k + 2].c_p2]
            if i < 1 or gp.first:
                f.append("first")
            if cased:
                sh = S[k]
                if gp.opens and sh[0] == "X" and nxt is not None and nxt.closes:
                    f.append("abbr")  # "(KNKT)": an acronym defined by the words before it
                shf = _shapef(sh)
                f += [shf[0], shf[1] if i in starts or gp.ends else shf[2]]
                if i:
                    f += [_shapef(S[k - 1])[3], _pairf("shw-1=", S[k - 1], sh)]
                if i + 1 < n:
                    f += [_shapef(S[k + 1])[4], _pairf("shw+1=", sh, S[k + 1])]
            else:
                f.append("nocase")
            out.append(f)
        return out

    def _word_features(self, w: str) -> _Word:
        cue = self.cues.get(w)
        mid = []
        if len(w) > 4:
            mid.append("p4=" + w[:4])
        if self._word(w):
            mid.append("common")
        if cue:
            mid.append("cue=" + cue)
        ctx = []
        ids = self.clusters.get(w)
        ks = tuple(f"k{j}={c}" for j, c in enumerate(ids)) if ids else ("k=none",)
        if len(w) > 5:
            ctx.append("s4=" + w[-4:])
        if any(ch.isdigit() for ch in w):
            ctx.append("digit")
        kn = ids[1] if ids else "none"
        own = ("w=" + w, "s3=" + w[-3:], "p3=" + w[:3], "s2=" + w[-2:], *ks)
        return _Word(own, tuple(mid), tuple(ctx), w, cue or "-", kn)


class _Word:
    """The feature strings of one folded word: as the token itself and as a neighbour."""

    __slots__ = ("own", "mid", "ctx", "m1", "c_m1", "m2", "c_m2", "p1", "c_p1", "p2", "c_p2", "ww", "k_m1", "k_p1")

    def __init__(
        self, own: tuple[str, ...], mid: tuple[str, ...], ctx: tuple[str, ...], w: str, cue: str, k: str
    ) -> None:
        self.own, self.mid, self.ctx = own, mid, ctx
        self.m1, self.m2, self.p1, self.p2 = "w-1=" + w, "w-2=" + w, "w+1=" + w, "w+2=" + w
        self.c_m1, self.c_m2, self.c_p1, self.c_p2 = "c-1=" + cue, "c-2=" + cue, "c+1=" + cue, "c+2=" + cue
        self.ww = "ww-1=" + w + "|"
        self.k_m1, self.k_p1 = "k-1=" + k, "k+1=" + k


class _Gaz:
    __slots__ = ("g", "m1", "m2", "p1", "p2")

    def __init__(self, tag: str) -> None:
        self.g, self.m1, self.m2, self.p1, self.p2 = "g=" + tag, "g-1=" + tag, "g-2=" + tag, "g+1=" + tag, "g+2=" + tag


class _Gap:
    """The punctuation before a token (its last two characters, "^" at the start of the text)."""

    __slots__ = ("gb", "ga", "first", "ends", "opens", "closes")

    def __init__(self, gap: str) -> None:
        self.gb, self.ga = "gb=" + gap, "ga=" + gap
        self.ends = gap[-1:] in _ENDS
        self.first = gap == "^" or self.ends
        self.opens, self.closes = "(" in gap, ")" in gap


_gazf = lru_cache(maxsize=64)(_Gaz)
_gapf = lru_cache(maxsize=4096)(_Gap)


@lru_cache(maxsize=64)
def _shapef(sh: str) -> tuple[str, str, str, str, str]:
    return "sh=" + sh, "shf=" + sh + "True", "shf=" + sh + "False", "sh-1=" + sh, "sh+1=" + sh


@lru_cache(maxsize=256)
def _pairf(prefix: str, left: str, right: str) -> str:
    return prefix + left + "|" + right


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
    for i in [i for i, t in enumerate(toks.raw) if t[0].isupper()]:  # \w+ tokens are never empty
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
