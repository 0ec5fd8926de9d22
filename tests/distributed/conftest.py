"""Inputs for the scale-out tests: the seeds plus real articles with re-published copies."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, shared_path

pytest.importorskip("distributed", reason="needs the dask extra: pip install 'warta[dask]'")


def _rows(limit: int) -> list[dict[str, str]]:
    folder = shared_path("data", "indonews-2025-06-early")
    csv.field_size_limit(1 << 30)
    rows: list[dict[str, str]] = []
    for name in ("old_berita_kompas.csv", "old_berita_republika.csv", "old_berita_detik.csv"):
        with (folder / name).open(encoding="utf-8", errors="replace", newline="") as fh:
            rows += [r for r in csv.DictReader(fh) if r.get("content", "").strip()]
    return rows[:limit]


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder: the five seeds and a JSONL of 40 real articles plus 10 perturbed copies.

    Copies are what a news stream holds: the same story re-published by
    another outlet with an intro line added, a tail dropped, a new date.
    """
    root = tmp_path_factory.mktemp("corpus")
    for seed in sorted(SEEDS.glob("*.txt")):
        (root / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    rows = _rows(40)
    records = [{"id": f"row{i}", "text": r["content"], "title": r["title"], "url": r["url"],
                "outlet": r["source"], "published": f"{r['date']} {r['time']}".strip()} for i, r in enumerate(rows)]
    for i, r in enumerate(rows[:10]):
        paras = r["content"].split("\n")
        text = "\n".join(["Jakarta - Berita ini ditayangkan ulang dari mitra kami."] + paras[: max(2, len(paras) - 1)])
        records.append({"id": f"copy{i}", "text": text, "title": r["title"], "url": r["url"] + f"?utm_source=x{i}",
                        "outlet": "mitra", "published": "2025-06-11"})
    with (root / "real.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return root
