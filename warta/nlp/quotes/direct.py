"""Direct quotes: the words between marks, and their speaker.

The speaker comes from a cue after the quote ("kata Peskov", "lanjutnya", "tulis
pemimpin Rusia tersebut", "demikian pernyataan Kementerian Kesehatan Lebanon",
'" Eva menegaskan.'), from a cue before it ("Korut menyebut klaim tersebut
‘...’"), or from the next sentence ("Hal itu disampaikan Kapolres ...").  A role
before a name ("Juru bicara Kremlin Dmitry Peskov") gives the name.  Pronouns,
"-nya" and anaphors ("pemimpin Rusia tersebut") take the previous speaker.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from warta.model import Quote, Span
from warta.nlp.claims import Actor, name_run
from warta.nlp.lexicon import Alternation
from warta.nlp.quotes.context import Cand, Context
from warta.nlp.quotes.speakers import clean_name, false_person, name_after

_SKIP_LEAD = re.compile(r"[\s,\\]*")
# Where the speaker phrase after a cue verb ends: punctuation (not the period of a title or an
# initial: "Dr. Haidong Zhu", "M. Fanshurullah"), or a lower-case preposition ("Menteri Dalam
# Negeri" goes on).
_PHRASE_END = re.compile(
    r"[,;:!?\u201c\u201d\"\u2018\u2019\n]|(?<!\b[A-Z])(?<!\b[Dd]r)(?<!\bIr)(?<!Prof)(?<!\bHj)(?<!\bKH)(?<!drg)(?<!\bNy)\."
    r"|\((?![A-Za-z][\w .-]{0,20}\))|\s(?:dalam|menurut|seperti|kepada|di|saat|ketika|melalui|"
    r"sembari|sambil|dikutip|dilansir|mengutip|pada|usai|seusai|setelah|sebelum|yang|lewat|via|ketika|selaku|sebagai)\b",
)
_ANAPHOR = re.compile(r"\b(?:tersebut|itu|ini)\s*$", re.IGNORECASE)
# A relative clause ending in a pointer back: "kata wanita| yang akrab disapa Ami ini kepada ...".
_DESCRIBED_BY_CLAUSE = re.compile(
    r"\s+yang\s[^,.;:!?\n\"\u201c\u201d]{1,60}?\s(?:ini|itu|tersebut)(?=\s*[,.;]|\s+(?:kepada|saat|ketika|di|dalam|usai|seusai|pada|melalui)\b)"
)
_LOOKAHEAD = re.compile(r"\(\?[=!].*\)$")
_PRONOUN_HEAD = re.compile(r"^(?:dia|ia|beliau|mereka)\b", re.IGNORECASE)
_BEFORE_CUE = re.compile(
    r"(?:\b(?:menyebut(?:nya|kan)?|menilai|menggambarkan|menulis|bertanya|berkata|mengatakan|"
    r"menyatakan|menegaskan)\b[^.\u201c\"\u2018]{0,60}|:\s*)$",
    re.IGNORECASE,
)
# "dikutip dari siaran pers MTI": the document quoted is the speaker's
_SOURCE_DOC = re.compile(
    r"\s+dari\s+(?:siaran\s+pers|pernyataan|keterangan(?:\s+(?:tertulis|resmi|pers))?|rilis|laman\s+resmi)\s+",
    re.IGNORECASE,
)
# Words that start a date or a place after a comma, not a name ("kata polisi, Senin (10/6)").
_NOT_NAME = re.compile(
    r"(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad|Kemarin|Hari|Pada|Di|Saat|Usai)\b"
)
# A relation before a person's name: the speaker is someone else, unnamed.
_RELATIVE = re.compile(
    r"\b(?:kuasa hukum|pengacara|istri|suami|anak|ayah|ibu|kakak|adik|keluarga|kerabat|rekan|teman|"
    r"tetangga|sahabat|ajudan|penasihat hukum|tim hukum|tim kuasa hukum)\s+$",
    re.IGNORECASE,
)
_AGE = re.compile(r"\s*\(\d{1,3}(?:\s*tahun)?\)")
_AND = re.compile(r"(?:dan|serta)\s+[A-Z]")
# A subject and a speech verb right after a quote: '" Eva menegaskan.', '" dia menambahkan.'
_INVERTED = re.compile(
    r"([^,.;:!?\n\u201c\u201d\"]{1,60}?)\s+(?:juga\s+)?(\w+)(?=\s*(?:\.|$|,\s*(?:Senin|Selasa|Rabu|Kamis|"
    r"Jumat|Sabtu|Minggu|di|saat|dalam|kepada|ketika|usai)\b))",
    re.IGNORECASE,
)
# A title or a name in marks ("From Co-Pilot to Strategic Catalyst"): most words capitalised.
_CAPWORD = re.compile(r"\b[A-Z]")
_TITLE_BEFORE = re.compile(
    r"\b(?:tema|bertema|bertajuk|berjudul|judul|sesi|program|slogan|tagline|lagu|film|album|buku|"
    r"acara|gerakan|kampanye|istilah|julukan|sebutan|disebut|dijuluki|bernama|seperti|atau|dan)\W*$",
    re.IGNORECASE,
)


@cache
def _own_rows(kind: str) -> tuple[str, ...]:
    text = resources.files(__package__).joinpath("cues.tsv").read_text(encoding="utf-8")
    return tuple(
        cells[0].strip()
        for line in text.splitlines()
        if line.strip() and not line.startswith("#")
        for cells in [line.split("\t")]
        if len(cells) > 1 and cells[1].strip() == kind
    )


@cache
def _table(kind: str) -> Alternation:
    pats = list(_own_rows(kind))
    if kind in ("after", "say"):
        pats += _lexicon_rows(kind)
    return Alternation(pats)


@cache
def _longest_first(kind: str) -> tuple[str, ...]:
    return tuple(sorted(_own_rows(kind), key=len, reverse=True))


def noun_head(phrase: str, kind: str) -> str | None:
    """The document ("surat edaran") or thing ("hal") noun that opens a phrase pointing
    back ("surat edaran tersebut"), or None."""
    if not _ANAPHOR.search(phrase):
        return None
    low = phrase.lower()
    for noun in _longest_first(kind):
        if low.startswith(noun) and (len(low) == len(noun) or not low[len(noun)].isalnum()):
            return noun
    return None


@cache
def _lexicon_rows(kind: str) -> list[str]:
    from warta.nlp.lexicon import rows

    return [r[0] for r in rows("cues.tsv") if r[1] == kind]


@cache
def _say_verbs() -> frozenset[str]:
    from warta.nlp.lexicon import rows

    verbs = (_LOOKAHEAD.sub("", r[0]).lower() for r in rows("cues.tsv") if r[1] == "say")
    return frozenset(v for v in verbs if v.isalpha())  # "menyampaikan(?=,|...)": the verb alone


def _goes_on(ctx: Context, para: Span, o: int, qs: int, qe: int) -> bool:
    """A short whole sentence in marks after another quote of its paragraph: \"...,\" ujarnya.
    \"Akan ada semacam pertarungan politik.\" goes on with the same speaker (a term in marks
    is no sentence)."""
    text = ctx.text
    if not (text[qs].isupper() and text[qe - 1] in ".!?"):
        return False
    return any(para.start <= a and b <= o for a, b in ctx.quoted)


def find_direct(ctx: Context, para: Span, o: int, c: int, closed: bool) -> Cand | None:
    text = ctx.text
    qs, qe = o + 1, c
    while qs < qe and (text[qs].isspace() or text[qs] == "\\"):
        qs += 1
    while qe > qs and (text[qe - 1].isspace() or text[qe - 1] == "\\"):
        qe -= 1
    words = len(text[qs:qe].split())
    if words == 0:
        return None
    quote = Quote(qs, qe, text[qs:qe])
    sent = ctx.sentence(o)
    after = _SKIP_LEAD.match(text, c + 1, para.end).end() if closed else para.end  # type: ignore[union-attr]
    if closed:
        cue = _table("after").regex.match(text, after, para.end)
        if cue:
            return _after_cue(ctx, quote, cue, para)
        doc = _table("doc").regex.match(text, after, para.end)
        if doc:
            return _named_after(ctx, quote, doc, para)
        inv = _inverted(ctx, quote, after, para)
        if inv is not None:
            return inv
    if _is_title(text, para, o, qs, qe, words):
        return None
    if not text[para.start : o].strip():
        lead = _colon_lead(ctx, quote, para.start)
        if lead is not None:
            return lead
    before = _BEFORE_CUE.search(text[max(sent.start, o - 90) : o])
    if before:
        verb_at = max(sent.start, o - 90) + before.start()
        quote.cue_start, quote.cue_end = verb_at, o
        head = ctx.clause_subject(verb_at, sent.start)
        pronoun = head is None and ctx.actors.pronoun_before(verb_at, sent.start)
        if pronoun:  # "Rubio mengumumkan ... . Ia menyebut ...": the subject before, not the last speaker
            prev = ctx.previous_subject(sent)
            head = prev if isinstance(prev, Actor) else None
        if head is not None:
            ctx.set_speaker(quote, head)
        quote.channel = ctx.channel_in(sent.start, o)
        quote.date = ctx.date_in(sent.start, o)
        return Cand(quote, needs_prev=head is None and pronoun)
    if words >= 6 or (words >= 3 and _goes_on(ctx, para, o, qs, qe)):
        # a quote without a cue: named in the next sentence, else the previous speaker's
        nxt = _next_sentence(ctx, quote, c + 1 if closed else para.end)
        return nxt or Cand(quote, needs_prev=True)
    return None  # short words in marks: a term or scare quotes


def _colon_lead(ctx: Context, quote: Quote, para_start: int) -> Cand | None:
    """A paragraph that is a quote, after a paragraph ending with a colon ("NME
    menulis:"): the speaker is that sentence's subject."""
    text = ctx.text
    lo = max(0, para_start - 20)
    colon = lo + len(text[lo:para_start].rstrip()) - 1
    if colon < 0 or text[colon] != ":":
        return None
    sent = ctx.sentence(colon)
    quote.cue_start, quote.cue_end = sent.start, colon + 1
    head = ctx.actors.subject_before(colon, sent.start)
    if head is not None and not false_person(ctx.article, head):
        if not name_in_role(ctx, quote, head.end, colon):
            ctx.set_speaker(quote, head)
        return Cand(quote)
    if ctx.actors.pronoun_before(colon, sent.start):
        return Cand(quote, needs_prev=True)
    quote.cue_start = quote.cue_end = None
    return None


def _is_title(text: str, para: Span, o: int, qs: int, qe: int, words: int) -> bool:
    """A title, name or term in marks, not speech: mostly capitalised words, or after "bertajuk"."""
    if (
        words <= 12
        and text[qe - 1 : qe] not in ".,!?"
        and _TITLE_BEFORE.search(text, max(para.start, o - 30), o)
    ):
        return True
    caps = len(_CAPWORD.findall(text, qs, qe))
    return 3 <= words <= 10 and caps >= words - 1 and text[qe - 1 : qe] not in ".,!?"


def _after_cue(ctx: Context, quote: Quote, cue: re.Match[str], para: Span) -> Cand:
    text = ctx.text
    quote.cue_start, quote.cue_end = cue.start(), cue.end()
    p_end = _phrase_end(ctx, cue.end(), para)
    phrase = text[cue.end() : p_end].strip()
    sent = ctx.sentence(cue.start())
    clause_end = max(sent.end, p_end)
    quote.channel = ctx.channel_in(cue.start(), clause_end)
    quote.date = ctx.date_in(cue.end(), clause_end)
    verb = cue.group().lower()
    if verb == "dikutip":
        src = _SOURCE_DOC.match(text, cue.end(), para.end)
        if src is None:
            return Cand(quote, needs_prev=True)  # "dikutip dari X" names the outlet, not the speaker
        return _named(ctx, quote, src.end(), min(para.end, src.end() + 60), last=False)
    if verb.endswith("nya") and verb != "tanya":
        return Cand(quote, needs_prev=True)
    doc = noun_head(phrase, "document")
    if doc is not None:  # "tulis pernyataan itu": the statement's author
        author = ctx.document_author(doc, ctx.sentence(quote.start))
        if author is not None:
            ctx.set_speaker(quote, author)
        return Cand(quote)
    if _PRONOUN_HEAD.match(phrase) or _ANAPHOR.search(phrase) or not phrase:
        return Cand(quote, needs_prev=True)  # "kata dia", "tulis pemimpin Rusia tersebut"
    if phrase[:1].islower() and _DESCRIBED_BY_CLAUSE.match(text, p_end, para.end):
        return Cand(quote, needs_prev=True)  # "kata wanita yang akrab disapa Ami ini kepada ..."
    cand = _speaker_in(ctx, quote, cue.end(), p_end)
    if phrase[:1].islower() and quote.speaker is None and not quote.speaker_name:
        apposed(ctx, quote, cue.end(), sent.end)
    return cand


_CLAUSE_BREAK = re.compile(r"[.;:!?\u201c\u201d\"\n]")


def apposed(ctx: Context, quote: Quote, start: int, end: int) -> bool:
    """A lower-case role, then its holder after a comma: "ucap ilmuwan di balik studi tersebut,
    Jan Havlicek", "Menurut profesor psikologi di University of Stirling, Skotlandia, Craig
    Roberts": the first person's name among up to three comma-separated runs."""
    text = ctx.text
    pos = start
    for _ in range(3):
        comma = text.find(",", pos, min(end, pos + 100))
        if comma < 0 or _CLAUSE_BREAK.search(text, pos, comma):
            return False
        nxt = _SKIP_LEAD.match(text, comma + 1, end).end()  # type: ignore[union-attr]
        if not text[nxt : nxt + 1].isupper() or _NOT_NAME.match(text, nxt):
            return False
        run = name_run(text, nxt, min(end, nxt + 60), last=False)
        if run is None or run[0] != nxt:
            return False
        known = [a for a in ctx.actors.between(run[0], run[1]) if a.type == "person"]
        if known and not false_person(ctx.article, known[-1]):
            ctx.set_speaker(quote, known[-1])
            return True
        name = text[run[0] : run[1]]
        if (
            " " in name
            and not ctx.actors.between(run[0], run[1])
            and name_after(ctx.article, run[0], run[1]) == run
        ):
            quote.speaker_name = clean_name(name)
            return bool(quote.speaker_name)
        pos = run[1]
    return False


def _phrase_end(ctx: Context, start: int, para: Span) -> int:
    """End of the speaker phrase; past a role's commas to the name that follows
    ("ujar Ketua Federasi ... (FSPKEP), Rudi Sahrudin", "kata Kepala Dinas X, Nyono")."""
    text = ctx.text
    limit = min(para.end, start + 160)  # long titles: "kata Plt Ketua Subkomite ... (KNKT) Ahmad Wildan"
    end_m = _PHRASE_END.search(text, start, limit)
    p_end = end_m.start() if end_m else limit
    if not (end_m and end_m.group() == ","):
        return p_end
    if _has_person(ctx, start, p_end):
        return p_end
    for _ in range(4):
        nxt = _SKIP_LEAD.match(text, p_end + 1, para.end).end()  # type: ignore[union-attr]
        if not (text[nxt : nxt + 1].isupper() or _AND.match(text, nxt)) or _NOT_NAME.match(text, nxt):
            break
        more = _PHRASE_END.search(text, nxt, min(para.end, nxt + 80))
        p_end = more.start() if more else min(para.end, nxt + 80)
        if not more or more.group() != "," or _has_person(ctx, start, p_end):
            break
    return p_end


def _has_person(ctx: Context, start: int, end: int) -> bool:
    found = ctx.actors.between(start, end)
    return any(a.type == "person" and not false_person(ctx.article, a) for a in found)


def _speaker_in(ctx: Context, quote: Quote, start: int, end: int) -> Cand:
    """The speaker in a phrase after a cue: the last person (a role comes before the name),
    else the first actor, else a known name or a capitalised run."""
    in_phrase = [
        a
        for a in ctx.actors.between(start, end)
        if not ctx.actors.is_name_part(a) and not false_person(ctx.article, a)  # "Kabid Humas": no "Humas"
    ]
    persons = [a for a in in_phrase if a.type == "person"]
    if persons:
        if _RELATIVE.search(ctx.text, max(start, persons[-1].start - 30), persons[-1].start):
            return Cand(quote)  # "tanya kuasa hukum Denden": the lawyer, who is not named
        if not name_in_role(ctx, quote, persons[-1].end, end):
            ctx.set_speaker(quote, persons[-1])
        return Cand(quote)
    comma = ctx.text.rfind(",", start, end)
    last = in_phrase[-1] if len(in_phrase) > 1 else None
    if last is not None and last.start > comma >= 0 and not ctx.text[comma + 1 : last.start].strip():
        ctx.set_speaker(quote, in_phrase[-1])  # "ujar Direktur PT ADM, Sri Agung Handayani"
        return Cand(quote)
    if in_phrase and comma >= in_phrase[-1].end:
        # "ucap Konjen RI untuk Noumea, Bambang Gunawan": the name after the role's comma;
        # one word will do with an age after it ("warga asal Wonosari, Suwarni (42)")
        run = name_run(ctx.text, comma + 1, end, last=True)
        named = run is not None and (" " in ctx.text[run[0] : run[1]] or bool(_AGE.match(ctx.text, run[1])))
        if run is not None and named and not ctx.text[comma + 1 : run[0]].strip():
            quote.speaker_name = clean_name(ctx.text[run[0] : run[1]])
            return Cand(quote)
    if in_phrase and name_in_role(ctx, quote, in_phrase[-1].end, end):
        return Cand(quote)  # "Kasi Humas Polresta Bogor Kota Iptu Eko Agus"
    if in_phrase:
        ctx.set_speaker(quote, in_phrase[0])
        return Cand(quote)
    return _named(ctx, quote, start, end)


def name_in_role(ctx: Context, quote: Quote, start: int, end: int) -> bool:
    """Set the speaker to the name that ends a role phrase after ``start``
    ("Polresta Bogor Kota Iptu Eko Agus"): a known person by an alias, else the name."""
    tail = name_after(ctx.article, start, end)
    if tail is None:
        return False
    known = ctx.actors.named_in(*tail)
    if known is not None and known.type == "person":
        ctx.set_speaker(quote, known)
    elif known is not None and ctx.text[tail[0] : tail[1]].lower() == known.text:
        return False  # "CEO Xiaomi": an organisation of the article, no name
    else:
        quote.speaker, quote.speaker_name = None, ctx.text[tail[0] : tail[1]]
    return True


def _named_after(ctx: Context, quote: Quote, cue: re.Match[str], para: Span) -> Cand:
    """ "demikian pernyataan Kementerian Kesehatan Lebanon": the statement's author."""
    quote.cue_start, quote.cue_end = cue.start(), cue.end()
    p_end = _phrase_end(ctx, cue.end(), para)
    sent = ctx.sentence(cue.start())
    quote.channel = ctx.channel_in(cue.start(), max(sent.end, p_end))
    quote.date = ctx.date_in(cue.end(), max(sent.end, p_end))
    return _speaker_in(ctx, quote, cue.end(), p_end)


def _inverted(ctx: Context, quote: Quote, after: int, para: Span) -> Cand | None:
    """'"...," Eva menegaskan.' / '" dia menambahkan.': subject and speech verb after the quote."""
    m = _INVERTED.match(ctx.text, after, para.end)
    if m is None or m.group(2).lower() not in _say_verbs():
        return None
    subj = m.group(1).strip()
    if len(subj.split()) > 6:
        return None
    quote.cue_start, quote.cue_end = m.start(2), m.end(2)
    if _PRONOUN_HEAD.match(subj) or _ANAPHOR.search(subj):
        return Cand(quote, needs_prev=True)
    cand = _speaker_in(ctx, quote, m.start(1), m.end(1))
    return cand if quote.speaker or quote.speaker_name else None


def _next_sentence(ctx: Context, quote: Quote, pos: int) -> Cand | None:
    """The sentence right after an uncued quote names its speaker: "Hal itu disampaikan X"."""
    text = ctx.text
    start = _SKIP_LEAD.match(text, pos, min(len(text), pos + 10)).end()  # type: ignore[union-attr]
    cue = _table("next").regex.match(text, start, min(len(text), start + 200))
    if cue is None:
        return None
    sent = ctx.sentence(cue.start())
    para = Span(cue.start(), sent.end)
    quote.cue_start, quote.cue_end = cue.start(), cue.end()
    p_end = _phrase_end(ctx, cue.end(), para)
    quote.channel = ctx.channel_in(cue.start(), sent.end)
    quote.date = ctx.date_in(cue.end(), sent.end)
    phrase = text[cue.end() : p_end].strip()
    if _PRONOUN_HEAD.match(phrase) or _ANAPHOR.search(phrase) or not phrase:
        return Cand(quote, needs_prev=True)
    return _speaker_in(ctx, quote, cue.end(), p_end)


def said_by(ctx: Context, sent: Span) -> Actor | None:
    """The person a sentence opening with "Hal itu disampaikan ..." names, or None."""
    cue = _table("next").regex.match(ctx.text, sent.start, sent.end)
    if cue is None:
        return None
    p_end = _phrase_end(ctx, cue.end(), sent)
    persons = [a for a in ctx.actors.between(cue.end(), p_end) if a.type == "person"]
    return persons[-1] if persons and not false_person(ctx.article, persons[-1]) else None


def _named(ctx: Context, quote: Quote, start: int, end: int, last: bool = True) -> Cand:
    """Speaker by an alias of a known actor, else by a capitalised name (``speaker_name`` only)."""
    known = ctx.actors.named_in(start, end)
    if known is not None and not false_person(ctx.article, known):
        if _RELATIVE.search(ctx.text, max(start, known.start - 30), known.start):
            return Cand(quote)  # "tanya kuasa hukum Denden": the lawyer, who is not named
        ctx.set_speaker(quote, known)
        return Cand(quote)
    run = name_run(ctx.text, start, end, last)
    if run is not None and not _RELATIVE.search(ctx.text, max(start, run[0] - 30), run[0]):
        quote.speaker_name = clean_name(ctx.text[run[0] : run[1]])
        if quote.speaker_name is None:  # "kata Kapolres": the Kapolres named before
            holder = ctx.role_holder(ctx.text[run[0] : run[1]], run[0])
            if holder is not None:
                ctx.set_speaker(quote, holder)
    return Cand(quote)
