"""One handler per pattern: a regex match in context -> a TimeExpr, or None to drop it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from warta.model import TimeExpr
from warta.nlp.time import resolve as rs
from warta.nlp.time.lexicon import lexicon
from warta.nlp.time.resolve import Anchor

_L = lexicon()
Handler = Callable[[re.Match[str], str, Anchor], TimeExpr | None]
SANE_PAST = 1800  # years before this need a cue word and get low confidence
SANE_AHEAD = 30  # years after the anchor year likewise
# A year-less weekday date that fits no recent year may be a month typo up to ~6 weeks old.
WD_DM_REPAIR = dt.timedelta(days=45)


def group(m: re.Match[str], name: str) -> str | None:
    """``m.groupdict().get(name)`` without building the dict: None when the group did not
    take part or the pattern has no such group."""
    return m.group(name) if name in m.re.groupindex else None


def _key(word: str | None) -> str:
    return " ".join((word or "").lower().replace("’", "'").split())


def _expr(m: re.Match[str], type_: str, value: str, precision: str, **kw: object) -> TimeExpr:
    return TimeExpr(m.start(), m.end(), m.group(), type_, value, precision, **kw)  # type: ignore[arg-type]


def _relative(anchor: Anchor, confidence: float, flags: list[str]) -> float:
    """Relative forms computed from an anchor that is not the publication time are weak."""
    if not anchor.known:
        flags.append("anchor-unknown")
        return min(confidence, 0.3)
    if anchor.precision != "day":  # published is only a month or a year
        flags.append("anchor-coarse")
        return min(confidence, 0.5)
    return confidence


def _mod_flag(m: re.Match[str], flags: list[str]) -> None:
    for name in ("mod", "pod"):
        word = group(m, name)
        if word:
            flags.append(_L["modifiers"].get(_key(word)) or _L["parts_of_day"].get(_key(word), "pod"))


def _with_clock(m: re.Match[str], day: dt.date, flags: list[str]) -> tuple[str, str, str]:
    """Date value, plus a clock time when the match holds one: (value, precision, type)."""
    hh, mi = group(m, "hh"), group(m, "mi")
    if hh is None or mi is None or not _clock_ok(int(hh), int(mi)):
        return day.isoformat(), "day", "DATE"
    tz = group(m, "tz")
    offset = _L["timezones"].get(_key(tz)) if tz else None
    if offset is None:
        offset = "+07:00"  # Indonesian outlets write WIB times without saying so
        flags.append("tz-assumed")
    return f"{day.isoformat()}T{int(hh):02d}:{mi}{offset}", "minute", "TIME"


def _clock_ok(hh: int, mi: int) -> bool:
    return (0 <= hh <= 23 and 0 <= mi <= 59) or (hh == 24 and mi == 0)


def _check_weekday(m: re.Match[str], day: dt.date, flags: list[str], conf: float) -> float:
    wd = _L["weekdays"].get(_key(group(m, "wd")))
    if wd is not None and wd != day.isoweekday():
        flags.append("weekday-mismatch")
        return min(conf, 0.4)
    return conf


def _year(raw: str, anchor: Anchor) -> int:
    y = int(raw)
    if len(raw) == 2:  # 15/8/22: the century closest to the anchor
        y += anchor.date.year // 100 * 100
        if y > anchor.date.year + 20:
            y -= 100
    return y


def numdate(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    if len(m["y"]) == 2 and not m["wd"]:
        return None  # 1/2/22 alone is too often a fraction or a code
    y, mo, d = _year(m["y"], anchor), int(m["m"]), int(m["d"])
    if m["sep"] != "/" and not m["wd"] and not (1900 <= y <= anchor.date.year + 5):
        return None  # 15-8-2022 / 15.8.2022 alone: only plausible years
    day = rs.valid_date(y, mo, d)
    if day is None:
        return None  # 31/2/2024: no confident value
    flags: list[str] = []
    conf = _check_weekday(m, day, flags, 0.95)
    if "weekday-mismatch" in flags and anchor.known:
        fixed = rs.repair_weekday(anchor, day, _L["weekdays"][_key(m["wd"])])
        if fixed is not None:  # a typo in the month or year of a recent date
            flags += ["date-repaired", f"written:{day.isoformat()}"]
            day = fixed
    if not (SANE_PAST <= y <= anchor.date.year + SANE_AHEAD):
        flags.append("year-out-of-range")
        conf = min(conf, 0.3)
    value, precision, type_ = _with_clock(m, day, flags)
    _mod_flag(m, flags)
    return _expr(m, type_, value, precision, confidence=conf, flags=flags)


def isodate(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    day = rs.valid_date(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["hh"] and _clock_ok(int(m["hh"]), int(m["mi"])):
        tz = m["iso_tz"] or ""
        if tz == "Z":
            tz = "+00:00"
        elif tz and ":" not in tz:
            tz = f"{tz[:3]}:{tz[3:]}"
        return _expr(m, "TIME", f"{day.isoformat()}T{m['hh']}:{m['mi']}{tz}", "minute", confidence=0.95)
    return _expr(m, "DATE", day.isoformat(), "day", confidence=0.95)


def wd_dm(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    mo, d = int(m["m"]), int(m["d"])
    if rs.valid_date(2000, mo, d) is None:  # 2000 is a leap year: 29/2 passes
        return None
    flags: list[str] = []
    _mod_flag(m, flags)
    if not anchor.known:
        flags.append("year-unknown")
        return _expr(m, "DATE", f"XXXX-{mo:02d}-{d:02d}", "day", confidence=0.5, flags=flags)
    wd = _L["weekdays"][_key(m["wd"])]
    y = rs.year_from_weekday(anchor, mo, d, wd)
    recent = rs.valid_date(anchor.date.year, mo, d)
    if y != anchor.date.year and recent is not None and -7 <= (anchor.date - recent).days <= 30:
        # 'Minggu (4/6)' in a paper of 10 June: a wrong weekday, not an event years ago
        y = None
    if y is None:
        flags.append("weekday-mismatch")
        y, conf = rs.infer_year(anchor, mo, d, rs.tense(text, m.start(), m.end())), 0.4
        written = rs.valid_date(y, mo, d)
        fixed = rs.repair_weekday(anchor, written, wd, WD_DM_REPAIR) if written else None
        # 'Minggu (4/6)' in a paper of 10 June 2025: Sunday 4 May, a month typo
        if fixed is not None and written is not None:
            flags += ["date-repaired", f"written:{written.isoformat()}"]
            y, mo, d = fixed.year, fixed.month, fixed.day
    else:
        conf = 0.9 if y >= anchor.date.year - 1 else 0.75
        flags.append("year-from-weekday")
    return _expr(
        m, "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day", anchor=anchor.value, confidence=conf, flags=flags
    )


def textdate(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    mo, d = _L["months"][_key(m["mon"])], int(m["d"])
    flags: list[str] = []
    if m["y"]:
        y, conf, anchor_value = int(m["y"]), 0.95, None
    else:
        if rs.valid_date(2000, mo, d) is None:
            return None
        if not anchor.known:
            flags.append("year-unknown")
            return _expr(m, "DATE", f"XXXX-{mo:02d}-{d:02d}", "day", confidence=0.5, flags=flags)
        y = rs.infer_year(anchor, mo, d, rs.tense(text, m.start(), m.end()))
        if group(m, "wd"):
            y = rs.year_from_weekday(anchor, mo, d, _L["weekdays"][_key(m["wd"])]) or y
        conf, anchor_value = 0.8, anchor.value
        flags.append("year-inferred")
    day = rs.valid_date(y, mo, d)
    if day is None:
        return None
    conf = _check_weekday(m, day, flags, conf) if group(m, "wd") else conf
    if group(m, "d2"):
        end = rs.valid_date(y, mo, int(m["d2"]))
        if end is None or end <= day:
            return None
        return _expr(
            m,
            "DATE",
            f"{day.isoformat()}/{end.isoformat()}",
            "day",
            anchor=anchor_value,
            confidence=conf,
            flags=flags,
        )
    value, precision, type_ = _with_clock(m, day, flags)
    _mod_flag(m, flags)
    return _expr(m, type_, value, precision, anchor=anchor_value, confidence=conf, flags=flags)


def monyear(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    y = int(m["y"])
    if not (SANE_PAST <= y <= anchor.date.year + SANE_AHEAD):
        return None
    flags: list[str] = []
    _mod_flag(m, flags)
    return _expr(
        m, "DATE", f"{y:04d}-{_L['months'][_key(m['mon'])]:02d}", "month", confidence=0.95, flags=flags
    )
