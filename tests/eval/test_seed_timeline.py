"""Issue 7's seed goal: at least 16 of the 18 gold timeline entries, each once."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import shared_path


def test_seed_timeline_reproduces_the_analysts_entries(tmp_path: Path) -> None:
    from eval.corpus.seed_timeline import evaluate, warta_entries

    gold = json.loads(shared_path("gold", "seeds.json").read_text(encoding="utf-8"))["timeline"]
    result = evaluate(warta_entries(tmp_path / "seeds.db"), gold)
    assert result["matched"] >= 16, result
    assert result["duplicates"] == [], result
