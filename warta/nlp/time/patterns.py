"""Precompiled patterns: one per form of temporal expression, built from the lexicon.

Each pattern matches a candidate span; whether it is kept, and its value, is decided in
``extract``/``resolve`` (context cues, validity).  Spans leave out prepositions ("pada"),
as TimeML does, but keep modifiers ("akhir Mei") and weekday names ("Senin (15/8/2022)").
"""

from __future__ import annotations

import re

import regex

from warta.nlp.time.lexicon import alternation, lexicon

_L = lexicon()
MON = alternation(_L["months"])
MONFULL = alternation(_L["month_full"])
WD = alternation(_L["weekdays"])
MOD = alternation(_L["modifiers"])
POD = alternation(_L["parts_of_day"])
TZ = alternation(_L["timezones"])
UNIT = alternation(_L["units"])
_NUMWORD = alternation(_L["numbers"])
_DIGITS = r"\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?"
NUM = (
    rf"(?:(?:{_NUMWORD})\s+(?:puluh|belas|ratus)(?:\s+(?:{_NUMWORD}))?|{_DIGITS}|"
    rf"{alternation(_L['vague_numbers'])}|{_NUMWORD})"
)
# Left/right edges: not inside a word or a number such as 1.500 or 15/8.
LB = r"(?<![\w/.,:-])"
RB = r"(?![\w/]|[.,:-]\d)"
_TIME = rf"(?P<hh>\d{{1,2}})[:.](?P<mi>\d{{2}})(?![\d])(?:\s*(?P<tz>{TZ})\b)?"
# A clock time glued to a date: "18 Jan 2024 08:25 WIB", "10/06/2025, 21:23 WIB".
# A "pukul 14.30" after a date is an expression of its own (GUIDELINES.md).
TIME_SUFFIX = rf"(?:\s*,?\s*{_TIME})?"
POD_SUFFIX = rf"(?:\s+(?P<pod>{POD})(?!\w))?"
# "Senin (2/6) kemarin": the deictic word only confirms the date
REL_SUFFIX = r"(?:\s+(?:kemarin|lalu)(?!\w))?"
# "5 Juni 2025 lalu", "24 Juni 2025 nanti": the word only confirms the date
DATE_REL_SUFFIX = r"(?:\s+(?:lalu|silam|kemarin|mendatang|nanti)(?!\w))?"
HEAD = r"(?:(?:hari|tanggal|tgl\.?)\s+)?"
REL_WORDS = (
    r"yang\s+lalu|yang\s+akan\s+datang|ke\s+depan|lalu|silam|kemarin|sebelumnya|berikutnya|ini|depan|"
    r"mendatang|lagi|terakhir|belakangan|ago|kemudian"
)

_SOURCES: dict[str, str] = {
    # Senin (15/8/2022), 15/8/2022, Kompas.com - 10/06/2025, 21:23 WIB
    "numdate": (
        rf"{HEAD}(?:(?P<wd>{WD})\s*,?\s*(?P<op>\()?\s*)?{LB}(?P<d>\d{{1,2}})(?P<sep>[/.-])(?P<m>\d{{1,2}})"
        rf"(?P=sep)(?P<y>\d{{4}}|\d{{2}}){RB}(?(op)\s*\))" + TIME_SUFFIX + POD_SUFFIX + REL_SUFFIX
    ),
    # 2024-06-18, 2024-06-18T13:51:00+07:00
    "isodate": (
        rf"{LB}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})"
        r"(?:[T ](?P<hh>\d{2}):(?P<mi>\d{2})(?::\d{2}(?:\.\d+)?)?(?P<iso_tz>Z|[+-]\d{2}:?\d{2})?)?(?![\w])"
    ),
    # Selasa (18/6), Kamis (25/4)
    "wd_dm": rf"{HEAD}(?P<wd>{WD})\s*,?\s*\(\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})\s*\)"
    + POD_SUFFIX
    + REL_SUFFIX,
    # Selasa, 18 Juni 2024 ; 15-17 Agustus 2022 ; 18 Jan 2024 08:25 WIB ; 17 Agustus
    "textdate": (
        rf"{HEAD}(?:(?P<wd>{WD})\s*,?\s*)?{LB}(?P<d>\d{{1,2}})(?:\s*[-–]\s*(?P<d2>\d{{1,2}}))?\s+"
        rf"(?P<mon>{MON})\.?(?:\s*,?\s*(?P<y>\d{{4}}))?(?!\w|[.,]\d)"
        + TIME_SUFFIX
        + POD_SUFFIX
        + DATE_REL_SUFFIX
    ),
    # June 18, 2024
    "textdate_en": rf"(?P<mon>{MON})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}}){RB}",
    # Juni 2024, akhir Juni 2024, bulan Maret 2024
    "monyear": (
        rf"(?:(?P<mod>{MOD})\s+)?(?:bulan\s+)?(?P<mon>{MON})\.?\s*,?\s+(?P<y>\d{{4}}){RB}"
        rf"(?:\s+(?P<rel>lalu|silam|mendatang|nanti|depan)(?!\w))?"
    ),
    # pada Juli, bulan September, akhir Mei, Juli lalu
    "month": (
        rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<bulan>bulan)\s+)?(?P<mon>{MONFULL})(?!\w)"
        rf"(?:\s+(?P<rel>yang\s+lalu|lalu|silam|kemarin|ini|mendatang|depan|nanti))?(?!\w)"
    ),
    # 1910-1945, tahun 2010-2015
    "yearrange": (rf"(?:(?P<tahun>tahun)\s+)?{LB}(?P<y1>\d{{4}})\s*[-–—]\s*(?P<y2>\d{{4}})(?![\w/-]|[.,]\d)"),
    # tahun 1990-an, 90-an
    "decade": rf"(?:(?P<tahun>tahun|era)\s+)?{LB}(?P<dd>\d{{4}}|\d0)\s*-?\s*an(?!\w)",
    # 2022, tahun 2000, awal 2024, pada 2022 lalu
    "year": (
        rf"(?:(?P<mod>{MOD})\s+)?(?:(?P<tahun>tahun|th\.?|thn\.?|year)\s+)?{LB}(?P<y>\d{{4}})"
        rf"(?![\w/-]|[.,]\d)(?:\s+(?P<rel>lalu|silam|ini|mendatang|depan)(?!\w))?"
    ),
    # dua hari lalu, 24 tahun terakhir, selama dua pekan, bulan lalu, awal pekan ini, setahun lalu
    "unitrel": (
        rf"(?:(?P<mod>{MOD})\s+)?(?:(?<!\w)(?P<n>{NUM})\s+|(?<!\w)(?P<se>se)(?=(?:{UNIT})\b))?(?P<unit>{UNIT})(?![\w-])"
        rf"(?:\s+(?P<rel>{REL_WORDS})(?!\w))?"
    ),
    # last year, next week, this month
    "unitrel_en": r"(?P<rel>last|next|this|past)\s+(?P<unit>week|month|year|decade)(?!\w)",
    # bertahun-tahun, berbulan-bulan
    "redup": r"(?<!\w)ber(?P<ru>tahun|bulan|hari|minggu|pekan|jam|abad|dekade)-(?P=ru)(?!\w)",
    # setiap tahun, tiap Senin, per hari
    "set": (
        rf"(?<!\w)(?P<q>setiap|tiap|saban|per|every)\s+(?:(?P<n>{NUM})\s+)?"
        rf"(?:(?P<unit>{UNIT})|(?P<wd>{WD}))(?:nya)?(?!\w)"
    ),
    # kemarin, lusa, hari ini, tadi malam
    "deictic": rf"(?<!\w)(?P<word>{alternation(_L['deictic_days'])})(?!\w)",
    # Selasa malam, hari Selasa, Senin lalu
    "weekday": (
        rf"(?:(?P<hari>hari)\s+)?(?<!\w)(?P<wd>{WD})(?!\w)"
        + POD_SUFFIX
        + r"(?:\s+(?P<rel>pekan\s+lalu|minggu\s+lalu|pekan\s+depan|minggu\s+depan|lalu|kemarin|depan|"
        r"mendatang|ini|pekan\s+ini)(?!\w))?"
    ),
    # pukul 14.30 WIB, 21:23 WIB, jam 7 pagi
    "clock": (
        rf"(?<!\w)(?:(?P<cue>pukul|pkl\.?|jam)\s*(?P<hh>\d{{1,2}})(?:[.:](?P<mi>\d{{2}}))?|"
        rf"{LB}(?P<hh2>\d{{1,2}})[.:](?P<mi2>\d{{2}})(?=\s*(?:{TZ})\b))"
        rf"(?![\d]|[.,:]\d)(?:\s*(?P<tz>{TZ})(?!\w))?" + POD_SUFFIX
    ),
    # dini hari, malam hari (bare part of day)
    "pod": r"(?<!\w)(?P<pod>dini\s+hari)(?!\w)",
}

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(src, re.IGNORECASE)) for name, src in _SOURCES.items()
]
# Tie-break among candidates of equal length: lower index wins.
PRIORITY = {name: i for i, (name, _) in enumerate(PATTERNS)}

FUTURE_CUES = regex.compile(rf"(?<!\w)(?:{alternation(_L['future_cues'])})(?!\w)", regex.IGNORECASE)
PAST_CUES = regex.compile(rf"(?<!\w)(?:{alternation(_L['past_cues'])})(?!\w)", regex.IGNORECASE)
YEAR_CUE_BEFORE = regex.compile(rf"(?<!\w)(?:{alternation(_L['year_cues'])})\s*$", regex.IGNORECASE)
MONTH_CUE_BEFORE = regex.compile(rf"(?<!\w)(?:{alternation(_L['month_cues'])})\s*$", regex.IGNORECASE)
WEEKDAY_CUE_BEFORE = regex.compile(
    rf"(?:(?<!\w)(?:{alternation(_L['weekday_cues'])})|[,(–—-])\s*$", regex.IGNORECASE
)
NOT_YEAR_BEFORE = regex.compile(
    rf"(?:(?<!\w)(?:{alternation(_L['not_year_before'])})\.?|[$€£¥])\s*$", regex.IGNORECASE
)
NOT_YEAR_AFTER = regex.compile(rf"^\s*(?:{alternation(_L['not_year_after'])})(?!\w)", regex.IGNORECASE)


# ---------------------------------------------------------------- triggers
# Scanning every pattern over every position is slow (~10 ms per article); instead each
# pattern is tried only where a word that can start it begins: a lexicon word or a digit.


def _firsts(words: object) -> set[str]:
    return {regex.match(r"\w*", str(w).lower())[0] for w in words} - {""}  # type: ignore[index,attr-defined]


def _trigger_words() -> dict[str, set[str]]:
    wd, mon, monfull, mod = (_firsts(_L[k]) for k in ("weekdays", "months", "month_full", "modifiers"))
    units = _firsts(_L["units"])
    nums = _firsts(_L["numbers"]) | _firsts(_L["vague_numbers"])
    se_units = {"se" + u for u in units}
    return {
        "numdate": wd | {"hari", "tanggal", "tgl"},
        "isodate": set(),
        "wd_dm": wd | {"hari"},
        "textdate": wd | {"hari", "tanggal", "tgl"},
        "textdate_en": mon,
        "monyear": mod | mon | {"bulan"},
        "month": mod | monfull | {"bulan"},
        "yearrange": {"tahun"},
        "decade": {"tahun", "era"},
        "year": mod | {"tahun", "th", "thn", "year"},
        "unitrel": mod | nums | units | se_units,
        "unitrel_en": {"last", "next", "this", "past"},
        "redup": {"ber" + u for u in units},
        "set": {"setiap", "tiap", "saban", "per", "every"},
        "deictic": _firsts(_L["deictic_days"]),
        "weekday": wd | {"hari"},
        "clock": {"pukul", "pkl", "jam"},
        "pod": {"dini"},
    }


# Digit tokens: which patterns can start with a number of this many digits.
_DIGIT_START = {
    1: ("numdate", "textdate", "decade", "unitrel", "clock"),
    2: ("numdate", "textdate", "decade", "unitrel", "clock"),
    4: ("isodate", "yearrange", "decade", "year", "unitrel"),
}
_INDEX = {name: i for i, (name, _) in enumerate(PATTERNS)}
TRIGGERS: dict[str, list[int]] = {}
for _name, _words in _trigger_words().items():
    for _w in _words:
        TRIGGERS.setdefault(_w, []).append(_INDEX[_name])
DIGIT_TRIGGERS: dict[int, list[int]] = {n: [_INDEX[p] for p in names] for n, names in _DIGIT_START.items()}
OTHER_DIGITS = [_INDEX["unitrel"]]
