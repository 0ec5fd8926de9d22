"""What each article of a story adds: facts it reports that no other member does.

Facts are compared by identity, not by wording: entities by id, times by
normalised value, quotes by speaker, events by (type, actors, date).  Each
item keeps the span of its first occurrence so the page can link to it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from warta.model import Article

MAX_ITEMS = 8  # per kind and article
KIND_ORDER = {"event": 0, "quote": 1, "entity": 2, "time": 3}  # what analysts look for first


@dataclass
class Fact:
    kind: str  # entity | time | quote | event
    key: str
    label: str
    start: int
    end: int

    @property
    def anchor(self) -> str:
        return f"s-{self.start}-{self.end}"


@dataclass
class Adds:
    facts: list[Fact] = field(default_factory=list)
    shared: int = 0  # facts it shares with another member


def facts(article: Article) -> dict[str, Fact]:
    """Distinct facts of one article by key, first occurrence kept."""
    ents = article.entities
    out: dict[str, Fact] = {}

    def add(kind: str, key: str, label: str, start: int, end: int) -> None:
        out.setdefault(f"{kind}:{key}", Fact(kind, key, label, start, end))

    for m in article.mentions:
        if m.entity:
            add("entity", m.entity, ents[m.entity].name if m.entity in ents else m.text, m.start, m.end)
    for x in article.times:
        if x.type == "DATE" and not x.value.startswith("X"):
            add("time", x.value, f"{x.text} = {x.value}", x.start, x.end)
    for q in article.quotes:
        who = q.speaker_name or (ents[q.speaker].name if q.speaker in ents else None)
        if who:
            add("quote", q.speaker or who, f"quotes {who}", q.start, q.end)
    for e in article.events:
        names = [ents[a].name if a in ents else a for a in (e.source, e.target) if a]
        label = f"{e.type} " + " → ".join(names) + (f" ({e.date})" if e.date else "")
        add("event", f"{e.type}|{e.source}|{e.target}|{e.date}", label.strip(), e.start, e.end)
    return out


def contributions(articles: Iterable[Article]) -> dict[str, Adds]:
    """Per article id: the facts only it reports (at most MAX_ITEMS per kind)."""
    per = {a.id: facts(a) for a in articles}
    seen = Counter(k for f in per.values() for k in f)
    out: dict[str, Adds] = {}
    for article_id, found in per.items():
        adds = Adds()
        kinds: Counter[str] = Counter()
        for key, fact in sorted(found.items(), key=lambda kv: (KIND_ORDER[kv[1].kind], kv[1].start)):
            if seen[key] > 1:
                adds.shared += 1
            elif kinds[fact.kind] < MAX_ITEMS:
                kinds[fact.kind] += 1
                adds.facts.append(fact)
        out[article_id] = adds
    return out
