"""Bad input end to end: every hostile file is stored (flagged) or skipped with a reason
naming it, the batch goes on, and the summary accounts for every record."""

from __future__ import annotations

import gzip
import importlib.util
from pathlib import Path

import pytest

from tests.reliability.battery import CASES, Case, seed
from warta.config import load
from warta.ingest.readers import read_paths
from warta.ingest.run import IngestSummary, ingest
from warta.store import Store

CFG = load()
HAS_WARC = importlib.util.find_spec("warta.ingest.warc") is not None


@pytest.fixture(scope="module")
def battery(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, IngestSummary, dict[str, Path]]:
    root = tmp_path_factory.mktemp("battery")
    paths: dict[str, Path] = {}
    for case in CASES:
        folder = root / case.name
        folder.mkdir()
        paths[case.name] = case.write(folder)
    if HAS_WARC:
        warc = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n")
        (root / "cut.warc.gz").write_bytes(warc[:-7])
    store = Store(str(root / "w.db"))
    summary = ingest(read_paths([str(root)], CFG.csv_columns, CFG.max_record_bytes), store, CFG)
    yield store, summary, paths
    store.close()


def test_battery_summary_accounts_for_every_record(battery) -> None:
    store, summary, _ = battery
    assert summary.read == summary.stored + summary.unchanged + summary.skipped + summary.failed
    rows = store.log_rows(summary.run_id)
    assert len(rows) == summary.read
    assert summary.failed == 0, [r for r in rows if r["status"] == "error"]
    assert store.count("articles") == summary.stored


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_battery_outcome_is_stored_or_skipped_with_reason(battery, case: Case) -> None:
    store, summary, paths = battery
    path = str(paths[case.name])
    log = {r["input_id"]: r for r in store.log_rows(summary.run_id) if r["input_id"].startswith(path)}
    assert set(log) == {path + suffix for suffix in case.expect}, log.keys()
    for suffix, (status, words) in case.expect.items():
        row = log[path + suffix]
        assert row["status"] == status, row
        assert words in (row["reason"] or ""), row
        if status == "skipped":  # the reason says what to look at: the record id names file and line
            assert row["reason"]
        else:
            article = store.get_article(row["article_id"])
            assert article is not None and article.text.strip()
            assert "\x00" not in article.text and "\ufffd" not in article.text[:200]


def test_battery_decoded_texts_keep_their_accents(battery) -> None:
    store, summary, paths = battery
    texts = {r["input_id"]: store.get_article(r["article_id"]).raw for r in store.log_rows(summary.run_id)
             if r["status"] == "stored"}
    assert texts[str(paths["cp1252"])].startswith("Café – “kutipan”")
    assert texts[str(paths["latin-1"])].startswith("Déjà vu")
    assert "Korea" in texts[str(paths["nul-bytes"])]


def test_battery_far_dates_are_dropped_not_used(battery) -> None:
    store, summary, paths = battery
    for r in store.log_rows(summary.run_id):
        if r["input_id"].startswith(str(paths["far-past-future"])):
            published = store.get_article(r["article_id"]).published
            assert published is None or "1800" <= published[:4] <= "2100", published


@pytest.mark.skipif(not HAS_WARC, reason="warta/ingest/warc.py does not exist yet")
def test_battery_truncated_warc_is_accounted_for(battery) -> None:
    store, summary, _ = battery
    rows = [r for r in store.log_rows(summary.run_id) if "cut.warc.gz" in r["input_id"]]
    assert rows and all(r["status"] in ("skipped", "stored") for r in rows)


def test_battery_rerun_changes_nothing(battery, tmp_path: Path) -> None:
    store, first, paths = battery
    before = store.count("articles")
    again = ingest(read_paths([str(p) for p in paths.values()], CFG.csv_columns, CFG.max_record_bytes), store, CFG)
    assert again.stored == 0 and again.unchanged == first.stored and store.count("articles") == before
    assert seed(0)  # the fixture inputs are the real seeds
