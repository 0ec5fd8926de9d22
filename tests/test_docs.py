"""Meta-tests: the README, CI, CLI reference and format doc stay in step with the code."""

from __future__ import annotations

import re

import warta
from tests.conftest import ROOT
from warta.cli import app
from warta.export import ARTICLE_FIELDS, TIMELINE_FIELDS

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", README, flags=re.S)


def test_docs_readme_opens_with_two_commands() -> None:
    assert README.split("\n", 2)[2].lstrip().startswith("```bash")
    first, second = _readme_commands()[:2]
    assert "warta run examples/seeds" in first and "pytest" in second


def test_docs_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _readme_commands()[1] in ci.splitlines()


def test_docs_every_command_is_in_the_readme() -> None:
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    for name in names:
        assert f"`warta {name}" in README, f"command {name} is not documented in README.md"


def test_docs_format_lists_every_export_field() -> None:
    doc = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    for field in ARTICLE_FIELDS + TIMELINE_FIELDS:
        assert f"`{field}`" in doc, f"{field} is missing from docs/format.md"


def test_docs_public_surface_is_fixed() -> None:
    assert sorted(warta.__all__) == warta.__all__
    for name in warta.__all__:
        assert hasattr(warta, name)
    assert {"open_store", "ingest_paths", "analyse", "timeline", "stories", "Article", "WartaError"} <= set(warta.__all__)


def test_docs_every_setting_has_a_help_line_and_is_documented() -> None:
    import tomllib

    text = (ROOT / "warta" / "defaults.toml").read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "config.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if "=" in line and not line.startswith(("#", " ", "[")):
            key = line.split("=")[0].strip()
            assert lines[i - 1].startswith("#"), f"setting {key} has no help comment above it in defaults.toml"
            assert f"`{key}`" in doc, f"setting {key} is missing from docs/config.md"
    assert tomllib.loads(text)  # and the file parses
