"""Run the patterns over a text, resolve each match, keep the best non-overlapping spans."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

import regex

from warta.model import TimeExpr
from warta.nlp.time import handlers, relative
from warta.nlp.time.handlers import Handler
from warta.nlp.time.lexicon import alternation
from warta.nlp.time.patterns import (
    DIGIT_TRIGGERS,
    OTHER_DIGITS,
    PATTERNS,
    PRIORITY,
    TRIGGERS,
)
from warta.nlp.time.resolve import Anchor, merge_durations, parse_anchor

HANDLERS: dict[str, Handler] = {
    "numdate": handlers.numdate,
    "isodate": handlers.isodate,
    "wd_dm": handlers.wd_dm,
    "textdate": handlers.textdate,
    "textdate_en": handlers.textdate,
    "monyear": handlers.monyear,
    "month": relative.month,
    "yearrange": relative.yearrange,
    "decade": relative.decade,
    "year": relative.year,
    "unitrel": relative.unitrel,
    "unitrel_en": relative.unitrel_en,
    "redup": relative.redup,
    "set": relative.set_,
    "deictic": relative.deictic,
    "weekday": relative.weekday,
    "clock": relative.clock,
    "pod": relative.pod,
}
assert set(HANDLERS) == set(PRIORITY), "every pattern needs a handler"
_BY_INDEX = [(name, pattern, HANDLERS[name]) for name, pattern in PATTERNS]
MAX_TEXT = 500_000  # longer texts are cut (news bodies are < 50k chars; the rest is junk)
_SENTENCE_END = regex.compile(r"[.!?]\s|\n")
_WORD_SPLIT = re.compile(r"(\w+)")
_TRIGGER = re.compile(rf"(?<!\w)(?:{alternation(TRIGGERS)}|\d\w*)(?!\w)")


def tag(text: str, published: str | None = None, reference_date: str | None = None) -> list[TimeExpr]:
    """All temporal expressions of ``text``, in text order, anchored on ``published``."""
    return tag_anchored(text, parse_anchor(published, reference_date))


def tag_anchored(text: str, anchor: Anchor) -> list[TimeExpr]:
    text = text[:MAX_TEXT]
    found: list[tuple[int, int, TimeExpr]] = []
    for start, token in _triggers(text):
        if token[0].isdigit():
            tried = DIGIT_TRIGGERS.get(len(token), OTHER_DIGITS)
        else:
            tried = TRIGGERS.get(token, [])
        for i in tried:
            name, pattern, handle = _BY_INDEX[i]
            m = pattern.match(text, start)
            if m is None or m.end() <= m.start():
                continue
            try:
                expr = handle(m, text, anchor)
            except (ValueError, KeyError, IndexError, OverflowError, TypeError):
                expr = None  # an odd match must never stop the article
            if expr is not None:
                found.append((-(expr.end - expr.start), PRIORITY[name], expr))
    chosen = _merge_durations(text, _select(found, len(text)))
    _range_years(text, chosen)
    _date_clock_times(text, chosen)
    return chosen


_RANGE_GLUE = regex.compile(r"\s*(?:[-–—]|sampai(?:\s+dengan)?|hingga|s\.?/?d\.?|dan|until|to)\s*", regex.I)


def _range_years(text: str, exprs: list[TimeExpr]) -> None:
    """'14 Juni sampai 13 Juli 2025', 'Januari-April 2025': the first end takes the year
    written on the second (the year before when its month comes later)."""
    for a, b in pairwise(exprs):
        if "year-inferred" not in a.flags or "year-inferred" in b.flags or b.type != "DATE":
            continue
        if a.value[:1] == "X" or not b.value[:4].isdigit() or len(a.value) not in (7, 10):
            continue
        if len(b.value) < len(a.value) or not _RANGE_GLUE.fullmatch(text, a.end, b.start):
            continue
        y = int(b.value[:4]) - (a.value[4:] > b.value[4 : len(a.value)])
        a.value = f"{y:04d}{a.value[4:]}"
        a.flags = [f for f in a.flags if f != "year-inferred"] + ["year-from-range"]


def _merge_durations(text: str, exprs: list[TimeExpr]) -> list[TimeExpr]:
    """'1 menit' + '46,974 detik' written side by side are one duration."""
    out: list[TimeExpr] = []
    for e in exprs:
        prev = out[-1] if out else None
        if prev is not None and prev.type == e.type == "DURATION" and not text[prev.end : e.start].strip():
            value = merge_durations(prev.value, e.value)
            if value is not None:
                out[-1] = TimeExpr(
                    prev.start,
                    e.end,
                    text[prev.start : e.end],
                    "DURATION",
                    value,
                    e.precision,
                    confidence=min(prev.confidence, e.confidence),
                    flags=prev.flags + e.flags,
                )
                continue
        out.append(e)
    return out


def _triggers(text: str) -> Iterator[tuple[int, str]]:
    """(offset, lower-cased word) of every word or number that can start an expression.

    One regex over the lower-cased text finds the whole words that are triggers (a prefix
    tree, see ``alternation``) and the numbers; a number starting with a digit that is not
    decimal ('²') is skipped, as every pattern needs a decimal digit there.
    """
    lower = text.lower()
    if len(lower) != len(text):  # lower() changed a length (e.g. 'İ'): offsets from the original
        yield from _triggers_by_word(text)
        return
    for m in _TRIGGER.finditer(lower):
        yield m.start(), m.group()


def _triggers_by_word(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for i, piece in enumerate(_WORD_SPLIT.split(text)):
        if i & 1 and (piece[0].isdigit() or piece.lower() in TRIGGERS):
            yield pos, piece if piece[0].isdigit() else piece.lower()
        pos += len(piece)


def _select(found: list[tuple[int, int, TimeExpr]], size: int) -> list[TimeExpr]:
    """Longest first, then pattern priority; drop anything overlapping a kept span."""
    found.sort(key=lambda f: (f[0], f[1], f[2].start))
    taken: list[TimeExpr] = []
    used = bytearray(size)  # 1 where a kept span lies: linear, even with 100k candidates
    for _, _, expr in found:
        if used.find(1, expr.start, expr.end) < 0:
            used[expr.start : expr.end] = b"\x01" * (expr.end - expr.start)
            taken.append(expr)
    taken.sort(key=lambda e: e.start)
    return taken


_GLUE = regex.compile(r"\s*(?:,|pada|,?\s*pada\s+hari|hari)?\s*")


def _date_clock_times(text: str, exprs: list[TimeExpr]) -> None:
    """A clock time takes the date written right after it ('pukul 21.45 Wita pada Kamis
    (5/6/2025)'), else the nearest day-precise date before it in its sentence."""
    last_day: TimeExpr | None = None
    for i, e in enumerate(exprs):
        if _is_day(e):
            last_day = e
        elif "date-from-anchor" in e.flags and "T" in e.value:
            nxt = exprs[i + 1] if i + 1 < len(exprs) else None
            if nxt is not None and _is_day(nxt) and _GLUE.fullmatch(text, e.end, nxt.start):
                _take_date(e, nxt)
            elif last_day is not None and _SENTENCE_END.search(text, last_day.end, e.start) is None:
                _take_date(e, last_day)


def _is_day(e: TimeExpr) -> bool:
    return e.type == "DATE" and e.precision == "day" and len(e.value) == 10 and e.value[0] != "X"


def _take_date(clock: TimeExpr, day: TimeExpr) -> None:
    clock.value = day.value + clock.value[clock.value.index("T") :]
    clock.flags = [f for f in clock.flags if f != "date-from-anchor"] + ["date-from-context"]
    clock.confidence = min(day.confidence, 0.85)
