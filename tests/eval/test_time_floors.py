"""nlp.time gate: the held-out half of eval/time/articles.jsonl must meet eval/time/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.time import data, score

FLOORS = json.loads((Path(score.__file__).parent / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def heldout() -> dict[str, float]:
    if not data.available():
        pytest.skip(f"needs {data.DATA} (the development data in ../shared beside the repo)")
    return score.score(score.load("heldout"), score.warta_predict)


@pytest.mark.parametrize("figure", ["f1", "strict_f1", "norm_accuracy"])
def test_time_floors_heldout_figure_meets_floor(heldout, figure):
    assert heldout[figure] >= FLOORS[figure], f"{figure} {heldout[figure]:.3f} < floor {FLOORS[figure]}"


def test_time_floors_heldout_labels_all_found_in_the_clean_text(heldout):
    # re-anchoring must not lose gold spans when clean.text@1 changes
    labelled = sum(
        len(json.loads(line)["expressions"])
        for line in (Path(score.__file__).parent / "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if json.loads(line)["split"] == "heldout"
    )
    assert heldout["gold"] == labelled >= FLOORS["min_gold"]
