"""The batch job: same results as `warta ingest`, resumable, Parquet out."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.config import load
from warta.distributed import batch
from warta.ingest.readers import read_paths
from warta.ingest.run import ingest

CFG = load()
COLUMNS = ["id", "duplicate_of", "event_cluster", "story"]


def _corpus_columns(store) -> dict[str, tuple]:
    return {r["id"]: tuple(r[c] for c in COLUMNS[1:]) for r in store.article_rows(COLUMNS)}


@pytest.fixture(scope="module")
def single(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """The single-process reference: `warta ingest` on the same folder."""
    from warta.store import Store

    store = Store(str(tmp_path_factory.mktemp("single") / "w.db"))
    ingest(read_paths([str(corpus_dir)], CFG.csv_columns, CFG.max_record_bytes), store, CFG)
    yield _corpus_columns(store), store.count("timeline")
    store.close()


def test_batch_dask_matches_single_process(corpus_dir: Path, single, tmp_path: Path, open_store) -> None:
    summary = batch([str(corpus_dir)], str(tmp_path / "b.db"), scheduler="local", workers=2,
                    out_dir=tmp_path / "out", partition_size=25)
    store = open_store(str(tmp_path / "b.db"))
    columns, timeline = single
    assert summary.stored == len(columns) and summary.partitions == 5 + 2
    got = _corpus_columns(store)
    assert got == columns
    assert sum(1 for v in got.values() if v[0]) >= 8  # the re-published copies were found
    assert store.count("timeline") == timeline

    import pyarrow.parquet as pq

    parts = pq.read_table(tmp_path / "out" / "articles")
    assert sorted(parts.column("id").to_pylist()) == sorted(columns)
    corpus = pq.read_table(tmp_path / "out" / "corpus.parquet").to_pylist()
    assert {r["id"]: (r["duplicate_of"], r["event_cluster"], r["story"]) for r in corpus} == columns


class Interrupted(Exception):
    pass


def test_batch_interrupted_then_restarted_finishes_without_redoing(
    corpus_dir: Path, single, tmp_path: Path, open_store
) -> None:
    db = str(tmp_path / "r.db")

    def stop_after_three(summary) -> None:
        if summary.partitions - summary.resumed >= 3:
            raise Interrupted

    with pytest.raises(Interrupted):
        batch([str(corpus_dir)], db, scheduler="inline", partition_size=25, on_partition=stop_after_three)
    store = open_store(db)
    first = store.count()
    assert 0 < first < len(single[0])
    again = batch([str(corpus_dir)], db, scheduler="inline", partition_size=25)
    assert again.resumed == 3 and again.stored == len(single[0]) - first
    stored_rows = [r for r in store.log_rows() if r["status"] == "stored"]
    assert len(stored_rows) == len({r["article_id"] for r in stored_rows}) == store.count()
    assert _corpus_columns(store) == single[0]


def test_batch_inline_reports_each_stage(corpus_dir: Path, tmp_path: Path) -> None:
    summary = batch([str(corpus_dir / "*.txt")], str(tmp_path / "i.db"), scheduler="inline", partition_size=60)
    assert summary.read == 5 and summary.partitions == 5
    assert set(summary.seconds) == {"analyse+store", "dedup@1", "cluster@1", "timeline@1"}
    assert "stored 5" in summary.line()
