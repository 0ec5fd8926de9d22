"""The clean + meta stages on the held-out half of eval/clean/dev.jsonl meet the pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import shared_path

FLOORS = json.loads((Path(__file__).resolve().parents[2] / "eval" / "clean" / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def heldout() -> dict[str, float]:
    shared_path("data", "indonews-2025-06-early")
    shared_path("data", "kompas-md")
    from eval.clean import score

    return score.score(score.load(held_out=True))


@pytest.mark.parametrize("figure", ["f1", "precision", "recall", "published", "authors", "outlet", "title"])
def test_clean_floors_heldout_meets_floor(heldout: dict[str, float], figure: str) -> None:
    assert heldout[figure] >= FLOORS[figure], f"{figure} {heldout[figure]:.3f} fell below the floor {FLOORS[figure]}"


@pytest.mark.parametrize("field", ["published", "authors", "outlet"])
def test_clean_floors_heldout_invents_no_metadata(heldout: dict[str, float], field: str) -> None:
    assert heldout[field + "_invented"] <= FLOORS["invented_max"][field]


def test_clean_floors_labelled_set_is_split_in_halves() -> None:
    from eval.clean import score

    assert len(score.load(held_out=True)) >= 20 and len(score.load(held_out=False)) >= 20
