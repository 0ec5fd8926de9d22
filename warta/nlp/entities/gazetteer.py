"""Longest-match gazetteer over every KB alias, on word tokens.

Text and aliases are both cut into ``\\w+`` tokens and folded (lower case, no
accents), so hyphens and spaces are interchangeable ("Kim Jong-Un" = "Kim Jong
Un").  The index maps a first token to the alias token sequences starting with
it, longest first: a lookup per token, no regex alternation over 1,400 names.
Case-sensitive aliases ("AS", "Kim", "Antara") must match the raw tokens
exactly, and a case-sensitive one-word alias that is also a common word is
skipped at the start of a sentence ("Antara" in "Antara Rusia dan ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from warta.kb import KB, AliasEntry, fold

TOKEN = re.compile(r"\w+")
_PIECES = re.compile(r"(\w+)")  # split: the tokens and the text between them
# What may separate two tokens inside one name: a space, a hyphen, an apostrophe, a dot.
_JOIN = re.compile(r"[ \u00a0]?[-\u2010\u2011'\u2019.]?[ \u00a0]?")


@dataclass
class Tokens:
    """The tokens of one text: spans, raw and folded forms, joinability to the next."""

    starts: list[int]
    ends: list[int]
    raw: list[str]
    folded: list[str]
    joins: list[bool]  # joins[i]: token i and i+1 may belong to one name
    between: list[str]  # between[i]: the text before token i (after i-1)
    capitals: list[int]  # indices of the tokens opening with a capital

    @classmethod
    def of(cls, text: str) -> Tokens:
        # One regex pass: [before token 0, token 0, before token 1, ..., after the last token].
        parts = _PIECES.split(text)
        raw, between = parts[1::2], parts[0:-1:2]
        offsets = list(accumulate(map(len, parts)))
        folded = list(map(_fold_token, raw))
        joins = [gap == " " or _joins(gap, len(tok)) for gap, tok in zip(between[1:], raw)]
        joins.append(False)
        capitals = [i for i, tok in enumerate(raw) if tok[0].isupper()]  # \w+ tokens are never empty
        return cls(offsets[0:-1:2], offsets[1::2], raw, folded, joins, between, capitals)

    def __len__(self) -> int:
        return len(self.raw)


@lru_cache(maxsize=200_000)
def _fold_token(tok: str) -> str:
    return tok.casefold() if tok.isascii() else fold(tok)  # fold() of ASCII is its casefold


@lru_cache(maxsize=4096)
def _join_gap(gap: str) -> int:
    """0: the gap cannot be inside a name; 1: it can; 2: it can after an initial only (a full stop)."""
    if gap in (" ", "-"):
        return 1
    if len(gap) > 3 or _JOIN.fullmatch(gap) is None:
        return 0
    return 2 if "." in gap else 1


def _joins(gap: str, before: int) -> bool:
    """May the tokens either side of ``gap`` (the first ``before`` characters long) be one name?"""
    kind = _join_gap(gap)
    return kind == 1 or (kind == 2 and before <= 2)  # a full stop ends a sentence unless after "J" or "Dr"


@dataclass
class Match:
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # char offsets
    end: int
    entries: list[AliasEntry]  # candidate entities, KB order


class Gazetteer:
    def __init__(self, kb: KB, common_words: frozenset[str]) -> None:
        self.common = common_words
        index: dict[str, list[tuple[tuple[str, ...], list[tuple[AliasEntry, tuple[str, ...]]]]]] = {}
        for key, entries in kb.aliases.items():
            toks = tuple(key.split())
            with_raw = [(e, tuple(TOKEN.findall(e.surface))) for e in entries]
            index.setdefault(toks[0], []).append((toks, with_raw))
        for seqs in index.values():
            seqs.sort(key=lambda s: -len(s[0]))
        self.index = index

    def find(self, toks: Tokens, sentence_starts: set[int]) -> list[Match]:
        out: list[Match] = []
        n = len(toks)
        folded, raw, joins = toks.folded, toks.raw, toks.joins
        index = self.index
        after = 0  # the token after the latest match: matches do not overlap
        for i in [i for i, word in enumerate(folded) if word in index]:  # the few alias starts
            if i < after:
                continue
            for seq, entries in index[folded[i]]:
                k = len(seq)
                if i + k > n or tuple(folded[i : i + k]) != seq:
                    continue
                if k > 1 and not all(joins[i : i + k - 1]):
                    continue
                ok = self._accept(entries, raw[i : i + k], i in sentence_starts)
                if ok:
                    out.append(Match(i, i + k - 1, toks.starts[i], toks.ends[i + k - 1], ok))
                    after = i + k
                    break
        return out

    def _accept(
        self, entries: list[tuple[AliasEntry, tuple[str, ...]]], raw: list[str], initial: bool
    ) -> list[AliasEntry]:
        ok = []
        lower_start = raw[0][:1].islower()
        for entry, surface in entries:
            if entry.case_sensitive:
                if tuple(raw) != surface:
                    continue
                if initial and len(raw) == 1 and raw[0].casefold() in self.common:
                    continue
            elif lower_start and len(raw) == 1 and raw[0].casefold() in self.common:
                continue  # "china" lower-case is still a name; "antara" is not
            ok.append(entry)
        return ok
