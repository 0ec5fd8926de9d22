"""The articles of the clean/meta dev set, read from ../shared/data at run time.

Keys (also the input of :func:`eval.split.is_held_out`):
``indonews-2025-06-early/old_berita_<outlet>.csv:<row>`` (data row, 0-based) and
``kompas-md/<folder>/<file>.md``.  Lines are the raw text split at line breaks
(``\\r\\n``, ``\\r``, ``\\n``); labels refer to their 0-based index.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
_BREAK = re.compile(r"\r\n|\r|\n")


@lru_cache(maxsize=8)
def _csv_rows(name: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with (SHARED_DATA / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def record(key: str) -> tuple[str, dict[str, str]]:
    """Raw text of a key and, for CSV rows, the other columns."""
    if ".csv:" in key:
        name, row = key.rsplit(":", 1)
        cols = dict(_csv_rows(name)[int(row)])
        return cols.pop("content"), cols
    return (SHARED_DATA / key).read_text(encoding="utf-8"), {}


def line_spans(raw: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``raw``, blank ones included."""
    spans, pos = [], 0
    for m in _BREAK.finditer(raw):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(raw)))
    return spans


def csv_keys(outlet: str) -> list[str]:
    name = f"indonews-2025-06-early/old_berita_{outlet}.csv"
    return [f"{name}:{i}" for i, r in enumerate(_csv_rows(name)) if r["content"].strip()]


def kompas_md_keys() -> list[str]:
    """The first file of every date folder, folders in name order."""
    keys = []
    for folder in sorted((SHARED_DATA / "kompas-md").iterdir()):
        files = sorted(folder.glob("*.md"))
        if files:
            keys.append(f"kompas-md/{folder.name}/{files[0].name}")
    return keys
