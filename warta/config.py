"""Typed settings: packaged defaults, then a user TOML file, then environment."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from warta.errors import ConfigError


@dataclass
class Config:
    components: list[str]
    component_settings: dict[str, dict[str, Any]] = field(default_factory=dict)
    corpus_steps: list[str] = field(default_factory=list)
    db: str = "warta.db"
    csv_columns: dict[str, str] = field(default_factory=dict)
    max_record_bytes: int = 20_000_000
    batch_size: int = 50
    batch_seconds: float = 2.0


def _defaults() -> dict[str, Any]:
    text = resources.files("warta").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _overlay(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _overlay(out[key], value)
        else:
            out[key] = value
    return out


def _table(data: dict[str, Any], dotted: str) -> dict[str, Any]:
    """Settings of component "meta.text" live in the TOML table [meta.text]."""
    node: Any = data
    for part in dotted.split("."):
        node = node.get(part, {}) if isinstance(node, dict) else {}
    return {k: v for k, v in node.items() if not isinstance(v, dict)} if isinstance(node, dict) else {}


def load(path: str | Path | None = None) -> Config:
    """Defaults, overlaid by ``path`` (or $WARTA_CONFIG), then $WARTA_STORE_DB."""
    data = _defaults()
    path = path or os.environ.get("WARTA_CONFIG")
    if path:
        try:
            data = _overlay(data, tomllib.loads(Path(path).read_text(encoding="utf-8")))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    if os.environ.get("WARTA_STORE_DB"):
        data["store"]["db"] = os.environ["WARTA_STORE_DB"]
    pipeline = data.get("pipeline", {})
    return Config(
        components=list(pipeline.get("components", [])),
        component_settings={n.split("@")[0]: _table(data, n.split("@")[0]) for n in pipeline.get("components", [])},
        corpus_steps=list(data.get("corpus", {}).get("steps", [])),
        db=data.get("store", {}).get("db", "warta.db"),
        csv_columns=dict(data.get("ingest", {}).get("csv_columns", {})),
        max_record_bytes=int(data.get("ingest", {}).get("max_record_bytes", 20_000_000)),
        batch_size=max(1, int(data.get("ingest", {}).get("batch_size", 50))),
        batch_seconds=float(data.get("ingest", {}).get("batch_seconds", 2.0)),
    )
