"""Quote marks paired inside a paragraph.

Marks of one family (“ ” " / ‘ ’ ') pair up; an apostrophe inside a word
("Jum'at") is not a mark.  An unclosed quote ends with its paragraph, so no
quote is longer than its paragraph.
"""

from __future__ import annotations

import re

from warta.model import Span

_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'`]")
_DOUBLE = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_PREFER_OPEN = frozenset("\u201c\u201e\u00ab\u2018")
_PREFER_CLOSE = frozenset("\u201d\u00bb\u2019")
MAX_MARKS = 2000  # per paragraph: bounded work on a paragraph made of marks


def marks(text: str, start: int, end: int) -> list[tuple[int, bool, bool, bool]]:
    """(position, double family, may open, may close) of the quote marks in a paragraph."""
    out = []
    for m in _MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # Jum'at, Ma'ruf, don't
        if prev == "\\":
            prev = text[i - 2] if i - 1 > start else " "  # markdown escape \"
        may_open = not prev.isalnum() and not nxt.isspace()
        may_close = not prev.isspace() and not nxt.isalnum()
        if may_open and may_close:
            may_open, may_close = ch not in _PREFER_CLOSE, ch not in _PREFER_OPEN
        if may_open or may_close:
            out.append((i, ch in _DOUBLE, may_open, may_close))
            if len(out) >= MAX_MARKS:
                break
    return out


def pairs(text: str, para: Span) -> list[tuple[int, int, bool]]:
    """(open, close, closed) mark positions; an unclosed quote ends with its paragraph."""
    found: list[tuple[int, int, bool]] = []
    opened: tuple[int, bool, bool, bool] | None = None
    for mark in marks(text, para.start, para.end):
        if opened is None:
            if mark[2]:
                opened = mark
        elif mark[1] == opened[1]:
            if mark[3]:
                found.append((opened[0], mark[0], True))
                opened = None
            elif mark[2]:
                opened = mark  # the earlier mark was never closed
    if opened is not None:
        found.append((opened[0], para.end, False))
    return found
