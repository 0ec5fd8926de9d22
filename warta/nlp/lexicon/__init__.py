"""Data files of the quote, claim and event stages, and their loader.

Each TSV row starts with a *pattern*: a regular expression over the text,
matched case-insensitively at word boundaries; a space matches any run of
whitespace and groups must not capture (``(nya)?`` is rewritten to
``(?:nya)?``).  Lines starting with ``#`` are comments.
"""

from __future__ import annotations

import bisect
import re
import threading
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


_WORD_CHAR = re.compile(r"\w")
MAX_WORDS = 256  # a pattern with more first words (branches of branches) is not indexed by word


def _first_words(items: list, acc: str) -> set[str] | None:
    """The whole first words (lowercase) that a parsed pattern can match, or None when
    unknown (a class, a wildcard or a repeat inside the word).  A word ends at a character
    that is no word character (a space, a hyphen) or at the end of the pattern, which
    :func:`_compile` closes with ``(?!\\w)``."""
    if not items:
        return {acc} if acc else None
    (op, av), rest = items[0], items[1:]
    if op is C.LITERAL:
        ch = chr(av).lower()
        if _WORD_CHAR.match(ch):
            return _first_words(rest, acc + ch)
        return {acc} if acc else None
    if op is C.AT:
        return _first_words(rest, acc)
    if op is C.SUBPATTERN:
        return _first_words(list(av[3]) + rest, acc)
    if op is C.IN and acc and _is_space(av):
        return {acc}
    branches: list[list] = []
    if op is C.BRANCH:
        branches = [list(alt) + rest for alt in av[1]]
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        if acc and len(sub) == 1 and sub[0][0] is C.IN and _is_space(sub[0][1]) and lo >= 1:
            return {acc}  # "\s+" after the word
        if hi != 1:
            return None
        branches = [list(sub) + rest] + ([rest] if lo == 0 else [])
    else:
        return None
    out: set[str] = set()
    for branch in branches:
        found = _first_words(branch, acc)
        if found is None or len(out | found) > MAX_WORDS:
            return None
        out |= found
    return out or None


def _is_space(members: list) -> bool:
    return all(op is C.CATEGORY and av is C.CATEGORY_SPACE for op, av in members)


def _words_of(pattern: str) -> set[str] | None:
    try:
        return _first_words(list(_parser.parse(pattern, re.IGNORECASE)), "")
    except (re.error, RecursionError):
        return None


_KNOWN: set[str] = set()  # the prefixes of every Alternation built


def _tree(words: set[str]) -> str:
    """A prefix-tree regex of ``words`` (letters): it fails at the first letter no word has."""
    heads: dict[str, set[str]] = {}
    for w in words:
        heads.setdefault(w[0], set()).add(w[1:])
    branches = []
    for ch, tails in sorted(heads.items()):
        ends = "" in tails
        sub = _tree(tails - {""}) if len(tails) > ends else ""
        branches.append(re.escape(ch) + (f"(?:{sub})?" if ends and sub else sub))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _known_starts(known: set[str]) -> re.Pattern[str]:
    """Finds, in lower-cased text, the words that start with a known prefix: a word's first
    KEY letters, or the whole word when it is shorter (the prefix of "kkb" is "kkb")."""
    full = {k for k in known if len(k) >= KEY}
    short = known - full
    alts = ([_tree(full)] if full else []) + ([f"{_tree(short)}(?!\\w)"] if short else [])
    return re.compile(rf"\b(?:{'|'.join(alts)})" if alts else r"(?!)")


_known_rx = _known_starts(_KNOWN)
_KNOWN_LOCK = threading.Lock()  # tables are built lazily, in API request threads too


def _know(prefixes: tuple[str, ...]) -> None:
    """Add a table's prefixes to the word index: the regex first, then the set that says so."""
    global _KNOWN, _known_rx
    with _KNOWN_LOCK:
        if set(prefixes) <= _KNOWN:
            return
        known = _KNOWN | set(prefixes)
        _known_rx = _known_starts(known)
        _KNOWN = known
        word_index.cache_clear()


@lru_cache(maxsize=8)
def word_index(text: str) -> dict[str, list[int]]:
    """Start offsets of the words of ``text`` that start like a known pattern, by prefix
    (a word of fewer than KEY letters is its own prefix)."""
    index: dict[str, list[int]] = {}
    low = text.lower()
    if len(low) == len(text):
        for m in _known_rx.finditer(low):
            index.setdefault(m.group(), []).append(m.start())
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
    patterns of that start (an alternation of a hundred patterns is slow to try); under
    a start shared by many patterns ("meng..."), only those whose first word it is.
    """

    BY_WORD = 8  # a start with this many patterns or more is split by whole first word

    def __init__(self, patterns: list[str] | tuple[str, ...]) -> None:
        self.order = sorted(range(len(patterns)), key=lambda i: -len(patterns[i]))
        self.regex = _compile(patterns, self.order)
        starts = [_prefixes(_fragment(p)) for p in patterns]
        self.always = any(s is None for s in starts)
        self.prefixes = tuple(sorted({p for s in starts if s for p in s}))
        # per word start: the regex of the patterns that start so, and its rows
        self._by_key: dict[str, re.Pattern[str]] = {}
        self._rows: dict[int, list[int]] = {id(self.regex): self.order}
        # per crowded start: first word -> the regex of its patterns and of those of an
        # unknown first word; and that regex of the unknown ones alone (None: no pattern)
        self._by_word: dict[str, tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]] = {}
        for key in self.prefixes:
            rows = [i for i in self.order if key in (starts[i] or ())]
            rx = self._by_key[key] = _compile(patterns, rows)
            self._rows.setdefault(id(rx), rows)
            if len(rows) >= self.BY_WORD:
                self._by_word[key] = self._split(patterns, rows)
        if not set(self.prefixes) <= _KNOWN:
            _know(self.prefixes)
        self._last: tuple[str, list[tuple[int, str]]] = ("", [])  # candidates of the latest text
        self._whole: tuple[str, list[re.Match[str]]] = ("", [])  # matches in the latest whole text

    def _split(
        self, patterns: list[str] | tuple[str, ...], rows: list[int]
    ) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
        words = {i: _words_of(_fragment(patterns[i])) for i in rows}
        unknown = [i for i in rows if words[i] is None]
        table = {}
        for word in sorted({w for ws in words.values() if ws for w in ws}):
            some = [i for i in rows if (ws := words[i]) is None or word in ws]  # table order kept
            rx = table[word] = _compile(patterns, some)
            self._rows.setdefault(id(rx), some)
        rest = _compile(patterns, unknown) if unknown else None
        if rest is not None:
            self._rows.setdefault(id(rest), unknown)
        return table, rest

    def row(self, match: re.Match[str]) -> int:
        """Index (in the table given) of the pattern that produced ``match``."""
        return self._rows.get(id(match.re), self.order)[(match.lastindex or 1) - 1]

    def _candidates(self, text: str) -> list[tuple[int, str]]:
        last = self._last
        if last[0] is text:
            return last[1]
        by_key = self._by_key  # the few prefixes in the text, not each of the table's
        found = sorted((pos, p) for p, at in word_index(text).items() if p in by_key for pos in at)
        self._last = (text, found)
        return found

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        if start == 0 and (end is None or end >= len(text)):
            whole = self._whole  # a whole text is often read again (actor groups, per claim)
            if whole[0] is not text:
                whole = self._whole = (text, list(self._scan(text, 0, len(text))))
            return iter(whole[1])
        return self._scan(text, start, len(text) if end is None else end)

    def _scan(self, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
        if self.always:
            yield from self.regex.finditer(text, start, end)
            return
        cands = self._candidates(text)
        after = start
        by_key, by_word = self._by_key, self._by_word
        for i in range(bisect.bisect_left(cands, (start, "")), len(cands)):
            pos, key = cands[i]
            if pos >= end:
                break
            if pos < after:
                continue
            rx = by_key[key]
            split = by_word.get(key)
            if split is not None:
                word = _TOKEN.match(text, pos, end)
                if word and word.group().isascii():  # else the case-insensitive regex decides
                    some = split[0].get(word.group().lower(), split[1])
                    if some is None:
                        continue  # no pattern has this first word
                    rx = some
            m = rx.match(text, pos, end)
            if m:
                after = m.end()
                yield m

    def search(self, text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, start, end), None)
