"""Data files of the quote, claim and event stages, and their loader.

Each TSV row starts with a *pattern*: a regular expression over the text,
matched case-insensitively at word boundaries; a space matches any run of
whitespace and groups must not capture (``(nya)?`` is rewritten to
``(?:nya)?``).  Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib import import_module, resources
from typing import Any

# The regex parser and its opcodes, to read the word starts of a pattern (private modules
# of ``re``, stable since 3.11; typeshed does not list them).
_parser: Any = import_module("re._parser")
C: Any = import_module("re._constants")


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of a TSV file of this folder (comments and blank lines dropped)."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(out)


def _fragment(pattern: str) -> str:
    pattern = re.sub(r"\((?!\?)", "(?:", pattern)
    return re.sub(r" +", r"\\s+", pattern)


_TOKEN = re.compile(r"\w+")
KEY = 4  # words are indexed by their first KEY letters


def _starts(items: list, acc: str) -> set[str] | None:
    """The KEY-letter starts (lowercase) that a parsed pattern can match, or the whole word
    when the pattern is one shorter word; None when unknown (a class, a wildcard or a short
    first word followed by more comes before KEY letters)."""
    if len(acc) >= KEY:
        return {acc[:KEY]}
    if not items:  # the pattern is one short word ("KKB"): indexed as that whole word
        return {acc} if len(acc) >= 2 else None
    (op, av), rest = items[0], items[1:]
    if op is C.LITERAL:
        ch = chr(av).lower()
        return _starts(rest, acc + ch) if ch.isalpha() else None
    if op is C.AT:
        return _starts(rest, acc)
    if op is C.SUBPATTERN:
        return _starts(list(av[3]) + rest, acc)
    branches: list[list] = []
    if op is C.BRANCH:
        branches = [list(alt) + rest for alt in av[1]]
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        once = _starts(list(sub), acc) if hi > 1 else set()
        if lo > 1 or once is None or any(len(k) < KEY for k in once):
            return None  # a second pass could change the start
        branches = [list(sub) + rest] + ([rest] if lo == 0 else [])
    out: set[str] = set()
    for branch in branches:
        found = _starts(branch, acc)
        if found is None:
            return None
        out |= found
    return out or None


def _prefixes(pattern: str) -> set[str] | None:
    """Word starts of a fragment; a repeat is taken once, which is exact when that one
    pass already gives KEY letters and else yields no start (an unknown start)."""
    try:
        return _starts(list(_parser.parse(pattern, re.IGNORECASE)), "")
    except (re.error, RecursionError):
        return None


_KNOWN: set[str] = set()  # the prefixes of every Alternation built
_WORD_START = re.compile(rf"\b\w{{2,{KEY}}}")


@lru_cache(maxsize=8)
def word_index(text: str) -> dict[str, list[int]]:
    """Start offsets of the words of ``text`` that start like a known pattern, by prefix
    (a word of fewer than KEY letters is its own prefix)."""
    index: dict[str, list[int]] = {}
    known = _KNOWN
    low = text.lower()
    if len(low) == len(text):
        for m in _WORD_START.finditer(low):
            key = m.group()
            if key in known:
                index.setdefault(key, []).append(m.start())
        return index
    for tok in _TOKEN.finditer(text):  # lowercasing changed offsets ("İ"): word by word
        index.setdefault(tok.group()[:KEY].lower(), []).append(tok.start())
    return index


def _compile(patterns: list[str] | tuple[str, ...], rows: list[int]) -> re.Pattern[str]:
    body = "|".join(f"({_fragment(patterns[i])})" for i in rows)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


class Alternation:
    """One regex for all patterns of a table; :meth:`row` tells which one matched.

    Longer patterns are tried first so that "hak veto" wins over "veto".
    :meth:`finditer` tries only where a word starts like a pattern, and there only the
    patterns of that start (an alternation of a hundred patterns is slow to try).
    """

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.order = sorted(range(len(patterns)), key=lambda i: -len(patterns[i]))
        self.regex = _compile(patterns, self.order)
        starts = [_prefixes(_fragment(p)) for p in patterns]
        self.always = any(s is None for s in starts)
        self.prefixes = tuple(sorted({p for s in starts if s for p in s}))
        # per word start: the regex of the patterns that start so, and its rows
        self._by_key: dict[str, re.Pattern[str]] = {}
        self._rows: dict[int, list[int]] = {id(self.regex): self.order}
        for key in self.prefixes:
            rows = [i for i in self.order if key in (starts[i] or ())]
            rx = self._by_key[key] = _compile(patterns, rows)
            self._rows.setdefault(id(rx), rows)
        if not set(self.prefixes) <= _KNOWN:
            _KNOWN.update(self.prefixes)
            word_index.cache_clear()
        self._last: tuple[str, list[tuple[int, str]]] = ("", [])  # candidates of the latest text

    def row(self, match: re.Match[str]) -> int:
        """Index (in the table given) of the pattern that produced ``match``."""
        return self._rows.get(id(match.re), self.order)[(match.lastindex or 1) - 1]

    def _candidates(self, text: str) -> list[tuple[int, str]]:
        last = self._last
        if last[0] is text:
            return last[1]
        index = word_index(text)
        found = sorted((pos, p) for p in self.prefixes for pos in index.get(p, ()))
        self._last = (text, found)
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else end
        if self.always:
            yield from self.regex.finditer(text, start, end)
            return
        cands = self._candidates(text)
        after = start
        by_key = self._by_key
        for i in range(bisect.bisect_left(cands, (start, "")), len(cands)):
            pos, key = cands[i]
            if pos >= end:
                break
            if pos < after:
                continue
            m = by_key[key].match(text, pos, end)
            if m:
                after = m.end()
                yield m

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, start, end), None)
