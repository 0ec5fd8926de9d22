"""When and how an event is told: modality, date, background, place, confidence."""

from __future__ import annotations

import re
from datetime import date

from warta.model import Event, Quote, Span, TimeExpr
from warta.nlp.claims import cues
from warta.nlp.events.doc import Doc, iso
from warta.nlp.events.patterns import (
    ACCORDING,
    BACKGROUND,
    BACKGROUND_AFTER,
    BACKGROUND_OPENING,
    CONDITIONAL,
    ECHO,
    FIRST_SINCE,
    HABITUAL,
    ISO_WEEK,
    NAMED_YEAR,
    NEGATION,
    NOUN_BEFORE,
    NOW,
    PLANNED,
    POSSIBLE,
    REGULATION_YEAR,
    SINCE_AFTER,
)


def find_modality(doc: Doc, sent: Span, ts: int) -> str:
    before = doc.text[sent.start : ts]
    # the trigger's own clause: "sebelum dijadwalkan putaran keenam, Israel melancarkan"
    # plans nothing for Israel
    words = [w.lower() for w in before.rsplit(",", 1)[-1].split()[-6:]]
    if set(words[-2:]) & NEGATION:
        return "negated"
    if cues("deny").regex.search(" ".join(words)):
        return "denied"
    if CONDITIONAL.search(before):
        return "conditional"
    if set(words) & PLANNED:
        return "planned"
    if set(words) & POSSIBLE:
        return "conditional"
    if any(c.start <= ts < c.end for c in doc.article.claims) or ACCORDING.search(before):
        return "claimed"
    return "asserted"


def event_date(doc: Doc, sent: Span, ts: int, te: int) -> TimeExpr | None:
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
            and NOUN_BEFORE.search(doc.text, max(0, t.start - 20), t.start)
        ):
            continue  # "perjanjian gencatan senjata 27 November": the date names the agreement
        if t.text.strip().isdigit() and NAMED_YEAR.search(doc.text, max(0, t.start - 30), t.start):
            continue  # "Kongres PSI 2025": the year names the congress, it does not date the event
        if t.text[:5].lower() == "tahun" and REGULATION_YEAR.search(doc.text, max(0, t.start - 30), t.start):
            continue  # "Undang-Undang Nomor 7 Tahun 2017": the year names the law
        if hi - lo < dist:
            best, dist = t, hi - lo
    return best


def speech_date(doc: Doc, ts: int) -> str | None:
    """The date of the statement an event is reported in, from the speaker's dated quotes."""
    quotes: list[Quote] = doc.article.quotes
    inside = next((q for q in quotes if q.start <= ts < q.end), None)
    if inside is None or inside.speaker is None:
        return None
    if inside.date:
        return inside.date
    return next((q.date for q in quotes if q.speaker == inside.speaker and q.date), None)


def lead_date(doc: Doc, sent: Span, source: str | None) -> str | None:
    """ "Perindo mendesak DPR ... . 'Kami mendorong ...,' ujar Sekjen Perindo Ferry, Minggu
    (2/11/2025)": a lead told again by the next sentence's dated quote, whose speaker is the
    source or whose attribution names it, happened when it was said."""
    if not source or doc.in_direct_quote(sent.start):
        return None
    nxt = next((s for s in doc.sents if s.start >= sent.end), None)
    if nxt is None:
        return None
    for q in doc.article.quotes:
        if q.direct and q.date and nxt.start <= q.start < nxt.end:
            named = any(a.entity == source for a in doc.actors.between(q.end, nxt.end))
            return q.date if q.speaker == source or named else None
    return None


def told_as_past(doc: Doc, sent: Span, ts: int, te: int) -> bool:
    """Background, habitual or lasting: the event gets no date from the publication."""
    return bool(
        BACKGROUND.search(doc.text, max(sent.start, ts - 60), ts)
        or (ts - sent.start < 160 and BACKGROUND_OPENING.match(doc.text, sent.start) is not None)
        or BACKGROUND_AFTER.search(doc.text, te, min(sent.end, te + 40))
        or HABITUAL.search(doc.text, max(sent.start, ts - 60), ts)
        or (
            SINCE_AFTER.search(doc.text, te, min(sent.end, te + 60)) is not None
            and first_since(doc, sent, te) is None  # "kunjungan pertamanya sejak 2000" is news
        )
    )


def finish(
    doc: Doc, ev: Event, sent: Span, ts: int, te: int, nominal: bool = False, described: bool = False
) -> Event:
    """Date, background and confidence of an event whose actors are known."""
    t = event_date(doc, sent, ts, te)
    said = speech_date(doc, ts) or lead_date(doc, sent, ev.source) if t is None else None
    past = described or told_as_past(doc, sent, ts, te)
    if t is not None:
        ev.date, ev.precision = week_day(t.value), t.precision
        ev.confidence += 0.15
    elif said:
        ev.date, ev.precision = said, "day"
    elif (
        not past
        and ev.modality in ("asserted", "planned")  # what may happen, or is alleged, is undated
        and doc.published
        and (not nominal or ev.modality == "planned" or NOW.search(doc.text, sent.start, ts))
    ):
        # present-tense news happened about when it was published; a noun ("invasinya")
        # usually names a known, earlier event
        ev.date, ev.precision = doc.published.isoformat(), "day"
        ev.confidence -= 0.1
    elif past:
        ev.background = True
    when = iso(ev.date) if ev.date else None
    if when and doc.published and (doc.published - when).days > doc.background_days:
        ev.background = True
    if ev.target:
        ev.confidence += 0.15
    ev.confidence = round(min(0.95, max(0.05, ev.confidence)), 2)
    return ev


def week_day(value: str) -> str:
    """A week as the day it starts on, a weekend as its Saturday ("2025-W44-WE" ->
    "2025-11-01"), so that a date is always a calendar prefix; other values unchanged."""
    m = ISO_WEEK.match(value)
    if m is None:
        return value
    day = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 6 if m.group(3) else 1)
    return day.isoformat()


def find_place(doc: Doc, start: int, end: int) -> str | None:
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


def first_since(doc: Doc, sent: Span, te: int) -> re.Match[str] | None:
    """ "... pertamanya sejak 2000" right after the trigger, or after an echo of it
    ("mengunjungi Jepang, kunjungan pertamanya sejak 2019")."""
    end = min(sent.end, te + 80)
    m = FIRST_SINCE.search(doc.text, te, end)
    if m is None or m.start() == te:
        return m
    return m if ECHO.fullmatch(doc.text, te, m.start()) else None


def previous_occurrence(doc: Doc, ev: Event, sent: Span, te: int) -> Event | None:
    """ "kunjungan pertamanya sejak tahun 2000": the previous visit, dated 2000 (or N years
    before the event's year for "dalam N tahun terakhir")."""
    m = first_since(doc, sent, te)
    if m is None:
        return None
    if m.group("year"):
        year = int(m.group("year"))
    else:
        when = iso(ev.date or "") or doc.published
        if when is None:
            return None
        year = when.year - int(m.group("n"))
    prev = Event(ev.type, ev.start, ev.end, ev.trigger, ev.source, ev.target)
    prev.date, prev.precision, prev.background = str(year), "year", True
    prev.confidence = round(max(0.05, ev.confidence - 0.1), 2)
    return prev
