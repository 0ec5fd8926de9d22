"""Quotes (direct and indirect) with their speakers, and claims: ``nlp.quotes@1``.

Direct quotes are the words between quote marks (marks.py), with a speaker from
the cue around them (direct.py); indirect speech is "X mengatakan (bahwa) ..."
and "menurut X, ..." (indirect.py).  Speakers are entity mentions, generic
groups ("polisi", "Polda Metro Jaya": by ``speaker_name``, as they are no
entities) or a capitalised name the recogniser missed.  "lanjutnya", "kata
dia" and uncued quotes take the previous speaker, resolved in text order.
Work is bounded: at most ``max_quotes`` quotes, marks per paragraph capped, and
an unclosed quote ends with its paragraph.
"""

from __future__ import annotations

import bisect
import re

from warta.model import Article, Quote, Span
from warta.nlp.claims import Actor, find_claims
from warta.nlp.quotes.context import Cand, Context
from warta.nlp.quotes.direct import find_direct
from warta.nlp.quotes.indirect import find_indirect
from warta.nlp.quotes.marks import pairs
from warta.pipeline import component

__all__ = ["find_quotes", "quotes_factory"]

_INITIALS = re.compile(r"[A-Z]{1,4}")
MAX_PREV_GAP = 3000  # characters: "lanjutnya" this far from the last speaker names no one


def find_quotes(article: Article, max_quotes: int = 200) -> tuple[list[Quote], Context]:
    ctx = Context(article)
    cands: list[Cand] = []
    paragraphs = article.paragraphs or [Span(0, len(article.text))]
    found: list[tuple[int, int, bool]] = []
    for para in paragraphs:
        got = pairs(ctx.text, para)
        room = max_quotes - len(found)
        if len(got) > room:
            article.flags.append("quotes-truncated")
            found.extend(got[:room])
            break
        found.extend(got)
    ctx.quoted = [(o, c + 1) for o, c, _ in found]
    pi = 0
    for o, c, closed in found:
        while pi + 1 < len(paragraphs) and paragraphs[pi].end <= o:
            pi += 1
        cand = find_direct(ctx, paragraphs[pi], o, c, closed)
        if cand is not None:
            cands.append(cand)
    busy = [(q.quote.start, q.quote.end) for q in cands]
    for sent in ctx.sents:
        if len(cands) >= max_quotes:
            break
        if not any(a < sent.end and sent.start < b for a, b in busy):
            got = find_indirect(ctx, sent)
            cands.extend(got)
            for c in got:  # "Dia berharap ..." next: the reported words hold no subject
                bisect.insort(ctx.quoted, (c.quote.start, c.quote.end))
    cands.sort(key=lambda q: q.quote.start)
    return _resolve(ctx, cands[:max_quotes]), ctx


def _resolve(ctx: Context, cands: list[Cand]) -> list[Quote]:
    """Give "lanjutnya", "kata dia" and un-cued continuations the previous speaker."""
    last: tuple[str | None, str | None] = (None, None)
    out = []
    for cand in cands:
        q = cand.quote
        if cand.needs_prev:
            if last == (None, None):
                person = _last_speaker_like(ctx, q.start)
                if person is not None and q.start - person.end <= MAX_PREV_GAP:
                    last = (person.entity, None)
            q.speaker, q.speaker_name = last
        if q.speaker is not None:
            q.speaker_name = ctx.actors.names.get(q.speaker)
        q.speaker_name = q.speaker_name or None
        if q.speaker is not None or q.speaker_name:
            last = (q.speaker, q.speaker_name)
        out.append(q)
    return out


def _last_speaker_like(ctx: Context, pos: int) -> Actor | None:
    """The last person before ``pos`` who may speak: not one named by initials only
    ("Aipda PS", "tersangka SAR"), as the press names suspects and victims."""
    person = ctx.actors.last_before(pos, "person")
    while person is not None and _INITIALS.fullmatch(ctx.text[person.start : person.end]):
        person = ctx.actors.last_before(person.start, "person")
    return person


@component(
    "nlp.quotes@1", requires=("text", "sentences", "mentions", "entities"), assigns=("quotes", "claims")
)
def quotes_factory(max_quotes: int = 200) -> object:
    """Direct and indirect quotes with speakers, and the claims alleged or denied."""

    def run(article: Article) -> Article:
        if not article.text:
            article.quotes, article.claims = [], []
            return article
        quotes, ctx = find_quotes(article, max_quotes)
        article.quotes = quotes
        direct_spans = [(q.start, q.end) for q in quotes if q.direct]
        # claims keep to named actors (the quote context also holds generic groups)
        article.claims = find_claims(article, ctx.named, direct_spans)
        return article

    return run
