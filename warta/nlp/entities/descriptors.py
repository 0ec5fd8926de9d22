"""Descriptions that stand for an entity named elsewhere.

- "pemimpin Rusia tersebut" / "Presiden AS itu": the person holding that role
  in this article (from a title seen with a name), else the KB holder on the
  publication date;
- "rezim Kim Jong-Un": the state that person leads.
"""

from __future__ import annotations

from warta.kb import KB
from warta.nlp.entities.candidates import Cand, is_cap, title_before
from warta.nlp.entities.gazetteer import Tokens
from warta.nlp.entities.lexicon import LEADER_KINDS, Lexicon


def _kinds_match(wanted: str, held: str | None) -> bool:
    if held is None:
        return False
    return held == wanted or (wanted in LEADER_KINDS and held in LEADER_KINDS)


def role_holder(kind: str, of: str, cands: list[Cand], kb: KB, date: str | None) -> str | None:
    for c in cands:  # a title seen in this article wins
        if c.label == "PER" and c.entity and c.role_of == of and _kinds_match(kind, c.role_kind):
            return c.entity
    in_article = {c.entity for c in cands if c.label == "PER" and c.entity}
    holders = [e.id for e in kb.entities.values() if e.type == "person" and _holds(e.roles, kind, of, date)]
    present = [h for h in holders if h in in_article]
    if present:
        return present[0]
    return holders[0] if len(holders) == 1 else None


def _holds(roles: list, kind: str, of: str, date: str | None) -> bool:
    return any(r.of == of and _kinds_match(kind, r.kind) and r.active(date) for r in roles)


def led_state(person: Cand, kb: KB, date: str | None) -> str | None:
    if person.role_kind in LEADER_KINDS and person.role_of:
        return person.role_of
    ent = kb.get(person.entity) if person.entity else None
    if ent is None:
        return None
    roles = [r for r in ent.roles if r.kind in LEADER_KINDS and r.of]
    active = [r for r in roles if r.active(date)] or roles
    return active[-1].of if active else None


def descriptions(
    text: str, toks: Tokens, cands: list[Cand], kb: KB, lex: Lexicon, date: str | None
) -> list[Cand]:
    out = []
    n = len(toks)
    for c in cands:
        ent = kb.get(c.entity) if c.entity else None
        if ent is None or ent.type != "country" or c.label == "PER":
            continue
        nxt = c.last + 1
        if nxt >= n or toks.folded[nxt] not in lex.anaphor or toks.starts[nxt] - c.end > 2:
            continue
        if nxt + 1 < n and is_cap(toks.raw[nxt + 1]) and toks.joins[nxt]:
            continue  # "Presiden Rusia itu Vladimir ..." is a title, not an anaphor
        found = title_before(toks, lex, c.first - 1) if c.first > 0 else None
        if not found:
            continue
        first, kind = found
        person = role_holder(kind, c.entity, cands, kb, date) if c.entity else None
        if person:
            title = " ".join(text[toks.starts[first] : c.end].split())
            span = (first, nxt, toks.starts[first], toks.ends[nxt])
            out.append(Cand(*span, [person], "PER", "coref", person, title, kind, c.entity))
    return out


def regimes(toks: Tokens, cands: list[Cand], kb: KB, lex: Lexicon, date: str | None) -> list[Cand]:
    out = []
    for c in cands:
        j = c.first - 1
        if c.label != "PER" or j < 0 or toks.folded[j] not in lex.regime or not toks.joins[j]:
            continue
        state = led_state(c, kb, date)
        if state:
            out.append(Cand(j, c.last, toks.starts[j], c.end, [state], "GPE", "metonymy", state))
    return out
