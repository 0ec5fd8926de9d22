"""Wire sources (where the article's text came from) vs cited sources.

Wire: "sumber : reuters" footers, "Dilansir Bloomberg", "dikutip dari Channel
News Asia".  Cited: a news organisation reporting something inside the story
("NK News melaporkan", "seperti dilaporkan kantor berita ... KCNA",
"menurut KCNA").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_NAME = r"[A-Z][\w.&'-]*(?:\s+(?:[A-Z][\w.&'-]*|of|the))*"
SUMBER = re.compile(r"sumber\s*:\s*(?P<names>.{2,80})\Z", re.IGNORECASE)
WIRE_CUE = re.compile(
    rf"\b(?i:dilansir|melansir|dikutip|mengutip|sebagaimana dilansir|seperti dilansir|menurut laporan)"
    rf"(?:\s+(?i:dari|oleh|laman|situs|kantor berita))*\s+(?P<name>{_NAME})"
)
_CITE_VERBS = ("melaporkan", "memberitakan", "mewartakan", "melansir")  # also a cheap pre-test
CITE_VERB = re.compile(rf"(?P<name>{_NAME})\s+(?:{'|'.join(_CITE_VERBS)})\b")
CITE_CUE = re.compile(
    r"\b(?:dilaporkan|diberitakan|laporan|menurut|kata|lapor|melalui|dimuat|disiarkan)\b[^.;\n]{0,60}\Z",
    re.IGNORECASE,
)
_REPORTS_AFTER = re.compile(r"\s+(?:melaporkan|memberitakan)")
_MEDIA_WORD = re.compile(r"\b(?:News|Post|Times|Agency|TV|Daily|Herald|Journal|Tribune|Press|Media|Radio)\b")


# Cheap tests each regex's match implies, run first: most paragraphs cite nobody.
_WIRE_STEMS = ("lansir", "utip", "menurut laporan")  # in every WIRE_CUE alternative
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f")  # IGNORECASE reads İ ı as i, ſ as s; lower() does not


def _may_have_wire_cue(text: str) -> bool:
    low = text.lower()
    return any(s in low for s in _WIRE_STEMS) or any(c in text for c in _FOLDS_TO_ASCII)


@lru_cache(maxsize=1)
def media() -> dict[str, str]:
    text = resources.files("warta.meta").joinpath("data", "media.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {a: b for a, b in rows}


@lru_cache(maxsize=1)
def _media_rx() -> re.Pattern[str]:
    names = sorted(media(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


@lru_cache(maxsize=1)
def _media_any() -> re.Pattern[str]:
    """Any media name anywhere: no lookbehind, so the regex engine skips ahead by first letter."""
    return re.compile("|".join(re.escape(n) for n in media()))


def canonical(name: str) -> str:
    name = name.strip(" .,;:()")
    known = media()
    if name in known:
        return known[name]
    lower = {k.lower(): v for k, v in known.items()}
    if name.lower() in lower:
        return lower[name.lower()]
    return name if any(c.isupper() for c in name) else name.title()


def footer_wires(line: str) -> list[tuple[str, int, int]]:
    """Names in a "sumber : reuters" line, with spans in the line."""
    m = SUMBER.match(line)
    if not m:
        return []
    out = []
    for part in re.finditer(r"[^/,&]+", m["names"]):
        name = part.group().strip()
        if name and len(name) <= 40:
            s = m.start("names") + part.start() + (len(part.group()) - len(part.group().lstrip()))
            out.append((canonical(name), s, s + len(name)))
    return out


def _trim(name: str) -> str:
    """Cut a matched name at the first word that is clearly not part of it."""
    words = name.split()
    while words and words[-1] in ("of", "the"):
        words.pop()
    return " ".join(words[:5])


Gates = tuple[bool, bool, bool]  # may hold: a wire cue, a media name, a citing verb
ALL_GATES: Gates = (True, True, True)


def gates(text: str) -> Gates:
    """The cheap tests of :func:`body_sources` over a whole body at once.

    Each holds for the body when it holds for one of its paragraphs (substring tests and a
    regex of plain names), so a test false here is false for every paragraph: most
    articles then skip the per-paragraph tests.
    """
    return (
        _may_have_wire_cue(text),
        _media_any().search(text) is not None,
        any(v in text for v in _CITE_VERBS),
    )


def body_sources(
    text: str, body_gates: Gates = ALL_GATES
) -> tuple[list[tuple[str, int, int]], list[tuple[str, int, int]]]:
    """(wire, cited) names with spans in ``text``; ``body_gates``: :func:`gates` of the
    body holding ``text``."""
    wire: list[tuple[str, int, int]] = []
    cited: list[tuple[str, int, int]] = []
    may_wire, may_media, may_verb = body_gates
    if may_wire and _may_have_wire_cue(text):
        _wire_cues(text, wire)
    if may_media and _media_any().search(text):
        _cited_media(text, wire, cited)
    if may_verb and any(v in text for v in _CITE_VERBS):
        _cited_by_verb(text, cited)
    return wire, cited


def _wire_cues(text: str, wire: list[tuple[str, int, int]]) -> None:
    for m in WIRE_CUE.finditer(text):
        name = _trim(m["name"])
        known = _media_rx().match(name)
        if known:
            name = known.group()
        wire.append((canonical(name), m.start("name"), m.start("name") + len(name)))


def _cited_media(text: str, wire: list[tuple[str, int, int]], cited: list[tuple[str, int, int]]) -> None:
    wire_spans = [(s, e) for _, s, e in wire]
    for m in _media_rx().finditer(text):
        if any(s <= m.start() < e for s, e in wire_spans):
            continue
        after = text[m.end() : m.end() + 20]
        if CITE_CUE.search(text[max(0, m.start() - 70) : m.start()]) or _REPORTS_AFTER.match(after):
            cited.append((canonical(m.group()), m.start(), m.end()))


def _cited_by_verb(text: str, cited: list[tuple[str, int, int]]) -> None:
    for m in CITE_VERB.finditer(text):
        name = _trim(m["name"])
        if _MEDIA_WORD.search(name) and not any(c[1] <= m.start() < c[2] for c in cited):
            cited.append((canonical(name), m.start("name"), m.start("name") + len(name)))
