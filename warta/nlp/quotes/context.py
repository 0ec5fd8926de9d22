"""What the quote finders share for one article: actors, sentences, times, channels."""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from warta.model import Article, Quote, Span, TimeExpr
from warta.nlp.claims import PERSON_TITLE, RANKS, Actor, Actors, sentence_at
from warta.nlp.lexicon import Alternation, rows
from warta.nlp.lexicon.groups import PREFIX as GROUP_PREFIX
from warta.nlp.quotes.speakers import name_tail

_ROLE_RUN = re.compile(r"(?:[\s,]+|\([^()]{1,15}\)|[A-Z][\w'.-]*)*")
_CUT_DATE = re.compile(r"\b(?:dikutip|dilansir|seperti dilaporkan|mengutip)\b", re.IGNORECASE)
_OUTLET = re.compile(
    r"\b(dimuat|diterbitkan|disiarkan|dipublikasikan|dilaporkan|menurut)\s+(?:oleh\s+)?", re.IGNORECASE
)
# Between a document noun and its author: "pernyataan (resmi) (dari) Kemenlu", "unggahan akun Instagram @x".
_OF_DOC = re.compile(
    r"\s+(?:resmi\s+|tertulis\s+|pers\s+)?(?:(?:dari|oleh|milik)\s+)?(?:akun\s+(?:resmi\s+)?(?:[A-Z]\w*\s+)?(?:resmi\s+)?)?"
)
_GOVERNED = re.compile(
    r"\b(?:melalui|lewat|dalam|dengan|atas|pada|oleh|soal|terkait|tentang)\s+$", re.IGNORECASE
)
# A rank inside a mention: the recogniser may have glued a name to its organisation.
_RANK = re.compile(rf"\b(?:{RANKS}|Laksma)\b")
PREV = "<previous>"  # speaker placeholder resolved in text order
UNNAMED = ""  # speaker_name of a speaker named by a role alone ("Jaksa menilai"): no one


@dataclass(slots=True)
class Cand:
    quote: Quote
    needs_prev: bool = False


_AFTER_COMMA = re.compile(r",\s*$")


@lru_cache(maxsize=1024)  # keyed by names and roles cut from articles: bounded
def _word_pattern(words: str, suffix: str = "") -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(words)}{suffix}(?![\w-])", re.IGNORECASE)


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
        self._asides: dict[re.Pattern[str], tuple[list[int], list[re.Match[str]]]] = {}

    def aside_in(
        self, pattern: re.Pattern[str], words: tuple[str, ...], start: int, end: int
    ) -> re.Match[str] | None:
        """The first match of ``pattern`` in ``[start, end)``, tried once per article only where
        one of its opening ``words`` stands (a scan for plain strings is much cheaper)."""
        if pattern not in self._asides:
            found = []
            for word in words:
                i = self.text.find(word)
                while i >= 0:
                    m = pattern.match(self.text, i)
                    if m is not None:
                        found.append(m)
                    i = self.text.find(word, i + 1)
            found.sort(key=lambda m: m.start())
            self._asides[pattern] = ([m.start() for m in found], found)
        starts, asides = self._asides[pattern]
        i = bisect.bisect_left(starts, start)
        if i < len(asides) and asides[i].end() <= end:
            return asides[i]
        return None

    def sentence(self, pos: int) -> Span:
        return sentence_at(self.sents, self.sent_starts, pos) or Span(pos, pos)

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quoted, (pos, len(self.text) + 1)) - 1
        return i >= 0 and self.quoted[i][0] <= pos < self.quoted[i][1]

    def quote_in(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.quoted, (end, 0)) - 1
        return i >= 0 and self.quoted[i][1] > start

    def set_speaker(self, quote: Quote, actor: Actor | str) -> None:
        """An entity speaker by id; a generic group ("polisi") by name, as it is no entity; a
        name the recogniser glued to its organisation ("Polda Metro Jaya Kombes Ade Ary Syam
        Indradi") by the name after the rank; a name the recogniser missed (a string) as is."""
        if isinstance(actor, str):
            quote.speaker, quote.speaker_name = None, actor
        elif actor.entity.startswith(GROUP_PREFIX) and actor.entity not in self.article.entities:
            quote.speaker, quote.speaker_name = None, self.actors.names.get(actor.entity, actor.text)
        elif (
            actor.type != "person"
            and _RANK.search(self.text, actor.start, actor.end)
            and (ranked := self.ranked_name(actor.start, actor.end))
        ):
            quote.speaker, quote.speaker_name = None, ranked
        else:
            quote.speaker = actor.entity

    def ranked_name(self, start: int, end: int) -> str | None:
        """The name after a rank inside ``text[start:end]`` ("... Kombes Ade Ary Syam Indradi")."""
        tail = name_tail(self.text, start, end)
        if (
            tail is None
            or tail[0] == start
            or not PERSON_TITLE.search(self.text, max(start, tail[0] - 16), tail[0])
        ):
            return None
        return self.text[tail[0] : tail[1]]

    def clause_subject(self, verb: int, floor: int) -> Actor | None:
        """The subject of a reporting verb: the nearest actor before it, but for a verb right
        after a comma the sentence's subject ("Paus Leo XIV mengecam tindakan Israel di Gaza,
        menyebutnya sebagai ...": the Pope, not Israel)."""
        if _AFTER_COMMA.search(self.text, max(floor, verb - 4), verb):
            for a in self.actors.between(floor, verb):
                if self.in_quote(a.start):
                    continue
                if not self.actors.is_prepositional(a, floor) and not self.actors.is_name_part(a):
                    return a
        return self.actors.subject_before(verb, floor)

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
                return a if a.type == "person" else self._holder_at(a.end, prev.end)
        return PREV if self.quote_in(prev.start, prev.end) else None

    def _holder_at(self, pos: int, end: int) -> Actor | None:
        """The person a role's words lead to ("Kapolres Sumba Barat Daya, Ajun Komisaris Besar
        Polisi (AKBP) Harianto Rantesalu"): only capitalised words stand between."""
        for a in self.actors.between(pos, end):
            if not _ROLE_RUN.fullmatch(self.text, pos, a.start):
                return None
            if a.type == "person":
                return a
        return None

    def role_holder(self, role: str, before: int) -> Actor | str | None:
        """The person an earlier sentence named with the same role: "Kapolres menambahkan" after
        "Kapolres Sumba Barat Daya AKBP Harianto Rantesalu mengatakan"; the latest such one.
        A name the recogniser missed is the name after a rank in the role's words."""
        found: Actor | str | None = None
        for m in _word_pattern(role).finditer(self.text, 0, before):
            holder: Actor | str | None = self._holder_at(m.end(), min(before, m.end() + 120))
            if holder is None and m.group()[:1].isupper():
                run = _ROLE_RUN.match(self.text, m.end(), min(before, m.end() + 120))
                end = run.end() if run else m.end()
                holder = self.ranked_name(m.start(), len(self.text[:end].rstrip(" ,")))
            found = holder or found
        return found

    def document_author(self, noun: str, sent: Span) -> Actor | None:
        """Who issued a document the sentence points back to ("Surat itu menyatakan", "tulis
        pernyataan itu"): the actor after the same noun in the three sentences before ("surat
        dari Kemendagri", "pernyataan Kementerian Luar Negeri"), or the subject of the sentence
        that holds it ("Kemenlu merilis pernyataan"); else the subject of the sentence before."""
        i = bisect.bisect_left(self.sent_starts, sent.start)
        pat = _word_pattern(noun, "(?:nya)?")
        for prev in reversed(self.sents[max(0, i - 3) : i]):
            hits = list(pat.finditer(self.text, prev.start, prev.end))
            if not hits:
                continue
            at = hits[-1]
            after = _OF_DOC.match(self.text, at.end(), prev.end)
            nxt = self.actors.between(after.end(), min(prev.end, after.end() + 60)) if after else []
            if nxt and nxt[0].start == after.end():  # type: ignore[union-attr]
                return nxt[0]
            if _GOVERNED.search(self.text, max(prev.start, at.start() - 12), at.start()):
                return None  # "bercerai melalui putusan e-court": the subject did not issue it
            head = self.actors.subject_before(at.start(), prev.start)
            return head if head is not None and not self.in_quote(head.start) else None
        if i == 0:
            return None
        prev = self.sents[i - 1]
        for a in self.actors.between(prev.start, prev.end):
            if not self.in_quote(a.start) and not self.actors.is_prepositional(a, prev.start):
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
