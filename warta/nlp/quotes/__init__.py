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

from warta.model import Article, Claim, Quote, Span
from warta.nlp.claims import Actor, find_claims
from warta.nlp.claims import cues as claim_cues
from warta.nlp.quotes.context import Cand, Context
from warta.nlp.quotes.direct import find_direct, said_by
from warta.nlp.quotes.indirect import find_indirect
from warta.nlp.quotes.marks import pairs
from warta.nlp.quotes.speakers import false_person
from warta.pipeline import component

__all__ = ["find_quotes", "quotes_factory"]

_INITIALS = re.compile(r"[A-Z]{1,4}")
# A sentence's opening connective ("Di sisi lain,", "Sementara itu,") and a role's words.
_CONNECTIVE = re.compile(r"(?:[A-Z]\w*(?:\s+[a-z]\w*){0,2}\s*,\s*)?")
_ROLE_WORDS_BEFORE_NAME = re.compile(r"(?:[\s,]+|\([^()]{1,15}\)|[A-Z][\w'.-]*|\d[\w/.-]*|sekaligus|dan)*")
# The subject's verb right after the name (an apposition's commas between).
_THEN_VERB = re.compile(
    r"\s*(?:\([^()]{1,15}\))?\s*,?\s*(?:(?:juga|pun|kemudian|lalu)\s+)?(?:me|ber|ter)[a-z]{3,}\b"
)
MAX_PREV_GAP = 3000  # characters: "lanjutnya" this far from the last speaker or person names no one


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
    busy_starts = [q.quote.start for q in cands]  # direct quotes: in text order, disjoint
    busy_ends = [q.quote.end for q in cands]
    for sent in ctx.sents:
        if len(cands) >= max_quotes:
            break
        i = bisect.bisect_left(busy_starts, sent.end) - 1
        if i < 0 or busy_ends[i] <= sent.start:  # no direct quote overlaps the sentence
            reported = find_indirect(ctx, sent)
            cands.extend(reported)
            for r in reported:  # "Dia berharap ..." next: the reported words hold no subject
                bisect.insort(ctx.quoted, (r.quote.start, r.quote.end))
    cands.sort(key=lambda q: q.quote.start)
    return _resolve(ctx, cands[:max_quotes]), ctx


def _resolve(ctx: Context, cands: list[Cand]) -> list[Quote]:
    """Give "lanjutnya", "kata dia" and un-cued continuations the previous speaker."""
    last: tuple[str | None, str | None] = (None, None)
    last_end = 0
    out = []
    for cand in cands:
        q = cand.quote
        if cand.needs_prev:
            if q.start - last_end > MAX_PREV_GAP:
                last = (None, None)  # the last speaker spoke paragraphs ago
            fresh = _fresh_subject(ctx, q) if q.direct else None
            if fresh is not None:
                last = (fresh.entity, None)  # "X menyebut ... . \"...,\" ujarnya": X, not the last speaker
            elif last == (None, None) and q.cue_start is not None:  # "kata dia": the last person
                person = _last_speaker_like(ctx, q.start)
                if person is not None and q.start - person.end <= MAX_PREV_GAP:
                    last = (person.entity, None)
            q.speaker, q.speaker_name = last
        if q.speaker is not None:
            q.speaker_name = ctx.actors.names.get(q.speaker)
        q.speaker_name = q.speaker_name or None
        if q.speaker is not None or q.speaker_name:
            last, last_end = (q.speaker, q.speaker_name), q.end
        out.append(q)
    return out


def _fresh_subject(ctx: Context, q: Quote) -> Actor | None:
    """The person who opens the sentence right before a quote that opens its own sentence:
    "Ketua PWI Bulungan, Fathu Rizqil Mufid, menyebut ... . \"...,\" ujarnya" gives the quote
    to Fathu, not to the speaker quoted before.  Only a subject proper counts: a role's
    capitalised words, the name, then a verb ("me-", "ber-", "ter-")."""
    sent = ctx.sentence(max(0, q.start - 1))
    if ctx.text[sent.start : q.start].strip(" \"\u201c\u2018'\\"):
        return None  # the quote is inside a sentence: its own cue decides
    i = bisect.bisect_left(ctx.sent_starts, sent.start) - 1
    if i < 0:
        return None
    prev = ctx.sents[i]
    found = ctx.actors.between(prev.start, prev.end)
    if not any(a.type == "person" for a in found) or ctx.quote_in(prev.start, prev.end):
        return None
    lead = _CONNECTIVE.match(ctx.text, prev.start, prev.end)
    at = lead.end() if lead else prev.start
    said = said_by(ctx, Span(at, prev.end))  # "Hal ini disampaikan Senior Manager ..., Saroyo Utomo"
    if said is not None:
        return said
    for a in found:
        if a.start < at:
            continue
        if a.start > at + 160 or not _ROLE_WORDS_BEFORE_NAME.fullmatch(ctx.text, at, a.start):
            return None
        if a.type == "person" and not false_person(ctx.article, a):
            if _THEN_VERB.match(ctx.text, a.end, prev.end):
                return None if _INITIALS.fullmatch(ctx.text[a.start : a.end]) else a
    return None


def _last_speaker_like(ctx: Context, pos: int) -> Actor | None:
    """The last person before ``pos`` who may speak: not one named by initials only
    ("Aipda PS", "tersangka SAR"), as the press names suspects and victims."""
    person = ctx.actors.last_before(pos, "person")
    while person is not None and _INITIALS.fullmatch(ctx.text[person.start : person.end]):
        person = ctx.actors.last_before(person.start, "person")
    return person


def _pronoun_allegers(ctx: Context, quotes: list[Quote], said: dict[int, str]) -> dict[int, str]:
    """ "Dia menduga isu pungutan itu muncul ...": an allegation whose subject is a pronoun is
    the person the sentence before names, else the last speaker (as for speech)."""
    out: dict[int, str] = {}
    ends = [q.end for q in quotes]
    for m in claim_cues("allege").finditer(ctx.text):  # one pass: most articles have none
        sent = ctx.sentence(m.start())
        if m.start() in said or not ctx.actors.pronoun_before(m.start(), sent.start):
            continue
        prev = ctx.previous_subject(sent)
        if isinstance(prev, Actor) and prev.entity:
            out[m.start()] = prev.entity
            continue
        i = bisect.bisect_right(ends, m.start()) - 1
        while i >= 0 and not quotes[i].speaker:
            i -= 1
        if i >= 0 and m.start() - quotes[i].end <= MAX_PREV_GAP:
            out[m.start()] = quotes[i].speaker  # type: ignore[assignment]
    return out


# "Hendry Halim ini diduga mengendalikan jaringannya ...": a suspicion stated as a fact.
_SUSPECTED = re.compile(r"\bdiduga\s+(?:telah\s+|sudah\s+|ikut\s+)?(?:me|be|ter)[a-z]{3,}\b")


def _suspected(ctx: Context, quotes: list[Quote], claims: list[Claim]) -> list[Claim]:
    """Sentences that state a suspicion ("X diduga meminta uang ...") as claims of the one who
    speaks them: inside a direct quote its speaker; in narration right after reported speech
    ("Budi mengatakan ... . Pelaku diduga meminta uang ...") that speech's speaker."""
    out: list[Claim] = []
    text, entities = ctx.text, ctx.article.entities
    taken = [(c.start, c.end) for c in claims]
    qi, last = 0, -1
    for m in _SUSPECTED.finditer(text):
        sent = ctx.sentence(m.start())
        if sent.start == last or any(a < sent.end and sent.start < b for a, b in taken):
            continue
        last = sent.start
        while qi < len(quotes) and quotes[qi].end <= sent.start:
            qi += 1
        inside = quotes[qi] if qi < len(quotes) and quotes[qi].start <= sent.start + 1 else None
        if inside is not None:
            speaker, start, end = inside.speaker, max(sent.start, inside.start), min(sent.end, inside.end)
        else:
            prev = quotes[qi - 1] if qi > 0 else None
            if prev is None or prev.direct or sent.start - prev.end > 3:
                continue  # only narration that goes on right after reported words
            speaker, start, end = prev.speaker, sent.start, sent.end
        if speaker not in entities:
            continue
        while end > start and text[end - 1] in " .;,\u201d\"'":
            end -= 1
        out.append(Claim(start, end, text[start:end], [speaker], [], "suspected"))  # type: ignore[list-item]
    return out


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
        said = {
            q.cue_start: q.speaker for q in quotes if not q.direct and q.speaker and q.cue_start is not None
        }
        said.update(_pronoun_allegers(ctx, quotes, said))
        # claims keep to named actors (the quote context also holds generic groups)
        named = {k: v for k, v in said.items() if v in article.entities}
        article.claims = find_claims(article, ctx.named, direct_spans, named)
        suspected = _suspected(ctx, quotes, article.claims)
        if suspected:
            article.claims = sorted(article.claims + suspected, key=lambda c: c.start)
        return article

    return run
