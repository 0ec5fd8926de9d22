"""nlp.time regression gate on the first short snippets (eval/time/dev.jsonl); the whole-article
gate on held-out data is tests/eval/test_time_floors.py."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCORER = Path(__file__).resolve().parents[2] / "eval" / "time" / "score.py"
# Pinned floors; raising one is a commit of its own, lowering one needs a reason.
FLOORS = {"f1": 0.95, "norm_accuracy": 0.95}


def _scorer():
    spec = importlib.util.spec_from_file_location("time_score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("split", ["dev", "heldout"])
def test_time_eval_scores_above_floors(split):
    scorer = _scorer()
    result = scorer.score(scorer.load_snippets(split), scorer.warta_predict)
    assert result["gold"] > 10
    for key, floor in FLOORS.items():
        assert result[key] >= floor, f"{key} {result[key]:.3f} < floor {floor} on {split}"
