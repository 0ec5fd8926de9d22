"""Calendar arithmetic and anchoring: turn parsed fields into TIMEX3 values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import regex

from warta.nlp.time.patterns import FUTURE_CUES, PAST_CUES

# Compiled once: regex.match(str, ...) looks its cache up on every call (a cost per expression).
_ISO_DAY = regex.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?!\d)")
_DECIMAL_COMMA = regex.compile(r"\d+,\d+")
_DURATION = regex.compile(r"P(?:(\d+(?:\.\d+)?)([YMWD]))?(?:T(\d+(?:\.\d+)?)([HMS]))?")
_NEXT_WORD = regex.compile(r"\s*(\w+)")

MIN_YEAR, MAX_YEAR = 1, 9999


@dataclass(frozen=True)
class Anchor:
    """The reference point of relative expressions."""

    date: dt.date
    value: str  # as used in TimeExpr.anchor
    known: bool  # False when taken from reference_date because published was missing
    precision: str = "day"  # of the published value: day, month or year
    tz: str | None = None


def parse_anchor(published: str | None, reference_date: str | None = None) -> Anchor:
    """Anchor from ``Article.published``; else ``reference_date``; else today (unknown)."""
    parsed = _parse_iso(published) if published else None
    if parsed is not None:
        day, precision, tz = parsed
        return Anchor(day, day.isoformat(), True, precision, tz)
    ref = _parse_iso(reference_date) if reference_date else None
    day = ref[0] if ref else dt.date.today()
    return Anchor(day, day.isoformat(), False, "day")


def _parse_iso(value: str) -> tuple[dt.date, str, str | None] | None:
    value = value.strip()
    try:
        stamp = dt.datetime.fromisoformat(value)
        tz = stamp.strftime("%z") if stamp.tzinfo else None
        return stamp.date(), "day", (f"{tz[:3]}:{tz[3:]}" if tz else None)
    except ValueError:
        pass
    m = _ISO_DAY.match(value)  # also TimeML's 2013-12-4
    if m is None:
        return None
    day = valid_date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    if day is None or day.year < 1:
        return None
    return day, ("day" if m[3] else "month" if m[2] else "year"), None


def valid_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def iso_week(day: dt.date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def shift(day: dt.date, unit: str, n: int) -> tuple[str, str] | None:
    """The calendar unit ``n`` units from ``day``: (value, precision)."""
    try:
        if unit == "D":
            return (day + dt.timedelta(days=n)).isoformat(), "day"
        if unit == "W":
            return iso_week(day + dt.timedelta(weeks=n)), "week"
        if unit == "M":
            y, m = add_months(day.year, day.month, n)
            return (f"{y:04d}-{m:02d}", "month") if MIN_YEAR <= y <= MAX_YEAR else None
        if unit in ("Y", "WINDU"):
            y = day.year + n * (8 if unit == "WINDU" else 1)
            return (f"{y:04d}", "year") if MIN_YEAR <= y <= MAX_YEAR else None
        if unit == "DE":
            return f"{(day.year // 10 + n):03d}", "decade"
        if unit == "CE":
            return f"{(day.year // 100 + n):02d}", "century"
    except (OverflowError, ValueError):
        return None
    return None


def duration(n: float | None, unit: str, written: str | None = None) -> str:
    """ISO 8601 duration: P24Y, PT30M, P2W, PXY (unknown count); ``written`` keeps the
    decimals as printed ('0,970 detik' -> PT0.970S)."""
    count = "X" if n is None else (str(int(n)) if float(n).is_integer() else f"{n:g}")
    if n is not None and written and _DECIMAL_COMMA.fullmatch(written):
        count = written.replace(",", ".")
    if unit == "WINDU" and n is not None:
        return f"P{int(n * 8)}Y"
    code = {
        "S": "S",
        "MIN": "M",
        "H": "H",
        "D": "D",
        "W": "W",
        "M": "M",
        "Y": "Y",
        "DE": "DE",
        "CE": "CE",
        "WINDU": "Y",
    }[unit]
    return f"PT{count}{code}" if unit in ("S", "MIN", "H") else f"P{count}{code}"


def merge_durations(first: str, second: str) -> str | None:
    """'1 menit' + '46,974 detik' -> PT1M46.974S; None unless the units run from large to small."""
    order = "YMWD" + "HMS"
    parts: list[tuple[int, str, str]] = []  # (rank, count, code)
    for value in (first, second):
        m = _DURATION.fullmatch(value)
        if m is None or bool(m[1]) == bool(m[3]):
            return None
        parts.append((order.index(m[2]) if m[1] else 4 + "HMS".index(m[4]), m[1] or m[3], m[2] or m[4]))
    if parts[0][0] >= parts[1][0]:
        return None
    date = "".join(c + u for r, c, u in parts if r < 4)
    time = "".join(c + u for r, c, u in parts if r >= 4)
    return "P" + date + ("T" + time if time else "")


def tense(text: str, start: int, end: int) -> str | None:
    """'future' or 'past' from cue words in the clause around a span, else None."""
    left = max(text.rfind(".", max(0, start - 160), start), text.rfind("\n", max(0, start - 160), start))
    before = text[left + 1 if left >= 0 else max(0, start - 160) : start]
    after = text[end : end + 25]
    nxt = _NEXT_WORD.match(after)
    if nxt and FUTURE_CUES.fullmatch(nxt[1]):
        return "future"
    if nxt and PAST_CUES.fullmatch(nxt[1]):
        return "past"
    fut = [m.start() for m in FUTURE_CUES.finditer(before)]
    past = [m.start() for m in PAST_CUES.finditer(before)]
    if fut or past:  # the cue nearest to the span decides
        return "future" if max(fut, default=-1) > max(past, default=-1) else "past"
    return None


def infer_year(anchor: Anchor, month: int, day: int | None, when: str | None) -> int:
    """Year of a month (and day) written without one, given the tense around it."""
    y = anchor.date.year
    key, now = (month, day or 0), (anchor.date.month, anchor.date.day if day else 0)
    if when == "future":
        return y if key >= now else y + 1
    if when == "past":
        return y if key <= now else y - 1
    # no tense cue: the closest such month (a December named in November is next month)
    months_ahead = (month - anchor.date.month) % 12
    if 0 < months_ahead <= 2:
        return y if month > anchor.date.month else y + 1
    return y if key <= now else y - 1


@lru_cache(maxsize=4096)  # dense texts repeat the same dates
def year_from_weekday(anchor: Anchor, month: int, day: int, weekday: int) -> int | None:
    """Latest year not after the anchor's in which day/month falls on ``weekday`` (1=Monday)."""
    for y in range(anchor.date.year, anchor.date.year - 29, -1):
        d = valid_date(y, month, day)
        if d is not None and d.isoweekday() == weekday:
            return y
    return None


REPAIR_WINDOW = dt.timedelta(days=10)


@lru_cache(maxsize=4096)
def repair_weekday(
    anchor: Anchor, written: dt.date, weekday: int, window: dt.timedelta = REPAIR_WINDOW
) -> dt.date | None:
    """The one date in the ten days up to the anchor, one typo away from ``written``, that falls on ``weekday``.

    Typos of month or year ('Jumat (6/7/2025)' in a paper of 8 June 2025) are common in
    fresh news; only a single candidate is accepted, never one after the anchor (old photo
    captions keep their mismatching date, flagged).
    """
    y, m, d = written.year, written.month, written.day
    options = {(y, m2, d) for m2 in range(1, 13)} | {(y2, m, d) for y2 in (y - 1, y + 1)}
    options |= {(y, d, m)} if d <= 12 else set()
    options |= {(y, m, d - 1), (y, m, d + 1)}  # the day itself mistyped by one
    found = {
        c
        for c in (valid_date(*o) for o in options)
        if c is not None
        and c != written
        and c.isoweekday() == weekday
        and dt.timedelta(0) <= anchor.date - c <= window
    }
    return found.pop() if len(found) == 1 else None


def weekday_date(anchor: Anchor, weekday: int, rel: str | None, when: str | None) -> dt.date:
    """The date of a weekday named without a date ("Selasa lalu", "pada Kamis")."""
    today = anchor.date
    back = (today.isoweekday() - weekday) % 7  # days back to the most recent such weekday
    ahead = (weekday - today.isoweekday()) % 7
    rel = " ".join((rel or "").lower().split())
    if rel in ("lalu", "kemarin"):
        return today - dt.timedelta(days=back or 7)
    if rel in ("depan", "mendatang"):
        return today + dt.timedelta(days=ahead or 7)
    monday = today - dt.timedelta(days=today.isoweekday() - 1)
    if rel == "ini" or rel == "pekan ini":
        return monday + dt.timedelta(days=weekday - 1)
    if rel in ("pekan lalu", "minggu lalu"):
        return monday + dt.timedelta(days=weekday - 8)
    if rel in ("pekan depan", "minggu depan"):
        return monday + dt.timedelta(days=weekday + 6)
    if when == "future":
        return today + dt.timedelta(days=ahead)
    return today - dt.timedelta(days=back)
