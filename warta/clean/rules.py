"""Line rules shared by the cleaner and the metadata stage.

The lists live in ``data/`` (one regex per line); this module compiles them
once and offers small predicates over a stripped line of text.
"""

from __future__ import annotations

import importlib.util
import re
from functools import lru_cache
from importlib import resources
from itertools import islice
from pathlib import Path

_FLAGS = re.IGNORECASE


def _read(name: str) -> list[str]:
    text = resources.files("warta.clean").joinpath("data", name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _compile(name: str) -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(f"(?:{p})" for p in _read(name)) + r")\Z", _FLAGS)


BOILERPLATE = _compile("boilerplate.txt")
END_MARKER = _compile("end_markers.txt")
RELATED = _compile("related.txt")


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """justext's Indonesian stoplist (loaded once).

    Read from justext's package folder as ``justext.get_stoplist`` does, without
    importing justext (and lxml): that import cost 0.2 s at the first article.
    """
    spec = importlib.util.find_spec("justext")
    if spec is None or spec.origin is None:
        raise ImportError("warta.clean needs the justext package (its Indonesian stoplist)")
    data = (Path(spec.origin).parent / "stoplists" / "Indonesian.txt").read_bytes()
    return frozenset(w.decode("utf8").lower() for w in data.splitlines())


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
TERMINAL = frozenset(".!?\"”’'»)")
_CLOSERS = "\"”’')]"


@lru_cache(maxsize=256)
def words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (remembered: each line is asked several times)."""
    return tuple(_WORD.findall(text))


def count_words(text: str, cap: int) -> int:
    """``min(len(words(text)), cap)``, reading no further than the ``cap``-th word."""
    return len(list(islice(_WORD.finditer(text), cap)))


def stop_density(text: str) -> float:
    """Share of words in the Indonesian stoplist (prose scores ~0.3-0.5)."""
    ws = words(text)
    if not ws:
        return 0.0
    stops = stoplist()
    return sum(1 for w in ws if w.lower() in stops) / len(ws)


def ends_sentence(text: str) -> bool:
    # [.!?] then only closing marks to the end (as the regex [.!?]["”’')\]]*\Z, without a scan)
    return text.rstrip(_CLOSERS).endswith((".", "!", "?"))


def titlecase_ratio(text: str) -> float:
    ws = [w for w in words(text) if len(w) > 3]
    if not ws:
        return 0.0
    return sum(1 for w in ws if w[0].isupper()) / len(ws)


def headline_like(text: str) -> bool:
    """A headline: short, one line, no final full stop (or mostly capitalised)."""
    if len(text) > 220:
        return False
    n = len(words(text))
    if not 1 <= n <= 30:
        return False
    if not text.rstrip().rstrip("\"”’'").endswith("."):  # 'bidang yang "sensitif."' ends a sentence
        return True
    return titlecase_ratio(text) >= 0.6 and n <= 14


def prose_like(text: str) -> bool:
    """Running text: a finished sentence, or long enough with function words."""
    n = count_words(text, 12)
    if ends_sentence(text) and n >= 3:
        return True
    return n >= 12 and stop_density(text) >= 0.15


def is_boilerplate(text: str) -> bool:
    return bool(BOILERPLATE.match(text))


def is_end_marker(text: str) -> bool:
    return bool(END_MARKER.match(text))


def is_related_marker(text: str) -> bool:
    return bool(RELATED.match(text))


def _table(name: str) -> dict[str, int]:
    return {k: int(v) for k, v in (ln.split("\t") for ln in _read(name))}


MONTHS = _table("months.tsv")
WEEKDAYS = _table("weekdays.tsv")
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
# "18 Jan 2024", "18 Juni 2024", "10/06/2025": a written calendar date.
# Written as "a digit not after a word character" so that the pattern starts with a digit
# class: the regex engine then skips ahead to digits (twice as fast as a leading \b).
DATE_TEXT = re.compile(
    rf"\d(?<!\w\d)\d?(?:\s+(?:{_MONTH_ALT})\.?\s+\d{{4}}|/\d{{1,2}}/\d{{4}})\b", _FLAGS
)
BYLINE = re.compile(
    r"(?:rep|red|reporter|redaktur|penulis|editor|jurnalis|pewarta|kontributor|oleh|fotografer)"
    r"\s*:\s*\S|oleh\s+[A-Z]|[A-Z][\w.' ]{2,60}\s+-\s+detik\w+\Z",
    _FLAGS,
)


def is_date_line(text: str) -> bool:
    """A header line carrying the publication date (short, with a written date)."""
    # the search first: it is cheaper than counting words and rarely finds a date in prose
    return bool(DATE_TEXT.search(text)) and count_words(text, 15) <= 14


def is_byline(text: str) -> bool:
    return len(text) <= 160 and bool(BYLINE.match(text))
