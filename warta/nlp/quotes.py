"""Quotes (direct and indirect) with their speakers, and claims: ``nlp.quotes@1``.

Direct quotes are the words between quote marks of one family (“ ” " / ‘ ’ '),
paired inside a paragraph; an apostrophe inside a word ("Jum'at") is not a
mark.  The speaker comes from a cue verb after the quote ("kata Peskov",
"lanjutnya", "tulis pemimpin Rusia tersebut") or before it ("Korut menyebut
klaim tersebut ‘...’"), resolved through the entity mentions around the cue;
pronouns and "-nya" take the previous speaker.  Indirect speech is "X
mengatakan (bahwa) ..." and "menurut X, ...".
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from warta.model import Article, Quote, Span, TimeExpr
from warta.nlp.claims import ADVERBS, Actor, Actors, cues, find_claims, name_run, sentence_at
from warta.nlp.lexicon import Alternation, rows
from warta.pipeline import component

_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019'`]")
_DOUBLE = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
_PREFER_OPEN = frozenset("\u201c\u201e\u00ab\u2018")
_PREFER_CLOSE = frozenset("\u201d\u00bb\u2019")
_SKIP_LEAD = re.compile(r"[\s,]*")
# Where the speaker phrase after a cue verb ends.
_PHRASE_END = re.compile(
    r"[,.;:!?\u201c\u201d\"\u2018\u2019\n]|\((?![A-Za-z][\w .-]{0,20}\))|\s(?:dalam|menurut|seperti|kepada|di|saat|ketika|melalui|"
    r"sembari|sambil|dikutip|pada|usai|setelah|sebelum|yang)\b",
    re.IGNORECASE,
)
_ANAPHOR = re.compile(r"\b(?:tersebut|itu|ini)\s*$", re.IGNORECASE)
_PRONOUN_HEAD = re.compile(r"^(?:dia|ia|beliau|mereka)\b", re.IGNORECASE)
_BEFORE_CUE = re.compile(
    r"(?:\b(?:menyebut(?:nya|kan)?|menilai|menggambarkan|menulis|bertanya|berkata|mengatakan|"
    r"menyatakan|menegaskan)\b[^.\u201c\"\u2018]{0,60}|:\s*)$",
    re.IGNORECASE,
)
_CUT_DATE = re.compile(r"\b(?:dikutip|dilansir|seperti dilaporkan)\b", re.IGNORECASE)
_OUTLET = re.compile(
    r"\b(dimuat|diterbitkan|disiarkan|dipublikasikan|dilaporkan|menurut)\s+(?:oleh\s+)?", re.IGNORECASE
)
_LEAD_COMMA = re.compile(r"^[^,]{0,80},\s*")

PREV = "<previous>"  # speaker placeholder resolved in text order


@cache
def _channels() -> tuple[re.Pattern[str], list[str]]:
    table = rows("channels.tsv")
    alt = Alternation([r[0] for r in table])
    return alt.regex, [table[alt.order[i]][1] for i in range(len(table))]


def _channel_of(match: re.Match[str]) -> str:
    names = _channels()[1]
    return names[(match.lastindex or 1) - 1]


@dataclass(slots=True)
class _Cand:
    quote: Quote
    needs_prev: bool = False


def _marks(text: str, start: int, end: int) -> list[tuple[int, bool, bool, bool]]:
    """(position, double family, may open, may close) of the quote marks in a paragraph."""
    out = []
    for m in _MARK.finditer(text, start, end):
        i, ch = m.start(), m.group()
        prev = text[i - 1] if i > start else " "
        nxt = text[i + 1] if i + 1 < end else " "
        if prev.isalnum() and nxt.isalnum():
            continue  # Jum'at, Ma'ruf, don't
        may_open = not prev.isalnum() and not nxt.isspace()
        may_close = not prev.isspace() and not nxt.isalnum()
        if may_open and may_close:
            may_open, may_close = ch not in _PREFER_CLOSE, ch not in _PREFER_OPEN
        if may_open or may_close:
            out.append((i, ch in _DOUBLE, may_open, may_close))
    return out


def _pairs(text: str, para: Span) -> list[tuple[int, int, bool]]:
    """(open, close, closed) mark positions; an unclosed quote ends with its paragraph."""
    found: list[tuple[int, int, bool]] = []
    opened: tuple[int, bool, bool, bool] | None = None
    for mark in _marks(text, para.start, para.end):
        if opened is None:
            if mark[2]:
                opened = mark
        elif mark[1] == opened[1]:
            if mark[3]:
                found.append((opened[0], mark[0], True))
                opened = None
            elif mark[2]:
                opened = mark  # the earlier mark was never closed
    if opened is not None:
        found.append((opened[0], para.end, False))
    return found


class _Context:
    """What the quote finders share for one article."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.actors = Actors(article)
        self.sents = article.sentences or [Span(0, len(article.text))]
        self.sent_starts = [s.start for s in self.sents]
        self.times = sorted(article.times, key=lambda t: t.start)

    def sentence(self, pos: int) -> Span:
        return sentence_at(self.sents, self.sent_starts, pos) or Span(pos, pos)

    def previous_subject(self, sent: Span) -> Actor | None:
        """The person subject of the sentence before ``sent`` ("Kim ... . Dia mengatakan")."""
        i = bisect.bisect_left(self.sent_starts, sent.start) - 1
        if i < 0:
            return None
        prev = self.sents[i]
        for a in self.actors.between(prev.start, prev.end):
            if not self.actors.is_prepositional(a, prev.start):
                return a if a.type == "person" else None
        return None

    def date_in(self, start: int, end: int) -> str | None:
        cut = _CUT_DATE.search(self.text, start, end)
        end = cut.start() if cut else end
        for t in self.times:
            if start <= t.start and t.end <= end and t.type in ("DATE", "TIME") and _dated(t):
                return t.value[:10]
        return None

    def channel_in(self, start: int, end: int) -> str | None:
        m = _channels()[0].search(self.text, start, end)
        if not m:
            return None
        kind = _channel_of(m)
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


def _dated(t: TimeExpr) -> bool:
    return t.value[:4].isdigit()


def _direct(ctx: _Context, para: Span, o: int, c: int, closed: bool) -> _Cand | None:
    text = ctx.text
    qs, qe = o + 1, c
    while qs < qe and text[qs].isspace():
        qs += 1
    while qe > qs and text[qe - 1].isspace():
        qe -= 1
    words = len(text[qs:qe].split())
    if words == 0:
        return None
    quote = Quote(qs, qe, text[qs:qe])
    sent = ctx.sentence(o)
    after = _SKIP_LEAD.match(text, c + 1, para.end).end() if closed else para.end  # type: ignore[union-attr]
    cue = cues("after").regex.match(text, after, para.end) if closed else None
    if cue:
        return _after_cue(ctx, quote, cue, para)
    before = _BEFORE_CUE.search(text[max(sent.start, o - 90) : o])
    if before:
        verb_at = max(sent.start, o - 90) + before.start()
        quote.cue_start, quote.cue_end = verb_at, o
        head = ctx.actors.subject_before(verb_at, sent.start)
        if head is not None:
            quote.speaker = head.entity
        quote.channel = ctx.channel_in(sent.start, o)
        quote.date = ctx.date_in(sent.start, o)
        return _Cand(quote, needs_prev=head is None and ctx.actors.pronoun_before(verb_at, sent.start))
    if words >= 6:  # a quote without a cue continues the previous speaker's
        return _Cand(quote, needs_prev=True)
    return None  # short words in marks: a term or scare quotes


def _after_cue(ctx: _Context, quote: Quote, cue: re.Match[str], para: Span) -> _Cand:
    text = ctx.text
    quote.cue_start, quote.cue_end = cue.start(), cue.end()
    limit = min(para.end, cue.end() + 160)  # long titles: "kata Plt Ketua Subkomite ... (KNKT) Ahmad Wildan"
    end_m = _PHRASE_END.search(text, cue.end(), limit)
    p_end = end_m.start() if end_m else limit
    if end_m and end_m.group() == "," and not ctx.actors.between(cue.end(), p_end):
        # "ujar Ketua Federasi Serikat Pekerja Kimia, Energi, dan Pertambangan (FSPKEP), Rudi Sahrudin":
        # the name follows the role's last comma
        for _ in range(4):
            more = _PHRASE_END.search(text, p_end + 1, min(para.end, p_end + 80))
            p_end = more.start() if more else min(para.end, p_end + 80)
            if not more or more.group() != "," or ctx.actors.between(cue.end(), p_end):
                break
    phrase = text[cue.end() : p_end].strip()
    sent = ctx.sentence(cue.start())
    clause_end = max(sent.end, p_end)
    quote.channel = ctx.channel_in(cue.start(), clause_end)
    quote.date = ctx.date_in(cue.end(), clause_end)
    in_phrase = ctx.actors.between(cue.end(), p_end)
    persons = [a for a in in_phrase if a.type == "person"]
    verb = cue.group().lower()
    if verb == "dikutip":
        src = _SOURCE_DOC.match(text, cue.end(), para.end)
        if src is None:
            return _Cand(quote, needs_prev=True)  # "dikutip dari X" names the outlet, not the speaker
        return _named(ctx, quote, src.end(), min(para.end, src.end() + 60), last=False)
    if verb.endswith("nya"):
        return _Cand(quote, needs_prev=True)
    if persons:
        quote.speaker = persons[0].entity
    elif _PRONOUN_HEAD.match(phrase) or _ANAPHOR.search(phrase) or not phrase:
        return _Cand(quote, needs_prev=True)
    elif in_phrase:
        quote.speaker = in_phrase[0].entity
    else:
        return _named(ctx, quote, cue.end(), p_end)
    return _Cand(quote)


# "dikutip dari siaran pers MTI": the document quoted is the speaker's
_SOURCE_DOC = re.compile(
    r"\s+dari\s+(?:siaran\s+pers|pernyataan|keterangan(?:\s+(?:tertulis|resmi|pers))?|rilis|laman\s+resmi)\s+",
    re.IGNORECASE,
)


def _named(ctx: _Context, quote: Quote, start: int, end: int, last: bool = True) -> _Cand:
    """Speaker by an alias of a known actor, else by a capitalised name (``speaker_name`` only)."""
    known = ctx.actors.named_in(start, end)
    if known is not None:
        quote.speaker = known.entity
        return _Cand(quote)
    run = name_run(ctx.text, start, end, last)
    if run is not None:
        quote.speaker_name = ctx.text[run[0] : run[1]]
    return _Cand(quote)


def _indirect(ctx: _Context, sent: Span) -> list[_Cand]:
    lead = _lead(ctx, sent)
    if lead is not None:
        return [lead]
    text = ctx.text
    for m in cues("say").finditer(text, sent.start, sent.end):
        content = _content(text, m.end(), sent.end)
        if content is None:
            continue
        quote = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
        quote.cue_start, quote.cue_end = m.start(), m.end()
        pronoun = ctx.actors.pronoun_before(m.start(), sent.start)
        head = ctx.previous_subject(sent) if pronoun else ctx.actors.subject_before(m.start(), sent.start)
        if head is None and not pronoun:
            named = _subject_name(text, sent.start, m.start())
            if named is None:
                continue
            if named == PREV:
                pronoun = True
            else:
                quote.speaker_name = named
        if head is not None and head.type != "person":
            # "Ketua DPRD Cilegon Rizki Khairul Ikhwan mengatakan": the organisation is the role's
            named = _subject_name(text, head.end, m.start())
            if named and named != PREV and " " in named and not ctx.actors.between(head.end, m.start()):
                head, quote.speaker_name = None, named
        quote.speaker = head.entity if head else None
        pronoun = pronoun and head is None
        quote.date = ctx.date_in(head.start if head else sent.start, content[0])
        quote.channel = ctx.channel_in(sent.start, m.start())
        return [_Cand(quote, needs_prev=pronoun)]  # one reported statement per sentence
    return []


# "Saat ini, kata Ririn, ...", "Ketiga, lanjut Wildan, ...", "Menurutnya, ...", "Menurut hasil
# investigasi KNKT, ...": a speech cue and its speaker framing the sentence.
_LEAD_CUE = re.compile(
    r"(?:[^,.\n\u201c\u201d\"]{1,40},\s+)?(kata|ujar|lanjut|jelas|tambah|imbuh|tutur|ungkap|terang|tegas|"
    r"papar|sebut|menurut)(nya)?\b\s*([^,.\n\u201c\u201d\"]{0,60}?),\s+",
    re.IGNORECASE,
)
_PRONOUN_ONLY = re.compile(r"^(?:dia|ia|beliau|mereka)$", re.IGNORECASE)


def _lead(ctx: _Context, sent: Span) -> _Cand | None:
    text = ctx.text
    m = _LEAD_CUE.match(text, sent.start, sent.end)
    content = _content(text, m.end(), sent.end) if m else None
    if m is None or content is None:
        return None
    q = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
    q.cue_start, q.cue_end = m.start(1), m.end(3)
    who = m.group(3).strip()
    if m.group(2) or _PRONOUN_ONLY.match(who):  # "Menurutnya,", "kata dia,"
        return None if m.group(2) and who else _Cand(q, needs_prev=True)
    if not who:
        return None
    found = ctx.actors.between(m.start(3), m.end(3))
    persons = [a for a in found if a.type == "person"]
    if persons or found:
        q.speaker = (persons or found)[0].entity
        return _Cand(q)
    cand = _named(ctx, q, m.start(3), m.end(3), last=False)
    return cand if q.speaker or q.speaker_name else None


_TRAIL_ANAPHOR = re.compile(r"\b(?:itu|tersebut)$", re.IGNORECASE)


def _subject_name(text: str, start: int, end: int) -> str | None:
    """A subject the recogniser missed: a capitalised name right before the verb ("Rizki
    mengatakan"), or PREV for a noun phrase pointing back ("Pakar hukum itu bilang")."""
    words = text[start:end].split()
    while words and words[-1].lower() in ADVERBS:
        words.pop()
    if not words or len(words) > 6:
        return None
    if _TRAIL_ANAPHOR.search(words[-1]):
        return PREV
    if len(words) <= 4 and all(w[:1].isupper() for w in words):
        return " ".join(words)
    return None


_THAT = re.compile(r"\s*(?:,\s*)?(?:bahwa\s+|:\s*)?", re.IGNORECASE)


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _THAT.match(text, start, end)
    start = m.end() if m else start
    while end > start and text[end - 1] in " .;,":
        end -= 1
    return (start, end) if len(text[start:end].split()) >= 3 else None


def find_quotes(article: Article, max_quotes: int = 200) -> tuple[list[Quote], _Context]:
    ctx = _Context(article)
    cands: list[_Cand] = []
    paragraphs = article.paragraphs or [Span(0, len(article.text))]
    for para in paragraphs:
        if len(cands) >= max_quotes:
            article.flags.append("quotes-truncated")
            break
        for o, c, closed in _pairs(ctx.text, para)[: max_quotes - len(cands)]:
            cand = _direct(ctx, para, o, c, closed)
            if cand is not None:
                cands.append(cand)
    busy = [(q.quote.start, q.quote.end) for q in cands]
    for sent in ctx.sents:
        if len(cands) >= max_quotes:
            break
        if not any(a < sent.end and sent.start < b for a, b in busy):
            cands.extend(_indirect(ctx, sent))
    cands.sort(key=lambda q: q.quote.start)
    return _resolve(ctx, cands[:max_quotes]), ctx


def _resolve(ctx: _Context, cands: list[_Cand]) -> list[Quote]:
    """Give "lanjutnya", "kata dia" and un-cued continuations the previous speaker."""
    last: tuple[str | None, str | None] = (None, None)
    out = []
    for cand in cands:
        q = cand.quote
        if cand.needs_prev:
            if last == (None, None):
                person = ctx.actors.last_before(q.start, "person")
                last = (person.entity if person else None, None)
            q.speaker, q.speaker_name = last
        if q.speaker is not None:
            q.speaker_name = ctx.actors.names.get(q.speaker)
        if q.speaker is not None or q.speaker_name:
            last = (q.speaker, q.speaker_name)
        out.append(q)
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
        direct = [(q.start, q.end) for q in quotes if q.direct]
        article.claims = find_claims(article, ctx.actors, direct)
        return article

    return run
