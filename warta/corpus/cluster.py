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

New articles are handled in chunks of ``CHUNK``: one query reads the
chunk's postings, one its candidate rows, and the chunk's changes (rows,
postings, assignments) are written together at its end.  Within the chunk
articles are still assigned one after the other, each seeing what the
previous ones changed, so the clusters are those of one-at-a-time assignment.
"""

from __future__ import annotations

import heapq
import json
from bisect import bisect_left
from collections import Counter, OrderedDict
from collections.abc import Iterable
from functools import lru_cache
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, bindparam, delete, func, insert, select, update

from warta.corpus import features as ft
from warta.corpus import text as tx
from warta.model import Article
from warta.pipeline import corpus_step
from warta.store import chunks
from warta.store import schema as t

EVENT_KEYS = "event"
STORY_KEYS = "story"
MAX_POSTINGS = 2000  # rows read per lookup (the first ones in (key, ref) order)
MAX_CANDIDATES = 30
MAX_CACHED = 5000  # decoded stories rows kept between chunks (a few kB each)
CHUNK = 200  # articles read, assigned and written together


# (entity, day) keys repeat from article to article: their digests are kept
_digest = lru_cache(maxsize=100_000)(tx.short_hash)


def event_keys(f: ft.Features, days: range = range(1)) -> list[str]:
    when = [ft.day_key(f.published, d) for d in days]
    return [_digest(f"{e}|{day}") for e in f.main() for day in when]


def story_keys(entities: dict[str, float]) -> list[str]:
    main = list(tx.top(entities, 4))
    pairs = ["|".join(sorted(p)) for p in combinations(main, 2)]
    return [_digest(k) for k in pairs + main[:1]]


WINDOW = range(-ft.WINDOW_DAYS, ft.WINDOW_DAYS + 1)


# ------------------------------------------------------------------ postings


class Postings:
    """The postings of the keys a chunk looks up, kept in step with the chunk's own posts.

    Each key holds its first ``MAX_POSTINGS`` refs in sorted order, which is
    what the database returns first for ``key IN (...) LIMIT`` (an index
    scan in (key, ref) order), so lookups see the rows a query would.
    """

    def __init__(self) -> None:
        self.refs: dict[tuple[str, str], list[str]] = {}
        self.new: set[tuple[str, str, str]] = set()  # posts known to be absent from the table
        self.unsure: set[tuple[str, str, str]] = set()  # posts under keys not read

    def load(self, conn: Connection, kind: str, keys: Iterable[str]) -> None:
        missing = sorted({k for k in keys if (kind, k) not in self.refs})
        if not missing:
            return
        self.flush(conn)  # the table must hold every post before it is read
        rank = func.row_number().over(partition_by=t.postings.c.key, order_by=t.postings.c.ref).label("rank")
        for part in chunks(missing):
            for k in part:
                self.refs[(kind, k)] = []
            inner = select(t.postings.c.key, t.postings.c.ref, rank).where(
                t.postings.c.kind == kind, t.postings.c.key.in_(part)).subquery()
            query = select(inner.c.key, inner.c.ref).where(inner.c.rank <= MAX_POSTINGS)
            for key, ref in conn.execute(query):
                self.refs[(kind, key)].append(ref)
        for k in missing:
            self.refs[(kind, k)].sort()

    def lookup(self, conn: Connection, kind: str, keys: list[str]) -> list[str]:
        """Ids posted under the keys, most shared first."""
        if not keys:
            return []
        self.load(conn, kind, keys)
        counts: Counter[str] = Counter()
        left = MAX_POSTINGS
        for k in sorted(set(keys)):
            refs = self.refs[(kind, k)][:left]
            counts.update(refs)
            left -= len(refs)
            if not left:
                break
        return [k for k, _ in heapq.nsmallest(MAX_CANDIDATES, counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def post(self, kind: str, keys: list[str], target: str) -> None:
        for k in dict.fromkeys(keys):
            refs = self.refs.get((kind, k))
            if refs is None:
                self.unsure.add((kind, k, target))
                continue
            i = bisect_left(refs, target)
            if i < len(refs) and refs[i] == target:
                continue
            if len(refs) >= MAX_POSTINGS and i == len(refs):
                self.unsure.add((kind, k, target))  # beyond the rows kept: the table may hold it
                continue
            refs.insert(i, target)
            del refs[MAX_POSTINGS:]
            self.new.add((kind, k, target))

    def forget(self, kind: str, ref: str) -> None:
        """Drop the keys that list ``ref`` (read again when next looked up)."""
        for key in [key for key, refs in self.refs.items() if key[0] == kind and ref in refs]:
            del self.refs[key]

    def flush(self, conn: Connection) -> None:
        rows = set(self.new)
        for kind in {u[0] for u in self.unsure}:
            todo = {(k, r) for kd, k, r in self.unsure if kd == kind}
            keys = sorted({k for k, _ in todo})
            for part in chunks(keys):
                have = conn.execute(select(t.postings.c.key, t.postings.c.ref).where(
                    t.postings.c.kind == kind, t.postings.c.key.in_(part),
                    t.postings.c.ref.in_(sorted({r for _, r in todo}))))
                todo -= {(k, r) for k, r in have}
            rows |= {(kind, k, r) for k, r in todo}
        if rows:
            conn.execute(insert(t.postings), [{"kind": k, "key": key, "ref": r} for k, key, r in sorted(rows)])
        self.new.clear()
        self.unsure.clear()


# ------------------------------------------------------------------ stories rows


class Rows:
    """``stories`` rows with decoded profiles, written back when the chunk ends.

    Decoding a profile costs more than scoring it, and a busy event is a
    candidate for many reports in a row; the cache lives only as long as one
    ``cluster`` call (the step keeps no state between calls) and keeps at
    most ``MAX_CACHED`` rows between chunks.
    """

    def __init__(self) -> None:
        self.cache: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.new: dict[str, None] = {}  # ids to insert, in creation order
        self.dirty: set[str] = set()
        self.dropped: set[str] = set()
        self.prepared: dict[str, ft.Prepared] = {}

    def load(self, conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        ids = list(dict.fromkeys(ids))
        out = {i: self.cache[i] for i in ids if i in self.cache}
        missing = [i for i in ids if i not in out and i not in self.dropped]
        for part in chunks(missing):
            for r in conn.execute(select(t.stories).where(t.stories.c.id.in_(part))).mappings():
                out[r["id"]] = self.cache[r["id"]] = {**r, "data": json.loads(r["data"] or "{}")}
        for i in out:
            self.cache.move_to_end(i)
        return out

    def prepared_of(self, row: dict[str, Any]) -> ft.Prepared:
        """The row's profile decoded for scoring (made again when the profile changed)."""
        prep = self.prepared.get(row["id"])
        if prep is None or prep.data is not row["data"]:
            prep = self.prepared[row["id"]] = ft.prepare(row["data"])
        return prep

    def save(self, row: dict[str, Any], new: bool) -> None:
        self.cache[row["id"]] = row
        self.cache.move_to_end(row["id"])
        if new:
            self.new[row["id"]] = None
        elif row["id"] not in self.new:
            self.dirty.add(row["id"])

    def drop(self, sid: str) -> None:
        self.cache.pop(sid, None)
        self.prepared.pop(sid, None)
        self.dirty.discard(sid)
        if sid in self.new:
            del self.new[sid]
        else:  # already in the table
            self.dropped.add(sid)

    def flush(self, conn: Connection) -> None:
        for part in chunks(sorted(self.dropped)):
            conn.execute(delete(t.stories).where(t.stories.c.id.in_(part)))
        if self.new:
            conn.execute(insert(t.stories), [_encode(self.cache[i]) for i in self.new])
        if self.dirty:
            rows = [{**_encode(self.cache[i]), "_id": i} for i in sorted(self.dirty)]
            for r in rows:
                del r["id"]
            conn.execute(update(t.stories).where(t.stories.c.id == bindparam("_id")), rows)
        self.new, self.dirty, self.dropped = {}, set(), set()
        while len(self.cache) > MAX_CACHED:
            sid, _ = self.cache.popitem(last=False)
            self.prepared.pop(sid, None)


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    return {**row, "data": json.dumps(row["data"], ensure_ascii=False, sort_keys=True)}


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


class Chunk:
    """One chunk's state: its connection, postings and rows, and where its articles went."""

    def __init__(self, conn: Connection, rows: Rows) -> None:
        self.conn, self.rows, self.postings = conn, rows, Postings()
        self.cluster_of: dict[str, str | None] = {}  # originals and assigned articles -> event cluster
        self.assigned: dict[str, list[str]] = {}  # article -> [event cluster, storyline] to write

    def start(self, ids: list[str]) -> dict[str, str | None]:
        """The ids not clustered yet, with the original each duplicate copies (else None)."""
        state = {r[0]: (r[1], r[2]) for part in chunks(ids) for r in self.conn.execute(
            select(t.articles.c.id, t.articles.c.duplicate_of, t.articles.c.event_cluster).where(
                t.articles.c.id.in_(part)))}
        todo = {a: state[a][0] for a in ids if a in state and state[a][1] is None}
        originals = sorted({o for o in todo.values() if o})
        for part in chunks(originals):
            self.cluster_of.update(self.conn.execute(
                select(t.articles.c.id, t.articles.c.event_cluster).where(t.articles.c.id.in_(part))).all())
        return todo

    def prefetch(self, feats: list[ft.Features]) -> None:
        """Read the postings and candidate rows the chunk will look up, in a few queries."""
        ev = [event_keys(f, WINDOW) for f in feats]
        st = [story_keys(f.entities) for f in feats]
        self.postings.load(self.conn, EVENT_KEYS, (k for keys in ev for k in keys))
        self.postings.load(self.conn, STORY_KEYS, (k for keys in st for k in keys))
        ids = {i for keys in ev for i in self.postings.lookup(self.conn, EVENT_KEYS, keys)}
        ids |= {i for keys in st for i in self.postings.lookup(self.conn, STORY_KEYS, keys)}
        ids |= {c for c in self.cluster_of.values() if c}
        loaded = self.rows.load(self.conn, sorted(ids))
        self.rows.load(self.conn, sorted({r["parent"] for r in loaded.values() if r["parent"]}))

    def assigned_to(self, article_id: str, cid: str, sid: str) -> None:
        self.cluster_of[article_id] = cid
        self.assigned[article_id] = [cid, sid]

    def flush(self) -> None:
        self.rows.flush(self.conn)
        self.postings.flush(self.conn)
        if self.assigned:
            stmt = update(t.articles).where(t.articles.c.id == bindparam("_id")).values(
                event_cluster=bindparam("_ev"), story=bindparam("_st"))
            self.conn.execute(stmt, [{"_id": a, "_ev": c, "_st": s} for a, (c, s) in self.assigned.items()])
        self.assigned.clear()


def _above(a: ft.Side, cands: dict[str, dict[str, Any]], rows: Rows, threshold: float) -> list[str]:
    """Ids of the event rows scoring at least ``threshold``, best first."""
    scored = [(ft.prepared_score(a, rows.prepared_of(r), threshold), sid) for sid, r in cands.items()]
    return [sid for s, sid in sorted(scored, key=lambda x: (-x[0], x[1])) if s >= threshold]


def _absorb(ch: Chunk, event: dict[str, Any], other: dict[str, Any]) -> None:
    """Fold event cluster ``other`` into ``event`` (same storyline): rows, articles, postings."""
    event["data"] = ft.join_profiles(event["data"], other["data"])
    event["size"] = (event.get("size") or 0) + (other.get("size") or 0)
    for key, pick in (("first_seen", min), ("last_updated", max)):
        vals = [v for v in (event.get(key), other.get(key)) if v]
        event[key] = pick(vals) if vals else None
    conn, gone, into = ch.conn, other["id"], event["id"]
    conn.execute(update(t.articles).where(t.articles.c.event_cluster == gone).values(event_cluster=into))
    for aid, cid in ch.cluster_of.items():
        if cid == gone:
            ch.cluster_of[aid] = into
    for pair in ch.assigned.values():
        if pair[0] == gone:
            pair[0] = into
    ch.postings.flush(conn)
    # the keys of the cluster that is gone (index ix_postings_ref: kind, ref)
    keys = [r[0] for r in conn.execute(select(t.postings.c.key).where(
        t.postings.c.kind == EVENT_KEYS, t.postings.c.ref == gone))]
    conn.execute(delete(t.postings).where(t.postings.c.kind == EVENT_KEYS, t.postings.c.ref == gone))
    ch.postings.forget(EVENT_KEYS, gone)
    ch.postings.post(EVENT_KEYS, keys, into)
    ch.rows.drop(gone)


def _storyline(ch: Chunk, f: ft.Features, a: ft.Side, article: Article) -> tuple[str, bool, dict[str, Any]]:
    """(storyline id, is new, its row) for a new event cluster."""
    ids = ch.postings.lookup(ch.conn, STORY_KEYS, story_keys(f.entities))
    cands = {k: v for k, v in ch.rows.load(ch.conn, ids).items() if v["level"] == "storyline"}
    scored = [(ft.side_story_score(a, ch.rows.prepared_of(r).profile), sid) for sid, r in cands.items()]
    best = min(((-s, sid) for s, sid in scored if s >= ft.STORY_THRESHOLD), default=None)
    if best:
        return best[1], False, cands[best[1]]
    row = _new_row(f"sl-{article.id}"[:64], "storyline", f, "")
    row["label"] = _story_label(row["data"])
    return row["id"], True, row


def assign(ch: Chunk, article: Article, f: ft.Features, original_cluster: str | None) -> tuple[str, str]:
    """Put one article in an event cluster and storyline; return their ids."""
    a = ft.article_side(f)
    cid, bridged = original_cluster, []
    if cid is None:
        ids = ch.postings.lookup(ch.conn, EVENT_KEYS, event_keys(f, WINDOW))
        cands = {k: v for k, v in ch.rows.load(ch.conn, ids).items() if v["level"] == "event"}
        above = _above(a, cands, ch.rows, f.threshold)
        cid = above[0] if above else None
        # Reports arrive in any order: one that matches two clusters of one
        # storyline shows they were one event split by an earlier order.
        bridged = [cands[k] for k in above[1:] if cands[k]["parent"] == cands[cid]["parent"]] if cid else []
    event = ch.rows.load(ch.conn, [cid]).get(cid) if cid else None
    if event is None:
        sid, story_new, story = _storyline(ch, f, a, article)
        event = _new_row(f"ev-{article.id}"[:64], "event", f, article.title or article.text[:80], sid)
        ch.rows.save(event, new=True)
        if not story_new:
            _grow(story, f)
    else:
        for other in bridged:
            _absorb(ch, event, other)
        _grow(event, f)
        ch.rows.save(event, new=False)
        sid = event["parent"]
        story, story_new = ch.rows.load(ch.conn, [sid])[sid], False
        _grow(story, f)
    story["label"] = _story_label(story["data"])
    ch.rows.save(story, new=story_new)
    ch.postings.post(EVENT_KEYS, event_keys(f), event["id"])
    ch.postings.post(STORY_KEYS, story_keys(story["data"]["entities"]), sid)
    return event["id"], sid


@corpus_step("cluster@1")
def cluster(store, new_ids: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Assign each new article's event_cluster and story."""
    rows = Rows()
    for i in range(0, len(new_ids), CHUNK):
        with store.write() as conn:
            ch = Chunk(conn, rows)
            todo = ch.start(list(dict.fromkeys(new_ids[i : i + CHUNK])))
            arts = [(a, ft.features(a)) for a in store.iter_articles(list(todo))]
            ch.prefetch([f for a, f in arts if not todo[a.id]])
            for article, f in arts:
                original = todo[article.id]
                cid, sid = assign(ch, article, f, ch.cluster_of.get(original) if original else None)
                ch.assigned_to(article.id, cid, sid)
            ch.flush()
