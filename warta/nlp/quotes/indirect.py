"""Indirect speech: "X mengatakan (bahwa) ...", "Menurut X, ...", "Saat ini, kata Ririn, ..."."""

from __future__ import annotations

import re

from warta.model import Quote, Span
from warta.nlp.claims import ADVERBS, PREPOSITIONS, Actor
from warta.nlp.quotes.context import PREV, UNNAMED, Cand, Context
from warta.nlp.quotes.direct import _named, _table, apposed, name_in_role, noun_head
from warta.nlp.quotes.speakers import clean_name, false_person, roles

# "Saat ini, kata Ririn, ...", "Ketiga, lanjut Wildan, ...", "Menurutnya, ...", "Menurut hasil
# investigasi KNKT, ...", "Diungkapkan Fikri, ...": a speech cue and its speaker framing the sentence.
_LEAD_CUE = re.compile(
    r"(?:[^,.\n\u201c\u201d\"]{1,40},\s+)?(kata|ujar|lanjut|jelas|tambah|imbuh|tutur|ungkap|terang|tegas|"
    r"papar|sebut|menurut|di(?:ungkap|jelas|sampai|kata|tegas|terang|tutur)kan)(nya)?\b\s*"
    r"([^,.\n\u201c\u201d\"]{0,80}?),\s+",
    re.IGNORECASE,
)
# The role's holder named after it: "Menurut Kepala BPBD, Dian Wiriyawan, ..."
_APPOSITION = re.compile(r"([A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|bin|binti|van|de)){0,4}),\s+")
# A speech marker inside the sentence: "menurutnya" / "menurut dia" (the last speaker), or an
# aside between commas naming the speaker (", kata Ririn,", ", disebut Hotman,").
# (What stands before it, a space or a comma, is checked in code: a lookbehind would make the
# regex try every position of the article.)
_ASIDE = re.compile(
    r"\b(?:(menurut(?:nya|\s+(?:dia|ia|beliau))\b)\s*,?\s*"
    r"|(?:kata|ujar|disebut|menurut)\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,3}),\s*)"
)
_ASIDE_WORDS = ("menurut", "kata ", "ujar ", "disebut ")
# A common noun subject after a fronted phrase's comma: "..., pemilik kios mengakui".
_COMMON_SUBJECT = re.compile(
    r",\s+(?!(?:yang|juga|pun|sementara|kemudian|lalu|selanjutnya|pula|dia|ia|mereka|beliau|kata|ujar|dengan|"
    r"secara|saat|ketika|dalam|di|pada|usai|setelah|sebelum|sambil|kepada|melalui|lewat|selaku|sebagai)\b)"
    r"[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*$"
)
# A person's role in apposition before the verb: "Lei Jun selaku Chief Executive Officer (CEO) ".
_IN_ROLE = re.compile(r"\s*,?\s*(?:selaku|sebagai)\s+[^.,;:!?\n]{0,80}$")
_RELATIVE_YANG = re.compile(r"\byang\s+$")
_PURPOSE = re.compile(r"(?<![\w-])(?:untuk|guna|tanpa|harus|mesti|wajib)\s+$", re.IGNORECASE)
# Capitalised words at a sentence's start that open no subject: a conjunction, the writer.
_NO_SUBJECT = frozenset(
    "setelah sebelum saat ketika usai seusai sambil sembari agar supaya demi jika bila apabila karena "
    "sejak hingga sampai meski meskipun walau walaupun saya aku kami kita".split()
)
# The comma-separated runs of a role's place and holder before the reported words.
_HOLDER_THEN = re.compile(r"(?:[A-Z][\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|bin|binti|van|de|of)){0,5},\s+){1,3}")
_THEY = re.compile(r"\bmereka\b[\w\s,]{0,20}$", re.IGNORECASE)
_PRONOUN_ONLY = re.compile(r"^(?:dia|ia|beliau|mereka)$", re.IGNORECASE)
_TRAIL_ANAPHOR = re.compile(r"\b(?:itu|tersebut)$", re.IGNORECASE)
# Words that make "... itu" a time ("saat itu"), not a description of the speaker.
_TIME_WORDS = frozenset(
    "saat waktu ketika kala kesempatan hari sejak pada dalam usai setelah sebelum".split()
)
# "X, seperti dilansir Reuters, Selasa (10/6/2025), menyebut": the outlet passing it on is
# no speaker, the subject stands before the aside.
_WIRE_ASIDE = re.compile(
    r",\s*(?:seperti|sebagaimana)\s+(?:di)?(?:lansir|kutip|laporkan|beritakan)(?:kan)?\b[^,]{0,60}"
    r"(?:,\s*[A-Z][a-z]+\s*\([\d/]+\))?,\s*$"
)
_CITING = re.compile(r"\s+yang\s+mengutip\s+[^,.]{1,50},?\s*$")
_THAT = re.compile(r"\s*(?:,\s*)?(?:bahwa\s+|:\s*)?", re.IGNORECASE)
# A capitalised name of two words or more right before the verb ("KCIC Eva Chairunisa mengatakan").
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w'-]+\s+){1,3}[A-Z][\w'-]+,?\s*$")
# Capitalised words (a role's organisation and a name) between an actor and its verb.
_ROLE_WORDS = re.compile(r"(?:[\s,]+(?:\([^()]{1,15}\)|[A-Z][\w'.-]*))+[\s,]*")
_ROLE_GAP = re.compile(r"[\s,]*(?:\([^()]{1,15}\))?[\s,]*")


def find_indirect(ctx: Context, sent: Span) -> list[Cand]:
    lead = _lead(ctx, sent)
    if lead is not None:
        return [lead]
    text = ctx.text
    for m in _table("say").finditer(text, sent.start, sent.end):
        if _PURPOSE.search(text, max(sent.start, m.start() - 8), m.start()):
            continue  # "dibutuhkan untuk menerangkan kasus": an aim, not speech
        content = _content(text, m.end(), sent.end)
        if content is None:
            continue
        quote = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
        quote.cue_start, quote.cue_end = m.start(), m.end()
        head, pronoun = _subject(ctx, quote, sent, m.start())
        if head is None and not pronoun and quote.speaker is None and quote.speaker_name is None:
            continue
        if head is not None:
            ctx.set_speaker(quote, head)
        quote.date = ctx.date_in(head.start if head else sent.start, content[0])
        quote.channel = ctx.channel_in(sent.start, m.start())
        return [Cand(quote, needs_prev=pronoun and head is None)]  # one reported statement per sentence
    aside = _aside(ctx, sent)
    return [aside] if aside is not None else []


def _aside(ctx: Context, sent: Span) -> Cand | None:
    """Speech marked inside its sentence: "Saat ini pun menurutnya masih ada kecenderungan ...",
    "Padahal kepastian hukum menurut dia harus ...", "Selain itu, seluruh aktivitas di
    e-katalog, disebut Hotman, juga diawasi ...": the reported words are the rest of the sentence."""
    text = ctx.text
    m = ctx.aside_in(_ASIDE, _ASIDE_WORDS, sent.start + 1, sent.end)
    if m is None or ctx.in_quote(m.start()):
        return None
    before = text[max(sent.start, m.start() - 8) : m.start()]
    if not before[-1:].isspace() or (m.group(2) and not before.rstrip().endswith(",")):
        return None  # "menurutnya" after a space; "kata Ririn" as an aside between commas
    if _RELATIVE_YANG.search(before):
        return None  # "aplikasi bernama Saily, yang menurutnya sangat membantu": an aside on a noun
    content = _content(text, m.end(), sent.end)
    if content is None:
        return None
    q = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
    q.cue_start, q.cue_end = m.start(), m.end(1) if m.group(1) else m.end(2)
    if m.group(2):  # "disebut Hotman,"
        cand = _named(ctx, q, m.start(2), m.end(2), last=True)
        return cand if q.speaker or q.speaker_name else None
    return Cand(q, needs_prev=True)


def _subject(ctx: Context, quote: Quote, sent: Span, verb: int) -> tuple[Actor | None, bool]:
    """The speaker before a reporting verb, and whether it is a pronoun to resolve later."""
    text = ctx.text
    if _described(ctx, sent.start, verb):
        phrase = text[max(sent.start, text.rfind(",", sent.start, verb) + 1) : verb].strip()
        doc = noun_head(phrase, "document")
        if doc is not None:  # "Surat itu menyatakan": the letter's author
            author = ctx.document_author(doc, sent)
            if author is None:
                quote.speaker_name = UNNAMED  # kept, with no speaker
            return author, False
        if noun_head(phrase, "thing") is not None:
            return None, False  # "Hal ini menegaskan ...": no one speaks
        prev = ctx.previous_subject(sent)
        return (prev, False) if isinstance(prev, Actor) else (None, True)
    aside = _WIRE_ASIDE.search(text, sent.start, verb)
    if aside:
        verb = aside.start()
    cited = _CITING.search(text, sent.start, verb)
    if cited:  # "Laporan ORF yang mengutip kepolisian setempat, menyebut": ORF speaks
        verb = cited.start()
    if ctx.actors.pronoun_before(verb, sent.start):
        prev = ctx.previous_subject(sent)
        if prev is None and _THEY.search(text, max(sent.start, verb - 30), verb):
            # "Para mantan diplomat ... menyatakan keprihatinan. Mereka menilai ...": a group
            # the sentence before named by a common noun, not the last speaker
            quote.speaker_name = UNNAMED
            return None, False
        return (prev, False) if isinstance(prev, Actor) else (None, True)
    head = ctx.actors.subject_before(verb, sent.start)
    if head is not None and head.type != "person":
        holder = _holder_before(ctx, sent.start, head.start)
        head = holder or head  # "Lei Jun selaku CEO Xiaomi mengatakan": Lei Jun, not Xiaomi
    if head is not None and _COMMON_SUBJECT.search(text, head.end, verb):
        quote.speaker_name = UNNAMED  # "Berdasarkan pemeriksaan Polres Lumajang, pemilik kios mengakui"
        return None, False
    if head is None:
        named = _subject_name(ctx, sent.start, verb)
        if isinstance(named, Actor):
            return named, False
        if named == PREV:
            return None, True
        quote.speaker_name = named
        return None, False
    gap = text[head.end : verb]
    run = _NAME_BEFORE.search(gap)
    if run and _ROLE_GAP.fullmatch(gap, 0, run.start()) and not ctx.actors.between(head.end, verb):
        # "Ketua DPRD Cilegon Rizki Khairul Ikhwan mengatakan": the organisation is the role's;
        # "General Manager KCIC Eva Chairunisa": the recogniser missed the name
        quote.speaker_name = clean_name(run.group().strip(" ,"))
        return None, False
    if _ROLE_WORDS.fullmatch(gap) and name_in_role(ctx, quote, head.end, verb):
        # "Ketua Umum BPP HIPMI Pusat Akbar Himawan Buchari mengatakan"
        return None, False
    if false_person(ctx.article, head):  # "Kapolresta mengatakan": the official named before
        found = ctx.role_holder(text[head.start : head.end], sent.start)
        if isinstance(found, str):
            quote.speaker_name = found
            return None, False
        return (found, False) if found else (None, True)
    return head, False


def _holder_before(ctx: Context, start: int, pos: int) -> Actor | None:
    """The person whose role "selaku ..." / "sebagai ..." runs up to ``pos``, or None."""
    for a in reversed(ctx.actors.between(start, pos)):
        if a.type == "person":
            m = _IN_ROLE.match(ctx.text, a.end, pos)
            return a if m and not false_person(ctx.article, a) else None
    return None


def _described(ctx: Context, start: int, verb: int) -> bool:
    """True when the subject is a description pointing back ("Jenderal polisi bintang tiga
    ini menegaskan", "Komisioner Komnas Perempuan ini menilai"): the speaker named before."""
    text = ctx.text
    start = max(start, text.rfind(",", start, verb) + 1)
    words = text[start:verb].lower().split()
    while words and words[-1] in ADVERBS:
        words.pop()
    if not 2 <= len(words) <= 7 or words[-1] not in ("ini", "itu", "tersebut"):
        return False
    if _TIME_WORDS.intersection(words):
        return False
    return not any(a.type == "person" for a in ctx.actors.between(start, verb))


def _lead(ctx: Context, sent: Span) -> Cand | None:
    text = ctx.text
    m = _LEAD_CUE.match(text, sent.start, sent.end)
    content = _content(text, m.end(), sent.end) if m else None
    if m is None or content is None:
        return None
    who = m.group(3).strip()
    named = _APPOSITION.match(text, content[0], content[1])
    if named and who[:1].isupper() and not m.group(2):
        # "Menurut Danton Satgas BPBD Kota Tangerang Selatan, Dian Wiriyawan, insiden ..."
        content = _content(text, named.end(), sent.end)
        if content is None:
            return None
        q = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
        q.cue_start, q.cue_end = m.start(1), named.end(1)
        if not name_in_role(ctx, q, named.start(1), named.end(1)):
            return None
        return Cand(q)
    if named and who[:1].islower() and not m.group(2) and not _PRONOUN_ONLY.match(who):
        # "Menurut profesor psikologi di University of Stirling, Skotlandia, Craig Roberts, ..."
        q = Quote(content[0], content[1], "", direct=False)
        if apposed(ctx, q, m.end(3), content[1]):
            holder = _HOLDER_THEN.match(text, content[0], content[1])
            got = _content(text, holder.end(), sent.end) if holder else None
            if got is not None:
                q.start, q.end, q.text = got[0], got[1], text[got[0] : got[1]]
                q.cue_start, q.cue_end = m.start(1), holder.end()  # type: ignore[union-attr]
                return Cand(q)
    q = Quote(content[0], content[1], text[content[0] : content[1]], direct=False)
    q.cue_start, q.cue_end = m.start(1), m.end(3)
    if m.group(2) or _PRONOUN_ONLY.match(who):  # "Menurutnya,", "kata dia,"
        return None if m.group(2) and who else Cand(q, needs_prev=True)
    if not who:
        return None
    found = [a for a in ctx.actors.between(m.start(3), m.end(3)) if not ctx.actors.is_name_part(a)]
    persons = [a for a in found if a.type == "person"]
    if persons or found:
        ctx.set_speaker(q, (persons[-1:] or found)[0])  # "Menurut Kasat Reskrim Polres Garut AKP Joko"
        return Cand(q)
    if _TRAIL_ANAPHOR.search(who):  # "menurut pakar hukum itu"
        return Cand(q, needs_prev=True)
    cand = _named(ctx, q, m.start(3), m.end(3), last=True)
    return cand if q.speaker or q.speaker_name else None


def _subject_name(ctx: Context, start: int, end: int) -> Actor | str | None:
    """A subject the recogniser missed: a known actor written by an alias, a capitalised name
    right before the verb ("Rizki mengatakan"), or PREV for a noun phrase pointing back
    ("Pakar hukum itu bilang")."""
    text = ctx.text
    cut = text.rfind(",", start, end)
    if cut >= 0 and end - cut > 3:
        start = cut + 1  # "Sebelumnya, Yusril mengatakan"
    words = text[start:end].split()
    while words and words[-1].lower() in ADVERBS:
        words.pop()
    if not words or len(words) > 6:
        # "Kapolres Metro Jakarta Timur Kombes Nicolas Ary Lilipaly menambahkan": the name after the rank
        return ctx.ranked_name(start, start + len(text[start:end].rstrip(" ,"))) if words else None
    if _TRAIL_ANAPHOR.search(words[-1]):
        return PREV
    if len(words) <= 4 and all(w[:1].isupper() for w in words):
        first = words[0].lower()
        if first in _NO_SUBJECT or first in PREPOSITIONS:
            return None  # "Setelah menyampaikan ...", "Untuk menegaskan ...", "Saya yakin"
        known = ctx.actors.named_in(start, end)
        if known is not None and not false_person(ctx.article, known):
            return known
        phrase = " ".join(words)
        name = clean_name(phrase)
        if name is None or (first in roles() and name != phrase):
            # "Kapolres menambahkan", "Menko Pangan menyatakan": the holder named before
            return ctx.role_holder(phrase, start) or name or UNNAMED
        return name
    return None


def _content(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _THAT.match(text, start, end)
    start = m.end() if m else start
    while end > start and text[end - 1] in " .;,":
        end -= 1
    return (start, end) if len(text[start:end].split()) >= 3 else None
