"""The pipeline: registry, order check before anything runs, config overlay."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.config import load
from warta.errors import ComponentError, ConfigError
from warta.model import Article
from warta.pipeline import build, check_order, component, registered


def test_pipeline_default_config_builds_in_a_valid_order() -> None:
    cfg = load()
    pipe = build(cfg.components, cfg.component_settings)
    assert pipe.names == cfg.components


def test_pipeline_order_check_names_the_missing_input() -> None:
    reg = registered()
    steps = [reg["nlp.sentences@1"]]  # requires text, which only clean.text assigns
    with pytest.raises(ConfigError, match="nlp.sentences@1.*requires text"):
        check_order(steps)
    with pytest.raises(ConfigError, match="unknown component 'nlp.magic@1'"):
        build(["clean.text@1", "nlp.magic@1"])


def test_pipeline_component_failure_names_the_component() -> None:
    @component("test.explode@1", requires=("text",), assigns=())
    def explode() -> object:
        def run(article: Article) -> Article:
            raise ValueError("boom")

        return run

    pipe = build(["clean.text@1", "test.explode@1"])
    with pytest.raises(ComponentError, match="test.explode@1 failed: ValueError: boom"):
        pipe(Article(id="x", input_id="x", raw="Presiden Joko Widodo tiba di Jakarta pada Senin pagi."))


def test_pipeline_user_config_overlays_defaults(tmp_path: Path) -> None:
    user = tmp_path / "w.toml"
    user.write_text('[pipeline]\ncomponents = ["clean.text@1"]\n[store]\ndb = "other.db"\n', encoding="utf-8")
    cfg = load(user)
    assert cfg.components == ["clean.text@1"] and cfg.db == "other.db"
    assert cfg.corpus_steps == load().corpus_steps  # untouched tables keep their defaults


def test_pipeline_bad_config_file_is_a_config_error(tmp_path: Path) -> None:
    user = tmp_path / "w.toml"
    user.write_text("[pipeline\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot read config file"):
        load(user)
