"""Per-article look-ups shared by the event finders, and the trigger lexicon."""

from __future__ import annotations

import bisect
from datetime import date, timedelta
from functools import cache

from warta.model import Article, Span, TimeExpr
from warta.nlp.claims import Actors
from warta.nlp.events.patterns import CLAUSE_BREAK, ISO
from warta.nlp.lexicon import Alternation, rows


@cache
def lexicon() -> tuple[Alternation, tuple[tuple[str, ...], ...]]:
    table = rows("events.tsv")
    return Alternation([r[0] for r in table]), table


class Doc:
    """Per-article look-ups shared by the event finders."""

    def __init__(self, article: Article, background_days: int) -> None:
        self.article = article
        self.text = article.text
        self.actors = Actors(article)
        self.groups = self.actors.add_groups()
        self.sents = article.sentences or [Span(0, len(article.text))]
        self.sent_starts = [s.start for s in self.sents]
        self.times = sorted((t for t in article.times if iso(t.value)), key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.direct = [(q.start, q.end) for q in article.quotes if q.direct]
        self.published = iso(article.published or "")
        self.background_days = background_days
        places = [m for m in article.mentions if m.entity in article.entities]
        self.places = sorted(places, key=lambda m: m.start)

    def in_direct_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.direct)

    def times_in(self, sent: Span) -> list[TimeExpr]:
        lo = bisect.bisect_left(self.time_starts, sent.start)
        hi = bisect.bisect_left(self.time_starts, sent.end)
        return [t for t in self.times[lo:hi] if t.type in ("DATE", "TIME")]


def iso(value: str) -> date | None:
    m = ISO.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 12), m.group(3)
    try:
        if d:
            return date(y, mo, int(d))
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)  # the period's last day
        return nxt - timedelta(days=1)
    except ValueError:
        return None


def clause_end(text: str, start: int, end: int) -> int:
    m = CLAUSE_BREAK.search(text, start, end)
    return m.start() if m else end
