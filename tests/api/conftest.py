"""A store holding the five seed articles (plus one hostile article) and apps over it.

Everything goes through the real ingest: per-article pipeline and corpus steps.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():  # starlette asks for httpx2 instead of httpx; both work
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from warta.api.app import create_app
from warta.config import Config, load
from warta.ingest.readers import read_paths
from warta.ingest.run import ingest
from warta.model import Article, RawRecord
from warta.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
XSS = "<script>alert(1)</script>"
HOSTILE = RawRecord(
    "hostile.json",
    text=f"Presiden Rusia Vladimir Putin {XSS} bertemu Kim Jong Un di Pyongyang pada Rabu (19/6/2024). "
    f'"Kami akan bekerja sama {XSS} dengan erat," kata Putin kepada wartawan.',
    fields={
        "title": f"Putin di Pyongyang {XSS}",
        "outlet": f"Outlet {XSS}",
        "published": "2024-06-19T10:00:00+07:00",
    },
)


def fill_store(store: Store, records: list[RawRecord], cfg: Config) -> list[Article]:
    summary = ingest(records, store, cfg)
    assert summary.stored == len(records), summary.line()
    return list(store.iter_articles(summary.new_ids))


@pytest.fixture(scope="session")
def cfg() -> Config:
    return load()


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory, cfg: Config) -> Iterator[Store]:
    store = Store(str(tmp_path_factory.mktemp("api") / "warta.db"))
    records = [r for r in read_paths([str(SEEDS)], cfg.csv_columns, cfg.max_record_bytes) if isinstance(r, RawRecord)]
    assert len(records) == 5
    fill_store(store, records + [HOSTILE], cfg)
    yield store
    store.close()


@pytest.fixture(scope="session")
def client(seeded: Store) -> Iterator[TestClient]:
    with TestClient(create_app(seeded)) as c:
        yield c


@pytest.fixture(scope="session")
def hostile_id(seeded: Store) -> str:
    return next(r["id"] for r in seeded.article_rows(["id", "title"]) if r["title"] and XSS in r["title"])


@pytest.fixture(scope="session")
def articles(seeded: Store) -> list[Article]:
    return list(seeded.iter_articles())
