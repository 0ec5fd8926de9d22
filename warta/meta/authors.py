"""Bylines: "Rep: X/ Red: Y", "Penulis: X", "Editor: Y", "X - detikNews"."""

from __future__ import annotations

import re

ROLES = {
    "rep": "reporter",
    "reporter": "reporter",
    "jurnalis": "reporter",
    "pewarta": "reporter",
    "wartawan": "reporter",
    "red": "editor",
    "redaktur": "editor",
    "editor": "editor",
    "penyunting": "editor",
    "penulis": "writer",
    "author": "author",
    "oleh": "author",
    "kontributor": "contributor",
    "fotografer": "contributor",
}
_LABEL = "|".join(sorted(ROLES, key=len, reverse=True))
FIELD = re.compile(rf"(?P<label>{_LABEL})\s*:\s*(?P<names>[^/|:]+?)\s*(?=[/|]|\s+(?:{_LABEL})\s*:|\Z)", re.IGNORECASE)
OLEH = re.compile(r"oleh\s+(?P<names>[A-Z][^/|:]{2,80})\Z")
DETIK = re.compile(r"(?P<names>[A-Z][\w.' ]{2,60}?)\s+-\s+(?P<outlet>detik\w+)\Z")
MD_ROW = re.compile(r"\|\s*\W*\s*(?P<label>author|editor|penulis)\s*\|\s*(?P<names>[^|]+?)\s*\|", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:,|\bdan\b|&)\s*")
_TEAM = re.compile(r"\s*\bTim Redaksi\b\s*", re.IGNORECASE)


def _names(text: str, base: int) -> list[tuple[str, int, int]]:
    out = []
    team = _TEAM.search(text)
    if team:  # "Singgih Wiryono, Dani Prabowo Tim Redaksi": the names are the team
        text = text[: team.start()] if team.start() else text
    pos = 0
    for part in _SPLIT.split(text):
        i = text.find(part, pos)
        name = part.strip(" .-()")
        if name and len(name) <= 60 and any(c.isalpha() for c in name):
            out.append((name, base + i, base + i + len(part)))
        pos = i + len(part)
    return out


def parse_byline(text: str) -> tuple[list[tuple[str, str, int, int]], str | None]:
    """[(name, role, start, end)] with spans in ``text``, and an outlet cue if any."""
    found: list[tuple[str, str, int, int]] = []
    for rx in (MD_ROW, FIELD):
        for m in rx.finditer(text):
            role = ROLES.get(m["label"].lower(), "author")
            for name, s, e in _names(m["names"], m.start("names")):
                found.append((name, role, s, e))
        if found:
            return found, None
    line = DETIK.match(text) or OLEH.match(text)
    if line:
        outlet = line.groupdict().get("outlet")
        for name, s, e in _names(line["names"], line.start("names")):
            found.append((name, "author", s, e))
        return found, outlet
    return found, None
