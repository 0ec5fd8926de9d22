"""Who acts on whom: the source and target actors of a trigger."""

from __future__ import annotations

import bisect

from warta.model import Event, Span
from warta.nlp.claims import Actor
from warta.nlp.events.doc import Doc, clause_end, lexicon
from warta.nlp.events.patterns import (
    APPOSITION,
    BETWEEN,
    BETWEEN_AND,
    CAPITAL,
    CLAUSE_START,
    COORDINATED,
    FIRST_PERSON,
    GENITIVE_GAP,
    HOSTILE,
    LIGHT_VERB,
    OBJECT_ACT,
    OF_PARTY,
    ORDINAL_NYA,
    PARTNER_AND,
    PARTNER_GAP,
    PASSIVE_AGENT,
    PATIENT_GAP,
    PLACE_PREP,
    POINTS_BACK,
    PRONOUN,
    PRONOUN_REACH,
    RELATIVE,
    SUBJECT_PRONOUN,
    SUBJECTLESS,
    TITLE_GAP,
    TOPIC_PREP,
)


def _object_span(doc: Doc, start: int, end: int) -> int:
    """Where the object part ends; an apposition naming the object ("memeriksa 2 eks staf,
    yakni Rishyaryudi dan Caswiyono") belongs to it."""
    stop = clause_end(doc.text, start, end)
    m = APPOSITION.match(doc.text, stop, end)
    if m and not doc.actors.between(start, stop):
        stop = clause_end(doc.text, m.end(), end)
    return stop


def find_target(
    doc: Doc, start: int, end: int, source: str | None, attitude: bool = False, talks: bool = False
) -> Actor | None:
    """The first actor of the object part; for an attitude (``attitude``: "menolak pengusiran
    paksa terhadap warga Palestina") not one the object act is done to; for talks or a deal
    (``talks``) not what they are about ("terkait Taiwan")."""
    found = [a for a in doc.actors.between(start, _object_span(doc, start, end)) if a.entity != source]
    if attitude:
        found = [a for a in found if not OBJECT_ACT.match(doc.text, start, a.start)]
    while found and COORDINATED.match(doc.text[start : found[0].start]):
        partner = found.pop(0)  # "serangan Israel dan Amerika Serikat (AS)": a second source
        start = partner.end
        found = [a for a in found if a.entity != partner.entity]
    for i, a in enumerate(found):
        if (PLACE_PREP.search(doc.text, max(0, a.start - 30), a.start) and a.type != "organization") or (
            doc.actors.is_name_part(a)
        ):
            continue  # "di Ukraina" is a place; "Timur Jauh Rusia" a region
        if talks and TOPIC_PREP.search(doc.text, max(start, a.start - 30), a.start):
            continue  # "pembicaraan ... terkait Taiwan": the topic, not the other party
        nxt = found[i + 1] if i + 1 < len(found) else None
        if a.type != "person" and nxt and nxt.type == "person" and nxt.start - a.end <= 2:
            return nxt  # "pemimpin Korea Utara Kim Jong-un": the role's country modifies the person
        if a.type != "person":
            titled = next((p for p in found[i + 1 :] if p.type == "person"), None)
            if titled is not None and TITLE_GAP.match(doc.text[a.end : titled.start]):
                return titled  # "Presiden RI ke-5 sekaligus Ketua Umum PDIP Megawati"
        return a
    return None


def find_source(doc: Doc, sent: Span, ts: int, te: int, kind: str) -> tuple[Actor | None, int]:
    """Source actor and where the target search starts."""
    acts = doc.actors
    if kind == "n":
        if POINTS_BACK.match(doc.text, te):
            return None, te  # "serangan tersebut" is the event told before
        after = acts.between(te, min(sent.end, te + 100))
        if len(after) > 1 and after[0].type != "person" and after[1].type == "person":
            if after[1].start - after[0].end <= 2:  # "Presiden Republik Indonesia Prabowo"
                after = after[1:]
        if len(after) > 1 and BETWEEN.match(doc.text[te : after[0].start]):
            gap = BETWEEN_AND.match(doc.text, after[0].end, after[1].start)
            if gap:  # "kontak tembak antara polisi dan KKB": source and target
                return after[0], gap.end()
        if after and GENITIVE_GAP.match(doc.text[te : after[0].start]):
            return after[0], after[0].end  # genitive: "veto Rusia", "kunjungan Putin"
        if doc.text[te - 3 : te].lower() == "nya" or ORDINAL_NYA.match(doc.text, te):
            # "kunjungannya", "kunjungan pertamanya": the sentence's person subject
            for a in acts.between(sent.start, ts):
                if not acts.is_prepositional(a, sent.start):
                    return (a if a.type == "person" else None), te
            return _fronted_owner(doc, sent, te), te
        if not LIGHT_VERB.search(doc.text, max(sent.start, ts - 50), ts):
            return None, te
    floor = sent.start
    for m in CLAUSE_START.finditer(doc.text, sent.start, ts):
        floor = m.end()
    head = acts.subject_before(ts, floor)
    if head is None or head.end <= floor:
        told = _pronoun_subject(doc, sent, floor, ts)
        if told is not None:
            return told, te
    if head is None:  # a repeated name the recogniser missed ("Iwan diperiksa")
        named = acts.named_in(floor, ts)
        if named is not None and not acts.is_prepositional(named, floor):
            head = named
    if head is None and floor > sent.start:
        # a subordinate clause without its own subject ("sebelum menggelar pembicaraan")
        # takes the main clause's; one with an unrecognised subject gets none
        if (
            CAPITAL.search(doc.text, floor, ts)
            or PRONOUN.search(doc.text, floor, ts)
            or not SUBJECTLESS.match(doc.text, floor, ts)  # "usai kliennya diperiksa"
        ):
            return None, te
        head = acts.subject_before(floor, sent.start)
    if head is not None:
        pron = PRONOUN.search(doc.text, head.end, ts)
        if pron and (head.type != "person" or pron.group(1).lower() == "mereka"):
            return None, te  # another subject stands between
    return head, te


def _pronoun_subject(doc: Doc, sent: Span, floor: int, ts: int) -> Actor | None:
    """ "Ia juga meminta pemerintah ...": the person of the sentences before (the last
    person named before this sentence, not too far back), or of this sentence's main clause
    when the pronoun opens a subordinate one; none inside a direct quote."""
    m = SUBJECT_PRONOUN.search(doc.text, max(floor, ts - 60), ts)
    if m is None or doc.actors.between(m.start(), ts) or doc.in_direct_quote(ts):
        return None
    if doc.actors.between(floor, m.start()):
        return None  # "Menurut Budi, ia ...": the sentence names its own
    own = doc.actors.last_before(m.start(), "person")
    if (own is None or own.start < sent.start) and floor > sent.start:
        # "Salah satu pelaku ... sempat menjadi sasaran amukan warga, namun ia diamankan":
        # the people the main clause is about, when it names no person
        own = next(
            (
                a
                for a in doc.actors.between(sent.start, floor)
                if a.entity.startswith("warta:group:") and not doc.actors.is_prepositional(a, sent.start)
            ),
            own,
        )
    prev: Actor | None
    if own is not None and own.start >= sent.start:
        prev = own  # "Putin ... sejak ia meluncurkan invasi": the person of the main clause
    else:
        prev = doc.actors.last_before(sent.start, "person")
        if prev is None or sent.start - prev.end > PRONOUN_REACH:
            return None
        # "Trump mengata-ngatai pendukung Mamdani. ... setelah ia mendorong ...": the
        # person subject of the sentence before, not the last person it names
        i = bisect.bisect_right(doc.sent_starts, sent.start) - 2
        before = doc.sents[i] if i >= 0 else None
        if before is not None and prev.start >= before.start:
            people = [a for a in doc.actors.between(before.start, prev.end) if a.type == "person"]
            lead = next((a for a in people if not doc.actors.is_prepositional(a, before.start)), None)
            if lead is not None and not doc.in_direct_quote(lead.start):
                prev = lead
    return Actor(m.start(), m.start() + len(m.group().split()[0]), prev.entity, prev.type, prev.text)


def quoted_source(doc: Doc, sent: Span, ts: int) -> Actor | None:
    """Inside a direct quote, "kami mendukung ..." is an act of the quote's speaker."""
    if not FIRST_PERSON.search(doc.text, max(sent.start, ts - 40), ts):
        return None
    q = next((q for q in doc.article.quotes if q.direct and q.start <= ts < q.end), None)
    ent = doc.article.entities.get(q.speaker) if q is not None and q.speaker else None
    if ent is None or ent.type not in ("person", "organization", "country"):
        return None
    return Actor(ts, ts, ent.id, ent.type, ent.name)


def fallback_target(doc: Doc, etype: str, start: int, sent: Span) -> Actor | None:
    """An attack "di desa ... di Lebanon" without an object hits the country it happens in."""
    if etype not in HOSTILE:
        return None
    for a in doc.actors.between(start, clause_end(doc.text, start, sent.end)):
        if a.type == "country" and PLACE_PREP.search(doc.text, max(0, a.start - 30), a.start):
            return a
    return None


def referred_source(doc: Doc, told: list[Event], te: int, source: str) -> str | None:
    """ "mengutuk serangan tersebut": the target is who carried out the event referred to."""
    alt, table = lexicon()
    m = alt.regex.match(doc.text, te + 1) if doc.text[te : te + 1] == " " else None
    if m is None or table[alt.row(m)][2] != "n" or not POINTS_BACK.match(doc.text, m.end()):
        return None
    etype = table[alt.row(m)][1]
    prior = [e for e in told if e.type == etype and e.source and e.source != source]
    return prior[-1].source if prior else None


def denied_accuser(doc: Doc, denier: str, pos: int) -> str | None:
    """Who made the latest claim, before ``pos``, that ``denier`` denies."""
    for c in reversed(doc.article.claims):
        if c.start < pos and denier in c.denied_by and c.asserted_by:
            return c.asserted_by[0]
    return None


def passive_agent(doc: Doc, te: int, end: int) -> tuple[Actor | None, int]:
    """The agent of a passive verb: the first actor of the clause, right after the verb
    ("dicegat pasukan Israel") or after "oleh" ("diperiksa selama 12 jam oleh penyidik")."""
    found = doc.actors.between(te, clause_end(doc.text, te, end))
    if found and PASSIVE_AGENT.match(doc.text, te, found[0].start):
        return found[0], found[0].end
    return None, te


def patient_noun_roles(
    doc: Doc, te: int, end: int, patient: Actor | None = None
) -> tuple[Actor, str, int] | None:
    """ "penangkapan Hasto oleh KPK", "pemeriksaan terhadap X oleh penyidik": the actor after
    the noun (or ``patient``, the subject of "menjalani") undergoes the act, the agent follows
    "oleh"; no agent, no event."""
    if patient is None:
        found = doc.actors.between(te, clause_end(doc.text, te, end))
        if not found or not PATIENT_GAP.match(doc.text[te : found[0].start]):
            return None
        patient = found[0]
    agent, after = passive_agent(doc, max(te, patient.end), end)
    if agent is None or agent.entity == patient.entity or "oleh" not in doc.text[patient.end : agent.start]:
        return None
    return agent, patient.entity, after


def _fronted_owner(doc: Doc, sent: Span, te: int) -> Actor | None:
    """ "Dalam pertemuannya dengan Xi, Prabowo menyampaikan ...": a fronted phrase whose owner
    is the person opening the main clause right after its comma."""
    comma = doc.text.find(",", te, sent.end)
    if comma < 0:
        return None
    nxt = doc.actors.between(comma, min(sent.end, comma + 60))
    if nxt and nxt[0].type == "person" and not doc.text[comma + 1 : nxt[0].start].strip():
        return nxt[0]
    return None


def reciprocal_partner(doc: Doc, sent: Span, source: Actor) -> Actor | None:
    """ "Presiden AS Donald Trump dan Presiden China Xi Jinping menjalin komunikasi": the actor
    of the source's kind coordinated before it (Trump for Xi); None when there is none."""
    m = PARTNER_AND.search(doc.text, max(sent.start, source.start - 60), source.start)
    if m is None or doc.actors.is_prepositional(source, sent.start):
        return None
    partner = doc.actors.last_before(m.start() + 1, source.type)
    if partner is None or partner.start < sent.start or partner.entity == source.entity:
        return None
    if not PARTNER_GAP.fullmatch(doc.text, partner.end, m.start()) or doc.actors.is_prepositional(
        partner, sent.start
    ):
        return None
    return partner


def relative_head(doc: Doc, sent: Span, ts: int) -> Actor | None:
    """The head of a relative clause before a passive verb ("Yayasan X yang didukung AS"): the
    actor right before "yang"; an Actor with no entity when the head is no actor; None when the
    verb opens no relative clause."""
    m = RELATIVE.search(doc.text, max(sent.start, ts - 40), ts)
    if m is None:
        return None
    head = doc.actors.last_before(m.start() + 1, None)
    if head is not None and head.start >= sent.start and m.start() - head.end <= 1:
        # "Jack Ciattarelli dari Partai Republik, yang didukung Trump": the person is the head
        owner = doc.actors.last_before(head.start, "person")
        if (
            owner is not None
            and owner.start >= sent.start
            and OF_PARTY.fullmatch(doc.text, owner.end, head.start)
        ):
            return owner
        return head
    return Actor(m.start(), m.start(), "", "", "")
