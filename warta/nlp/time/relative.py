"""Handlers for month/year words, relative units, durations, sets, weekdays and clock times."""

from __future__ import annotations

import datetime as dt
import re

import regex

from warta.model import TimeExpr
from warta.nlp.time import resolve as rs
from warta.nlp.time.handlers import (
    SANE_AHEAD,
    SANE_PAST,
    _clock_ok,
    _expr,
    _key,
    _mod_flag,
    _relative,
    group,
)
from warta.nlp.time.lexicon import lexicon, number_value
from warta.nlp.time.patterns import (
    MONTH_CUE_BEFORE,
    NOT_YEAR_AFTER,
    NOT_YEAR_BEFORE,
    WEEKDAY_CUE_BEFORE,
    YEAR_CUE_BEFORE,
)
from warta.nlp.time.resolve import Anchor

AGE_BEFORE = regex.compile(
    r"(?<!\w)(?:berusia|usia|umur|berumur|usianya|umurnya)(?:\s+(?:sekitar|kurang\s+lebih|hampir|lebih\s+dari|baru|sudah|genap|ke))*\s*$",
    regex.IGNORECASE,
)
_L = lexicon()
_PAST = {"lalu", "yang lalu", "silam", "kemarin", "sebelumnya", "ago", "last", "past"}
_FUTURE = {"depan", "mendatang", "yang akan datang", "lagi", "berikutnya", "kemudian", "next"}


def _before(text: str, start: int, pattern: regex.Pattern[str]) -> bool:
    return pattern.search(text[max(0, start - 24) : start]) is not None


def month(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    name, rel = m["mon"], _key(m["rel"])
    if not name[0].isupper() and not m["bulan"]:
        return None  # month names are capitalised; 'juni' alone is likely not a date
    cued = m["mod"] or m["bulan"] or rel or _before(text, m.start(), MONTH_CUE_BEFORE)
    if not cued and not _bare_month(text, m):
        return None
    mo = _L["months"][_key(name)]
    flags: list[str] = []
    _mod_flag(m, flags)
    if not anchor.known:
        flags.append("year-unknown")
        return _expr(m, "DATE", f"XXXX-{mo:02d}", "month", confidence=0.5, flags=flags)
    when = "past" if rel in _PAST else "future" if rel in _FUTURE | {"nanti"} else None
    if rel == "ini":
        y, conf = anchor.date.year, 0.9
    else:
        when = when or rs.tense(text, m.start(), m.end())
        y = rs.infer_year(anchor, mo, None, when)
        conf = 0.85 if (when or mo <= anchor.date.month) else 0.6
    flags.append("year-inferred")
    return _expr(m, "DATE", f"{y:04d}-{mo:02d}", "month", anchor=anchor.value, confidence=conf, flags=flags)


_CAPITAL_BEFORE = regex.compile(r"\p{Lu}[\w.]*[ \t]+$")
_CAPITAL_AFTER = regex.compile(r"[ \t]*\p{Lu}")


def _bare_month(text: str, m: re.Match[str]) -> bool:
    """'target Desember adalah ...': a capitalised month name alone, inside a sentence, not
    part of a name ('Juli Sastrawan', 'Kampung Juli', 'Mei Lin')."""
    if _key(m["mon"]) in ("mei", "may", "april", "august", "june"):  # common first names
        return False
    before = text[max(0, m.start() - 30) : m.start()]
    if not before.strip() or before.rstrip()[-1:] in '.!?"“(\n':
        return False  # a sentence or a quotation opening with a bare month: too unsure
    return not _CAPITAL_BEFORE.search(before) and not _CAPITAL_AFTER.match(text, m.end())


def _sane(y: int, anchor: Anchor) -> bool:
    return SANE_PAST <= y <= anchor.date.year + SANE_AHEAD


def yearrange(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (_sane(y1, anchor) and _sane(y2, anchor) and y1 < y2) or NOT_YEAR_AFTER.match(text[m.end() :]):
        return None
    conf = 0.9 if m["tahun"] or _before(text, m.start(), YEAR_CUE_BEFORE) else 0.75
    return _expr(m, "DATE", f"{y1:04d}/{y2:04d}", "year", confidence=conf)


def decade(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    dd = m["dd"]
    if len(dd) == 4:
        if not dd.endswith("0") or not _sane(int(dd), anchor):
            return None
        value = dd[:3]
    else:
        value = ("20" if dd == "00" else "19") + dd[0]
    return _expr(m, "DATE", value, "decade", confidence=0.85)


def year(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    y = int(m["y"])
    cue = bool(m["tahun"] or m["mod"] or m["rel"] or _before(text, m.start(), YEAR_CUE_BEFORE))
    if NOT_YEAR_AFTER.match(text[m.end() :]) or (
        not m["tahun"] and _before(text, m.start(), NOT_YEAR_BEFORE)
    ):
        return None
    flags: list[str] = []
    if cue:
        if not (1000 <= y <= anchor.date.year + 100):
            return None
        conf = 0.9 if _sane(y, anchor) else 0.3
    else:  # a bare number: a year only in a sane range
        if not (1900 <= y <= anchor.date.year + 5):
            return None
        conf = 0.6
        flags.append("bare-year")
    _mod_flag(m, flags)
    return _expr(m, "DATE", f"{y:04d}", "year", confidence=conf, flags=flags)


def unitrel(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    unit = _L["units"][_key(m["unit"])]
    rel = _key(group(m, "rel"))
    counted = bool(group(m, "n") or group(m, "se"))
    n = 1.0 if group(m, "se") else number_value(m["n"]) if group(m, "n") else None
    flags: list[str] = []
    _mod_flag(m, flags)
    if unit == "W" and m["unit"][0] == "M" and not rel and not counted:
        return None  # 'Minggu' alone is Sunday: the weekday pattern decides
    if rel in _PAST or rel in _FUTURE or rel in ("ini", "this"):
        sign = -1 if rel in _PAST else 1 if rel in _FUTURE else 0
        if rel == "lagi" and not counted:
            return None  # 'hari lagi' is not a time
        if counted and n is None:  # 'beberapa tahun lalu'
            value = "PAST_REF" if sign < 0 else "FUTURE_REF" if sign > 0 else "PRESENT_REF"
            precision = _L["unit_precision"][unit]
            return _expr(
                m,
                "DATE",
                value,
                precision,
                anchor=anchor.value,
                confidence=_relative(anchor, 0.6, flags),
                flags=flags,
            )
        if unit in ("S", "MIN", "H") or (n is not None and not float(n).is_integer()):
            return _expr(
                m,
                "DURATION",
                rs.duration(n, unit, m["n"]),
                _L["unit_precision"][unit],
                confidence=0.7,
                flags=flags,
            )
        if not counted and unit == "D" and sign:
            return None  # 'hari lalu' without a count
        step = sign * int(n if n is not None else 1)
        shifted = rs.shift(anchor.date, unit, step)
        if shifted is None:
            return None
        conf = 0.5 if rel in ("sebelumnya", "berikutnya", "kemudian") else 0.9
        if rel in ("sebelumnya", "berikutnya", "kemudian"):
            flags.append("relative-to-narrative")
        value = shifted[0] + _weekend(m, unit)
        return _expr(
            m,
            "DATE",
            value,
            shifted[1],
            anchor=anchor.value,
            confidence=_relative(anchor, conf, flags),
            flags=flags,
        )
    if not counted:
        return _current_unit(m, unit, anchor, flags)  # 'akhir tahun', 'akhir pekan'
    if unit in ("Y", "M") and _before(text, m.start(), AGE_BEFORE):
        return None  # 'berusia 26 tahun': an age, not a time (GUIDELINES.md)
    if rel in ("terakhir", "belakangan", "ke depan"):
        flags.append("past-window" if rel != "ke depan" else "future-window")
    return _expr(
        m, "DURATION", rs.duration(n, unit, m["n"]), _L["unit_precision"][unit], confidence=0.85, flags=flags
    )


def _weekend(m: re.Match[str], unit: str) -> str:
    late = _key(group(m, "mod")) in ("akhir", "ujung", "penghujung")
    return "-WE" if unit == "W" and late else ""


def _current_unit(m: re.Match[str], unit: str, anchor: Anchor, flags: list[str]) -> TimeExpr | None:
    """'akhir tahun', 'awal bulan': a modified bare unit is the anchor's own unit;
    'akhir pekan' is its weekend (TIMEX3 YYYY-Www-WE)."""
    mod = _key(group(m, "mod"))
    if not mod or unit not in ("W", "M", "Y"):
        return None  # a bare unit word ('tahun', 'bulan') is no expression
    shifted = rs.shift(anchor.date, unit, 0)
    if shifted is None:
        return None
    value = shifted[0] + _weekend(m, unit)
    conf = _relative(anchor, 0.75, flags)
    return _expr(m, "DATE", value, shifted[1], anchor=anchor.value, confidence=conf, flags=flags)


def unitrel_en(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    return unitrel(m, text, anchor)


def redup(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    unit = _L["units"][_key(m["ru"])]
    return _expr(m, "DURATION", rs.duration(None, unit), _L["unit_precision"][unit], confidence=0.8)


def set_(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    if m["wd"]:
        wd = _L["weekdays"][_key(m["wd"])]
        return _expr(m, "SET", f"XXXX-WXX-{wd}", "day", confidence=0.85)
    unit = _L["units"][_key(m["unit"])]
    n = number_value(m["n"]) if m["n"] else 1.0
    return _expr(m, "SET", rs.duration(n, unit), _L["unit_precision"][unit], confidence=0.85)


def deictic(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    word = _key(m["word"])
    offset = _L["deictic_days"][word]
    flags: list[str] = []
    conf = 0.9
    if word == "semalam":
        conf = 0.6  # also 'one night' (menginap semalam)
    if word in ("lusa", "esok") and not m.group()[0].isalpha():
        return None
    day = anchor.date + dt.timedelta(days=offset)
    return _expr(
        m,
        "DATE",
        day.isoformat(),
        "day",
        anchor=anchor.value,
        confidence=_relative(anchor, conf, flags),
        flags=flags,
    )


def weekday(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    name = m["wd"]
    if not name[0].isupper() and not m["hari"]:
        return None  # 'minggu' (week) and other lower-case words
    rel = _key(m["rel"])
    if name.lower() == "minggu" and rel in ("lalu", "depan", "ini", "mendatang"):
        return None  # 'Minggu lalu' = last week: the unit pattern decides
    if not (rel or m["pod"] or m["hari"] or _before(text, m.start(), WEEKDAY_CUE_BEFORE)):
        return None  # 'Ngerem Senin, berhentinya Sabtu': a bare weekday needs a cue
    when = None if rel else rs.tense(text, m.start(), m.end())
    day = rs.weekday_date(anchor, _L["weekdays"][_key(name)], rel, when)
    flags: list[str] = []
    _mod_flag(m, flags)
    conf = _relative(anchor, 0.85 if rel else 0.75, flags)
    return _expr(m, "DATE", day.isoformat(), "day", anchor=anchor.value, confidence=conf, flags=flags)


def clock(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    hh, mi = m["hh"] or m["hh2"], m["mi"] or m["mi2"] or "00"
    if not _clock_ok(int(hh), int(mi)):
        return None
    if m["cue"] and m["cue"].lower() == "jam" and not (m["mi"] or m["tz"] or m["pod"]):
        return None  # 'jam 7' is a time, but '24 jam' style numbers are too ambiguous alone
    flags = ["date-from-anchor"]
    tz = _L["timezones"].get(_key(m["tz"])) if m["tz"] else None
    if tz is None:
        tz = "+07:00"
        flags.append("tz-assumed")
    hour = int(hh)
    pod = _L["parts_of_day"].get(_key(m["pod"])) if m["pod"] else None
    if pod in ("afternoon", "evening", "night") and hour < 12:
        hour += 12
    if pod:
        flags.append(pod)
    value = f"{anchor.date.isoformat()}T{hour:02d}:{mi}{tz}"
    return _expr(
        m, "TIME", value, "minute", anchor=anchor.value, confidence=_relative(anchor, 0.6, flags), flags=flags
    )


def pod(m: re.Match[str], text: str, anchor: Anchor) -> TimeExpr | None:
    flags = ["early-morning", "date-from-anchor"]
    return _expr(
        m,
        "TIME",
        anchor.date.isoformat(),
        "day",
        anchor=anchor.value,
        confidence=_relative(anchor, 0.5, flags),
        flags=flags,
    )
