"""The bundled knowledge base: entities, their aliases and roles.

``load()`` returns a cached :class:`KB` read from ``data/kb.json.gz``, which
``python -m warta.kb.build`` regenerates from pycountry (country names with
their Indonesian translations) and the hand-written files in ``data/curated/``.

Aliases are indexed by a *key*: lower-cased, accent-stripped word tokens
joined by spaces, so "Kim Jong-Un", "Kim Jong Un" and "kim jong-un" share the
key "kim jong un".  Short or ambiguous aliases ("AS", "RI", "Antara") are
*case-sensitive*: they only match when written exactly as in the KB.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

__all__ = ["KB", "KBEntity", "Role", "AliasEntry", "load", "alias_key", "slug", "tokens"]

DATA = Path(__file__).parent / "data"
COMPILED = DATA / "kb.json.gz"

_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """Lower-case and strip accents ("Erdoğan" -> "erdogan")."""
    text = text.casefold()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def tokens(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def alias_key(text: str) -> str:
    """Hyphen-, space-, case- and accent-insensitive key of a name."""
    return " ".join(tokens(text))


def slug(text: str) -> str:
    return "-".join(tokens(text.replace("'", "").replace("\u2019", "")))


@dataclass(frozen=True)
class Role:
    title: str  # as written in Indonesian news: "Presiden Rusia"
    kind: str  # head_of_state | head_of_government | leader | foreign_minister | spokesperson ...
    of: str | None  # entity id of the state or organisation
    start: str | None = None  # ISO date
    end: str | None = None

    def active(self, date: str | None) -> bool:
        if not date:
            return True
        day = date[:10]
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass
class KBEntity:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    country: str | None = None  # the state it belongs to (for disambiguation)
    stands_for: str | None = None  # capital/seat -> the state it names in metonymy
    roles: list[Role] = field(default_factory=list)


@dataclass(frozen=True)
class AliasEntry:
    entity: str
    surface: str  # the alias as written in the KB
    case_sensitive: bool


class KB:
    def __init__(self, entities: list[KBEntity], aliases: dict[str, list[AliasEntry]]) -> None:
        self.entities = {e.id: e for e in entities}
        self.aliases = aliases

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> KBEntity | None:
        return self.entities.get(entity_id)

    def lookup(self, name: str) -> list[KBEntity]:
        """Entities a name can refer to, best first; case-sensitive aliases must match exactly."""
        found = []
        for entry in self.aliases.get(alias_key(name), ()):
            if entry.case_sensitive and not _same_case(name, entry.surface):
                continue
            entity = self.entities[entry.entity]
            if entity not in found:
                found.append(entity)
        return found

    def holders(self, kinds: set[str], of: str, date: str | None = None) -> list[KBEntity]:
        """People holding a role of one of ``kinds`` for ``of`` on ``date``."""
        return [
            e
            for e in self.entities.values()
            if any(r.kind in kinds and r.of == of and r.active(date) for r in e.roles)
        ]

    @classmethod
    def from_json(cls, data: dict) -> KB:
        entities = []
        for raw in data["entities"]:
            roles = [Role(**r) for r in raw.pop("roles", [])]
            entities.append(KBEntity(**raw, roles=roles))
        aliases = {k: [AliasEntry(*v) for v in vs] for k, vs in data["aliases"].items()}
        return cls(entities, aliases)


def _same_case(text: str, surface: str) -> bool:
    return _WORD.findall(text) == _WORD.findall(surface)


@lru_cache(maxsize=1)
def load() -> KB:
    """The bundled KB, read once per process."""
    if COMPILED.exists():
        with gzip.open(COMPILED, "rt", encoding="utf-8") as fh:
            return KB.from_json(json.load(fh))
    from warta.kb.build import compile_kb  # fallback: build in memory from the sources

    return KB.from_json(compile_kb())
