"""nlp.time on real text of ../shared/data: IndoTimex (Kompas, TimeML DCT only) and indonews."""

from __future__ import annotations

import csv
import datetime as dt
import re
import sys
from pathlib import Path

import pytest

from warta.nlp.time import tag

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
_DCT = re.compile(r'<DCT><TIMEX3[^>]*value="([^"]+)"')


def _indotimex() -> list[tuple[str, str]]:
    folder = SHARED / "indotimex-dev"
    if not folder.exists():
        pytest.skip(f"needs {folder} (the development data in ../shared beside the repo)")
    docs = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.DOTALL)
        dct = _DCT.search(raw)
        if body and dct:
            docs.append((re.sub(r"<[^>]+>", "", body[1]), dct[1]))
    return docs


def test_time_indotimex_dct_written_in_text_is_recognised():
    written = recognised = 0
    for text, dct in _indotimex():
        day = dt.date(*map(int, dct[:10].split("-")))
        if f"{day.day}/{day.month}/{day.year}" not in text:
            continue  # the DCT is not written in the body as d/m/yyyy
        written += 1
        recognised += any(e.value.startswith(day.isoformat()) for e in tag(text, dct))
    assert written >= 10
    assert recognised == written


def test_time_indotimex_spans_valid():
    # Speed is measured in bench/bench_time.py, not asserted here.
    docs = _indotimex()
    results = [tag(text, dct) for text, dct in docs]
    for (text, _), exprs in zip(docs, results):
        assert all(text[e.start : e.end] == e.text for e in exprs)
    assert sum(map(len, results)) >= 5 * len(docs)


def test_time_indonews_kompas_dateline_matches_csv_date():
    path = SHARED / "indonews-2025-06-early" / "old_berita_kompas.csv"
    if not path.exists():
        pytest.skip(f"needs {path} (the development data in ../shared beside the repo)")
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    agree = 0
    for row in rows:
        (stamp,) = [e for e in tag(row["date"]) if e.type == "TIME"]  # "Kompas.com - 10/06/2025, 21:23 WIB"
        assert stamp.value.endswith("+07:00")
        agree += stamp.value[11:16] == row["time"].strip()
    assert agree == len(rows)


def test_time_seed_timeline_dates_found_in_their_articles():
    gold_path = SHARED.parent / "gold" / "seeds.json"
    if not gold_path.exists():
        pytest.skip(f"needs {gold_path} (the analyst reference in ../shared)")
    import json

    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    seeds = Path(__file__).resolve().parents[2] / "examples" / "seeds"
    published = {a["file"][:3]: a["published"]["value"] for a in gold["articles"]}
    found = total = 0
    for entry in gold["timeline"]:
        for key in entry["files"]:
            (path,) = seeds.glob(f"{key}_*.txt")
            values = {e.value for e in tag(path.read_text(encoding="utf-8"), published[key])}
            # the exact value, or its year when only the year is written ('tahun 2022', 'Tahun lalu')
            total += 1
            found += entry["date"] in {v[:10] for v in values} | values or entry["date"][:4] in values
    assert found / total >= 0.9, f"{found}/{total} timeline dates found"
