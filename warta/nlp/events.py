"""PLOVER events from an Indonesian trigger lexicon: ``nlp.events@1``.

A trigger (lexicon/events.tsv) names the type; the source is the subject
actor before a verb trigger (or the genitive after a noun: "veto Rusia"),
the target the first actor after it in the same clause ("dengan X", "ke X",
"terhadap X").  The date is the nearest dated time of the sentence, else the
date of the speaker's statement, else the publication date (with lower
confidence) unless the sentence tells background ("sejak", "tahun lalu").
Claims found by ``nlp.quotes@1`` add ACCUSE events.  Precision before recall:
an event needs a source and, except for one-sided types, a target.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import cache

from warta.model import Article, Claim, Entity, Event, Quote, Span, TimeExpr
from warta.nlp.claims import Actor, Actors, cues, sentence_at
from warta.nlp.lexicon import Alternation, rows
from warta.pipeline import component

ONE_SIDED = frozenset({"PROTEST", "MOBILIZE", "INVESTIGATE"})
_PLANNED = frozenset(
    [
        "akan",
        "berencana",
        "dijadwalkan",
        "diperkirakan",
        "direncanakan",
        "rencana",
        "jelang",
        "menjelang",
        "hendak",
        "bakal",
        "ingin",
        "siap",
    ]
)
_NEGATION = frozenset(["tidak", "belum", "bukan", "tak", "tanpa"])
_CONDITIONAL = re.compile(r"\b(?:jika|apabila|bila|kalau|seandainya|andaikan)\b", re.IGNORECASE)
_POSSIBLE = frozenset(["dapat", "bisa", "mampu", "mungkin", "memungkinkan", "memungkinkannya", "kemungkinan"])
# Told in passing: "sejak Kim mengunjungi", "pernah bertemu"; after the trigger: "... tahun lalu".
_BACKGROUND = re.compile(r"\b(?:sejak|dulu|dahulu|pernah|sebelumnya)\b", re.IGNORECASE)
_BACKGROUND_AFTER = re.compile(r"\b(?:tahun lalu|silam|pada tahun \d{4}|dulu)\b", re.IGNORECASE)
# Habitual or lasting ("berulang kali membantah", "selama bertahun-tahun telah mengirim"), a
# reason ("memuji X karena mendukung"): not one dated occurrence.
_HABITUAL = re.compile(
    r"\b(?:berulang kali|berkali-kali|kerap(?: kali)?|sering|selalu|secara (?:teratur|rutin)|"
    r"selama (?:bertahun-tahun|berbulan-bulan|puluhan tahun|beberapa \w+))\b[^.,;]*$"
    r"|\bkarena\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "X memperdalam hubungan ... sejak 2022": a state lasting since then, not an event of that day.
_SINCE_AFTER = re.compile(r"\bsejak\b", re.IGNORECASE)
# "X adalah salah satu negara yang mengakui ...": a description of the subject.
_COPULA = re.compile(r"\b(?:adalah|merupakan|ialah)\b", re.IGNORECASE)
# "kunjungan pertamanya sejak tahun 2000", "... pertamanya ke Korut dalam 24 tahun terakhir":
# the previous occurrence is an event of its own.
_FIRST_SINCE = re.compile(
    r"\s+pertama(?:nya|\s+kali)?\b(?:\s+(?:ke|di|dengan)\s+[^,.;]{1,40}?)?\s+"
    r"(?:sejak\s+(?:tahun\s+)?(?P<year>\d{4})\b|dalam\s+(?P<n>\d{1,3})\s+tahun(?:\s+terakhir)?)",
    re.IGNORECASE,
)
# An ordinal owned by the subject: "kunjungan pertamanya".
_ORDINAL_NYA = re.compile(r"\s+(?:pertama|kedua|ketiga|terakhir|perdana)nya\b", re.IGNORECASE)
# The rest of the clause before an echoing noun: "(ke) Jepang, kunjungan" / ", yang merupakan kunjungan".
_ECHO = re.compile(r"[^.;]{0,40}?,\s+(?:yang\s+merupakan\s+|sebagai\s+)?\w+", re.IGNORECASE)
_MESSAGE_WINDOW = 2  # sentences after a letter that may tell what it says
_COOPERATIVE = re.compile(
    r"\b(?:kerja\s+sama|persahabatan|kemitraan|hubungan\s+(?:bilateral|yang\s+lebih\s+erat))\b",
    re.IGNORECASE,
)
# Where the object part of a clause ends (target search).
_CLAUSE_BREAK = re.compile(
    r"[;,]|\s(?:yang|karena|sementara|sedangkan|ketika|sebelum|setelah|sejak|sambil|sembari|di\s+mana|"
    r"dimana|sehingga)\s|\sdan\s+(?:me|ber|di|ter)\w+",
    re.IGNORECASE,
)
# Where a subordinate clause starts (source search): its subject follows.
_CLAUSE_START = re.compile(
    r"\b(?:sejak|ketika|saat|karena|sehingga|bahwa|sementara|sedangkan|tetapi|namun|setelah|sebelum|"
    r"sambil|sembari|jika|apabila|agar|supaya)\s+",
    re.IGNORECASE,
)
_CAPITAL = re.compile(r"(?<![\w.])[A-Z]\w+")
_ACCORDING = re.compile(r"\bmenurut\b", re.IGNORECASE)
_PLACE_PREP = re.compile(r"\bdi\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_PRONOUN = re.compile(r"\b(ia|dia|beliau|mereka)\b", re.IGNORECASE)
# Between a noun trigger and its genitive actor: "penyelidikan pihak Polres", "kunjungan Presiden X".
_GENITIVE_GAP = re.compile(r"^\s*(?:(?:dari\s+)?(?:pihak|oleh|pemerintah)\s+|dari\s+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"^\s+antara\s+$", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+dengan\s+|\s+dan\s+", re.IGNORECASE)
# A noun trigger takes the subject before it only as the object of a light verb ("Israel
# melancarkan serangan"), not in "X mengutuk serangan" or "... akibat serangan".
_LIGHT_VERB = re.compile(
    r"\b(?:melakukan|melancarkan|menggelar|mengadakan|melaksanakan|memulai|meluncurkan|melanjutkan|"
    r"menjalani|terlibat|menyatakan|memberikan|menyampaikan|mengumumkan)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
# "serangan tersebut": a noun pointing back at an event already told.
_POINTS_BACK = re.compile(r"\s+(?:itu|tersebut|ini)\b", re.IGNORECASE)
_COORDINATED = re.compile(r"^\s*(?:,|dan|serta|maupun)\s*$", re.IGNORECASE)
_FIRST_PERSON = re.compile(
    r"\b(?:kami|kita|saya|aku)\s+(?:(?:juga|pun|akan|telah|sudah|terus|tetap)\s+){0,2}$", re.IGNORECASE
)
_NOUN_BEFORE = re.compile(
    r"(?<![\w-])(?!(?:pada|hari|tanggal|sejak|mulai|hingga|sampai|sekitar|malam|pagi|siang|sore|dan|atau)\s)"
    r"[a-z]{3,}\s+$"
)
_HOSTILE = frozenset({"ASSAULT", "COERCE", "FIGHT"})
# Present tense: "saat ini ... dalam penyelidikan" happens when the news is published.
_NOW = re.compile(r"\b(?:saat ini|sedang|tengah|kini)\b", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@cache
def _lexicon() -> tuple[Alternation, tuple[tuple[str, ...], ...]]:
    table = rows("events.tsv")
    return Alternation([r[0] for r in table]), table


class _Doc:
    """Per-article look-ups shared by the event finders."""

    def __init__(self, article: Article, background_days: int) -> None:
        self.article = article
        self.text = article.text
        self.actors = Actors(article)
        self.groups = self.actors.add_groups()
        self.sents = article.sentences or [Span(0, len(article.text))]
        self.sent_starts = [s.start for s in self.sents]
        self.times = sorted((t for t in article.times if _iso(t.value)), key=lambda t: t.start)
        self.time_starts = [t.start for t in self.times]
        self.direct = [(q.start, q.end) for q in article.quotes if q.direct]
        self.published = _iso(article.published or "")
        self.background_days = background_days
        places = [m for m in article.mentions if m.entity in article.entities]
        self.places = sorted(places, key=lambda m: m.start)

    def in_direct_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.direct)

    def times_in(self, sent: Span) -> list[TimeExpr]:
        lo = bisect.bisect_left(self.time_starts, sent.start)
        hi = bisect.bisect_left(self.time_starts, sent.end)
        return [t for t in self.times[lo:hi] if t.type in ("DATE", "TIME")]


def _iso(value: str) -> date | None:
    m = _ISO.match(value)
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


def _clause_end(text: str, start: int, end: int) -> int:
    m = _CLAUSE_BREAK.search(text, start, end)
    return m.start() if m else end


def _target(doc: _Doc, start: int, end: int, source: str | None) -> Actor | None:
    found = [a for a in doc.actors.between(start, _clause_end(doc.text, start, end)) if a.entity != source]
    while found and _COORDINATED.match(doc.text[start : found[0].start]):
        partner = found.pop(0)  # "serangan Israel dan Amerika Serikat (AS)": a second source
        start = partner.end
        found = [a for a in found if a.entity != partner.entity]
    for i, a in enumerate(found):
        if (_PLACE_PREP.search(doc.text, max(0, a.start - 30), a.start) and a.type != "organization") or (
            doc.actors.is_name_part(a)
        ):
            continue  # "di Ukraina" is a place; "Timur Jauh Rusia" a region
        nxt = found[i + 1] if i + 1 < len(found) else None
        if a.type != "person" and nxt and nxt.type == "person" and nxt.start - a.end <= 2:
            return nxt  # "pemimpin Korea Utara Kim Jong-un": the role's country modifies the person
        return a
    return None


def _source(doc: _Doc, sent: Span, ts: int, te: int, kind: str) -> tuple[Actor | None, int]:
    """Source actor and where the target search starts."""
    acts = doc.actors
    if kind == "n":
        if _POINTS_BACK.match(doc.text, te):
            return None, te  # "serangan tersebut" is the event told before
        after = acts.between(te, min(sent.end, te + 40))
        if len(after) > 1 and _BETWEEN.match(doc.text[te : after[0].start]):
            gap = _BETWEEN_AND.match(doc.text, after[0].end, after[1].start)
            if gap:  # "kontak tembak antara polisi dan KKB": source and target
                return after[0], gap.end()
        if after and _GENITIVE_GAP.match(doc.text[te : after[0].start]):
            return after[0], after[0].end  # genitive: "veto Rusia", "kunjungan Putin"
        if doc.text[te - 3 : te].lower() == "nya" or _ORDINAL_NYA.match(doc.text, te):
            # "kunjungannya", "kunjungan pertamanya": the sentence's person subject
            for a in acts.between(sent.start, ts):
                if not acts.is_prepositional(a, sent.start):
                    return (a if a.type == "person" else None), te
            return None, te
        if not _LIGHT_VERB.search(doc.text, max(sent.start, ts - 50), ts):
            return None, te
    floor = sent.start
    for m in _CLAUSE_START.finditer(doc.text, sent.start, ts):
        floor = m.end()
    head = acts.subject_before(ts, floor)
    if head is None and floor > sent.start:
        # a subordinate clause without its own subject ("sebelum menggelar pembicaraan")
        # takes the main clause's; one with an unrecognised subject gets none
        if _CAPITAL.search(doc.text, floor, ts) or _PRONOUN.search(doc.text, floor, ts):
            return None, te
        head = acts.subject_before(floor, sent.start)
    if head is not None:
        pron = _PRONOUN.search(doc.text, head.end, ts)
        if pron and (head.type != "person" or pron.group(1).lower() == "mereka"):
            return None, te  # another subject stands between
    return head, te


def _modality(doc: _Doc, sent: Span, ts: int) -> str:
    before = doc.text[sent.start : ts]
    words = [w.strip(",").lower() for w in before.split()[-6:]]
    if set(words[-2:]) & _NEGATION:
        return "negated"
    if cues("deny").regex.search(" ".join(words)):
        return "denied"
    if _CONDITIONAL.search(before):
        return "conditional"
    if set(words) & _PLANNED:
        return "planned"
    if set(words) & _POSSIBLE:
        return "conditional"
    if any(c.start <= ts < c.end for c in doc.article.claims) or _ACCORDING.search(before):
        return "claimed"
    return "asserted"


def _date(doc: _Doc, sent: Span, ts: int, te: int) -> TimeExpr | None:
    best, dist = None, 1 << 30
    for t in doc.times_in(sent):
        if doc.in_direct_quote(t.start) != doc.in_direct_quote(ts):
            continue
        lo, hi = (te, t.start) if t.start >= te else (t.end, ts)
        if t.start >= te and ("sejak" in doc.text[lo : t.end].lower()):
            continue  # "kunjungan pertamanya sejak tahun 2000": the span's start, not this event
        if (
            t.start >= te
            and t.text[:1].isdigit()
            and _NOUN_BEFORE.search(doc.text, max(0, t.start - 20), t.start)
        ):
            continue  # "perjanjian gencatan senjata 27 November": the date names the agreement
        if hi - lo < dist:
            best, dist = t, hi - lo
    return best


def _speech_date(doc: _Doc, ts: int) -> str | None:
    """The date of the statement an event is reported in, from the speaker's dated quotes."""
    quotes: list[Quote] = doc.article.quotes
    inside = next((q for q in quotes if q.start <= ts < q.end), None)
    if inside is None or inside.speaker is None:
        return None
    if inside.date:
        return inside.date
    return next((q.date for q in quotes if q.speaker == inside.speaker and q.date), None)


def _told_as_past(doc: _Doc, sent: Span, ts: int, te: int) -> bool:
    """Background, habitual or lasting: the event gets no date from the publication."""
    return bool(
        _BACKGROUND.search(doc.text, max(sent.start, ts - 60), ts)
        or _BACKGROUND_AFTER.search(doc.text, te, min(sent.end, te + 40))
        or _HABITUAL.search(doc.text, max(sent.start, ts - 60), ts)
        or (
            _SINCE_AFTER.search(doc.text, te, min(sent.end, te + 60)) is not None
            and _first_since(doc, sent, te) is None  # "kunjungan pertamanya sejak 2000" is news
        )
    )


def _finish(
    doc: _Doc, ev: Event, sent: Span, ts: int, te: int, nominal: bool = False, described: bool = False
) -> Event:
    """Date, background and confidence of an event whose actors are known."""
    t = _date(doc, sent, ts, te)
    said = _speech_date(doc, ts) if t is None else None
    told_as_past = described or _told_as_past(doc, sent, ts, te)
    if t is not None:
        ev.date, ev.precision = t.value, t.precision
        ev.confidence += 0.15
    elif said:
        ev.date, ev.precision = said, "day"
    elif (
        not told_as_past
        and ev.modality in ("asserted", "planned")  # what may happen, or is alleged, is undated
        and doc.published
        and (not nominal or ev.modality == "planned" or _NOW.search(doc.text, sent.start, ts))
    ):
        # present-tense news happened about when it was published; a noun ("invasinya")
        # usually names a known, earlier event
        ev.date, ev.precision = doc.published.isoformat(), "day"
        ev.confidence -= 0.1
    elif told_as_past:
        ev.background = True
    when = _iso(ev.date) if ev.date else None
    if when and doc.published and (doc.published - when).days > doc.background_days:
        ev.background = True
    if ev.target:
        ev.confidence += 0.15
    ev.confidence = round(min(0.95, max(0.05, ev.confidence)), 2)
    return ev


def _place(doc: _Doc, start: int, end: int) -> str | None:
    """A place after "di"/"ke", or a country after "di" ("ke Rusia" is a target, not a place)."""
    for m in doc.places:
        if m.start < start:
            continue
        if m.start >= end:
            return None
        ent = doc.article.entities[m.entity or ""]
        prep = doc.text[max(0, m.start - 4) : m.start].lower()
        if (ent.type == "place" and prep.endswith(("di ", "ke "))) or (
            ent.type == "country" and prep.endswith("di ")
        ):
            return ent.id
    return None


def _from_triggers(doc: _Doc) -> list[Event]:
    alt, table = _lexicon()
    out: list[Event] = []
    for sent in doc.sents:
        for m in alt.finditer(doc.text, sent.start, sent.end):
            ts, te = m.start(), m.end()
            _, etype, kind = table[alt.row(m)][:3]
            kind, flags = kind[:1], kind[1:]
            if doc.in_direct_quote(ts):
                source, after = _quoted_source(doc, sent, ts), te
            else:
                source, after = _source(doc, sent, ts, te, kind)
            if source is None:
                continue
            if kind == "d":
                target_id = _denied_accuser(doc, source.entity, ts)
            else:
                target = _target(doc, after, sent.end, source.entity) or _fallback_target(
                    doc, etype, after, sent
                )
                target_id = target.entity if target else _referred_source(doc, out, te, source.entity)
            if target_id is None and not (
                (etype in ONE_SIDED and len(doc.text[source.end : ts].split()) <= 4)
                or ("1" in flags and _date(doc, sent, ts, te) is not None)
            ):
                continue
            if "m" in flags:
                etype = _message_type(doc, sent, te, alt, table) or etype
            ev = Event(etype, sent.start, sent.end, m.group(), source.entity, target_id)
            ev.modality = _modality(doc, sent, ts)
            ev.place = _place(doc, after, _clause_end(doc.text, after, sent.end))
            ev.confidence = 0.55 if kind == "v" else 0.5
            described = source.end <= ts and _COPULA.search(doc.text, source.end, ts) is not None
            out.append(_finish(doc, ev, sent, ts, te, kind == "n", described))
            previous = _previous_occurrence(doc, ev, sent, te)
            if previous is not None and not any(
                (e.type, e.source, e.date, e.start)
                == (previous.type, previous.source, previous.date, previous.start)
                for e in out
            ):
                out.append(previous)
    return out


def _message_type(
    doc: _Doc, sent: Span, te: int, alt: Alternation, table: tuple[tuple[str, ...], ...]
) -> str | None:
    """A letter pledging closer ties is COOPERATE: a cooperative trigger or phrase in the rest
    of its sentence or the next sentences (what the letter says), up to the next message."""
    i = bisect.bisect_right(doc.sent_starts, sent.start) - 1
    end = doc.sents[min(len(doc.sents) - 1, i + _MESSAGE_WINDOW)].end
    for m in alt.finditer(doc.text, te, end):
        _, etype, kind = table[alt.row(m)][:3]
        if "m" in kind[1:]:
            end = m.start()  # another letter: what follows is its content
            break
        if etype == "COOPERATE":
            return etype
    return "COOPERATE" if _COOPERATIVE.search(doc.text, te, end) else None


def _first_since(doc: _Doc, sent: Span, te: int) -> re.Match[str] | None:
    """ "... pertamanya sejak 2000" right after the trigger, or after an echo of it
    ("mengunjungi Jepang, kunjungan pertamanya sejak 2019")."""
    end = min(sent.end, te + 80)
    m = _FIRST_SINCE.search(doc.text, te, end)
    if m is None or m.start() == te:
        return m
    return m if _ECHO.fullmatch(doc.text, te, m.start()) else None


def _previous_occurrence(doc: _Doc, ev: Event, sent: Span, te: int) -> Event | None:
    """ "kunjungan pertamanya sejak tahun 2000": the previous visit, dated 2000 (or N years
    before the event's year for "dalam N tahun terakhir")."""
    m = _first_since(doc, sent, te)
    if m is None:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    else:
        when = _iso(ev.date or "") or doc.published
        if when is None:
            return None
        year = when.year - int(m.group("n"))
    prev = Event(ev.type, ev.start, ev.end, ev.trigger, ev.source, ev.target)
    prev.date, prev.precision, prev.background = str(year), "year", True
    prev.confidence = round(max(0.05, ev.confidence - 0.1), 2)
    return prev


def _quoted_source(doc: _Doc, sent: Span, ts: int) -> Actor | None:
    """Inside a direct quote, "kami mendukung ..." is an act of the quote's speaker."""
    if not _FIRST_PERSON.search(doc.text, max(sent.start, ts - 40), ts):
        return None
    q = next((q for q in doc.article.quotes if q.direct and q.start <= ts < q.end), None)
    ent = doc.article.entities.get(q.speaker) if q is not None and q.speaker else None
    if ent is None or ent.type not in ("person", "organization", "country"):
        return None
    return Actor(ts, ts, ent.id, ent.type, ent.name)


def _fallback_target(doc: _Doc, etype: str, start: int, sent: Span) -> Actor | None:
    """An attack "di desa ... di Lebanon" without an object hits the country it happens in."""
    if etype not in _HOSTILE:
        return None
    for a in doc.actors.between(start, _clause_end(doc.text, start, sent.end)):
        if a.type == "country" and _PLACE_PREP.search(doc.text, max(0, a.start - 30), a.start):
            return a
    return None


def _referred_source(doc: _Doc, told: list[Event], te: int, source: str) -> str | None:
    """ "mengutuk serangan tersebut": the target is who carried out the event referred to."""
    alt, table = _lexicon()
    m = alt.regex.match(doc.text, te + 1) if doc.text[te : te + 1] == " " else None
    if m is None or table[alt.row(m)][2] != "n" or not _POINTS_BACK.match(doc.text, m.end()):
        return None
    etype = table[alt.row(m)][1]
    prior = [e for e in told if e.type == etype and e.source and e.source != source]
    return prior[-1].source if prior else None


def _denied_accuser(doc: _Doc, denier: str, pos: int) -> str | None:
    """Who made the latest claim, before ``pos``, that ``denier`` denies."""
    for c in reversed(doc.article.claims):
        if c.start < pos and denier in c.denied_by and c.asserted_by:
            return c.asserted_by[0]
    return None


def _from_claims(doc: _Doc, claims: list[Claim], have: list[Event]) -> list[Event]:
    """An alleged proposition is an ACCUSE event of its asserter against the actor it names."""
    out: list[Event] = []
    for c in claims:
        sent = sentence_at(doc.sents, doc.sent_starts, c.start)
        if not c.asserted_by or sent is None or c.modality == "suspected":
            continue
        if any(e.type == "ACCUSE" and e.start == sent.start for e in have + out):
            continue
        source = c.asserted_by[-1]
        target = next(
            (a.entity for a in doc.actors.between(c.start, c.end) if a.entity not in c.asserted_by), None
        )
        if target is None:
            continue
        cue = doc.text[sent.start : c.start].split()
        ev = Event("ACCUSE", sent.start, sent.end, cue[-1] if cue else "", source, target)
        ev.confidence = 0.5
        out.append(_finish(doc, ev, sent, c.start, c.start))
    return out


def find_events(article: Article, background_days: int = 60) -> list[Event]:
    doc = _Doc(article, background_days)
    events = _from_triggers(doc)
    events += _from_claims(doc, article.claims, events)
    events.sort(key=lambda e: e.start)
    _register_groups(doc, events)
    return events


def _register_groups(doc: _Doc, events: list[Event]) -> None:
    """A generic actor an event names becomes an entity of the article, so that every
    event actor is an ``Entity.id`` (the groups no event uses are not kept)."""
    for e in events:
        for gid in (e.source, e.target):
            g = doc.groups.get(gid or "")
            if g is not None and gid not in doc.article.entities:
                doc.article.entities[g.id] = Entity(g.id, g.name, g.type, list(g.aliases))


@component(
    "nlp.events@1",
    requires=("text", "sentences", "mentions", "entities", "times", "claims"),
    assigns=("events", "entities"),
)
def events_factory(background_days: int = 60) -> object:
    """PLOVER events with actors, date, place and modality; claims add ACCUSE events."""
    _lexicon()  # load and compile once, at build time

    def run(article: Article) -> Article:
        article.events = find_events(article, background_days) if article.text else []
        return article

    return run
