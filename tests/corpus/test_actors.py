"""warta.corpus.actors: a leader stands for his state on the event's date; small type families."""

from __future__ import annotations

import pytest

from warta.corpus import actors as ac

PUTIN, KIM, RUSSIA, NORTH_KOREA = "Q7747", "Q56226", "Q159", "Q423"


@pytest.mark.parametrize(
    ("a", "b", "date", "expected"),
    [
        (PUTIN, PUTIN, "2022-08-15", 2),
        (PUTIN, RUSSIA, "2024-06-18", 1),  # head of state for his state
        (KIM, NORTH_KOREA, "2022-08-15", 1),
        (KIM, NORTH_KOREA, "1999-01-01", 0),  # before he led it
        (PUTIN, NORTH_KOREA, "2024-06-18", 0),
        (PUTIN, None, "2024-06-18", 0),
    ],
)
def test_actors_relation_leader_and_state(a, b, date, expected) -> None:
    assert ac.relation(a, b, date) == expected


def test_actors_expand_finds_state_and_its_leader() -> None:
    got = ac.expand(KIM, "2024-01-18")
    assert {KIM, NORTH_KOREA} <= got and PUTIN not in got
    assert PUTIN in ac.expand(RUSSIA, "2024-06-18")


def test_actors_family_is_small() -> None:
    assert ac.family("CONSULT") == {"CONSULT", "COOPERATE"}
    assert ac.family("SUPPORT") == {"SUPPORT"}
