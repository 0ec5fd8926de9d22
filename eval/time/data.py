"""Articles of the time dev set, read from ../shared/data at run time and cleaned by warta.

Keys (also the input of :func:`eval.split.is_held_out`):

- ``indonews-2025-06-early/old_berita_<outlet>.csv:<row>`` (0-based data row); anchor:
  the ``date`` column (``10 Jun 2025``, ``Kompas.com - 10/06/2025, 21:50 WIB``);
- ``kompas-md/<folder>/<file>.md``; anchor: the date in the file name (xml.YYYY.MM.DD...)
  or else in the article's URL (/read/YYYY/MM/DD/);
- ``indotimex-dev/<file>.tml``; the text inside <TEXT>; anchor: the annotated DCT;
- ``indosum/<fold>.jsonl:<id>``; tokens joined by spaces; anchor: the date in the source
  URL, else the id's Unix time stamp (UTC+7).

Every text goes through ``clean.text@1``; label offsets refer to that clean text.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"], 1
    )
}
_MONTHS.update({"may": 5, "aug": 8, "oct": 10, "dec": 12, "ags": 8, "agt": 8})


def available() -> bool:
    return DATA.is_dir()


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@cache
def _csv_rows(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with (DATA / name).open(encoding="utf-8", errors="replace", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def _indosum(fold: str) -> dict[str, dict]:
    with (DATA / "indosum" / fold).open(encoding="utf-8") as fh:
        return {d["id"]: d for d in map(json.loads, fh)}


def raw_record(key: str) -> tuple[str, str | None]:
    """(raw text, anchor ISO date) of a key."""
    if ".csv:" in key:
        name, row = key.rsplit(":", 1)
        r = _csv_rows(name)[int(row)]
        return r["content"], _csv_date(r["date"])
    if key.startswith("kompas-md/"):
        raw = (DATA / key).read_text(encoding="utf-8", errors="replace")
        m = re.search(r"xml\.(\d{4})\.(\d\d)\.(\d\d)", key) or re.search(r"/read/(\d{4})/(\d\d)/(\d\d)/", raw)
        return raw, "-".join(m.groups()) if m else None
    if key.startswith("indotimex-dev/"):
        data = (DATA / key).read_bytes()
        try:
            doc = data.decode("utf-8")
        except UnicodeDecodeError:
            doc = data.decode("cp1252", errors="replace")
        dct = re.search(r'functionInDocument="CREATION_TIME"', doc) and re.search(
            r'<DCT>.*?value="([\d-]+)"', doc, re.DOTALL
        )
        body = re.search(r"<TEXT>(.*)</TEXT>", doc, re.DOTALL)
        text = html.unescape(re.sub(r"<[^>]+>", "", body[1] if body else ""))
        parts = [int(x) for x in dct[1].split("-")] if dct else [1, 1, 1]
        return text, dt.date(*parts[:3]).isoformat()
    if key.startswith("indosum/"):
        fold, did = key[len("indosum/") :].split(":", 1)
        rec: dict = _indosum(fold)[did]
        joined = "\n\n".join(" ".join(" ".join(s) for s in para) for para in rec["paragraphs"])
        m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", rec.get("source_url") or "")
        if m:
            return joined, "-".join(m.groups())
        stamp = dt.datetime.fromtimestamp(int(did.split("-")[0]), dt.timezone(dt.timedelta(hours=7)))
        return joined, stamp.date().isoformat()
    raise KeyError(key)


def _csv_date(raw: str) -> str | None:
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if m:
        return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})", raw)
    if m is None or m[2].lower()[:3] not in _MONTHS:
        return None  # some rows say "Tidak Ditemukan": no anchor, not used
    return dt.date(int(m[3]), _MONTHS[m[2].lower()[:3]], int(m[1])).isoformat()


@cache
def _cleaner():
    from warta.clean.text import make_clean_text

    return make_clean_text()


def article(key: str) -> tuple[str, str | None]:
    """(clean text, anchor) of a key: the text labels refer to."""
    from warta.model import Article

    raw, anchor = raw_record(key)
    art = _cleaner()(Article(id=key, input_id=key, raw=raw, raw_kind="text"))
    return art.text, anchor
