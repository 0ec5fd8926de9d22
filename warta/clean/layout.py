"""Read the layout of a scraped page: header, body, captions, furniture.

:func:`analyse` is shared by ``clean.text`` (which keeps the body) and
``meta.text`` (which reads title, date, bylines, captions from the header), so
both stages agree on which line is what.  Every paragraph keeps its raw spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from warta.clean import rules
from warta.clean.lines import Line, Para, join_lines, split_lines

_DOMAIN = r"[A-Za-z0-9-]+(?:\.[A-Za-z]{2,})+"
_PLACE = r"[A-Z][A-Z.'-]+(?:\s+[A-Z][A-Z.'-]+){0,3}|[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+){0,2}"
# "REPUBLIKA.CO.ID, MOSKOW -- ", "JAKARTA, KOMPAS.com - ", "Pyongyang: ", "KOMPAS.com - "
DATELINE = re.compile(
    rf"\**(?:(?P<outlet>{_DOMAIN})\**(?:\s*,\s*|(?=\s*(?:--|–|—|-|:)\s)))?(?P<place>{_PLACE})?(?:\s*,\s*(?P<outlet2>{_DOMAIN}))?"
    r"\**\s*(?P<sep>--|–|—|-|:)\**\s+"
)
_CREDIT_LINE = re.compile(
    r"(?:foto|photo|sumber foto|ilustrasi foto)\s*:\s*(?P<credit>.{2,100})\Z", re.IGNORECASE
)
# Each form with a test its match implies (cheap, so most prose lines skip the lazy regexes).
_CAPTION_FORMS: list[tuple[re.Pattern[str], Callable[[str], bool]]] = [
    (
        re.compile(r"(?P<text>.+?[.!?)\]])\s+(?:foto|photo)\s*:\s*(?P<credit>.{2,100})\Z", re.IGNORECASE),
        lambda t: ":" in t,
    ),
    (re.compile(r"(?P<text>.+?[.!?)\]])\s+/\s*(?P<credit>[^/]{2,80})\Z"), lambda t: "/" in t),
    (
        re.compile(
            r"(?P<text>.+?)\s*\((?:image by|foto|photo|sumber foto)\s*:?\s*(?P<credit>[^)]{2,80})\)\Z",
            re.IGNORECASE,
        ),
        lambda t: t.endswith(")"),
    ),
    (
        re.compile(
            r"(?P<text>[^()]{3,80}?)\s*\((?P<credit>[\w-]+(?:\.[\w-]+)*\.(?:com|id|net|org|tv)[^)]{0,40})\)\Z"
        ),
        lambda t: t.endswith(")"),
    ),
    (re.compile(r"!\[\s*(?P<text>[^\]]*)\]\((?P<credit>)[^)]*\)\Z"), lambda t: t.startswith("![")),
]
_MD_TITLE = re.compile(r"#\s+(?=\S)")
_TOC = re.compile(r"daftar isi\s*:?\Z", re.IGNORECASE)
_LIST_ITEM = re.compile(r"(?:[-*•+]|\d{1,2}[.)])\s")
_LEAD_MERGES = 3  # paragraphs merged into a dateline paragraph cut by links
_CAPTION_MAX = 600  # characters; the longest seed caption has ~260
_HEADER_SPAN = 15  # paragraphs searched for the start of the body


@dataclass
class CaptionInfo:
    text: str
    credit: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Dateline:
    place: str | None
    outlet: str | None
    start: int  # raw span of the whole prefix
    end: int
    place_span: tuple[int, int] | None = None
    outlet_span: tuple[int, int] | None = None


@dataclass
class Layout:
    header: list[Para]
    body: list[Para]
    title: Para | None = None
    standfirst: Para | None = None
    dateline: Dateline | None = None
    captions: list[CaptionInfo] = field(default_factory=list)
    dropped: list[Line] = field(default_factory=list)  # furniture lines, for meta cues
    tail: list[Para] = field(default_factory=list)  # what came after the end marker


def caption_parts(text: str) -> tuple[str, str | None] | None:
    """Caption text and credit when the line has the shape of a photo caption."""
    if len(text) > _CAPTION_MAX:  # a long paragraph is prose; also spares the lazy regexes
        return None
    for form, needs in _CAPTION_FORMS:
        if not needs(text):  # a cheap test each form's match implies: prose skips the regexes
            continue
        m = form.match(text)
        if m and len(rules.words(m["text"])) >= 1:
            return m["text"].strip(), (m["credit"].strip() or None)
    return None


def _filter_lines(lines: list[Line | None], dropped: list[Line], tail: list[Line]) -> list[Line | None]:
    """Drop furniture lines and related-link blocks; keep blank markers.

    An end marker ("sumber : reuters", "(fbr/wes)") seen after some prose ends
    the article: the lines from there on go to ``tail``.
    """
    out: list[Line | None] = []
    in_related = 0
    seen_prose = in_toc = False
    toc: set[str] = set()  # headings listed under "Daftar Isi": never related links
    for i, line in enumerate(lines):
        if line is None:
            out.append(None)
            continue
        text = line.text
        in_toc = in_toc and len(rules.words(text)) >= 3 and rules.headline_like(text) and not seen_prose
        if in_toc or _TOC.match(text):
            in_toc = True
            toc.add(_norm(text))
            dropped.append(line)
            continue
        if seen_prose and rules.is_end_marker(text):
            tail.extend(x for x in lines[i:] if x is not None)
            break
        seen_prose = seen_prose or rules.prose_like(text)
        if in_related and _related_headline(text) and _norm(text) not in toc and len(rules.words(text)) >= 3:
            in_related -= 1
            dropped.append(line)
            continue
        in_related = 0
        if rules.is_related_marker(text):
            in_related = 3
            dropped.append(line)
        elif rules.is_boilerplate(text) and not rules.is_end_marker(text):
            dropped.append(line)
        else:
            out.append(line)
    return out


def _related_headline(text: str) -> bool:
    if not rules.headline_like(text):
        return False
    return not rules.ends_sentence(text) or rules.titlecase_ratio(text) >= 0.6


def _cut_at_end(paras: list[Para]) -> tuple[list[Para], list[Para]]:
    """Split off everything from the first end marker seen after some prose."""
    seen_prose = False
    for i, p in enumerate(paras):
        if seen_prose and rules.is_end_marker(p.text):
            return paras[:i], paras[i:]
        seen_prose = seen_prose or rules.prose_like(p.text)
    return paras, []


def _classify(p: Para, next_p: Para | None) -> str | None:
    """Kind of a header paragraph, or None when it is not furniture."""
    t = p.text
    if _CREDIT_LINE.match(t):
        return "credit"
    if caption_parts(t):
        return "caption"
    if next_p is not None and _CREDIT_LINE.match(next_p.text):
        return "caption"
    if rules.is_byline(t):
        return "byline"
    if rules.is_date_line(t):
        return "date"
    return None


def _find_dateline(p: Para) -> re.Match[str] | None:
    m = DATELINE.match(p.text)
    if not m or not (m["place"] or m["outlet"] or m["outlet2"]):
        return None
    rest = p.text[m.end() :]
    if len(rest) < 40 or not rules.prose_like(rest) or not rest[0].isupper() and rest[0] not in "\"“'‘":
        return None
    if m["sep"] == ":" and (m["outlet"] or m["outlet2"] or len(rules.words(m["place"] or "")) > 2):
        return None
    return m


def _strong_dateline(p: Para) -> re.Match[str] | None:
    """ "REPUBLIKA.CO.ID, JAKARTA -- PT": an outlet cue and a dash, the rest cut by a link."""
    m = DATELINE.match(p.text)
    if not m or not (m["outlet"] or m["outlet2"]) or m["sep"] == ":":
        return None
    rest = p.text[m.end() :]
    return m if rest and (rest[0].isupper() or rest[0] in "\"“'‘") else None


def _merge_lead(paras: list[Para], i: int) -> None:
    """Put back a lead paragraph cut by links: merge until a sentence ends."""
    for _ in range(_LEAD_MERGES):
        if i + 1 >= len(paras) or rules.ends_sentence(paras[i].text):
            return
        a, b = paras[i], paras.pop(i + 1)
        sep = "" if b.text[0] in ",.;:)]!?%" else " "
        a.pieces += b.pieces
        a.seps += [sep] + b.seps[1:]
        a.text = a.text + sep + b.text


def _body_start(paras: list[Para]) -> tuple[int, re.Match[str] | None]:
    """Index of the first body paragraph and the dateline match if any."""
    for i, p in enumerate(paras[:_HEADER_SPAN]):
        m = _find_dateline(p)
        if m:
            return i, m
    for i, p in enumerate(paras[:_HEADER_SPAN]):
        m = _strong_dateline(p)
        if m:
            _merge_lead(paras, i)
            return i, m
    # No dateline: the header is the run of furniture (and title/standfirst) on top.
    start, free = 0, 0
    for i, p in enumerate(paras[:_HEADER_SPAN]):
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if _classify(p, nxt):
            start = i + 1
        else:
            free += 1
            if free > 2:
                break
    if (
        start == 0
        and len(paras) > 1
        and (rules.headline_like(paras[0].text) or _MD_TITLE.match(paras[0].text))
    ):
        start = 1  # a bare headline on top
    return start, None


def _make_dateline(p: Para, m: re.Match[str]) -> Dateline:
    base = p.start  # the dateline sits in the first piece in practice

    def span(g: str) -> tuple[int, int] | None:
        return (base + m.start(g), base + m.end(g)) if m[g] else None

    outlet = m["outlet"] or m["outlet2"]
    ospan = span("outlet") or span("outlet2")
    return Dateline(m["place"], outlet, base, base + m.end(), span("place"), ospan)


def _header(header: list[Para], layout: Layout) -> None:
    free: list[Para] = []
    for i, p in enumerate(header):
        nxt = header[i + 1] if i + 1 < len(header) else None
        kind = _classify(p, nxt)
        if kind:
            p.kind = kind
        else:
            free.append(p)
    if free and (rules.headline_like(free[0].text) or _MD_TITLE.match(free[0].text)):
        if free[0] is header[0] or all(q.kind in ("date", "byline") for q in header[: header.index(free[0])]):
            free[0].kind = "title"
            layout.title = free.pop(0)
    if free and (layout.title is not None or rules.ends_sentence(free[0].text)):
        free[0].kind = "standfirst"
        layout.standfirst = free.pop(0)
    for p in free:
        p.kind = "header"


def _captions(paras: list[Para]) -> list[CaptionInfo]:
    """Captions with their credit; a caption seen twice is one, repeated."""
    caps: dict[str, CaptionInfo] = {}
    for i, p in enumerate(paras):
        if p.kind != "caption":
            continue
        parts = caption_parts(p.text)
        if parts is None:
            nxt = paras[i + 1] if i + 1 < len(paras) else None
            m = _CREDIT_LINE.match(nxt.text) if nxt else None
            parts = (p.text, m["credit"].strip() if m else None)
        info = caps.setdefault(_norm(parts[0]), CaptionInfo(parts[0], parts[1]))
        info.credit = info.credit or parts[1]
        info.spans.append((p.start, p.end))
    return list(caps.values())


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _mark_repeats(paras: list[Para], known: set[str]) -> None:
    """Paragraphs repeating a caption are captions too (the caption shown twice)."""
    if not known:
        return
    for p in paras:
        if p.kind not in ("caption", "credit") and _norm(p.text) in known:
            p.kind = "caption"


@lru_cache(maxsize=16)
def layout_of(raw: str) -> Layout:
    """:func:`analyse` remembered for the last few texts.

    ``clean.text`` and ``meta.text`` both read the layout of the same raw text,
    one right after the other: the second call is a lookup.  The cache is
    bounded and keyed by the text itself (equal texts, equal layouts), so it
    holds no per-corpus state.  Callers must treat the result as read-only.
    """
    return analyse(raw)


def analyse(raw: str) -> Layout:
    dropped: list[Line] = []
    tail_lines: list[Line] = []
    paras = join_lines(_filter_lines(split_lines(raw), dropped, tail_lines))
    paras, tail = _cut_at_end(paras)
    tail = [Para([(x.start, x.end)], x.text, kind="tail") for x in tail_lines] + tail
    start, m = _body_start(paras)
    header, body = paras[:start], paras[start:]
    layout = Layout(header, [], tail=tail, dropped=dropped)
    _header(header, layout)
    cap_texts = {_norm(p.text) for p in header if p.kind == "caption"}
    _mark_repeats(header, cap_texts)
    if m is not None and body:
        layout.dateline = _make_dateline(body[0], m)
        body[0].drop_prefix(m.end())
    for i, p in enumerate(body):  # captions inside the body (galleries, inline photos)
        kind = _classify(p, body[i + 1] if i + 1 < len(body) else None)
        if kind in ("caption", "credit"):
            p.kind = kind
    cap_texts |= {_norm(p.text) for p in body if p.kind == "caption"}
    _mark_repeats(body, cap_texts)
    layout.captions = _captions(header + body)
    layout.body = _dedupe([p for p in body if p.kind == "body"])
    return layout


def _dedupe(body: list[Para]) -> list[Para]:
    """Drop paragraphs scraped twice and trailing tag lines."""
    seen: set[str] = set()
    out: list[Para] = []
    for p in body:
        key = _norm(p.text)
        if (key in seen and not _LIST_ITEM.match(p.text)) or not key or rules.is_boilerplate(p.text):
            continue
        seen.add(key)
        out.append(p)
    while out and _trailing_junk(out[-1].text):
        out.pop()
    return out


def _trailing_junk(text: str) -> bool:
    """Tag lists and related headlines left at the very end of a page."""
    if not rules.prose_like(text):
        return not rules.ends_sentence(text)  # "Kalah: -3,42 Poin." ends a table, not junk
    return rules.headline_like(text) and rules.titlecase_ratio(text) >= 0.6 and not text.endswith(".")
