"""Parsing and checking of query parameters shared by the JSON API and the web pages.

Every bad value becomes an :class:`fastapi.HTTPException` with a 4xx status and a
message naming the parameter, what was wrong and what is expected; nothing a
client sends may reach the database unchecked or turn into a 500.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated

from fastapi import HTTPException, Query
from sqlalchemy import select

from warta.api.search import SearchFilter
from warta.store import Store
from warta.store import schema as t
from warta.store.sql import sort_key

MAX_LIMIT = 200
DEFAULT_LIMIT = 20
MAX_OFFSET = 1_000_000
MAX_TEXT = 200  # longest accepted free-text parameter (names, queries)

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1..{MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
Text = Annotated[str | None, Query(max_length=MAX_TEXT)]

_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def when(name: str, value: str | None) -> str | None:
    """An ISO bound (2024, 2024-06, 2024-06-18, or a datetime) as a sortable UTC string."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    m = _PARTIAL.match(value)
    try:
        if m:
            year, month, day = m.group(1), m.group(2), m.group(3)
            date(int(year), int(month or 1), int(day or 1))  # range check only
            return value
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = None
    if parsed is None:
        raise HTTPException(
            422,
            f"parameter {name!r}: {value[:40]!r} is not a date; use ISO 8601 such as 2024, 2024-06, "
            "2024-06-18 or 2024-06-18T13:51:00+07:00",
        )
    if parsed.tzinfo is None:  # a naive datetime is taken as given, like stored naive values
        return parsed.isoformat(timespec="seconds")
    return sort_key(parsed.isoformat(timespec="seconds"))


def until_bound(value: str | None) -> str | None:
    """The upper bound as a string every value it covers sorts below ("2024-06" covers June)."""
    return None if value is None else value + "~"


def entity_id(store: Store, name: str | None, param: str = "entity") -> str | None:
    """An entity id from an id, name or alias; 404 when no stored entity matches."""
    if name is None or not name.strip():
        return None
    with store.read() as conn:  # an exact id is one indexed lookup; names need the full scan
        found = conn.execute(select(t.entities.c.id).where(t.entities.c.id == name.strip())).scalar()
    found = found or store.find_entity(name)
    if found is None:
        raise HTTPException(
            404,
            f"parameter {param!r}: no entity called {name[:80]!r} in the store; "
            "see /api/entities?q=... for known names",
        )
    return found


def pair(store: Store, value: str | None) -> tuple[str, str] | None:
    """``A,B`` -> two entity ids; 422 unless it names exactly two entities."""
    if value is None or not value.strip():
        return None
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 2 or not all(parts):
        raise HTTPException(
            422,
            f"parameter 'pair': expected two entities separated by a comma "
            f"(pair=Rusia,Korea Utara), got {value[:80]!r}",
        )
    a = entity_id(store, parts[0], "pair")
    b = entity_id(store, parts[1], "pair")
    assert a is not None and b is not None
    return a, b


def choice(name: str, value: str | None, allowed: tuple[str, ...]) -> str | None:
    if value is None or value == "":
        return None
    if value not in allowed:
        raise HTTPException(422, f"parameter {name!r}: {value[:40]!r} is not one of {', '.join(allowed)}")
    return value


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``text`` anywhere, its own % and _ taken literally (escape '\\')."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_EVENT_TYPE = re.compile(r"^[A-Z][A-Z_]{1,19}$")


def search_filter(
    store: Store,
    outlet: str | None,
    month: str | None,
    entity: str | None,
    type: str | None,
    story: str | None,
) -> SearchFilter:
    """Checked facet filters of a search (422 for a malformed month or type, 404 for an unknown entity)."""
    month = (month or "").strip() or None
    if month and not _MONTH.match(month):
        raise HTTPException(
            422, f"parameter 'month': {month[:40]!r} is not a month; use YYYY-MM such as 2024-06"
        )
    kind = (type or "").strip() or None
    if kind and not _EVENT_TYPE.match(kind):
        raise HTTPException(
            422, f"parameter 'type': {kind[:40]!r} is not an event type such as CONSULT or AGREE"
        )
    return SearchFilter(
        outlet=(outlet or "").strip() or None,
        month=month,
        entity=entity_id(store, entity),
        type=kind,
        story=(story or "").strip() or None,
    )
