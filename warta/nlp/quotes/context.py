"""What the quote finders share for one article: actors, sentences, times, channels."""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass
from functools import cache

from warta.model import Article, Quote, Span, TimeExpr
from warta.nlp.claims import Actor, Actors, sentence_at
from warta.nlp.lexicon import Alternation, rows
from warta.nlp.lexicon.groups import PREFIX as GROUP_PREFIX

_ROLE_RUN = re.compile(r"(?:[\s,]+|\([^()]{1,15}\)|[A-Z][\w'.-]*)*")
_CUT_DATE = re.compile(r"\b(?:dikutip|dilansir|seperti dilaporkan|mengutip)\b", re.IGNORECASE)
_OUTLET = re.compile(
    r"\b(dimuat|diterbitkan|disiarkan|dipublikasikan|dilaporkan|menurut)\s+(?:oleh\s+)?", re.IGNORECASE
)
PREV = "<previous>"  # speaker placeholder resolved in text order
UNNAMED = ""  # speaker_name of a speaker named by a role alone ("Jaksa menilai"): no one


@dataclass(slots=True)
class Cand:
    quote: Quote
    needs_prev: bool = False


@cache
def _channels() -> tuple[re.Pattern[str], list[str]]:
    table = rows("channels.tsv")
    alt = Alternation([r[0] for r in table])
    return alt.regex, [table[alt.order[i]][1] for i in range(len(table))]


def _dated(t: TimeExpr) -> bool:
    return t.value[:4].isdigit()


class Context:
    """The article's actors (named entities and generic groups such as "polisi"), sentences,
    dates and the direct-quote spans found so far."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.named = Actors(article)  # named entities only (for claims)
        self.actors = copy.copy(self.named)  # plus generic groups
        self.actors.items, self.actors.names = list(self.named.items), dict(self.named.names)
        self.groups = self.actors.add_groups()
        self.sents = article.sentences or [Span(0, len(article.text))]
        self.sent_starts = [s.start for s in self.sents]
        self.times = sorted(article.times, key=lambda t: t.start)
        self.quoted: list[tuple[int, int]] = []  # direct quote spans (marks included), in order

    def sentence(self, pos: int) -> Span:
        return sentence_at(self.sents, self.sent_starts, pos) or Span(pos, pos)

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def quote_in(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.quoted, (end, 0)) - 1
        return i >= 0 and self.quoted[i][1] > start

    def set_speaker(self, quote: Quote, actor: Actor) -> None:
        """An entity speaker by id; a generic group ("polisi") by name, as it is no entity."""
        if actor.entity.startswith(GROUP_PREFIX) and actor.entity not in self.article.entities:
            quote.speaker, quote.speaker_name = None, self.actors.names.get(actor.entity, actor.text)
        else:
            quote.speaker = actor.entity

    def previous_subject(self, sent: Span) -> Actor | None | str:
        """The person subject of the sentence before ``sent`` ("Kim ... . Dia mengatakan");
        PREV when that sentence is speech (a quote and its cue): "dia" is its speaker."""
        i = bisect.bisect_left(self.sent_starts, sent.start) - 1
        if i < 0:
            return None
        prev = self.sents[i]
        for a in self.actors.between(prev.start, prev.end):
            if self.in_quote(a.start):
                continue
            if not self.actors.is_prepositional(a, prev.start):
                return a if a.type == "person" else self._holder(a, prev.end)
        return PREV if self.quote_in(prev.start, prev.end) else None

    def _holder(self, role: Actor, end: int) -> Actor | None:
        """The person a role's words lead to ("Kapolres Sumba Barat Daya, Ajun Komisaris Besar
        Polisi (AKBP) Harianto Rantesalu"): only capitalised words stand between."""
        for a in self.actors.between(role.end, end):
            if not _ROLE_RUN.fullmatch(self.text, role.end, a.start):
                return None
            if a.type == "person":
                return a
        return None

    def date_in(self, start: int, end: int) -> str | None:
        cut = _CUT_DATE.search(self.text, start, end)
        end = cut.start() if cut else end
        for t in self.times:
            if t.start >= end:
                break
            if start <= t.start and t.end <= end and t.type in ("DATE", "TIME") and _dated(t):
                return t.value[:10]
        return None

    def channel_in(self, start: int, end: int) -> str | None:
        regex, names = _channels()
        m = regex.search(self.text, start, end)
        if not m:
            return None
        kind = names[(m.lastindex or 1) - 1]
        o = _OUTLET.search(self.text, m.end(), end)
        if o:
            orgs = [
                a for a in self.actors.between(o.end(), min(end, o.end() + 80)) if a.type == "organization"
            ]
            if orgs:
                name = self.actors.names.get(orgs[0].entity, orgs[0].text)
                verb = o.group(1).lower()
                return (
                    f"{kind} reported by {name}" if verb in ("dilaporkan", "menurut") else f"{kind} in {name}"
                )
        return kind
