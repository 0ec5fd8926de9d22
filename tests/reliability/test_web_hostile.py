"""What tests/api/test_security.py does not cover: path traversal, oversized requests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.api.conftest import TestClient
from warta.api.app import create_app
from warta.store import Store

TRAVERSAL = [
    "/static/../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e/%252e%252e/etc/passwd",
    "/static/....//....//etc/passwd",
    "/static//etc/passwd",
    "/static/..\\..\\..\\etc\\passwd",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/api/articles/../../../etc/passwd",
    "/static/%00../../etc/passwd",
]


@pytest.fixture(scope="module")
def app_client(tmp_path_factory: pytest.TempPathFactory):
    store = Store(str(tmp_path_factory.mktemp("web") / "w.db"))
    with TestClient(create_app(store, "tok")) as c:
        yield c
    store.close()


@pytest.mark.parametrize("url", TRAVERSAL)
def test_web_path_traversal_reveals_no_file(app_client, url: str) -> None:
    r = app_client.get(url)
    assert r.status_code in (400, 404, 405, 422), (url, r.status_code)
    assert "root:x:" not in r.text


def test_web_static_files_still_served(app_client) -> None:
    static = Path(__file__).resolve().parents[2] / "warta" / "web" / "static"
    name = next(p.name for p in static.iterdir() if p.is_file())
    assert app_client.get(f"/static/{name}").status_code == 200


@pytest.mark.parametrize("size", [8_000, 60_000])  # httpx caps a query at 64 KiB
def test_web_huge_query_parameters_do_not_break(app_client, size: int) -> None:
    for url in ("/api/search", "/api/entities", "/search"):
        r = app_client.get(url, params={"q": "Putin " * (size // 6)})
        assert r.status_code < 500, (url, r.status_code)


def test_web_deeply_nested_json_is_rejected(app_client) -> None:
    body = "[" * 100_000 + "]" * 100_000
    r = app_client.post("/api/ingest", content=body, headers={"Authorization": "Bearer tok",
                                                             "Content-Type": "application/json"})
    assert 400 <= r.status_code < 500


def test_web_oversized_ingest_body_is_refused_before_analysis(app_client) -> None:
    body = json.dumps({"title": "x" * 25_000_000})  # 25 MB; no text, so it would be skipped fast
    r = app_client.post("/api/ingest", content=body, headers={"Authorization": "Bearer tok",
                                                             "Content-Type": "application/json"})
    assert r.status_code == 413, (r.status_code, r.text[:300])


def test_web_oversized_body_without_token_is_refused(app_client) -> None:
    r = app_client.post("/api/ingest", content=b"x" * 5_000_000, headers={"Content-Type": "application/json"})
    assert r.status_code == 401
