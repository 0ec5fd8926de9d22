"""Generic actors that are not named entities (groups.tsv): "polisi", "massa aksi",
"kurir", "Polres Metro Bekasi Kota".  Each gets a stable id ``warta:group:<slug>``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from warta.nlp.lexicon import Alternation, rows

PREFIX = "warta:group:"
# The place name of an institution: capitalised words after an optional "(Pemkot)", up to a
# rank or title that starts a person's name ("Polda Metro Jaya Kombes Ade").
_TITLE = r"(?!(?:Kombes|AKBP|AKP|Kompol|Iptu|Ipda|Brigjen|Irjen|Kapolres|Kapolda|Kepala|Ketua|Wakil)\b)"
_NAME_AFTER = re.compile(
    rf"(?:\s*\([A-Z][\w-]*\))?\s+({_TITLE}[A-Z][\w'-]*(?:\s+{_TITLE}[A-Z][\w'-]*){{0,3}})"
)
_SLUG = re.compile(r"[^a-z0-9]+")
_INSIDE = re.compile(r"[\w,;)]\s+$")  # a word before: not the start of a sentence


@dataclass(slots=True)
class Group:
    start: int
    end: int
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    named: bool = False  # an institution with its place name


@cache
def _table() -> tuple[Alternation, tuple[tuple[str, ...], ...]]:
    table = tuple((r + ("", "", "", ""))[:5] for r in rows("groups.tsv"))
    return Alternation([r[0] for r in table]), table


def slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-")


def find_groups(text: str) -> list[Group]:
    """Generic actor phrases in text order."""
    alt, table = _table()
    out: list[Group] = []
    for m in alt.finditer(text):
        _, key, names, type_, flags = table[alt.row(m)]
        surface = m.group()
        if "l" in flags and surface[:1].isupper() and _INSIDE.search(text, max(0, m.start() - 3), m.start()):
            continue  # "Perusahaan Umum Daerah Pembangunan": a name, not the generic word
        if "+" in flags:
            if not surface[:1].isupper():
                continue
            n = _NAME_AFTER.match(text, m.end())
            if n is None:
                continue
            place = n.group(1).strip()
            name = f"{' '.join(surface.split())} {place}"
            out.append(Group(m.start(), n.start(1) + len(place), PREFIX + slug(name), type_, name, [], True))
            continue
        first, *aliases = names.split("|")
        out.append(Group(m.start(), m.end(), PREFIX + key, type_ or "other", first, aliases))
    return out
