"""Shared fixtures: the seed articles, the shared data folder, and both stores."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "examples" / "seeds"
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).parent / "fixtures"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (the development data in ../shared beside the repo)")
    return path


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    from tests import pg

    if pg.pg_bin() is None:
        pytest.skip("PostgreSQL server binaries not found (install Debian's postgresql-15 to run these tests)")
    with pg.server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same tests against SQLite and a real PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "warta.db")
        return
    base = request.getfixturevalue("pg_url")
    import psycopg

    name = "t_" + uuid.uuid4().hex[:10]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield base.rsplit("/", 1)[0] + "/" + name


@pytest.fixture
def open_store() -> Iterator:
    """Open stores by URL; all are closed at teardown (no connection left to the GC)."""
    from warta.store import Store

    opened: list[Store] = []

    def _open(url: str) -> Store:
        opened.append(Store(url))
        return opened[-1]

    yield _open
    for store in opened:
        store.close()
