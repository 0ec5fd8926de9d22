"""The data model: one Article carries its clean text and every annotation on it.

Every annotation holds character offsets ``start``/``end`` into ``Article.text``
(the clean body), so each fact points back to its evidence.  Metadata values
record where in the raw input they were found (``Evidence``).

Objects are plain dataclasses: cheap to pickle (the distributed job ships them
between workers) and turned into JSON by :func:`to_dict` / :func:`from_dict`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")

# Entity types used in the export (docs/format.md).
ENTITY_TYPES = ("person", "organization", "country", "place", "other")
# Precision of dates and times, coarsest last.
PRECISIONS = ("minute", "hour", "day", "week", "month", "season", "year", "decade", "century")


@dataclass
class RawRecord:
    """One input record as a reader delivers it, before any processing.

    ``fields`` holds values given by the input (url, outlet, title, published,
    authors); they override what warta would extract.
    """

    input_id: str  # where it came from: "path.txt", "feed.jsonl:12"
    text: str | None = None  # raw page text, boilerplate included
    html: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Evidence:
    """Where a metadata value was read: a span of the raw input and how."""

    start: int
    end: int
    how: str = ""  # e.g. "header-line", "jsonld", "inferred-weekday"


@dataclass
class Author:
    name: str
    role: str = "author"  # author | reporter | editor | writer | contributor


@dataclass
class Caption:
    text: str
    credit: str | None = None
    repeated: int = 1


@dataclass
class Span:
    """A stretch of the clean text (paragraph, sentence)."""

    start: int
    end: int


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str  # PER | ORG | LOC | GPE | MISC (recogniser label)
    entity: str | None = None  # Entity.id once resolved
    how: str = ""  # gazetteer | tagger | alias | coref | metonymy | fuzzy
    role: str | None = None  # title seen with the mention: "Juru bicara Kremlin"


@dataclass
class Entity:
    id: str  # Wikidata id (Q159) or a warta id ("warta:person:dmitry-peskov")
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    wikidata: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # ISO 8601 / TIMEX3: 2024-06-18, 2024-06, P24Y, XXXX-06-18
    precision: str  # one of PRECISIONS
    anchor: str | None = None  # value of the anchor used for relative forms
    confidence: float = 1.0
    flags: list[str] = field(default_factory=list)  # weekday-mismatch, year-inferred...


@dataclass
class Quote:
    start: int  # the quoted words (without marks for direct quotes)
    end: int
    text: str
    speaker: str | None = None  # Entity.id
    speaker_name: str | None = None
    direct: bool = True
    cue_start: int | None = None
    cue_end: int | None = None
    channel: str | None = None  # letter, article in KCNA, press conference
    date: str | None = None  # speech date (ISO) when the text gives one


@dataclass
class Claim:
    start: int  # the proposition
    end: int
    text: str
    asserted_by: list[str] = field(default_factory=list)  # Entity ids
    denied_by: list[str] = field(default_factory=list)
    modality: str = "claimed"  # claimed | suspected | denied


@dataclass
class Event:
    type: str  # PLOVER: AGREE, CONSULT, ..., OTHER
    start: int  # evidence span (sentence or clause)
    end: int
    trigger: str = ""
    source: str | None = None  # Entity.id
    target: str | None = None
    date: str | None = None  # ISO value from the time tagger
    precision: str | None = None
    place: str | None = None  # Entity.id
    modality: str = "asserted"  # asserted|claimed|denied|planned|conditional|negated
    background: bool = False
    confidence: float = 0.5


@dataclass
class Article:
    id: str  # content hash of the raw input
    input_id: str
    raw: str = ""  # raw text (or HTML) as ingested
    raw_kind: str = "text"  # text | html
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    standfirst: str | None = None
    published: str | None = None  # ISO 8601: with offset, or a date, month, year
    published_precision: str | None = None
    updated: str | None = None
    authors: list[Author] = field(default_factory=list)
    dateline: str | None = None
    wire_sources: list[str] = field(default_factory=list)
    cited_sources: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    language: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)  # metadata field -> raw span
    text: str = ""  # clean body: paragraphs joined by "\n\n"
    # (clean_start, raw_start, length) runs mapping clean offsets back to raw.
    offsets: list[tuple[int, int, int]] = field(default_factory=list)
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    times: list[TimeExpr] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "no-title", "not-indonesian"
    components: list[str] = field(default_factory=list)  # versioned names that ran

    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def raw_offset(self, clean_offset: int) -> int | None:
        """Map an offset of the clean text to the raw input (None when unknown)."""
        for c0, r0, n in self.offsets:
            if c0 <= clean_offset <= c0 + n:
                return r0 + clean_offset - c0
        return None


@dataclass
class Story:
    """A same-event cluster (level "event") or a storyline (level "storyline")."""

    id: str
    level: str
    articles: list[str] = field(default_factory=list)
    label: str = ""
    first_seen: str | None = None
    last_updated: str | None = None


@dataclass
class TimelineEntry:
    """One merged event: the same happening reported in one or more articles."""

    id: str
    date: str | None
    precision: str | None
    type: str
    source: str | None
    target: str | None
    summary: str
    articles: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    first_reported: str | None = None
    background: bool = False
    corroboration: int = 1  # independent origins
    story: str | None = None


# ---------------------------------------------------------------- JSON helpers


_LEAVES = frozenset({str, int, float, bool, type(None)})


def to_dict(obj: Any) -> Any:
    """Dataclass (nested) -> JSON-ready dict.

    Unlike dataclasses.asdict this does not deep-copy leaf values: the result
    is serialised at once, and asdict cost 40% of storing an article.
    """
    kind = type(obj)
    if kind in _LEAVES:
        return obj
    if kind is list or kind is tuple:
        return [v if type(v) in _LEAVES else to_dict(v) for v in obj]
    if kind is dict:
        return {k: v if type(v) in _LEAVES else to_dict(v) for k, v in obj.items()}
    names = _field_names(kind)
    if names is None:
        return obj
    return {n: to_dict(getattr(obj, n)) for n in names}


def to_json(obj: Any, drop: tuple[str, ...] = ()) -> str:
    """A dataclass as JSON text, the same as ``json.dumps(to_dict(obj))`` without its top-level ``drop`` fields.

    The C encoder walks lists, dicts and leaves itself and calls back only for
    nested dataclasses: about three times faster than building the dicts first.
    """
    top = {n: getattr(obj, n) for n in _field_names(type(obj)) or () if n not in drop}
    return json.dumps(top, ensure_ascii=False, default=_encode)


def _encode(obj: Any) -> Any:
    names = _field_names(type(obj))
    if names is None:
        raise TypeError(f"{type(obj).__name__} is not JSON serialisable")
    return {n: getattr(obj, n) for n in names}


_FIELDS: dict[type, tuple[str, ...] | None] = {}
_HINTS: dict[type, dict[str, Any]] = {}


def _field_names(cls: type) -> tuple[str, ...] | None:
    try:
        return _FIELDS[cls]
    except KeyError:  # first sight of this class (a dict cache: mypy rejects classes as lru_cache keys)
        names = tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None
        return _FIELDS.setdefault(cls, names)


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """JSON dict -> dataclass, rebuilding nested dataclasses from type hints."""
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            kwargs[f.name] = _build(hints[f.name], data[f.name])
    return cls(**kwargs)


def _build(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _build(inner[0], value) if len(inner) == 1 else value
    if dataclasses.is_dataclass(tp):
        return from_dict(tp, value)  # type: ignore[arg-type]
    if origin is list:
        return [_build(args[0], v) for v in value]
    if origin is tuple:
        return tuple(value)
    if origin is dict:
        return {k: _build(args[1], v) for k, v in value.items()}
    return value
