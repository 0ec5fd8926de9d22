"""The event finders: triggers of the lexicon, and claims read as accusations."""

from __future__ import annotations

import bisect
import dataclasses

from warta.model import Article, Claim, Entity, Event, Span
from warta.nlp.claims import Actor, sentence_at
from warta.nlp.events.dating import event_date, find_modality, find_place, finish, previous_occurrence
from warta.nlp.events.doc import Doc, clause_end, lexicon
from warta.nlp.events.patterns import (
    AGENT_LIGHT_VERB,
    ALLEGED,
    ALSO_ASKED,
    ASKED_DEEP,
    ASKED_PASSIVE,
    ATTITUDE,
    COMPLEMENT,
    COOPERATIVE,
    COPULA,
    MESSAGE_WINDOW,
    NEXT_CLAUSE,
    ONE_SIDED,
    RECIPROCAL,
    RECIPROCAL_VERB,
    SPORTS,
    SPORTS_MIN,
    TALKS,
    THAT,
    UNDERGO,
    VERB_FIRST,
    WRONGDOING,
)
from warta.nlp.events.roles import (
    denied_accuser,
    fallback_target,
    find_source,
    find_target,
    passive_agent,
    patient_noun_roles,
    quoted_source,
    reciprocal_partner,
    referred_source,
    relative_head,
)
from warta.nlp.lexicon import Alternation


def from_triggers(doc: Doc) -> list[Event]:
    alt, table = lexicon()
    out: list[Event] = []
    for sent in doc.sents:
        for m in alt.finditer(doc.text, sent.start, sent.end):
            ts, te = m.start(), m.end()
            _, etype, kind = table[alt.row(m)][:3]
            kind, flags = kind[:1], kind[1:]
            roles = _roles(doc, sent, ts, te, kind, flags, etype, out)
            if roles is None:
                continue
            source, target_id, after = roles
            if "m" in flags:
                etype = message_type(doc, sent, te, alt, table) or etype
            ev = Event(etype, sent.start, sent.end, m.group(), source.entity, target_id)
            ev.modality = find_modality(doc, sent, ts)
            ev.place = find_place(doc, after, clause_end(doc.text, after, sent.end))
            ev.confidence = 0.55 if kind in "vp" else 0.5
            described = source.end <= ts and COPULA.search(doc.text, source.end, ts) is not None
            out.append(finish(doc, ev, sent, ts, te, kind in ("n", "o"), described))
            out += _co_sources(doc, sent, ev, source, kind, ts)
            previous = previous_occurrence(doc, ev, sent, te)
            if previous is not None and not any(
                (e.type, e.source, e.date, e.start)
                == (previous.type, previous.source, previous.date, previous.start)
                for e in out
            ):
                out.append(previous)
    return out


def _roles(
    doc: Doc, sent: Span, ts: int, te: int, kind: str, flags: str, etype: str, out: list[Event]
) -> tuple[Actor, str | None, int] | None:
    """Source actor, target id and where the rest of the clause starts; None: no event."""
    subject_at = ts  # where the subject is looked for before
    asking = COMPLEMENT.search(doc.text, max(sent.start, ts - 160), ts)
    if asking is not None and NEXT_CLAUSE.search(doc.text, asking.start(), ts):
        asking = None
    if asking is not None:
        if (
            etype in ("DEMAND", "REQUEST", "THREATEN")
            and kind == "v"
            and ALSO_ASKED.search(doc.text, max(sent.start, ts - 20), ts)
        ):
            # "Ia menyerukan agar konflik diakhiri dan mendesak Israel ...": a second demand of
            # the subject of the first
            subject_at = asking.start()
        else:
            return None  # "mengancam akan mengirim surat", "meminta agar X mencabut": not done
    if kind == "o":  # "penangkapan X oleh polisi": the genitive is the patient
        if doc.in_direct_quote(ts):
            return None
        if UNDERGO.search(doc.text, max(sent.start, ts - 30), ts):  # "X menjalani pemeriksaan oleh penyidik"
            patient, _ = find_source(doc, sent, ts, te, "v")
            found = patient_noun_roles(doc, te, sent.end, patient)
            return None if found is None or patient is None else found
        if not AGENT_LIGHT_VERB.search(doc.text, max(sent.start, ts - 50), ts):
            return patient_noun_roles(doc, te, sent.end)
        kind = "n"  # "polisi melakukan penangkapan terhadap X": the subject acts
    if kind == "p":  # "Iwan diperiksa oleh penyidik": the agent acts on the subject
        if doc.in_direct_quote(ts):
            return None
        patient = relative_head(doc, sent, ts)
        if patient is None:
            patient, _ = find_source(doc, sent, ts, te, "v")
        elif patient.entity == "":
            return None  # "kapal Madleen yang diculik Israel": the head is no actor
        agent, after = passive_agent(doc, te, sent.end)
        if agent is None or (patient is None and etype not in ONE_SIDED):
            return None
        if patient is not None and patient.entity == agent.entity:
            return None
        return agent, (patient.entity if patient else None), after
    source, after = _shared_subject(doc, sent, ts, kind, out), te
    if source is None and doc.in_direct_quote(ts):
        source = quoted_source(doc, sent, ts)
    elif source is None:
        source, after = find_source(doc, sent, subject_at, te, kind)
    if source is None:
        return None
    if kind == "d":
        target_id = denied_accuser(doc, source.entity, ts)
    else:
        asked, unnamed = etype in ("DEMAND", "REQUEST"), False
        if asked and ASKED_PASSIVE.match(doc.text, after):
            target, unnamed = None, True  # "meminta dibebaskan dari tuntutan ...": no addressee
        else:
            target = find_target(doc, after, sent.end, source.entity, etype in ATTITUDE, etype in TALKS)
            if asked and target is not None and ASKED_DEEP.search(doc.text, te, target.start):
                target, unnamed = None, True  # an actor inside what is asked for, not its subject
            target = target or fallback_target(doc, etype, after, sent)
            if target is None and etype in RECIPROCAL and kind == "v" and RECIPROCAL_VERB.match(doc.text, ts):
                partner = reciprocal_partner(doc, sent, source)
                if partner is not None:  # "Trump dan Xi menjalin komunikasi": the first with the second
                    return partner, source.entity, after
        if target is None and not unnamed and etype in ("THREATEN", "DEMAND", "REQUEST"):
            # "memperingatkan pada Jumat, bahwa mereka akan menyerang Hizbullah": the one threatened
            that = THAT.search(doc.text, te, min(sent.end, te + 60))
            target = find_target(doc, that.end(), sent.end, source.entity) if that else None
        target_id = target.entity if target else referred_source(doc, out, te, source.entity)
    if target_id is None and not (
        (etype in ONE_SIDED and len(doc.text[source.end : ts].split()) <= 4)
        or ("1" in flags and event_date(doc, sent, ts, te) is not None)
    ):
        return None
    return source, target_id, after


def _shared_subject(doc: Doc, sent: Span, ts: int, kind: str, out: list[Event]) -> Actor | None:
    """The subject of the verb before, for a verb joined to it with no subject of its own:
    "ia mendorong warga ... dan mengancam akan ...", "Polisi meminta warga tenang, kemudian
    menangkap ..."."""
    if kind != "v" or not out or out[-1].start != sent.start or not out[-1].source:
        return None
    if not ALSO_ASKED.search(doc.text, max(sent.start, ts - 20), ts):
        return None
    prev = next((a for a in doc.actors.items if a.entity == out[-1].source), None)  # groups too
    return Actor(ts, ts, prev.entity, prev.type, prev.text) if prev else None


def _co_sources(doc: Doc, sent: Span, ev: Event, source: Actor, kind: str, ts: int) -> list[Event]:
    """ "Inggris, Jerman, dan Perancis mengaktifkan ...": each coordinated subject of the
    same kind (countries, organisations, persons) acts; one event for each of the others."""
    if kind != "v" or source.end >= ts:  # ends at the trigger: a subject shared, not stated
        return []
    group = doc.actors.coordinated(source, sent.start)[:-1]
    out = []
    for a in group:
        if a.type != source.type or a.entity in (ev.source, ev.target):
            continue
        if doc.actors.is_prepositional(a, sent.start):
            break
        out.append(dataclasses.replace(ev, source=a.entity))
    return out


def message_type(
    doc: Doc, sent: Span, te: int, alt: Alternation, table: tuple[tuple[str, ...], ...]
) -> str | None:
    """A letter pledging closer ties is COOPERATE: a cooperative trigger or phrase in the rest
    of its sentence or the next sentences (what the letter says), up to the next message."""
    i = bisect.bisect_right(doc.sent_starts, sent.start) - 1
    end = doc.sents[min(len(doc.sents) - 1, i + MESSAGE_WINDOW)].end
    for m in alt.finditer(doc.text, te, end):
        _, etype, kind = table[alt.row(m)][:3]
        if "m" in kind[1:]:
            end = m.start()  # another letter: what follows is its content
            break
        if etype == "COOPERATE":
            return etype
    return "COOPERATE" if COOPERATIVE.search(doc.text, te, end) else None


def from_claims(doc: Doc, claims: list[Claim], have: list[Event]) -> list[Event]:
    """An alleged proposition is an ACCUSE event of its asserter against the actor it names."""
    out: list[Event] = []
    for c in claims:
        sent = sentence_at(doc.sents, doc.sent_starts, c.start)
        if not c.asserted_by or sent is None or c.modality == "suspected":
            continue
        if any(e.type == "ACCUSE" and e.start == sent.start for e in have + out):
            continue
        source = c.asserted_by[-1]
        act = _alleged_act(doc, c)
        # the accused is the proposition's subject: named before the act, not after a preposition
        target = next(
            (
                a.entity
                for a in doc.actors.between(c.start, act if act is not None else c.start)
                if a.entity not in c.asserted_by and not doc.actors.is_prepositional(a, c.start)
            ),
            None,
        )
        if target is None or VERB_FIRST.match(doc.text, c.start):
            # "(Hal tersebut) melanggar sanksi PBB": a proposition without its own subject
            # goes on with an earlier claim, whose accusation is already told
            continue
        cue = doc.text[sent.start : c.start].split()
        ev = Event("ACCUSE", sent.start, sent.end, cue[-1] if cue else "", source, target)
        ev.confidence = 0.5
        out.append(finish(doc, ev, sent, c.start, c.start))
    return out


def _alleged_act(doc: Doc, c: Claim) -> int | None:
    """Where the claim tells an act or a wrongdoing ("menuduh X memasok senjata", "X terlibat
    korupsi"), not a report that "tersangka ditemukan tewas"; None: no act."""
    alt, table = lexicon()
    act = next(
        (m.start() for m in alt.finditer(doc.text, c.start, c.end) if table[alt.row(m)][1] in ALLEGED), None
    )
    wrong = WRONGDOING.search(doc.text, c.start, c.end)
    if wrong is not None and (act is None or wrong.start() < act):
        return wrong.start()
    return act


def find_events(article: Article, background_days: int = 60) -> list[Event]:
    if len(SPORTS.findall(article.text[:20000].lower())) >= SPORTS_MIN:
        return []  # "Jepang menggempur pertahanan Indonesia": a match report, no political event
    doc = Doc(article, background_days)
    events = from_triggers(doc)
    events += from_claims(doc, article.claims, events)
    events.sort(key=lambda e: e.start)
    events = merge_retold(events, doc.actors.names)
    register_groups(doc, events)
    return events


RETOLD_WINDOW = 600  # characters: a retelling follows within a paragraph or two


def merge_retold(events: list[Event], names: dict[str, str] | None = None) -> list[Event]:
    """One event told twice ("terlibat baku tembak dengan KKB" ... "Kontak tembak antara
    polisi dan KKB terjadi pada Senin (9/6)") is kept once, with the date either telling
    gives; reports with different dates stay apart.  Actors are the same when their ids or
    their names (``names``: id -> name; a group and a mention of "KKB") are."""
    names = names or {}

    def key(e: Event) -> tuple:
        who = [(names.get(a or "", a) or "").lower() for a in (e.source, e.target)]
        return (e.type, *who, e.modality)

    out: list[Event] = []
    for e in events:
        prev = next((p for p in reversed(out) if key(p) == key(e)), None)
        if prev is None or e.start - prev.start > RETOLD_WINDOW:
            out.append(e)
        elif prev.date is None and e.date is not None:
            prev.date, prev.precision, prev.background = e.date, e.precision, e.background
            prev.confidence = max(prev.confidence, e.confidence)
        elif e.date is not None and e.date != prev.date:
            out.append(e)
    return out


def register_groups(doc: Doc, events: list[Event]) -> None:
    """A generic actor an event names becomes an entity of the article, so that every
    event actor is an ``Entity.id`` (the groups no event uses are not kept)."""
    for e in events:
        for gid in (e.source, e.target):
            g = doc.groups.get(gid or "")
            if g is not None and gid not in doc.article.entities:
                doc.article.entities[g.id] = Entity(g.id, g.name, g.type, list(g.aliases))
