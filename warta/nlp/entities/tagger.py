"""A CRF name tagger (PER/ORG/LOC, BIO) over the gazetteer's ``\\w+`` tokens.

The features are the same at training time (:mod:`.train_tagger`) and in the
pipeline: word form, affixes, shape and capitals, the punctuation around the
token, neighbouring words and their word clusters (``clusters.tsv``, from
:mod:`.build_clusters`), KB gazetteer membership (the strongest feature),
and cue words from ``cues.tsv`` (titles, honorifics, speech verbs, organisation
heads).  Text without any capital letter (NERP is lower-cased) gets no shape
features, so that casing keeps its weight on normal text.

The model (``data/ner.crfsuite``) is read once per process, on first use.
The feature strings of a word, a gazetteer tag, a gap or a shape are built
once per process (cached) and only assembled per token, in a fixed order:
CRFsuite sums the weights in item order, so the order is part of the output.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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


@lru_cache(maxsize=1)
def model_attributes() -> dict[str, bytes] | None:
    """The attribute strings the model has weights for, as UTF-8; None when the file cannot be read so.

    CRFsuite skips the attributes of an item that its model lacks, so leaving
    them out before tagging changes no label and saves passing them over.
    Read from the model's attribute table (a CQDB chunk: a backward array of
    record offsets, each record an id, a size and the NUL-ended string).
    """
    try:
        data = MODEL.read_bytes()
        magic, _, kind, _, _, _, n_attrs, _, _, at, *_ = struct.unpack_from("<4sI4s9I", data, 0)
        chunk, _, _, _, n_back, back = struct.unpack_from("<4s5I", data, at)
        if (magic, kind, chunk) != (b"lCRF", b"FOMC", b"CQDB") or n_back != n_attrs:
            return None
        out = []
        for off in struct.unpack_from(f"<{n_back}I", data, at + back):
            size = struct.unpack_from("<I", data, at + off + 4)[0]
            out.append(data[at + off + 8 : at + off + 7 + size])
    except (OSError, struct.error):
        return None
    return {attr.decode("utf-8"): attr for attr in out}


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
        self._text = _Pieces(self._word_strings, lambda string: (string,))
        attributes = model_attributes()
        if attributes is None:
            self._utf8 = _Pieces(self._word_strings, lambda string: (string.encode(),))
        else:  # one shared 1-tuple per attribute: a new word's pieces allocate no tuples of their own
            self._utf8 = _Pieces(self._word_strings, {s: (b,) for s, b in attributes.items()}.get)

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
        The pieces of every token are looked up once per text, not once per
        stretch, and go to CRFsuite as UTF-8 bytes without the strings the model
        has no weight for (:class:`_Pieces`): the labels are those of
        :meth:`features`, the function the model was trained with.
        """
        n = len(toks)
        out = ["O"] * n
        cased = _cased(toks)
        token = _Context(self._utf8, toks, starts, self.gaz_tags(toks, matches), cased).token
        for lo, hi in _windows(toks, cased):
            plo, phi = max(lo - 1, 0), min(hi + 1, n)
            out[lo:hi] = tag([token(i) for i in range(plo, phi)])[lo - plo : hi - plo]
        return out

    def features(
        self, text: str, toks: Tokens, starts: set[int], gaz: list[str],
        lo: int = 0, hi: int | None = None, cased: bool | None = None,
    ) -> list[list[str]]:  # fmt: skip
        """Features of tokens lo..hi (context is read from the whole text); ``gaz`` from :meth:`gaz_tags`.

        The same function at training time (:mod:`.train_tagger`) and behind
        :meth:`labels`; the punctuation around a token is read from ``toks``
        (cut from ``text``).
        """
        cased = _cased(toks) if cased is None else cased
        token = _Context(self._text, toks, starts, gaz, cased).token
        return [token(i) for i in range(lo, len(toks) if hi is None else hi)]

    def _word_strings(
        self, w: str
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str, str]:
        """A folded word's own features (word, affixes, clusters), then the middle and context ones."""
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
        return own, tuple(mid), tuple(ctx), w, cue or "-", kn


def _cased(toks: Tokens) -> bool:
    return any(not t.islower() for t in toks.raw if not t.isdigit())


class _Pieces:
    """Feature strings cached per word, gazetteer tag, gap and shape, as ``attribute(string)`` tuples.

    For training and inspection, ``(string,)``.  For tagging, ``(the model's
    UTF-8 attribute,)``, or None when the model has no weight for the string:
    CRFsuite would skip it, and pycrfsuite passes bytes on as they are instead
    of encoding every string of every window again.
    """

    def __init__(self, word_strings: Callable[[str], tuple[Any, ...]], attribute: _Get) -> None:
        self.attribute = attribute

        def keep(*strings: str) -> tuple[Any, ...]:
            return tuple([kept[0] for kept in map(attribute, strings) if kept])

        self.word = lru_cache(maxsize=200_000)(lambda w: _Word(keep, attribute, *word_strings(w)))
        self.gaz = lru_cache(maxsize=64)(lambda tag: _Gaz(keep, tag))
        self.gap = lru_cache(maxsize=4096)(lambda between: _Gap(keep, between.strip()[-2:]))
        of_kind = lru_cache(maxsize=64)(lambda kind: _Shape(keep, kind))
        self.shape = lru_cache(maxsize=200_000)(lambda tok: of_kind(_shape(tok)))
        self.pair = lru_cache(maxsize=256)(lambda prefix, left, right: keep(prefix + left + "|" + right))
        self.text_start, self.text_end = _Gap(keep, "^"), _Gap(keep, "", keep("ga=$"))
        self.abbr, self.nocase = keep("abbr"), keep("nocase")


class _Context:
    """The pieces of every token of one text (word, gazetteer tag, gap before it, shape).

    Words and gazetteer tags are padded with two empty pieces either side, and
    the gaps with the end of the text, so that a token at an edge drops its
    missing neighbours' features without a test for each.
    """

    def __init__(self, pc: _Pieces, toks: Tokens, starts: set[int], gaz: list[str], cased: bool) -> None:
        self.pc, self.starts, self.n = pc, starts, len(toks)
        self.W = [_NO_WORD, _NO_WORD, *map(pc.word, toks.folded), _NO_WORD, _NO_WORD]
        self.G = [_NO_GAZ, _NO_GAZ, *map(pc.gaz, gaz), _NO_GAZ, _NO_GAZ]
        self.P = [pc.text_start, *map(pc.gap, toks.between[1:]), pc.text_end]
        self.S = list(map(pc.shape, toks.raw)) if cased else None

    def token(self, i: int) -> list[Any]:
        """The features of token i, in a fixed order: CRFsuite sums the weights in item
        order, so the order is part of the output."""
        wm2, wm1, w, wp1, wp2 = self.W[i : i + 5]
        gm2, gm1, g, gp1, gp2 = self.G[i : i + 5]
        gp, nxt, pc = self.P[i], self.P[i + 1], self.pc
        f = [
            *w.own, *g.g, *gp.gb, *nxt.ga, *w.mid,
            *wm1.m1, *gm1.m1, *wm1.ck_m1, *wm2.m2,  # neighbours: word, KB type, cue word, cluster
            *wp1.p1, *gp1.p1, *wp1.ck_p1, *wp2.p2,
            *w.ctx, *gm2.m2, *wm2.c_m2,  # wider context: two tokens away, the word pair before
            *((pc.attribute(wm1.ww + w.w) or ()) if wm2.real else ()),
            *gp2.p2, *wp2.c_p2, *gp.first,  # first: of the text or after an end mark
        ]  # fmt: skip
        S, n = self.S, self.n
        if S is None:
            f += pc.nocase
            return f
        sh = S[i]
        if gp.opens and sh.kind[0] == "X" and nxt.closes:
            f += pc.abbr  # "(KNKT)": an acronym defined by the words before it
        f += sh.sh
        f += sh.start if i in self.starts or gp.ends else sh.inner
        if i:
            f += S[i - 1].m1
            f += pc.pair("shw-1=", S[i - 1].kind, sh.kind)
        if i + 1 < n:
            f += S[i + 1].p1
            f += pc.pair("shw+1=", sh.kind, S[i + 1].kind)
        return f


_Keep = Callable[..., tuple[Any, ...]]  # strings -> the kept ones, as attributes
_Get = Callable[[str], "tuple[Any] | None"]  # a feature string -> (its attribute,), None to leave it out


class _Word:
    """The feature strings of one folded word: as the token itself and as a neighbour.

    All empty in the padding (:data:`_NO_WORD`).
    """

    __slots__ = ("own", "mid", "ctx", "w", "ww", "real", "m1", "m2", "p1", "p2", "ck_m1", "ck_p1", "c_m2", "c_p2")  # fmt: skip

    def __init__(
        self, keep: _Keep, attribute: _Get, own: tuple[str, ...] = (), mid: tuple[str, ...] = (),
        ctx: tuple[str, ...] = (), w: str | None = None, cue: str = "", k: str = "",
    ) -> None:  # fmt: skip
        self.own, self.mid, self.ctx = keep("b", *own), keep(*mid) if mid else (), keep(*ctx) if ctx else ()
        self.real = w is not None
        if w is None:
            none: tuple[Any, ...] = ()
            self.m1 = self.ck_m1 = self.m2 = self.c_m2 = self.p1 = self.ck_p1 = self.p2 = self.c_p2 = none
            return
        self.w, self.ww = w, "ww-1=" + w + "|"  # the pair with the next word is looked up per token
        a = attribute  # inline, no keep(): most words are new to the cache, and each builds these ten
        self.m1, self.m2 = a("w-1=" + w) or (), a("w-2=" + w) or ()
        self.p1, self.p2 = a("w+1=" + w) or (), a("w+2=" + w) or ()
        self.ck_m1 = (a("c-1=" + cue) or ()) + (a("k-1=" + k) or ())
        self.ck_p1 = (a("c+1=" + cue) or ()) + (a("k+1=" + k) or ())
        self.c_m2, self.c_p2 = a("c-2=" + cue) or (), a("c+2=" + cue) or ()


class _Gaz:
    """A gazetteer tag ("BPER", "O") as the token's own feature and as a neighbour's."""

    __slots__ = ("g", "m1", "m2", "p1", "p2")

    def __init__(self, keep: _Keep, tag: str | None = None) -> None:
        if tag is None:
            self.g = self.m1 = self.m2 = self.p1 = self.p2 = ()
            return
        self.g, self.m1, self.m2 = keep("g=" + tag), keep("g-1=" + tag), keep("g-2=" + tag)
        self.p1, self.p2 = keep("g+1=" + tag), keep("g+2=" + tag)


_NO_WORD, _NO_GAZ = _Word(lambda *s: (), lambda s: None), _Gaz(lambda *s: ())  # the padding: no features


class _Gap:
    """The punctuation before a token (its last two characters, "^" at the start of the text)."""

    __slots__ = ("gb", "ga", "first", "ends", "opens", "closes")

    def __init__(self, keep: _Keep, gap: str, ga: tuple[Any, ...] | None = None) -> None:
        self.gb, self.ga = keep("gb=" + gap), keep("ga=" + gap) if ga is None else ga
        self.ends = gap[-1:] in _ENDS
        self.first = keep("first") if gap == "^" or self.ends else ()
        self.opens, self.closes = "(" in gap, ")" in gap


class _Shape:
    """A token's shape ("Xx", "X", "d", ...) as its own feature and as a neighbour's."""

    __slots__ = ("kind", "sh", "start", "inner", "m1", "p1")

    def __init__(self, keep: _Keep, kind: str) -> None:
        self.kind, self.sh = kind, keep("sh=" + kind)
        self.start, self.inner = keep("shf=" + kind + "True"), keep("shf=" + kind + "False")
        self.m1, self.p1 = keep("sh-1=" + kind), keep("sh+1=" + kind)


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
    for i in toks.capitals:
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
