"""nlp.entities gate: exact-span PER/ORG/LOC F1 on the held-out NER splits meets eval/ner/floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval.ner import score
from warta.nlp.entities import tagger
from warta.nlp.entities.train_tagger import DATA

FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(score.__file__).parent / "floors.json").read_text(encoding="utf-8")
)


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    if not DATA.exists():
        pytest.skip(f"needs {DATA} (the development data in ../shared beside the repo)")
    return score.run(list(FLOORS))


CASES = [(s, system) for s, by_system in FLOORS.items() for system in by_system]


@pytest.mark.parametrize(("dataset", "system"), CASES)
def test_ner_floors_heldout_f1_meets_floor(results, dataset: str, system: str) -> None:
    f1, floor = results[dataset][system]["f1"], FLOORS[dataset][system]
    assert f1 >= floor, f"{dataset} {system}: F1 {f1} < floor {floor}"


def test_ner_floors_pipeline_beats_gazetteer_baseline(results) -> None:
    for dataset in FLOORS:
        assert results[dataset]["pipeline"]["f1"] > results[dataset]["gazetteer"]["f1"] + 10, dataset


def test_ner_floors_tagger_ships_with_the_package() -> None:
    assert tagger.MODEL.stat().st_size < 5_000_000
    assert tagger.available()
