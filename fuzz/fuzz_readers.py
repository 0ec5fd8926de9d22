"""Atheris fuzzing harness for the readers (and, optionally, the per-article pipeline).

    .venv/bin/pip install atheris            # optional dev dependency
    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=300 fuzz/corpus
    FUZZ_PIPELINE=1 .venv/bin/python fuzz/fuzz_readers.py -max_total_time=300 fuzz/corpus

The first input byte picks the kind (.txt, .html, .jsonl, .csv, .txt.gz); the
rest is the file.  Invariants: no exception escapes; every item is a RawRecord
or a Skip naming the input; record texts are str without NUL.  With
FUZZ_PIPELINE=1 each record also goes through the pipeline and every
annotation's offsets must lie inside the clean text.  Crashes found are kept
as regression cases in tests/reliability/test_fuzz_regressions.py.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
with atheris.instrument_imports(include=["warta"]):  # before anything imports warta
    from tests.reliability.invariants import bad_spans
    from warta.config import load
    from warta.ingest import readers
    from warta.ingest.readers import RawRecord, Skip

KINDS = (".txt", ".html", ".jsonl", ".csv", ".gz", ".htm", ".ndjson", ".text")
CFG = load()
MAX = 200_000  # a small limit, so the oversize paths are exercised too
TMP = Path(tempfile.mkdtemp(prefix="warta-fuzz-"))
PIPELINE = None
if os.environ.get("FUZZ_PIPELINE"):
    from warta.pipeline import build

    PIPELINE = build(CFG.components, CFG.component_settings)


def items_of(data: bytes) -> list[RawRecord | Skip]:
    if not data:
        return []
    kind, body = KINDS[data[0] % len(KINDS)], data[1:]
    if kind == ".gz":  # gzip is read from a file: write it, then read it
        path = TMP / "in.txt.gz"
        path.write_bytes(body)
        return list(readers.read_file(path, CFG.csv_columns, MAX))
    return list(readers._read_bytes(io.BytesIO(body), "fuzz" + kind, kind, CFG.csv_columns, MAX))


def check(item: RawRecord | Skip) -> None:
    assert item.input_id.startswith(("fuzz", str(TMP))), item.input_id
    if isinstance(item, Skip):
        assert item.reason, item
        return
    for value in (item.text, item.html):
        assert value is None or (isinstance(value, str) and "\x00" not in value), item.input_id
    if PIPELINE is not None:
        check_article(item)


def check_article(record: RawRecord) -> None:
    from warta.ingest.run import make_article

    article = PIPELINE(make_article(record))  # type: ignore[misc]
    assert not bad_spans(article), bad_spans(article)


def test_one(data: bytes) -> None:
    for item in items_of(data):
        check(item)


def main() -> None:
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
