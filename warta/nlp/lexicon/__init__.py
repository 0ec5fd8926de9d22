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
from importlib import resources


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
_LITERAL = re.compile(r"[a-z]+")
KEY = 4  # words are indexed by their first KEY letters


def _prefix(pattern: str) -> str:
    """The literal lowercase start (KEY letters) every match of ``pattern`` has; "" when unknown."""
    m = _LITERAL.match(pattern)
    if not m:
        return ""
    lit = m.group()
    if pattern[m.end() : m.end() + 1] in ("?", "*", "{"):
        lit = lit[:-1]  # "mem?veto": the last letter is optional
    return lit[:KEY] if len(lit) >= KEY else ""


_KNOWN: set[str] = set()  # the prefixes of every Alternation built
_UNION: list[re.Pattern[str] | None] = [None]


@lru_cache(maxsize=8)
def word_index(text: str) -> dict[str, list[int]]:
    """Start offsets of the words of ``text`` that start like a known pattern, by prefix."""
    index: dict[str, list[int]] = {}
    low = text.lower()
    if len(low) == len(text):  # one regex over the lowercased text: fast
        union = _UNION[0]
        if union is None:
            union = _UNION[0] = re.compile(r"\b(?:" + "|".join(sorted(_KNOWN)) + ")")
        for m in union.finditer(low):
            index.setdefault(m.group(), []).append(m.start())
        return index
    for tok in _TOKEN.finditer(text):  # lowercasing changed offsets ("İ"): word by word
        index.setdefault(tok.group()[:KEY].lower(), []).append(tok.start())
    return index


class Alternation:
    """One regex for all patterns of a table; :meth:`row` tells which one matched.

    Longer patterns are tried first so that "hak veto" wins over "veto".
    :meth:`finditer` tries the regex only where a word starts like a pattern
    (an alternation of a hundred patterns tried at every character is slow).
    """

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.order = sorted(range(len(patterns)), key=lambda i: -len(patterns[i]))
        body = "|".join(f"({_fragment(patterns[i])})" for i in self.order)
        self.regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
        prefixes = [_prefix(p.lower()) for p in patterns]
        self.always = "" in prefixes
        self.prefixes = tuple(sorted(set(prefixes)))
        if not set(self.prefixes) <= _KNOWN:
            _KNOWN.update(p for p in self.prefixes if p)
            _UNION[0] = None
            word_index.cache_clear()
        self._last: tuple[str, list[int]] = ("", [])  # candidates of the latest text

    def row(self, match: re.Match[str]) -> int:
        """Index (in the table given) of the pattern that produced ``match``."""
        return self.order[(match.lastindex or 1) - 1]

    def _candidates(self, text: str) -> list[int]:
        last = self._last
        if last[0] is text:
            return last[1]
        index = word_index(text)
        found = sorted(pos for p in self.prefixes for pos in index.get(p, ()))
        self._last = (text, found)
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        end = len(text) if end is None else end
        if self.always:
            yield from self.regex.finditer(text, start, end)
            return
        cands = self._candidates(text)
        after = start
        for i in range(bisect.bisect_left(cands, start), len(cands)):
            pos = cands[i]
            if pos >= end:
                break
            if pos < after:
                continue
            m = self.regex.match(text, pos, end)
            if m:
                after = m.end()
                yield m

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, start, end), None)
