"""eval/events/score.py: how a predicted actor matches a gold label."""

from __future__ import annotations

import pytest

from eval.events.score import same_name


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
