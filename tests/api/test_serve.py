"""`warta serve`: the uvicorn runner over a store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI


def test_serve_runs_uvicorn_with_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from warta.api.serve import serve

    seen: dict = {}

    def fake_run(app: FastAPI, host: str, port: int, log_level: str) -> None:
        seen.update(app=app, host=host, port=port)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    serve(str(tmp_path / "w.db"), port=8123, ingest_token="tok")
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert {"/api/ingest", "/api/articles"} <= set(seen["app"].openapi()["paths"])
    assert (tmp_path / "w.db").exists()
