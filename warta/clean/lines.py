"""Raw text -> lines with offsets -> paragraphs, repairing lines split by links.

Scrapers cut a sentence wherever a link was ("Timnas Indonesia\\nmenelan");
:func:`join_lines` puts such pieces back together while keeping, for every
piece, its span in the raw input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from warta.clean import rules

# Characters turned into a plain space in the clean text (same length, so
# offsets stay exact).
SPACES = str.maketrans({"\u00a0": " ", "\t": " ", "\u2007": " ", "\u202f": " ", "\u200b": " "})
_ODD_SPACES = tuple(map(chr, SPACES))
_DASH_ONLY = re.compile(r"[-–—]\Z")
_DASH_START = re.compile(r"[-–—]\s")
_SHORT_PLACE = re.compile(r"\**[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,3},?\**\Z")
_NO_SPACE_BEFORE = frozenset(",.;:)]!?%")
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# Characters str.splitlines also breaks at (vertical tab, form feed, separators, NEL)
_OTHER_BREAKS = ("\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85")


@dataclass
class Line:
    start: int  # span of the stripped line in the raw input
    end: int
    text: str  # raw[start:end] with odd spaces made plain


@dataclass
class Para:
    """A paragraph made of one or more raw pieces."""

    pieces: list[tuple[int, int]]
    text: str
    kind: str = "body"  # body | title | standfirst | date | byline | caption | credit | header
    seps: list[str] = field(default_factory=lambda: [""])  # text put before each piece

    def drop_prefix(self, k: int) -> None:
        """Remove the first ``k`` characters of the text (e.g. a dateline)."""
        k = min(k, len(self.text))
        self.text = self.text[k:]
        while k > 0 and self.pieces:
            sep_len = len(self.seps[0])
            if k < sep_len:
                self.seps[0] = self.seps[0][k:]
                return
            k -= sep_len
            s, e = self.pieces[0]
            if k < e - s:
                self.pieces[0] = (s + k, e)
                self.seps[0] = ""
                return
            k -= e - s
            self.pieces.pop(0)
            self.seps.pop(0)
        if self.seps:
            self.seps[0] = ""

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


def plain_spaces(text: str) -> str:
    """``text.translate(SPACES)``, faster: str.translate looks every character up in a
    dict (~0.3 ms on a 4 kB page with curly quotes), a replace is a C scan, and most
    pages hold none or one of these characters."""
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    return text


def split_lines(raw: str) -> list[Line | None]:
    """Stripped non-empty lines with their raw spans; ``None`` marks a blank line."""
    plain = plain_spaces(raw)  # once for the whole text: same length, same line breaks
    if any(c in plain for c in _OTHER_BREAKS):
        return _split_lines_by_regex(raw, plain)
    # str.splitlines breaks where _LINE_BREAK does when none of _OTHER_BREAKS is present,
    # and runs in C (a third of the time of the regex loop)
    out: list[Line | None] = []
    pos = 0
    for piece in plain.splitlines(keepends=True):
        n = len(piece)
        body = piece.strip()
        if body:
            lead = n - len(piece.lstrip())
            out.append(Line(pos + lead, pos + lead + len(body), body))
        else:
            out.append(None)
        pos += n
    if not plain or plain[-1] in "\n\u2028\u2029":  # the regex form ends with an empty line here
        out.append(None)
    return out


def _split_lines_by_regex(raw: str, plain: str) -> list[Line | None]:
    out: list[Line | None] = []
    pos = 0
    for m in _LINE_BREAK.finditer(raw + "\n"):
        text = plain[pos : m.start()]
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        out.append(Line(pos + lead, pos + lead + len(body), body) if body else None)
        pos = m.end()
    return out


def _should_join(prev: str, nxt: str, after: str | None) -> bool:
    if _DASH_ONLY.match(prev) or _DASH_ONLY.match(nxt):
        return True
    if _DASH_START.match(nxt) and len(prev) <= 40 and _SHORT_PLACE.match(prev):
        return True  # "JAKARTA, KOMPAS.com" + "- Direktur ..."
    first = nxt[0]
    if first in _NO_SPACE_BEFORE or (len(nxt) <= 3 and nxt.isdigit() and not rules.ends_sentence(prev)):
        return True
    if rules.ends_sentence(prev) or prev.endswith(":"):
        return False
    if first.islower():
        return True
    if prev[-1] in ",(-–/":
        return True
    last = prev.rsplit(" ", 1)[-1]
    if last.islower() and last in rules.stoplist() and len(prev) > 20:
        return True  # "... laporan pengaduan ke" + "Kejagung"
    if len(prev) > 80 and (not rules.headline_like(nxt) or nxt.endswith(",")):
        return True  # a long line without a full stop is a sentence cut short
    if len(prev) > 80 and len(rules.words(nxt)) <= 6 and rules.prose_like(prev):
        return True  # "... putaran ketiga Grup C" + "Kualifikasi Piala Dunia 2026" (a link)
    if first == "(":
        return True
    if last.islower() and last.isalpha() and len(rules.words(nxt)) <= 4 and not rules.ends_sentence(nxt):
        return len(prev) > 40  # "... meluncurkan" + "New Honda HR-V" (a link)
    if after and len(nxt) <= 60 and not rules.ends_sentence(nxt) and prev[-1].islower():
        return after[0].islower() or after[0] in _NO_SPACE_BEFORE
    return False


def join_lines(lines: list[Line | None]) -> list[Para]:
    """Group lines into paragraphs: blank lines split, broken sentences join."""
    paras: list[Para] = []
    cur: Para | None = None
    for i, line in enumerate(lines):
        if line is None:
            cur = None
            continue
        after = next((x.text for x in lines[i + 1 : i + 2] if x is not None), None)
        if cur is not None and _should_join(cur.text, line.text, after):
            sep = "" if line.text[0] in _NO_SPACE_BEFORE or cur.text[-1] == "(" else " "
            cur.pieces.append((line.start, line.end))
            cur.seps.append(sep)
            cur.text = cur.text + sep + line.text
            continue
        cur = Para([(line.start, line.end)], line.text)
        paras.append(cur)
    return paras
