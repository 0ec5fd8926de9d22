"""eval/events/score.py: how a predicted actor matches a gold label."""

from __future__ import annotations

import pytest

from eval.events.score import same_name, same_speaker


@pytest.mark.parametrize(
    ("gold", "names", "same"),
    [
        ("Israel", ["Militer Israel"], True),
        ("Korea Utara", ["Korea Selatan"], False),
        ("Kementerian ESDM", ["Kementerian Keuangan"], False),
        ("Kementerian ESDM", ["Kementerian Energi dan Sumber Daya Mineral", "Kementerian ESDM"], True),
        ("KPK", ["Komisi Pemberantasan Korupsi"], True),
        ("Hasan", ["Hasan Basri"], True),
        ("Amerika Serikat", ["Serikat Pekerja"], False),
        ("pemerintah", ["Pemerintah Kota Solo"], False),  # a generic word alone names no one
        ("Garda Indonesia|ojol", ["ojol"], True),
        ("warta:group:polisi", ["polisi", "warta:group:polisi"], True),
        (None, [], True),
        (None, ["Iran"], False),
    ],
)
def test_events_score_actor_names(gold: str | None, names: list[str], same: bool) -> None:
    assert same_name(gold, names) is same


@pytest.mark.parametrize(
    ("gold", "names", "same"),
    [
        ("Pemerintah AS", ["Pemerintah AS"], True),  # the same name, though its words are generic or short
        ("Dmitry Peskov", ["Peskov"], True),
        ("Pemerintah AS", ["Pemerintah China"], False),
        (None, [], True),
    ],
)
def test_events_score_speaker_names(gold: str | None, names: list[str], same: bool) -> None:
    assert same_speaker(gold, names) is same


def test_events_dev2_is_the_selection_rule_split_by_the_held_out_rule() -> None:
    import json
    from pathlib import Path

    from eval.split import is_held_out

    here = Path(__file__).resolve().parents[2] / "eval" / "events"
    docs = [json.loads(x) for x in (here / "dev2.jsonl").read_text(encoding="utf-8").splitlines() if x]
    assert len(docs) == 30 and all(d["scope"] == "events" for d in docs)
    assert all(d["held_out"] == is_held_out(d["key"]) for d in docs)
    shared = here.parents[2] / "shared" / "data"
    if not shared.exists():
        pytest.skip("needs ../shared/data to re-run the selection rule")
    from eval.events.data import dev2_keys

    first = frozenset(
        json.loads(x)["key"] for x in (here / "dev.jsonl").read_text(encoding="utf-8").splitlines() if x
    )
    assert [d["key"] for d in docs] == dev2_keys(first)


def test_events_dev3_is_the_round4_selection_rule() -> None:
    import json
    from pathlib import Path

    here = Path(__file__).resolve().parents[2] / "eval" / "events"
    docs = [json.loads(x) for x in (here / "dev3.jsonl").read_text(encoding="utf-8").splitlines() if x]
    if not (here.parents[2] / "shared" / "data").exists():
        pytest.skip("needs ../shared/data to re-run the selection rule")
    from eval.events.data import dev3_keys

    earlier = frozenset(
        json.loads(x)["key"]
        for name in ("dev.jsonl", "dev2.jsonl")
        for x in (here / name).read_text(encoding="utf-8").splitlines()
        if x
    )
    assert [d["key"] for d in docs] == dev3_keys(earlier)
