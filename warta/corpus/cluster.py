"""cluster@1: same-event clusters and storylines, assigned incrementally.

Single pass: each new article is scored against a bounded set of candidate
event clusters and joins the best one above ``EVENT_THRESHOLD``, else it
starts a cluster; a new cluster is then placed in the best matching
storyline, or starts one.  Duplicates join their original's cluster.
A cluster is scored by its summed profile or its closest kept member
(``features.cluster_score``); an article above the threshold for several
clusters of one storyline merges them, undoing splits that an unlucky
arrival order caused.

Candidates come from key postings (table ``postings``), so finding them is
an indexed lookup whatever the corpus size:

* kind "event": (main entity, publication day) -> event cluster; a new
  article looks up its main entities over the days within the window;
* kind "story": pairs of main entities (and the first one alone) -> storyline.

Profiles (summed stem and entity weights, dates, types, publication range)
live in ``stories.data`` and grow as articles join.
"""

from __future__ import annotations

import json
from collections import Counter, OrderedDict
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from warta.corpus import features as ft
from warta.corpus import text as tx
from warta.model import Article
from warta.pipeline import corpus_step
from warta.store import schema as t

EVENT_KEYS = "event"
STORY_KEYS = "story"
MAX_POSTINGS = 2000  # rows read per lookup
MAX_CANDIDATES = 30
MAX_CACHED = 5000  # decoded stories rows kept during one run (a few kB each)


def _lookup(conn: Connection, kind: str, keys: list[str]) -> list[str]:
    """Ids posted under the keys, most shared first."""
    if not keys:
        return []
    rows = conn.execute(
        select(t.postings.c.ref).where(t.postings.c.kind == kind, t.postings.c.key.in_(keys)).limit(MAX_POSTINGS)
    ).all()
    counts = Counter(r[0] for r in rows)
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_CANDIDATES]]


def _post(conn: Connection, kind: str, keys: list[str], target: str) -> None:
    if not keys:
        return
    have = {
        r[0]
        for r in conn.execute(
            select(t.postings.c.key).where(
                t.postings.c.kind == kind, t.postings.c.ref == target, t.postings.c.key.in_(keys)
            )
        )
    }
    rows = [{"kind": kind, "key": k, "ref": target} for k in dict.fromkeys(keys) if k not in have]
    if rows:
        conn.execute(insert(t.postings), rows)


def event_keys(f: ft.Features, days: range = range(1)) -> list[str]:
    return [tx.short_hash(f"{e}|{ft.day_key(f.published, d)}") for e in f.main() for d in days]


def story_keys(entities: dict[str, float]) -> list[str]:
    main = list(tx.top(entities, 4))
    pairs = ["|".join(sorted(p)) for p in combinations(main, 2)]
    return [tx.short_hash(k) for k in pairs + main[:1]]


# ------------------------------------------------------------------ stories rows


class Rows:
    """``stories`` rows with decoded profiles, kept for one run of the step.

    Decoding a profile costs more than scoring it, and a busy event is a
    candidate for many reports in a row; the cache lives only as long as one
    ``cluster`` call (the step keeps no state between calls) and holds at most
    ``MAX_CACHED`` rows, written through on every save.
    """

    def __init__(self) -> None:
        self.cache: OrderedDict[str, dict[str, Any]] = OrderedDict()

    def load(self, conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
        out = {i: self.cache[i] for i in ids if i in self.cache}
        missing = [i for i in ids if i not in out]
        if missing:
            for r in conn.execute(select(t.stories).where(t.stories.c.id.in_(missing))).mappings():
                out[r["id"]] = self._keep({**r, "data": json.loads(r["data"] or "{}")})
        for i in out:
            self.cache.move_to_end(i)
        return out

    def save(self, conn: Connection, row: dict[str, Any], new: bool) -> None:
        values = {**row, "data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True)}
        if new:
            conn.execute(insert(t.stories).values(**values))
        else:
            conn.execute(update(t.stories).where(t.stories.c.id == row["id"]).values(**values))
        self._keep(row)

    def drop(self, conn: Connection, sid: str) -> None:
        conn.execute(delete(t.stories).where(t.stories.c.id == sid))
        self.cache.pop(sid, None)

    def _keep(self, row: dict[str, Any]) -> dict[str, Any]:
        self.cache[row["id"]] = row
        self.cache.move_to_end(row["id"])
        while len(self.cache) > MAX_CACHED:
            self.cache.popitem(last=False)
        return row


def _when(f: ft.Features) -> str | None:
    return f.published.isoformat(timespec="seconds") if f.published else None


def _grow(row: dict[str, Any], f: ft.Features) -> None:
    row["data"] = ft.merge_profile(row["data"], f, members=row["level"] == "event")
    row["size"] = (row.get("size") or 0) + 1
    when = _when(f)
    if when:
        row["first_seen"] = min(filter(None, [row.get("first_seen"), when]))
        row["last_updated"] = max(filter(None, [row.get("last_updated"), when]))


def _new_row(sid: str, level: str, f: ft.Features, label: str, parent: str | None = None) -> dict[str, Any]:
    when = _when(f)
    data = ft.new_profile(f)
    if level != "event":  # storylines are scored on their summed profile only
        data.pop("members")
    return {"id": sid, "level": level, "label": label, "first_seen": when, "last_updated": when,
            "size": 1, "parent": parent, "data": data}


def _story_label(profile: dict[str, Any]) -> str:
    names = profile.get("names", {})
    return " - ".join(names.get(e, e) for e in tx.top(profile.get("entities", {}), 2))


# ------------------------------------------------------------------ assignment


def _above(f: ft.Features, rows: dict[str, dict[str, Any]], score: Any, threshold: float) -> list[str]:
    """Ids of the rows scoring at least ``threshold``, best first."""
    scored = sorted(((score(f, r["data"]), sid) for sid, r in rows.items()), key=lambda x: (-x[0], x[1]))
    return [sid for s, sid in scored if s >= threshold]


def _best(f: ft.Features, rows: dict[str, dict[str, Any]], score: Any, threshold: float) -> str | None:
    return next(iter(_above(f, rows, score, threshold)), None)


def _absorb(conn: Connection, rows: Rows, event: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold event cluster ``other`` into ``event`` (same storyline): rows, articles, postings."""
    event["data"] = ft.join_profiles(event["data"], other["data"])
    event["size"] = (event.get("size") or 0) + (other.get("size") or 0)
    for key, pick in (("first_seen", min), ("last_updated", max)):
        vals = [v for v in (event.get(key), other.get(key)) if v]
        event[key] = pick(vals) if vals else None
    conn.execute(update(t.articles).where(t.articles.c.event_cluster == other["id"]).values(event_cluster=event["id"]))
    keys = [r[0] for r in conn.execute(select(t.postings.c.key).where(
        t.postings.c.kind == EVENT_KEYS, t.postings.c.ref == other["id"]))]
    conn.execute(delete(t.postings).where(t.postings.c.kind == EVENT_KEYS, t.postings.c.ref == other["id"]))
    _post(conn, EVENT_KEYS, keys, event["id"])
    rows.drop(conn, other["id"])


def _storyline(conn: Connection, rows: Rows, f: ft.Features, article: Article) -> tuple[str, bool, dict[str, Any]]:
    """(storyline id, is new, its row) for a new event cluster."""
    cands = rows.load(conn, _lookup(conn, STORY_KEYS, story_keys(f.entities)))
    cands = {k: v for k, v in cands.items() if v["level"] == "storyline"}
    sid = _best(f, cands, ft.story_score, ft.STORY_THRESHOLD)
    if sid:
        return sid, False, cands[sid]
    row = _new_row(f"sl-{article.id}"[:64], "storyline", f, "")
    row["label"] = _story_label(row["data"])
    return row["id"], True, row


def assign(conn: Connection, article: Article, original_cluster: str | None, rows: Rows | None = None) -> tuple[str, str]:
    """Put one article in an event cluster and storyline; return their ids."""
    rows = rows or Rows()
    f = ft.features(article)
    cid, bridged = original_cluster, []
    if cid is None:
        window = range(-ft.WINDOW_DAYS, ft.WINDOW_DAYS + 1)
        cands = {k: v for k, v in rows.load(conn, _lookup(conn, EVENT_KEYS, event_keys(f, window))).items()
                 if v["level"] == "event"}
        above = _above(f, cands, ft.cluster_score, f.threshold)
        cid = above[0] if above else None
        # Reports arrive in any order: one that matches two clusters of one
        # storyline shows they were one event split by an earlier order.
        bridged = [cands[k] for k in above[1:] if cands[k]["parent"] == cands[cid]["parent"]] if cid else []
    event = rows.load(conn, [cid]).get(cid) if cid else None
    if event is None:
        sid, story_new, story = _storyline(conn, rows, f, article)
        event = _new_row(f"ev-{article.id}"[:64], "event", f, article.title or article.text[:80], sid)
        rows.save(conn, event, new=True)
        if not story_new:
            _grow(story, f)
    else:
        for other in bridged:
            _absorb(conn, rows, event, other)
        _grow(event, f)
        rows.save(conn, event, new=False)
        sid = event["parent"]
        story, story_new = rows.load(conn, [sid])[sid], False
        _grow(story, f)
    story["label"] = _story_label(story["data"])
    rows.save(conn, story, new=story_new)
    _post(conn, EVENT_KEYS, event_keys(f), event["id"])
    _post(conn, STORY_KEYS, story_keys(story["data"]["entities"]), sid)
    return event["id"], sid


@corpus_step("cluster@1")
def cluster(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Assign each new article's event_cluster and story."""
    rows = Rows()
    for i in range(0, len(new_ids), 200):
        chunk = list(dict.fromkeys(new_ids[i : i + 200]))
        with store.write() as conn:
            state = {
                r[0]: (r[1], r[2])
                for r in conn.execute(
                    select(t.articles.c.id, t.articles.c.duplicate_of, t.articles.c.event_cluster).where(
                        t.articles.c.id.in_(chunk)
                    )
                )
            }
            todo = [a for a in chunk if a in state and state[a][1] is None]
            for article in store.iter_articles(todo):
                original = state[article.id][0]
                orig_cluster = None
                if original:
                    orig_cluster = conn.execute(
                        select(t.articles.c.event_cluster).where(t.articles.c.id == original)
                    ).scalar_one_or_none()
                cid, sid = assign(conn, article, orig_cluster, rows)
                store.update_articles([{"id": article.id, "event_cluster": cid, "story": sid}], conn)
