"""Migrations bring an older store up to date without losing rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from warta.store import Store
from warta.store.migrate import upgrade


def test_migration_0004_adds_corpus_indexes_and_keeps_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    upgrade(engine, "0003")  # a store as the previous release left it
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO lsh_buckets (band, bucket, article_id) VALUES (1, 'ab', 'x'), (2, 'cd', 'y')"))
    engine.dispose()
    store = Store(str(tmp_path / "old.db"))  # opening migrates to the newest revision
    with store.read() as conn:
        rows = conn.execute(text("SELECT band, bucket, article_id FROM lsh_buckets ORDER BY band")).all()
    assert [tuple(r) for r in rows] == [(1, "ab", "x"), (2, "cd", "y")]
    assert "ix_postings_ref" in {i["name"] for i in inspect(store.engine).get_indexes("postings")}
    assert "ix_articles_duplicate_of" in {i["name"] for i in inspect(store.engine).get_indexes("articles")}
    store.close()
