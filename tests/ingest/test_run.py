"""The ingest job end to end: idempotent, accounted for, resumable."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warta.config import load
from warta.ingest.readers import Item, read_paths
from warta.ingest.run import ingest

CFG = load()


def _items(*paths: Path | str) -> Iterator[Item]:
    return read_paths([str(p) for p in paths], CFG.csv_columns, CFG.max_record_bytes)


def test_ingest_seeds_then_again_changes_nothing(store_url: str, open_store) -> None:
    store = open_store(store_url)
    first = ingest(_items(SEEDS), store, CFG)
    assert (first.read, first.stored, first.skipped, first.failed) == (5, 5, 0, 0)
    tables = ("articles", "mentions", "events", "entities", "timeline", "stories")
    before = {t: store.count(t) for t in tables}
    second = ingest(_items(SEEDS), store, CFG)
    assert (second.read, second.stored, second.unchanged) == (5, 0, 5)
    assert {t: store.count(t) for t in tables} == before


def test_ingest_accounts_for_every_record(tmp_path: Path, open_store) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "text": seed}),
                "{broken",
                json.dumps({"id": "dup", "text": seed}),
                json.dumps({"text": "Advertisement\nBaca Juga\nloading..."}),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "w.db"))
    summary = ingest(_items(path), store, CFG)
    assert summary.read == 4 == summary.stored + summary.unchanged + summary.skipped + summary.failed
    log = {r["input_id"]: (r["status"], r["reason"]) for r in store.log_rows(summary.run_id)}
    assert log[f"{path}:1"][0] == "stored"
    assert log[f"{path}:2"][0] == "skipped" and "invalid JSON" in log[f"{path}:2"][1]
    assert log[f"{path}:3"][0] == "unchanged"
    assert log[f"{path}:4"][0] == "skipped" and "no article text" in log[f"{path}:4"][1]


def test_ingest_given_fields_override_extraction(tmp_path: Path, open_store) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[4].read_text(encoding="utf-8")
    path = tmp_path / "one.jsonl"
    path.write_text(
        json.dumps(
            {
                "text": seed,
                "title": "Putin Puji Korut",
                "outlet": "Medcom.id",
                "published": "2024-06-18T13:51:00+07:00",
                "authors": "Nama Satu, Nama Dua",
                "url": "https://x.id/a",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    store = open_store(str(tmp_path / "w.db"))
    summary = ingest(_items(path), store, CFG)
    article = store.get_article(summary.new_ids[0])
    assert (
        article.title == "Putin Puji Korut"
        and article.outlet == "Medcom.id"
        and article.url == "https://x.id/a"
    )
    assert article.published == "2024-06-18T13:51:00+07:00"
    assert [a.name for a in article.authors] == ["Nama Satu", "Nama Dua"]


def test_ingest_interrupted_then_resumed_stores_each_article_once(tmp_path: Path, open_store) -> None:
    store = open_store(str(tmp_path / "w.db"))

    def interrupted() -> Iterator[Item]:
        for n, item in enumerate(_items(SEEDS)):
            if n == 3:
                raise KeyboardInterrupt
            yield item

    with pytest.raises(KeyboardInterrupt):
        ingest(interrupted(), store, CFG)
    assert store.count("articles") == 3
    resumed = ingest(_items(SEEDS), store, CFG)
    assert (resumed.stored, resumed.unchanged) == (2, 3)
    assert store.count("articles") == 5
    # the corpus steps saw all five, including the three stored before the interruption
    assert all(r["event_cluster"] for r in store.article_rows(["id", "event_cluster"]))


def test_ingest_article_rejected_by_store_fails_alone(tmp_path: Path, open_store, monkeypatch) -> None:
    """Regression (kill -9 battery): one article the store rejects must not break the batch."""
    from warta.ingest import run
    from warta.model import Mention

    real = run.analyse

    def doubled(record, pipeline):
        article = real(record, pipeline)
        if record.input_id.endswith("001_38682418aceb3944.txt"):
            article.mentions.append(Mention(0, 5, None, "PER"))  # type: ignore[arg-type]  # NOT NULL column
        return article

    monkeypatch.setattr(run, "analyse", doubled)
    store = open_store(str(tmp_path / "w.db"))
    summary = ingest(_items(SEEDS), store, CFG)
    assert (summary.read, summary.stored, summary.failed) == (5, 4, 1)
    [row] = [r for r in store.log_rows(summary.run_id) if r["status"] == "error"]
    assert row["input_id"].endswith("001_38682418aceb3944.txt") and "store rejected" in row["reason"]
    assert store.count("articles") == 4


@pytest.mark.parametrize("cli", [False, True])
def test_ingest_tunes_the_collector_only_for_the_cli(tmp_path: Path, cli: bool) -> None:
    # the library call and the REST API run in the caller's interpreter: its collector is theirs
    import subprocess
    import sys

    seed = sorted(SEEDS.glob("*.txt"))[0]
    db = tmp_path / "w.db"
    call = (
        f"from typer.testing import CliRunner; from warta.cli import app; "
        f"CliRunner().invoke(app, ['ingest', {str(seed)!r}, '--db', {str(db)!r}], catch_exceptions=False)"
        if cli
        else f"import warta; warta.ingest_paths([{str(seed)!r}], warta.open_store({str(db)!r}))"
    )
    code = f"import gc; {call}; print(gc.get_freeze_count() > 0)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out[-1] == str(cli)
