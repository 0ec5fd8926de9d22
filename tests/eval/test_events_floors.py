"""The quote/claim/event scorer on the held-out half meets the pinned floors (eval/events/floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    if not DATA.exists():
        pytest.skip("needs ../shared/data (the development corpora beside the repo)")
    from eval.events.score import evaluate

    return evaluate(held_out=True)


def _floors() -> dict[str, float]:
    data = json.loads((ROOT / "eval" / "events" / "floors.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@pytest.mark.parametrize("metric", sorted(_floors()))
def test_events_floor_held_out(figures: dict[str, float], metric: str) -> None:
    assert figures[metric] >= _floors()[metric], f"{metric} {figures[metric]} below floor {_floors()[metric]}"


@pytest.mark.parametrize("name", ["dev.jsonl", "dev2.jsonl", "dev3.jsonl"])
def test_events_dev_set_is_split_by_the_held_out_rule(name: str) -> None:
    from eval.split import is_held_out

    docs = [json.loads(x) for x in (ROOT / "eval" / "events" / name).read_text(encoding="utf-8").splitlines()]
    assert len(docs) >= 30
    assert all(d["held_out"] == is_held_out(d["key"]) for d in docs)
    assert 10 <= sum(d["held_out"] for d in docs) <= len(docs) - 10
