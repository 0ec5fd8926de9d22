"""Publication dates written in page headers and article leads.

Header lines ("Kamis 18 Jan 2024 08:25 WIB", "Kompas.com - 10/06/2025, 21:23
WIB", "Medcom • 18 June 2024 13:51") give a minute; a lead ("pada Senin
(15/8/2022)", "hari Selasa (18/6)") gives a day, and when the year is missing
it is inferred from the weekday: the latest matching year not after the
reference date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from warta.clean.rules import MONTHS, WEEKDAYS

ZONES = {"WIB": "+07:00", "WITA": "+08:00", "WIT": "+09:00"}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_TIME = r"(?:[,\s|•–-]+(?:pukul\s+|jam\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?::\d{2})?)?\s*(?P<zone>WIB|WITA|WIT)?\b"
_NAMED = re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH})\.?\s+(?P<y>\d{{4}}){_TIME}", re.IGNORECASE)
_NUMERIC = re.compile(rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}){_TIME}", re.IGNORECASE)
# Lead dates: "Senin (15/8/2022)", "Selasa (18/6)", "Selasa, 18 Juni 2024"
_LEAD = re.compile(
    rf"\b(?P<wd>{_WEEKDAY})\s*(?:\(\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})(?:/(?P<y>\d{{2,4}}))?\s*\)"
    rf"|,\s*(?P<d2>\d{{1,2}})\s+(?P<mon>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?\b)",
    re.IGNORECASE,
)
# A dated article path: "kompas.com/tren/read/2025/06/07/170000665/..." (not image paths,
# which the caller avoids by reading only the article's own URL).
_URL_DATE = re.compile(r"https?://[^\s|]+?/(?P<y>(?:19|20)\d\d)/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|\b)")
URL_LINE = re.compile(r"\burl\b", re.IGNORECASE)
UPDATED = re.compile(r"\b(?:diperbarui|diupdate|updated|pembaruan)\b", re.IGNORECASE)


@dataclass
class Found:
    value: str  # ISO 8601
    precision: str  # minute | day
    start: int  # span in the searched text
    end: int
    how: str


def _iso(y: int, m: int, d: int, h: str | None, mi: str | None, zone: str | None, assume_wib: bool) -> tuple[str, str] | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    if h is None:
        return day.isoformat(), "day"
    hour, minute = int(h), int(mi or 0)
    if hour > 23 or minute > 59:
        return day.isoformat(), "day"
    offset = ZONES.get((zone or "").upper()) or ("+07:00" if assume_wib else "")
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}", "minute"


def header_date(text: str, assume_wib: bool = True) -> Found | None:
    """The first full date (with time when given) in a header line."""
    for rx in (_NAMED, _NUMERIC):
        m = rx.search(text)
        if not m:
            continue
        month = MONTHS[m["mon"].lower()] if "mon" in rx.groupindex else int(m["m"])
        got = _iso(int(m["y"]), month, int(m["d"]), m["h"], m["mi"], m["zone"], assume_wib)
        if got:
            return Found(got[0], got[1], m.start(), m.end(), "header-line")
    return None


def infer_year(month: int, day: int, weekday: int, reference: dt.date, span: int = 30) -> int | None:
    """Latest year, with the date not after ``reference``, where the date falls on ``weekday``."""
    for year in range(reference.year, reference.year - span, -1):
        try:
            cand = dt.date(year, month, day)
        except ValueError:
            continue
        if cand <= reference and cand.isoweekday() == weekday:
            return year
    return None


def lead_date(text: str, reference: dt.date) -> Found | None:
    """The first weekday-anchored date in a lead paragraph."""
    for m in _LEAD.finditer(text):
        wd = WEEKDAYS[m["wd"].lower()]
        day = int(m["d"] or m["d2"])
        month = int(m["m"]) if m["m"] else MONTHS[m["mon"].lower()]
        year_s = m["y"] or m["y2"]
        how = "lead-date"
        if year_s:
            year = int(year_s) + (2000 if len(year_s) == 2 else 0)
        else:
            inferred = infer_year(month, day, wd, reference)
            if inferred is None:
                continue
            year, how = inferred, "inferred-weekday"
        try:
            value = dt.date(year, month, day)
        except ValueError:
            continue
        if value.isoweekday() != wd and how == "lead-date":
            how = "lead-date-weekday-mismatch"
        return Found(value.isoformat(), "day", m.start(), m.end(), how)
    return None


def url_date(text: str) -> Found | None:
    """The day in a dated URL path (``/2025/06/07/``): day precision."""
    m = _URL_DATE.search(text)
    if not m:
        return None
    got = _iso(int(m["y"]), int(m["m"]), int(m["d"]), None, None, None, False)
    return Found(got[0], got[1], m.start("y"), m.end("d"), "url-date") if got else None
