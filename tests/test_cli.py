"""The command line through Typer's runner, on the bundled examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SEEDS
from warta.cli import app
from warta.export import ARTICLE_FIELDS, TIMELINE_FIELDS

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "w.db")
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", path])
    assert result.exit_code == 0, result.output
    return path


def test_cli_run_prints_stories_and_timeline(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(SEEDS), "--db", str(tmp_path / "w.db")])
    assert result.exit_code == 0, result.output
    assert "read 5: stored 5" in result.output
    assert "Storyline" in result.output and "Timeline" in result.output
    assert "2024-06-18" in result.output and "Republika" in result.output


def test_cli_articles_lists_all_seeds(db: str) -> None:
    result = runner.invoke(app, ["articles", "--db", db])
    assert result.exit_code == 0
    assert "Kremlin: Rusia Kian Perkuat Hubungan" in result.output and "(no title)" in result.output


def test_cli_show_by_prefix_and_unknown_id(db: str) -> None:
    rec = json.loads(runner.invoke(app, ["export", "articles", "--db", db]).stdout.splitlines()[0])
    shown = runner.invoke(app, ["show", rec["id"][:8], "--db", db, "--json"])
    assert shown.exit_code == 0 and json.loads(shown.stdout)["id"] == rec["id"]
    missing = runner.invoke(app, ["show", "zzzz", "--db", db])
    assert missing.exit_code == 1 and "no article" in missing.output


def test_cli_export_articles_jsonl_has_every_field(db: str) -> None:
    result = runner.invoke(app, ["export", "articles", "--db", db, "--format", "jsonl"])
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 5
    for rec in records:
        assert tuple(rec) == ARTICLE_FIELDS
        for mention in rec["entities"]:
            assert rec["text"][mention["start"] : mention["end"]] == mention["text"]
            assert mention["type"] in ("person", "organization", "country", "place", "other", None)
        for t in rec["times"]:
            assert rec["text"][t["start"] : t["end"]] == t["text"]


def test_cli_export_csv_and_timeline(db: str, tmp_path: Path) -> None:
    out = tmp_path / "a.csv"
    assert runner.invoke(app, ["export", "articles", "--db", db, "--format", "csv", "-o", str(out)]).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 5 and tuple(rows[0]) == ARTICLE_FIELDS
    result = runner.invoke(app, ["export", "timeline", "--db", db])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all(tuple(line) == TIMELINE_FIELDS for line in lines)
    timeline_csv = runner.invoke(app, ["export", "timeline", "--db", db, "--format", "csv"]).stdout
    assert tuple(next(csv.reader(io.StringIO(timeline_csv)))) == TIMELINE_FIELDS


def test_cli_timeline_filters_by_entity_and_period(db: str) -> None:
    result = runner.invoke(app, ["timeline", "--db", db, "--entity", "Korut", "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "2024" in result.output and "2022-08-15" not in result.output
    unknown = runner.invoke(app, ["timeline", "--db", db, "--entity", "Atlantis"])
    assert unknown.exit_code == 1 and "no entity" in unknown.output


def test_cli_log_shows_skipped_record_with_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": 1}\n', encoding="utf-8")
    path = str(tmp_path / "w.db")
    result = runner.invoke(app, ["ingest", str(bad), "--db", path])
    assert result.exit_code == 0 and "skipped 1" in result.output
    log = runner.invoke(app, ["log", "--db", path, "--status", "skipped"])
    assert "bad.jsonl:1" in log.output and "must be a string" in log.output


def test_cli_bad_export_arguments_exit_2(db: str) -> None:
    result = runner.invoke(app, ["export", "people", "--db", db])
    assert result.exit_code == 2


@pytest.mark.parametrize("kind", ["html", "csv", "stdin"])
def test_cli_ingest_each_input_kind_end_to_end(kind: str, tmp_path: Path) -> None:
    seed = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")
    body = "".join(f"<p>{line}</p>" for line in seed.splitlines() if line.strip())
    path, stdin = tmp_path / f"in.{kind}", None
    if kind == "html":
        path.write_text(f"<html><head><title>Kremlin</title></head><body><article>{body}</article></body></html>",
                        encoding="utf-8")
    elif kind == "csv":
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["title", "date", "time", "content"],
                                      ["Kremlin: Rusia Kian Perkuat Hubungan dengan Korut", "18 Jan 2024", "08:25", seed]])
    else:
        stdin = json.dumps({"text": seed, "url": "https://example.com/a"}) + "\n"
    args = ["ingest", "-" if stdin else str(path), "--db", str(tmp_path / "w.db")]
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 0, result.output
    assert "stored 1" in result.output
    exported = json.loads(runner.invoke(app, ["export", "articles", "--db", str(tmp_path / "w.db")]).stdout)
    assert "Dmitry Peskov" in exported["text"] and "Advertisement" not in exported["text"]
    assert any(e["name"] == "North Korea" for e in exported["entities"])
    if kind == "csv":
        assert exported["published"] == "2024-01-18T08:25:00+07:00"


def test_cli_ingest_waits_while_another_ingest_in_this_process_holds_the_store(tmp_path: Path) -> None:
    from warta.ingest.lock import ingest_lock
    from warta.store import Store

    path = str(tmp_path / "w.db")
    store = Store(path)
    with ingest_lock(store):
        import threading

        result: list = []
        worker = threading.Thread(target=lambda: result.append(runner.invoke(app, ["ingest", str(SEEDS), "--db", path])))
        worker.start()
        worker.join(timeout=2)
        held = worker.is_alive()  # within one process a second ingest waits for the first
    worker.join(timeout=120)
    store.close()
    assert held and result[0].exit_code == 0


def test_cli_bad_config_is_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[pipeline\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", str(tmp_path / "w.db"), "--config", str(bad)])
    assert result.exit_code == 2 and "cannot read config file" in result.output and "Traceback" not in result.output


def test_cli_batch_inline_matches_ingest(tmp_path: Path, db: str) -> None:
    path = str(tmp_path / "b.db")
    result = runner.invoke(app, ["batch", str(SEEDS), "--db", path, "--scheduler", "inline", "--partition-size", "2"])
    assert result.exit_code == 0, result.output
    batch_rows = runner.invoke(app, ["export", "articles", "--db", path]).stdout.splitlines()
    ingest_rows = runner.invoke(app, ["export", "articles", "--db", db]).stdout.splitlines()
    keys = ("id", "duplicate_of", "text", "published")
    assert sorted(tuple(json.loads(r)[k] for k in keys) for r in batch_rows) == sorted(
        tuple(json.loads(r)[k] for k in keys) for r in ingest_rows
    )
