"""The corpus stage meets its pinned floors on the held-out half (eval/corpus/floors.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.corpus import score as corpus_score

FLOORS = json.loads((Path(corpus_score.__file__).with_name("floors.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    if not corpus_score.DATA.exists():
        pytest.skip(f"needs ../shared/data ({corpus_score.DATA}) for the labelled corpus articles")
    return corpus_score.score("held", dups=True)


@pytest.mark.parametrize("name", [k for k in FLOORS if k != "about"])
def test_corpus_floors_held_out_meets_floor(figures: dict[str, float], name: str) -> None:
    assert figures[name] >= FLOORS[name], f"{name} {figures[name]} fell below its floor {FLOORS[name]}"


def test_corpus_floors_labels_split_by_cluster() -> None:
    held = corpus_score.load_labels("held")
    tune = corpus_score.load_labels("tune")
    assert len(held) + len(tune) == len(corpus_score.load_labels("all")) >= 150
    assert not {x["cluster"] for x in held} & {x["cluster"] for x in tune}
