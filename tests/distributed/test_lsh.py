"""The band shuffle finds the same duplicates as the sequential dedup@1 step."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.distributed.seedgen import records
from warta.corpus import dedup as dd
from warta.distributed import lsh
from warta.distributed.cluster import Inline
from warta.model import Article
from warta.store import Store
from warta.store import schema as t

RECORDS = records(400)


def _stored(path: Path, recs: list[dict[str, str]]) -> tuple[Store, list[str]]:
    store = Store(str(path))
    ids = []
    with store.write() as conn:
        for r in recs:
            aid = hashlib.sha1(r["id"].encode()).hexdigest()[:16]  # ids not in input order, as content ids
            store.put_article(Article(id=aid, input_id=r["id"], text=r["text"], url=r["url"],
                                      published=r["published"]), conn)
            ids.append(aid)
    return store, ids


def _result(store: Store) -> tuple[dict, int, int]:
    with store.read() as conn:
        cols = {r[0]: (r[1], r[2]) for r in conn.execute(select(t.articles.c.id, t.articles.c.duplicate_of,
                                                                  t.articles.c.similarity))}
        n_sig = conn.execute(select(func.count()).select_from(t.signatures)).scalar_one()
        n_lsh = conn.execute(select(func.count()).select_from(t.lsh_buckets)).scalar_one()
    return cols, n_sig, n_lsh


@pytest.fixture(scope="module")
def sequential(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, int, int]:
    """The reference: the dedup@1 step over the stream, one article at a time."""
    store, ids = _stored(tmp_path_factory.mktemp("seq") / "seq.db", RECORDS)
    dd.dedup(store, ids)
    yield _result(store)
    store.close()


def test_lsh_shuffle_matches_sequential_dedup(sequential, tmp_path: Path) -> None:
    shuf, ids = _stored(tmp_path / "shuf.db", RECORDS)
    lsh.run(shuf, ids, {}, Inline())
    assert _result(shuf) == sequential
    sims = [s for _, s in sequential[0].values() if s is not None]
    assert sum(1 for s in sims if s == 1.0) >= 30 and sum(1 for s in sims if s < 1.0) >= 30
    shuf.close()


def test_lsh_shuffle_repoints_copies_to_an_earlier_published_root(sequential) -> None:
    """Copies published before their original take over as root (the step's rule): it happens here."""
    cols = sequential[0]
    roots = {dup for dup, _ in cols.values() if dup}
    assert any(cols[r][0] for r in roots) is False  # roots are never copies themselves
    by_input = {hashlib.sha1(r["id"].encode()).hexdigest()[:16]: k for k, r in enumerate(RECORDS)}
    assert any(by_input[r] > min(by_input[a] for a, (d, _) in cols.items() if d == r) for r in roots)


def test_lsh_shuffle_continues_and_is_continued_by_the_step(sequential, tmp_path: Path, split: int = 200) -> None:
    """Earlier runs' articles are candidates; what the shuffle indexes, the step finds."""
    a, ids = _stored(tmp_path / "a.db", RECORDS)
    dd.dedup(a, ids[:split])
    lsh.run(a, ids[split:], {}, Inline())
    b, _ = _stored(tmp_path / "b.db", RECORDS)
    lsh.run(b, ids[:split], {}, Inline())
    dd.dedup(b, ids[split:])
    assert _result(a) == sequential
    assert _result(b) == sequential
    a.close()
    b.close()


def test_lsh_uses_worker_sketches_and_skips_signed_articles(tmp_path: Path) -> None:
    store, ids = _stored(tmp_path / "w.db", RECORDS[:100])
    sketches = {sk.id: sk for sk in lsh.sketch_rows([(i, r["text"], r["url"]) for i, r in zip(ids, RECORDS[:100])])}
    lsh.run(store, ids, sketches, Inline())
    first = _result(store)
    lsh.run(store, ids, {}, Inline())  # signed already: nothing changes
    assert _result(store) == first and first[1] == 100
    store.close()
