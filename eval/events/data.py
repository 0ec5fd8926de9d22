"""Load the labelled articles' raw records from ../shared/data (never copied into the repo).

A key is "<csv file name>:<0-based data row>" for the indonews CSVs or
"kompas-md/<day>/<file>.md" for the Kompas Markdown files.

The first 30 records (round 1) carry quote, claim and event labels.  The
records marked ``"scope": "events"`` (round 2) label events only; they were
chosen by a fixed rule before the system was run on them: every
indonews-2025-06-early detik row whose URL starts with
``https://news.detik.com/internasional/`` and the first 14 kompas rows whose URL
starts with ``https://nasional.kompas.com/``, in row order, skipping rows
already labelled and rows with an empty body (the reader drops those).
Each half follows eval/split.py.

Round 3 (eval/events/dev2.jsonl, events only) was chosen by ``dev2_keys()``
before the system was run on any of its records: the first 15 rows of
indonews-2025-06-early detik whose URL starts with ``https://news.detik.com/berita/``
(national news; rounds 1-2 took its international section), and from kompas-md
(another period: May to November 2025) the first file, by name, of each day
folder in date order whose title names a political, legal or international
actor (``DEV2_TITLE``), up to 15; skipping records already labelled and empty
bodies.

Round 4 (eval/events/dev3.jsonl: quotes, claims and events) was chosen by
``dev3_keys()`` before the system was run on any of its records: the next 20
rows of indonews-2025-06-early detik, in row order, whose URL starts with
``https://news.detik.com/berita/`` or ``https://news.detik.com/internasional/``,
and from kompas-md the *second* file, by name, of each day folder in date order
whose title matches ``DEV2_TITLE``, up to 20; skipping records already labelled
and empty bodies.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from warta.config import load
from warta.ingest.readers import read_file
from warta.model import Article, RawRecord
from warta.pipeline import Pipeline, build

SHARED = Path(__file__).resolve().parents[3] / "shared"
DATA = SHARED / "data"
INDONEWS = DATA / "indonews-2025-06-early"
_STAMP = re.compile(r"^xml\.(\d{4})\.(\d\d)\.(\d\d)\.(\d\d)(\d\d)")


@cache
def _csv_records(name: str) -> dict[int, RawRecord]:
    """The file's records by 0-based data row (the reader counts rows from 1)."""
    cfg = load()
    items = read_file(INDONEWS / name, cfg.csv_columns, cfg.max_record_bytes)
    return {int(r.input_id.rsplit(":row", 1)[1]) - 1: r for r in items if isinstance(r, RawRecord)}


def record(key: str) -> RawRecord:
    if key.startswith("kompas-md/"):
        cfg = load()
        path = DATA / key
        recs = [r for r in read_file(path, cfg.csv_columns, cfg.max_record_bytes)]
        rec = recs[0]
        assert isinstance(rec, RawRecord), f"{key}: {rec}"
        m = _STAMP.search(path.name)  # the feed's file name is its publication time
        if m and "published" not in rec.fields:
            y, mo, d, hh, mm = m.groups()
            rec.fields["published"] = f"{y}-{mo}-{d}T{hh}:{mm}:00+07:00"
        return rec
    name, row = key.rsplit(":", 1)
    return _csv_records(name)[int(row)]


DEV2_TITLE = re.compile(
    r"\b(?:Presiden|Prabowo|Menteri|Menko|DPR|DPRD|MPR|KPK|Polisi|Polri|Polda|Polres|Kapolri|"
    r"Kejagung|Kejaksaan|Jaksa|TNI|Gubernur|Bupati|Wali Kota|Partai|Pemerintah|Pemprov|Israel|"
    r"Gaza|Palestina|Rusia|Ukraina|Trump|AS|Amerika|China|Iran|Korea|Jepang|PBB)\b"
)


def _title(path: Path) -> str:
    with path.open(encoding="utf-8", errors="replace") as fh:
        return fh.readline().lstrip("# ").strip()


def _detik_keys(sections: tuple[str, ...], labelled: frozenset[str], n: int) -> list[str]:
    """The first ``n`` detik rows, in row order, whose URL starts with one of ``sections``."""
    import csv

    csv.field_size_limit(1 << 30)
    out: list[str] = []
    with (INDONEWS / "old_berita_detik.csv").open(encoding="utf-8", errors="replace", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            key = f"old_berita_detik.csv:{i}"
            if row["url"].startswith(sections) and row["content"].strip() and key not in labelled:
                out.append(key)
                if len(out) == n:
                    break
    return out


def _kompas_days() -> list[Path]:
    """The kompas-md day folders in date order."""
    from datetime import datetime

    md = DATA / "kompas-md"
    return sorted((p for p in md.iterdir() if p.is_dir()), key=lambda p: datetime.strptime(p.name, "%d%b%Y"))


def dev2_keys(labelled: frozenset[str] = frozenset(), n: int = 15) -> list[str]:
    """The round-3 selection rule (module docstring); ``labelled``: keys to skip."""
    out = _detik_keys(("https://news.detik.com/berita/",), labelled, n)
    picked = 0
    for day in _kompas_days():
        for f in sorted(day.glob("*.md")):
            key = f"kompas-md/{day.name}/{f.name}"
            if key not in labelled and DEV2_TITLE.search(_title(f)):
                out.append(key)
                picked += 1
                break
        if picked == n:
            break
    return out


def dev3_keys(labelled: frozenset[str] = frozenset(), n: int = 20) -> list[str]:
    """The round-4 selection rule (module docstring); ``labelled``: keys to skip."""
    sections = ("https://news.detik.com/berita/", "https://news.detik.com/internasional/")
    out = _detik_keys(sections, labelled, n)
    picked = 0
    for day in _kompas_days():
        matching = [f for f in sorted(day.glob("*.md")) if DEV2_TITLE.search(_title(f))]
        for key in [f"kompas-md/{day.name}/{f.name}" for f in matching[1:2]]:
            if key not in labelled and picked < n:
                out.append(key)
                picked += 1
    return out


@cache
def pipeline() -> Pipeline:
    cfg = load()
    return build(cfg.components, cfg.component_settings)


def analyse(key: str) -> Article:
    from warta.ingest.run import make_article

    return pipeline()(make_article(record(key)))


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
