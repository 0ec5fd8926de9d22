"""When two reports name the same actor differently, and which event types may merge.

News names a state by its leader as often as by its name: "Putin pledged to
Pyongyang" and "Putin wrote to Kim Jong-un" report one act.  A person whose
KB role (head of state or government, leader) is active on the event's date
stands for that state; a capital or seat with ``stands_for`` stands for its
state; anything else stands for itself.  Two actors are *the same* when
their ids are equal and *equivalent* when they stand for the same state.

Types merge across a small family (a letter exchange is reported as
consulting by one outlet and as cooperating by another) only when the dates
agree exactly at day precision: see :func:`family`.
"""

from __future__ import annotations

from functools import cache

from warta import kb
from warta.kb import Role

LEADER_KINDS = frozenset({"head_of_state", "head_of_government", "leader"})
# Verbal cooperation (meeting, letter, call) and declared cooperation: outlets
# disagree on which one a message or a visit is.  Kept small on purpose: a
# visit (CONSULT) and a pledge of support (SUPPORT) on one day are two events.
FAMILIES: tuple[frozenset[str], ...] = (frozenset({"CONSULT", "COOPERATE"}),)


@cache
def _index() -> tuple[dict[str, list[Role]], dict[str, list[str]], dict[str, str]]:
    """(person -> leader roles, state -> its leaders ever, place -> the state it stands for)."""
    roles: dict[str, list[Role]] = {}
    leaders: dict[str, list[str]] = {}
    stands: dict[str, str] = {}
    for ent in kb.load().entities.values():
        for role in ent.roles:
            if role.kind in LEADER_KINDS and role.of:
                roles.setdefault(ent.id, []).append(role)
                leaders.setdefault(role.of, []).append(ent.id)
        if ent.stands_for:
            stands[ent.id] = ent.stands_for
    return roles, leaders, stands


def state_of(actor: str | None, date: str | None) -> str | None:
    """The state an actor stands for on ``date`` (itself when none)."""
    if actor is None:
        return None
    roles, _, stands = _index()
    for role in roles.get(actor, ()):
        if role.active(date):
            return role.of
    return stands.get(actor, actor)


def relation(a: str | None, b: str | None, date: str | None) -> int:
    """2: the same actor, 1: equivalent (one state), 0: different or unknown."""
    if a is None or b is None:
        return 0
    if a == b:
        return 2
    return 1 if state_of(a, date) == state_of(b, date) else 0


def expand(actor: str, date: str | None) -> set[str]:
    """Ids a report of ``actor`` may be filed under: itself, its state and the state's leaders."""
    _, leaders, _ = _index()
    state = state_of(actor, date) or actor
    return {actor, state, *(p for p in leaders.get(state, ()) if state_of(p, date) == state)}


def family(kind: str) -> frozenset[str]:
    """The types a report of ``kind`` may merge with on an exactly agreeing day."""
    for fam in FAMILIES:
        if kind in fam:
            return fam
    return frozenset({kind})
