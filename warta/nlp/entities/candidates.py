"""Mention candidates: gazetteer matches and capitalised sequences not in the KB."""

from __future__ import annotations

from dataclasses import dataclass, field

from warta.nlp.entities.gazetteer import Match, Tokens
from warta.nlp.entities.lexicon import Lexicon

# Lower-case particles inside names: "Bashar al-Assad", "Ursula von der Leyen".
_PARTICLES = frozenset({"al", "bin", "binti", "van", "von", "der", "de", "da", "la", "el"})


@dataclass
class Cand:
    first: int  # token indices, inclusive
    last: int
    start: int  # char offsets
    end: int
    options: list[str] = field(default_factory=list)  # KB entity ids, best first
    label: str = "MISC"
    how: str = "gazetteer"
    entity: str | None = None
    role: str | None = None
    role_kind: str | None = None
    role_of: str | None = None
    open_type: str | None = None  # entity type when not in the KB


def from_matches(matches: list[Match]) -> list[Cand]:
    out = []
    for m in matches:
        ids = list(dict.fromkeys(e.entity for e in m.entries))
        out.append(Cand(m.first, m.last, m.start, m.end, ids))
    return out


def is_cap(tok: str) -> bool:
    return tok[:1].isupper()


def title_before(toks: Tokens, lex: Lexicon, j: int) -> tuple[int, str] | None:
    """A title phrase ending at token ``j``: (first token, role kind)."""
    if j < 0 or toks.folded[j] not in lex.title_ends:
        return None  # most words end no title: no phrase to join and look up
    for k in range(min(lex.max_title, j + 1), 0, -1):
        if k > 1 and not all(toks.joins[j - k + 1 : j]):
            continue
        kind = lex.title_kind(" ".join(toks.folded[j - k + 1 : j + 1]))
        if kind:
            return j - k + 1, kind
    return None


def caps_runs(text: str, toks: Tokens, covered: list[bool], starts: set[int], lex: Lexicon) -> list[Cand]:
    """Capitalised token runs outside gazetteer matches, trimmed of titles and common words."""
    out: list[Cand] = []
    i, n = 0, len(toks)  # i: the first token not yet in a run
    raw, folded, joins = toks.raw, toks.folded, toks.joins
    for first in toks.capitals:
        if first < i or covered[first]:
            continue
        i = j = first
        while j + 1 < n and joins[j] and not covered[j + 1]:
            nxt = raw[j + 1]
            hyphen_tail = nxt.islower() and toks.between[j + 1] == "-"  # "Son-hui"
            particle = folded[j + 1] in _PARTICLES and j + 2 < n and is_cap(raw[j + 2]) and joins[j + 1]
            if is_cap(nxt) or hyphen_tail or particle:
                j += 1
            else:
                break
        cand = _trim(toks, i, j, starts, lex)
        if cand:
            out.append(cand)
        i = j + 1
    return out


def _trim(toks: Tokens, i: int, j: int, starts: set[int], lex: Lexicon) -> Cand | None:
    folded, raw = toks.folded, toks.raw
    # Drop leading titles and honorifics ("Menteri Luar Negeri", "Dr").
    moved = True
    while moved and i <= j:
        moved = False
        for k in range(min(lex.max_title, j - i + 1), 0, -1):
            phrase = " ".join(folded[i : i + k])
            if phrase in lex.titles or (k == 1 and phrase in lex.honorifics):
                i += k
                # The title's complement: "Menteri [Luar Negeri]", "Pengamat [Properti]", "Komisioner [BP]".
                while i < j and (lex.is_word(folded[i]) or raw[i].isupper()):
                    i += 1
                moved = True
                break
        if not moved and i <= j and (folded[i] in lex.noname or (i in starts and folded[i] in lex.common)):
            i += 1  # "Dalam", "Meskipun" opening a sentence
            moved = True
    while j >= i and folded[j] in lex.noname:
        j -= 1
    if i > j:
        return None
    if all(t.isupper() and len(t) > 1 for t in raw[i : j + 1]) and i == j:
        return None  # unknown acronyms and shouting datelines: too ambiguous alone
    return Cand(i, j, toks.starts[i], toks.ends[j], how="caps")
