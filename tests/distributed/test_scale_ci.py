"""The Dask path in local mode on a generated stream of 2,000 small articles (no ../shared needed)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import delete, update

from tests.distributed.seedgen import records
from warta.config import load
from warta.corpus import dedup as dd
from warta.distributed import batch
from warta.ingest.run import CORPUS_MARK, pending_ids
from warta.store import Store
from warta.store import schema as t

N = 2000


def test_batch_dask_two_workers_on_2000_articles_dedups_as_the_step(tmp_path: Path) -> None:
    src = tmp_path / "stream.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(N)), encoding="utf-8")
    conf = tmp_path / "dedup-only.toml"  # clustering and the timeline are checked on the small corpus
    conf.write_text('[corpus]\nsteps = ["dedup@1"]\n', encoding="utf-8")
    db = tmp_path / "b.db"
    summary = batch([str(src)], str(db), scheduler="local", workers=2, out_dir=tmp_path / "out",
                    config=load(conf), partition_size=200)
    assert summary.read == N and summary.partitions == N // 200 and summary.failed == 0
    assert summary.stored > N // 2 and summary.stored + summary.unchanged + summary.skipped == N

    # the reference: the same stored articles, dedup@1 run again one by one over a copy of the store
    shutil.copy(db, tmp_path / "ref.db")
    ref = Store(str(tmp_path / "ref.db"))
    with ref.write() as conn:
        conn.execute(delete(t.lsh_buckets))
        conn.execute(delete(t.signatures))
        conn.execute(update(t.articles).values(duplicate_of=None, similarity=None))
    ref.put_state(CORPUS_MARK, 0)
    ids, _ = pending_ids(ref)
    dd.dedup(ref, ids)
    columns = ["id", "duplicate_of", "similarity"]
    want = {r["id"]: (r["duplicate_of"], r["similarity"]) for r in ref.article_rows(columns)}
    store = Store(str(db))
    got = {r["id"]: (r["duplicate_of"], r["similarity"]) for r in store.article_rows(columns)}
    assert got == want
    assert sum(1 for d, _ in got.values() if d) >= summary.stored // 5  # copies and updates were found

    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out" / "articles").num_rows == summary.stored
    corpus = pq.read_table(tmp_path / "out" / "corpus.parquet").to_pylist()
    assert {r["id"]: (r["duplicate_of"], r["similarity"]) for r in corpus} == want
    ref.close()
    store.close()
