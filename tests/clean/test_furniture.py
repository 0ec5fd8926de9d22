"""The per-outlet furniture signal on real detik pages."""

from __future__ import annotations

import csv
from collections import Counter

from tests.conftest import shared_path
from warta.clean.furniture import furniture, line_keys


def test_furniture_small_counts_give_nothing() -> None:
    assert furniture({"baca juga:": 3}, articles=4) == frozenset()
    assert furniture({}, articles=0) == frozenset()


def test_furniture_finds_recurring_detik_lines() -> None:
    path = shared_path("data", "indonews-2025-06-early", "old_berita_detik.csv")
    csv.field_size_limit(10**8)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r["content"] for r in csv.DictReader(fh)]
    counts: Counter[str] = Counter()
    for raw in rows:
        counts.update(line_keys(raw))
    found = furniture(counts, len(rows))
    assert {"scroll to continue with content", "advertisement", "baca juga:"} <= found
    assert not any(len(k) > 80 for k in found)  # no prose sentence is furniture
