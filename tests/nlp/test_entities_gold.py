"""Every mention in the analysts' reference resolves to its entity in the seed where it occurs."""

from __future__ import annotations

import re
from functools import cache

import pytest

from tests.conftest import SEEDS
from warta.kb import load
from warta.model import Mention
from warta.nlp.entities import extract

PRONOUNS = {"ia", "dia", "mereka", "nya"}  # coreference of pronouns is not this stage's job
GOLD_TYPES = {"region": "place"}


@cache
def _mentions(name: str) -> tuple[str, list[Mention]]:
    text = (SEEDS / name).read_text(encoding="utf-8")
    return text, extract(text)[0]


def _surface_and_alternatives(raw: str) -> tuple[str, set[str]]:
    """'Uni Soviet (predecessor state, Wikidata Q15180)' -> ('Uni Soviet', {'Q15180'})."""
    note = re.search(r"\s*\((.*)\)$", raw)
    surface = raw[: note.start()] if note else raw
    return surface, set(re.findall(r"Q\d+", note.group(1))) if note else set()


def _resolved(mention: Mention) -> set[str]:
    """The entity, and the state a capital names when read as a place ("di Moskwa")."""
    ids = {mention.entity} if mention.entity else set()
    kb_ent = load().get(mention.entity or "")
    if kb_ent and kb_ent.stands_for:
        ids.add(kb_ent.stands_for)
    return ids


def _rows(gold: dict) -> list[dict]:
    return gold["entities"]


def _other_names(gold: dict, row: dict, surface: str) -> list[str]:
    """Longer mentions of other rows that contain this one ("Dewan Keamanan PBB" for "PBB")."""
    names = [_surface_and_alternatives(m)[0] for r in _rows(gold) if r is not row for m in r["mentions"]]
    return sorted((n for n in names if surface in n and n != surface), key=len, reverse=True)


def test_entities_gold_rows_resolve_to_one_entity(gold: dict, seed_files) -> None:
    failures = []
    for row in _rows(gold):
        common: set[str] | None = None
        for raw in row["mentions"]:
            surface, alternatives = _surface_and_alternatives(raw)
            if surface.lower() in PRONOUNS:
                continue
            pattern = re.compile(rf"(?<!\w){re.escape(surface)}(?!\w)")
            for path in seed_files:
                text, mentions = _mentions(path.name)
                bare = text
                for longer in _other_names(gold, row, surface):
                    bare = bare.replace(longer, "")
                if not pattern.search(bare):
                    continue
                exact = [m for m in mentions if m.text == surface]
                near = exact or [m for m in mentions if pattern.search(m.text)]
                ids = set().union(*[_resolved(m) for m in near] or [set()])
                if ids & alternatives:
                    ids |= {row["id"]} if row["id"] else set()
                common = ids if common is None else common & ids
                if not common:
                    failures.append(f"{row['name']}: {surface!r} in {path.name} -> {sorted(ids)}")
                    break
        if common is not None and row["id"] and row["id"] not in common:
            failures.append(f"{row['name']}: resolved to {sorted(common)}, not {row['id']}")
    assert not failures, "\n".join(failures)


def test_entities_gold_types_match(gold: dict) -> None:
    kb = load()
    for row in _rows(gold):
        found = kb.lookup(row["name"]) or ([kb.get(row["id"])] if row["id"] else [])
        assert found and found[0] is not None, f"{row['name']} is not in the KB"
        assert found[0].type == GOLD_TYPES.get(row["type"], row["type"]), row["name"]


@pytest.mark.parametrize("name", [p.name for p in sorted(SEEDS.glob("*.txt"))])
def test_entities_gold_roles_recorded(gold: dict, name: str) -> None:
    text, mentions = _mentions(name)
    _, entities = extract(text)
    for row in _rows(gold):
        ent = next((e for e in entities.values() if e.name == row["name"] or e.id == row["id"]), None)
        if ent is None or not row.get("roles") or ent.type != "person":
            continue
        gold_titles = {re.sub(r"\s*\(.*\)", "", r).lower() for r in row["roles"]}
        seen = {r.lower() for r in ent.roles}
        # The title may name the state by another alias ("Korut" for "Korea Utara").
        heads = {t.split()[0] for t in gold_titles}
        assert any(s.split()[0] in heads for s in seen), f"{name}: {row['name']} roles {ent.roles}"
