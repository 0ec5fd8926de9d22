"""Regenerate ``data/kb.json.gz`` from offline sources and the curated files.

Run ``python -m warta.kb.build``.  Sources:

- pycountry: every ISO 3166 country with its English names and the Indonesian
  translation shipped in pycountry's gettext catalogue;
- ``data/curated/countries.tsv``: Wikidata ids and extra aliases per country
  (Rusia, Tiongkok, AS, Korut ...);
- ``data/curated/{places,organizations,indonesia}.tsv``: other entities;
- ``data/curated/people.tsv``: people with roles and dates in office.

An alias is case-sensitive when marked with "=", when it has at most three
characters, when it is an all-caps acronym of at most five, or when it is a
single word that is also an Indonesian common word (Sastrawi's root-word list:
"Antara", "Malang").
"""

from __future__ import annotations

import gettext
import gzip
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from warta.kb import COMPILED, DATA, AliasEntry, KBEntity, Role, alias_key, slug

CURATED = DATA / "curated"
ENTITY_FILES = ("organizations.tsv", "indonesia.tsv", "places.tsv")


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((line.split("\t") + [""] * 6)[:6])
    return rows


def _split(cell: str) -> list[str]:
    return [a.strip() for a in cell.split("|") if a.strip()]


def _wikidata(entity_id: str) -> str | None:
    return entity_id if entity_id.startswith("Q") else None


def countries() -> list[KBEntity]:
    import pycountry

    indonesian: Callable[[str], str]
    try:
        indonesian = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"]).gettext
    except OSError:  # catalogue missing: English names only
        indonesian = str
    extra = {row[0]: row for row in _rows(CURATED / "countries.tsv")}
    out = []
    for c in pycountry.countries:
        english = getattr(c, "common_name", None) or c.name
        names = [english, c.name, getattr(c, "official_name", ""), indonesian(c.name)]
        names = [n for n in names if n and "," not in n]  # skip "Korea, Republic of"
        row = extra.get(c.alpha_2)
        qid = row[1] if row else ""
        aliases = _split(row[2]) if row else []
        entity_id = qid or f"warta:country:{slug(english)}"
        name = _DISPLAY.get(c.alpha_2, english)
        out.append(KBEntity(entity_id, "country", name, _dedupe(aliases + names), _wikidata(entity_id)))
    return out


# pycountry names that read badly as a display name.
_DISPLAY = {"RU": "Russia", "PS": "Palestine", "CD": "DR Congo", "FM": "Micronesia", "SY": "Syria"}


def others() -> list[KBEntity]:
    out = []
    for fname in ENTITY_FILES:
        for eid, etype, name, aliases, country, stands_for in _rows(CURATED / fname):
            eid = eid or f"warta:{etype}:{slug(name)}"
            al = _dedupe([name] + _split(aliases))
            out.append(KBEntity(eid, etype, name, al, _wikidata(eid), country or None, stands_for or None))
    return out


def people() -> list[KBEntity]:
    out = []
    for eid, name, aliases, roles, _, _ in _rows(CURATED / "people.tsv"):
        parsed = []
        for r in _split(roles):
            title, kind, of, start, end = (r.split(";") + [""] * 5)[:5]
            parsed.append(Role(title, kind, of or None, start or None, end or None))
        country = parsed[-1].of if parsed else None
        al = _dedupe([name] + _split(aliases))
        out.append(KBEntity(eid, "person", name, al, _wikidata(eid), country, None, parsed))
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for i in items:
        seen.setdefault(i, None)
    return list(seen)


def _common_words() -> set[str]:
    try:
        import Sastrawi

        path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
        return set(path.read_text(encoding="utf-8").split())
    except (ImportError, OSError):
        return set()


def case_sensitive(surface: str, common: set[str]) -> bool:
    letters = [c for c in surface if c.isalpha()]
    if len(surface) <= 3:
        return True
    if len(letters) <= 5 and all(c.isupper() for c in letters):
        return True
    first = surface.split()[0]
    if " " in surface and first.isupper() and len(first) <= 3 and first.casefold() in _FUNCTION_WORDS:
        return True  # "DI Yogyakarta" is not "di Yogyakarta"
    return " " not in surface and "-" not in surface and surface.casefold() in common


# Short function words that an all-caps abbreviation opening an alias may spell.
_FUNCTION_WORDS = frozenset({"di", "ke", "se", "ini", "itu", "dan", "ya", "pa", "ri"})


def compile_kb() -> dict:
    entities = countries() + others() + people()
    common = _common_words()
    aliases: dict[str, list[AliasEntry]] = {}
    for e in entities:
        clean = []
        for a in e.aliases:
            cs = a.startswith("=")
            surface = a.lstrip("=")
            key = alias_key(surface)
            if not key:
                continue
            entry = AliasEntry(e.id, surface, cs or case_sensitive(surface, common))
            bucket = aliases.setdefault(key, [])
            if entry not in bucket:
                bucket.append(entry)
            clean.append(surface)
        e.aliases = _dedupe(clean)
    return {
        "entities": [asdict(e) for e in entities],
        "aliases": {k: [[a.entity, a.surface, a.case_sensitive] for a in v] for k, v in aliases.items()},
    }


def main(out: Path = COMPILED) -> None:
    data = compile_kb()
    ids = [e["id"] for e in data["entities"]]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        sys.exit(f"duplicate entity ids in data/curated: {sorted(dupes)}; make them unique and rerun")
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(data, fh, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    print(f"wrote {out}: {len(data['entities'])} entities, {len(data['aliases'])} alias keys")


if __name__ == "__main__":
    main()
