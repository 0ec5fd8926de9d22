"""Seed articles annotated up to nlp.time, for the quote and event tests.

The clean body is cut from examples/seeds with the gold's body_first/body_last
(header and boilerplate lines dropped).  Mentions and times come from the real
``nlp.entities@1`` / ``nlp.time@1`` components when they are registered, else
from stand-ins: a gazetteer of the gold entities' mention strings and the
hand-read dates below (what the time tagger is specified to produce).
"""

from __future__ import annotations

import json
import os
import re
from functools import cache
from pathlib import Path

from warta.model import Article, Entity, Mention, Span, TimeExpr
from warta.nlp.sentences import split
from warta.pipeline import registered

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT.parent / "shared" / "gold" / "seeds.json"
SEEDS = ROOT / "examples" / "seeds"
_BOILER = re.compile(
    r"^(Baca Juga|Advertisement|Berita Lainnya|loading\.\.\.|A|sumber\s*:.*)$", re.IGNORECASE
)

# Dates as the time tagger reads them (surface, value, precision), per seed.
TIMES = {
    "000": [
        ("pada Senin (15/8/2022)", "2022-08-15", "day"),
        ("1910-1945", "1910/1945", "year"),
        ("pada Februari", "2022-02", "month"),
        ("tahun lalu", "2021", "year"),
        ("Bulan lalu", "2022-07", "month"),
        ("pada tahun 2017", "2017", "year"),
        ("pada akhir Mei", "2022-05", "month"),
        ("tahun ini", "2022", "year"),
    ],
    "001": [
        ("pada Selasa (16/1/2024)", "2024-01-16", "day"),
        ("Rabu (17/1/2024)", "2024-01-17", "day"),
        ("pada 2022 lalu", "2022", "year"),
        ("sejak 1948", "1948", "year"),
    ],
    "002": [
        ("pada hari Selasa (18/6)", "2024-06-18", "day"),
        ("pada bulan September", "2023-09", "month"),
        ("sejak 2019", "2019", "year"),
        ("Pada bulan Maret", "2024-03", "month"),
    ],
    "003": [("pada 2019", "2019", "year"), ("pada Juli", "2022-07", "month")],
    "004": [
        ("Selasa, 18 Juni 2024", "2024-06-18", "day"),
        ("pada Selasa malam", "2024-06-18", "day"),
        ("sejak tahun 2000", "2000", "year"),
        ("tahun 2022", "2022", "year"),
        ("Tahun lalu", "2023", "year"),
        ("di bulan Maret", "2024-03", "month"),
        ("tahun ini", "2024", "year"),
        ("bulan lalu", "2024-05", "month"),
    ],
}


@cache
def gold() -> dict:
    return json.loads(GOLD.read_text(encoding="utf-8"))


def gold_article(seed: str) -> dict:
    return next(a for a in gold()["articles"] if a["file"].startswith(seed))


def entity_id(name: str) -> str:
    """The gold's id of an entity (Wikidata id, else a warta-style id from the name)."""
    for e in gold()["entities"]:
        if e["name"] == name:
            return e["id"] or "warta:" + re.sub(r"\W+", "-", name.lower()).strip("-")
    raise KeyError(name)


def clean_body(seed: str) -> tuple[str, list[Span]]:
    ga = gold_article(seed)
    raw = next(SEEDS.glob(seed + "_*.txt")).read_text(encoding="utf-8")
    start = raw.index(ga["body_first"])
    end = raw.index(ga["body_last"], start) + len(ga["body_last"])
    lines = [ln.strip() for ln in raw[start:end].splitlines()]
    paras = [ln for ln in lines if ln and not _BOILER.match(ln)]
    text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append(Span(pos, pos + len(p)))
        pos += len(p) + 2
    return text, spans


def _gazetteer(article: Article) -> None:
    surfaces: list[tuple[str, Entity]] = []
    for e in gold()["entities"]:
        etype = e["type"] if e["type"] in ("person", "organization", "country", "place") else "place"
        ent = Entity(entity_id(e["name"]), e["name"], etype)
        article.entities[ent.id] = ent
        for m in e["mentions"]:
            surface = re.sub(r"\s*\(.*\)$", "", m).strip()
            if surface not in ("ia",):
                surfaces.append((surface, ent))
    label = {"person": "PER", "organization": "ORG", "country": "GPE", "place": "LOC"}
    taken: list[tuple[int, int]] = []
    for surface, ent in sorted(surfaces, key=lambda x: -len(x[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", article.text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            article.mentions.append(
                Mention(m.start(), m.end(), m.group(), label[ent.type], ent.id, "gazetteer")
            )
    article.mentions.sort(key=lambda m: m.start)


def _times(article: Article, seed: str) -> None:
    for surface, value, precision in TIMES[seed]:
        for m in re.finditer(re.escape(surface), article.text):
            article.times.append(TimeExpr(m.start(), m.end(), m.group(), "DATE", value, precision))
    article.times.sort(key=lambda t: t.start)


def upstream_real() -> dict[str, bool]:
    reg = registered()
    return {name: name in reg for name in ("nlp.entities@1", "nlp.time@1")}


def seed_article(seed: str, real: bool = os.environ.get("WARTA_TEST_STANDINS") != "1") -> Article:
    """Seed ``seed`` ("000".."004") annotated up to nlp.time.

    With ``real`` the registered upstream components run; else (or when they
    are not registered yet) the stand-ins.  WARTA_TEST_STANDINS=1 forces the stand-ins.
    """
    ga = gold_article(seed)
    text, paragraphs = clean_body(seed)
    art = Article(id=seed, input_id=ga["file"], text=text, paragraphs=paragraphs)
    art.published = ga["published"]["value"]
    art.published_precision = ga["published"]["precision"]
    art.sentences = [s for p in paragraphs for s in split(text, p.start, p.end)]
    reg = registered() if real else {}
    if "nlp.entities@1" in reg:
        art = reg["nlp.entities@1"]()(art)
    else:
        _gazetteer(art)
    if "nlp.time@1" in reg:
        art = reg["nlp.time@1"]()(art)
    else:
        _times(art, seed)
    return art


def run(names: list[str], article: Article) -> Article:
    reg = registered()
    for name in names:
        article = reg[name]()(article)
    return article


def _norm(name: str) -> str:
    return re.sub(r"[\W_]+", " ", name.lower()).strip()


def same_entity(article: Article, entity_id: str | None, gold_name: str) -> bool:
    """Whether ``entity_id`` is the gold entity ``gold_name`` (ids differ between KBs: compare names)."""
    if entity_id is None:
        return False
    ent = article.entities.get(entity_id)
    names = [entity_id] + ([ent.name, *ent.aliases] if ent else [])
    want = _norm(gold_name)
    return any(_norm(n) and (_norm(n) in want or want in _norm(n)) for n in names)


def needs_gold() -> None:
    import pytest

    if not GOLD.exists():
        pytest.skip(f"needs {GOLD} (the development data in ../shared beside the repo)")


def made_article(
    text: str, actors: dict[str, str], times: dict[str, str] | None = None, every: bool = True,
    published: str = "2025-06-10",
) -> Article:  # fmt: skip
    """One paragraph with the given actors (surface -> entity type) mentioned at each occurrence
    (or the first only) and dates (surface -> value), as the stages before quotes deliver it."""
    art = Article(id="t", input_id="t", text=text, paragraphs=[Span(0, len(text))], published=published)
    art.sentences = split(text)
    for surface, etype in actors.items():
        art.entities[surface] = Entity(surface, surface, etype)
        i = text.find(surface)
        while i >= 0:
            art.mentions.append(Mention(i, i + len(surface), surface, "X", surface))
            i = text.find(surface, i + 1) if every else -1
    for surface, value in (times or {}).items():
        i = text.find(surface)
        art.times.append(TimeExpr(i, i + len(surface), surface, "DATE", value, "day"))
    art.mentions.sort(key=lambda m: m.start)
    return art
