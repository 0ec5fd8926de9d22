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

from warta.kb import KB, AliasEntry, fold

TOKEN = re.compile(r"\w+")
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

    @classmethod
    def of(cls, text: str) -> Tokens:
        spans = [m.span() for m in TOKEN.finditer(text)]
        starts = [a for a, _ in spans]
        ends = [b for _, b in spans]
        raw = [text[a:b] for a, b in spans]
        # fold() of an ASCII token is its casefold: skip the call for the common case.
        folded = [t.casefold() if t.isascii() else fold(t) for t in raw]
        joins = []
        for i in range(len(raw) - 1):
            gap_start, gap_end = ends[i], starts[i + 1]
            if gap_end - gap_start == 1 and text[gap_start] in " -":  # the common case, no regex
                joins.append(True)
                continue
            ok = gap_end - gap_start <= 3 and _JOIN.fullmatch(text, gap_start, gap_end) is not None
            if ok and "." in text[gap_start:gap_end] and len(raw[i]) > 2:
                ok = False  # a full stop ends a sentence unless it follows an initial ("J.D.")
            joins.append(ok)
        joins.append(False)
        return cls(starts, ends, raw, folded, joins)

    def __len__(self) -> int:
        return len(self.raw)


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
        i, n = 0, len(toks)
        folded, raw, joins = toks.folded, toks.raw, toks.joins
        while i < n:
            seqs = self.index.get(folded[i])
            matched = None
            if seqs:
                for seq, entries in seqs:
                    k = len(seq)
                    if i + k > n or tuple(folded[i : i + k]) != seq:
                        continue
                    if k > 1 and not all(joins[i : i + k - 1]):
                        continue
                    ok = self._accept(entries, raw[i : i + k], i in sentence_starts)
                    if ok:
                        matched = Match(i, i + k - 1, toks.starts[i], toks.ends[i + k - 1], ok)
                        break
            if matched:
                out.append(matched)
                i = matched.last + 1
            else:
                i += 1
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
