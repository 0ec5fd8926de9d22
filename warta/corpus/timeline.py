"""timeline@1: the same event reported by several articles becomes one timeline entry.

Two reports merge when they have the same PLOVER type, compatible actors
(each role equal or unknown, and at least one actor shared) and compatible
dates (equal, or one more precise and inside the other).  Actors that are
only equivalent (a head of state and his state, see :mod:`warta.corpus.actors`)
need equal dates; types of one small family (CONSULT/COOPERATE) need equal
day-precision dates.  Events of one sentence that differ only in their source
("China dan Rusia memveto ...") are one joint act: one entry.  Reports without any actor merge only on an equal date
within the same storyline.  An entry's type is that of its first report.  Each entry
keeps all its reports (``events.entry_id``), the outlets, the earliest
report, and ``corroboration``: the number of independent origins, where
duplicates of one original and copies of one wire count once (the chains
"outlet <- wire" are kept in ``timeline.data``).

Query helpers: :func:`timeline` (ordered by when things happened) and
:func:`stories`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, update

from warta.corpus import actors as ac
from warta.model import Article, Event, Story, TimelineEntry
from warta.pipeline import corpus_step
from warta.store import schema as t
from warta.store.sql import sort_key as time_key

UNKNOWN = "9999"  # sort key of undated entries: after every date
MAX_CANDIDATES = 200
SUMMARY_CHARS = 240
_DATE = re.compile(r"^(\d{3}[\dX])(?:-(\d\d))?(?:-(\d\d))?")


def sort_key(value: str | None) -> str:
    """'2024-06-18' -> '2024-06-18', '2024-06' -> '2024-06-00', '1910/1945' -> '1910-00-00'."""
    m = _DATE.match(value or "")
    if not m or m.group(1).startswith("X"):
        return UNKNOWN
    year = m.group(1).replace("X", "0")
    return f"{year}-{m.group(2) or '00'}-{m.group(3) or '00'}{(value or '')[10:16] if m.group(3) else ''}"


def dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    if "/" in a or "/" in b:
        return a == b
    return a.startswith(b) or b.startswith(a)


def _actors_ok(e: dict[str, Any], row: dict[str, Any]) -> tuple[bool, int]:
    """(compatible, how well they share an actor: 2 the same one, 1 an equivalent one, 0 none)."""
    rel = [ac.relation(e[k], row[k], e["date"] or row["date"]) for k in ("source", "target")]
    ok = all(e[k] is None or row[k] is None or r for k, r in zip(("source", "target"), rel, strict=True))
    return ok, max(rel)


def _day(value: str | None) -> bool:
    return bool(value) and len(value or "") >= 10 and "/" not in (value or "")


def _compatible(e: dict[str, Any], row: dict[str, Any], story: str | None) -> bool:
    same_day = _day(e["date"]) and e["date"][:10] == (row["date"] or "")[:10]
    if e["type"] != row["type"] and not (row["type"] in ac.family(e["type"]) and same_day):
        return False  # a related type only on the very same day
    ok, shared = _actors_ok(e, row)
    if not ok:
        return False
    if not shared:  # no actor to hold on to: same day, same storyline
        return e["date"] is not None and e["date"] == row["date"] and story == row["story"]
    if e["date"] is None or row["date"] is None:
        return shared == 2 and story == row["story"]
    if shared == 1:  # "Putin" for "Russia": the dates must agree, not just overlap
        return e["date"] == row["date"]
    return dates_compatible(e["date"], row["date"])


def _candidates(conn: Connection, e: dict[str, Any]) -> list[dict[str, Any]]:
    actors = sorted({x for a in (e["source"], e["target"]) if a for x in ac.expand(a, e["date"])})
    if actors:
        ids = select(t.events.c.entry_id).where(
            t.events.c.entry_id.is_not(None),
            t.events.c.type.in_(sorted(ac.family(e["type"]))),
            or_(t.events.c.source.in_(actors), t.events.c.target.in_(actors)),
        ).distinct().limit(MAX_CANDIDATES)
        query = select(t.timeline).where(t.timeline.c.id.in_(ids))
    elif e["date"]:
        query = select(t.timeline).where(
            and_(t.timeline.c.sort_key == sort_key(e["date"]), t.timeline.c.type == e["type"])
        ).limit(MAX_CANDIDATES)
    else:
        return []
    return [dict(r) for r in conn.execute(query).mappings()]


def _trim(text: str, n: int = SUMMARY_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n].rsplit(" ", 1)[0] + " …"


def _report(article: Article, idx: int, ev: Event, info: dict[str, Any]) -> dict[str, Any]:
    return {
        "article": article.id, "idx": idx, "outlet": article.outlet, "published": time_key(article.published),
        "origin": info["origin"], "chain": info["chain"], "background": ev.background, "type": ev.type,
        "evidence": _trim(article.text[ev.start : ev.end]),
    }


def _derive(row: dict[str, Any], reports: list[dict[str, Any]]) -> None:
    """Entry fields that follow from its reports."""
    first = min(reports, key=lambda r: (r["published"] or "~", r["article"], r["idx"]))
    row["first_reported"] = first["published"]
    # Within a type family, the first report's type: not an artefact of the order of ingest.
    row["type"] = first.get("type") or row["type"]
    row["summary"] = first["evidence"]
    row["corroboration"] = len({r["origin"] for r in reports})
    row["background"] = all(r["background"] for r in reports)
    row["data"] = {
        "reports": reports,
        "articles": list(dict.fromkeys(r["article"] for r in reports)),
        "outlets": sorted({r["outlet"] for r in reports if r["outlet"]}),
        "chains": sorted({r["chain"] for r in reports if r["chain"]}),
        "first_article": first["article"],
    }


def _save(conn: Connection, row: dict[str, Any], new: bool) -> None:
    values = {**row, "data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True)}
    if new:
        conn.execute(insert(t.timeline).values(**values))
    else:
        conn.execute(update(t.timeline).where(t.timeline.c.id == row["id"]).values(**values))


def merge(conn: Connection, article: Article, idx: int, ev: Event, info: dict[str, Any],
          into: str | None = None) -> str:
    """File one reported event under a matching entry (``into`` when given), or a new one; return the entry id."""
    e = {"type": ev.type, "source": ev.source, "target": ev.target, "date": ev.date}
    if into:
        rows = [dict(r) for r in conn.execute(select(t.timeline).where(t.timeline.c.id == into)).mappings()]
    else:
        rows = [r for r in _candidates(conn, e) if _compatible(e, r, info["story"])]
    rep = _report(article, idx, ev, info)
    if rows:
        # Prefer the same date, then the entry sharing most actors.
        row = max(rows, key=lambda r: (r["date"] == ev.date, r["type"] == ev.type, _actors_ok(e, r)[1], r["id"]))
        row["data"] = json.loads(row["data"])
        reports = [r for r in row["data"]["reports"] if (r["article"], r["idx"]) != (article.id, idx)]
        if ev.date and (row["date"] is None or len(ev.date) > len(row["date"])):
            row["date"], row["precision"], row["sort_key"] = ev.date, ev.precision, sort_key(ev.date)
        row["source"] = row["source"] or ev.source
        row["target"] = row["target"] or ev.target
        _derive(row, reports + [rep])
        row["story"] = row["story"] or info["story"]
        _save(conn, row, new=False)
        return str(row["id"])
    row = {"id": f"tl-{article.id}-{idx}"[:64], "date": ev.date, "precision": ev.precision,
           "sort_key": sort_key(ev.date), "type": ev.type, "source": ev.source, "target": ev.target,
           "story": info["story"]}
    _derive(row, [rep])
    _save(conn, row, new=True)
    return str(row["id"])


def _origins(store: Any, conn: Connection, articles: list[Article]) -> dict[str, dict[str, Any]]:
    """Per article: its independent origin, the outlet <- source chain, and its storyline."""
    cols = conn.execute(
        select(t.articles.c.id, t.articles.c.duplicate_of, t.articles.c.story).where(
            t.articles.c.id.in_([a.id for a in articles])
        )
    ).all()
    dup = {r[0]: r[1] for r in cols}
    story = {r[0]: r[2] for r in cols}
    roots = {a.id: a for a in store.iter_articles(sorted({d for d in dup.values() if d}))}
    out = {}
    for a in articles:
        root = roots.get(dup.get(a.id) or "", a)
        wire = (root.wire_sources or a.wire_sources or [None])[0]
        origin = f"wire:{wire.casefold()}" if wire else f"article:{root.id}"
        via = wire or (root.outlet if root is not a else None)
        chain = f"{a.outlet or a.id} <- {via}" if via else None
        out[a.id] = {"origin": origin, "chain": chain, "story": story.get(a.id)}
    return out


@corpus_step("timeline@1")
def timeline_step(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Merge the events of new articles into timeline entries."""
    for i in range(0, len(new_ids), 200):
        chunk = list(dict.fromkeys(new_ids[i : i + 200]))
        with store.write() as conn:
            pending = {
                (r[0], r[1])
                for r in conn.execute(
                    select(t.events.c.article_id, t.events.c.idx).where(
                        t.events.c.article_id.in_(chunk), t.events.c.entry_id.is_(None)
                    )
                )
            }
            articles = [a for a in store.iter_articles(sorted({a for a, _ in pending}, key=chunk.index))]
            if not articles:
                continue
            info = _origins(store, conn, articles)
            for article in articles:
                joint: dict[tuple[Any, ...], str] = {}
                for idx, ev in enumerate(article.events):
                    if (article.id, idx) not in pending or not ev.type:
                        continue
                    # "China dan Rusia memveto ...": one act of several sources, one entry
                    key = (ev.start, ev.end, ev.type, ev.target, ev.date)
                    entry = merge(conn, article, idx, ev, info[article.id], joint.get(key))
                    joint.setdefault(key, entry)
                    conn.execute(
                        update(t.events)
                        .where(t.events.c.article_id == article.id, t.events.c.idx == idx)
                        .values(entry_id=entry)
                    )


# ------------------------------------------------------------------ queries


def _entry(row: Any) -> TimelineEntry:
    data = json.loads(row["data"] or "{}")
    return TimelineEntry(
        id=row["id"], date=row["date"], precision=row["precision"], type=row["type"], source=row["source"],
        target=row["target"], summary=row["summary"], articles=data.get("articles", []),
        outlets=data.get("outlets", []), first_reported=row["first_reported"], background=row["background"],
        corroboration=row["corroboration"], story=row["story"],
    )


def timeline(store: Any, entity: str | None = None, pair: tuple[str, str] | None = None,
             story: str | None = None, since: str | None = None, until: str | None = None,
             undated: bool = False) -> list[TimelineEntry]:
    """Timeline entries ordered by when things happened.

    ``entity``: entries with it as source or target of one of their reports
    (a joint act files several sources under one entry); ``pair``: entries between
    the two (either direction); ``since``/``until``: ISO date bounds, inclusive;
    ``undated``: also the events no date could be found for (placed last),
    which a timeline cannot place and so leaves out by default.
    """
    query = select(t.timeline)
    if not undated:
        query = query.where(t.timeline.c.date.is_not(None))
    actors = [a for a in ([entity] if entity else []) + list(pair or ()) if a]
    if actors:
        ids = select(t.events.c.entry_id).where(
            or_(t.events.c.source.in_(actors), t.events.c.target.in_(actors))
        )
        query = query.where(t.timeline.c.id.in_(ids))
    if pair:
        a, b = pair
        query = query.where(or_(and_(t.timeline.c.source == a, t.timeline.c.target == b),
                                and_(t.timeline.c.source == b, t.timeline.c.target == a)))
    if story:
        query = query.where(t.timeline.c.story == story)
    if since:
        query = query.where(t.timeline.c.sort_key >= sort_key(since))
    if until:
        query = query.where(t.timeline.c.sort_key < sort_key(until) + "~")
    query = query.order_by(t.timeline.c.sort_key, t.timeline.c.first_reported, t.timeline.c.id)
    with store.read() as conn:
        return [_entry(r) for r in conn.execute(query).mappings()]


def stories(store: Any, level: str | None = None) -> list[Story]:
    """Event clusters and storylines with their articles, oldest first."""
    query = select(t.stories).order_by(t.stories.c.first_seen, t.stories.c.id)
    if level:
        query = query.where(t.stories.c.level == level)
    with store.read() as conn:
        rows = list(conn.execute(query).mappings())
        members: dict[str, list[str]] = {}
        for col in (t.articles.c.event_cluster, t.articles.c.story):
            for aid, sid in conn.execute(
                select(t.articles.c.id, col).where(col.is_not(None)).order_by(t.articles.c.published_utc, t.articles.c.id)
            ):
                members.setdefault(sid, []).append(aid)
    return [Story(id=r["id"], level=r["level"], articles=members.get(r["id"], []), label=r["label"],
                  first_seen=r["first_seen"], last_updated=r["last_updated"]) for r in rows]
