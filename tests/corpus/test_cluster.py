"""cluster@1 on the seeds: same-event clusters, one storyline, incremental and idempotent."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import seed

from warta.corpus import cluster as cl
from warta.corpus import dedup as dd
from warta.corpus import features as ft
from warta.corpus import text as tx
from warta.corpus.timeline import stories
from warta.store import Store

GOLD_EVENTS = [{"000", "003"}, {"001"}, {"002", "004"}]


def _run(store: Store, articles) -> None:
    for a in articles:
        store.put_article(a)
    ids = [a.id for a in articles]
    dd.dedup(store, ids)
    cl.cluster(store, ids)


def _groups(store: Store, seeds_by_id: dict[str, str], column: str) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for r in store.article_rows(["id", column]):
        groups.setdefault(r[column], set()).add(seeds_by_id.get(r["id"], r["id"]))
    return sorted(groups.values(), key=min)


def test_cluster_seeds_same_event_clusters(store, seeds) -> None:
    arts = seeds()
    _run(store, list(arts.values()))
    by_id = {a.id: p for p, a in arts.items()}
    assert _groups(store, by_id, "event_cluster") == GOLD_EVENTS
    assert _groups(store, by_id, "story") == [set(arts)]


def test_cluster_stories_rows_link_events_to_storyline(store, seeds) -> None:
    _run(store, list(seeds().values()))
    rows = stories(store)
    lines = [s for s in rows if s.level == "storyline"]
    events = [s for s in rows if s.level == "event"]
    assert len(lines) == 1 and len(lines[0].articles) == 5
    assert sorted(len(e.articles) for e in events) == [1, 2, 2]
    assert "Russia" in lines[0].label and "North Korea" in lines[0].label
    with store.read() as conn:
        from sqlalchemy import select

        from warta.store import schema as t

        parents = {r[0] for r in conn.execute(select(t.stories.c.parent).where(t.stories.c.level == "event"))}
        sizes = dict(conn.execute(select(t.stories.c.id, t.stories.c.size)).all())
    assert parents == {lines[0].id}
    assert sizes[lines[0].id] == 5


def test_cluster_words_alone_rank_a_different_event_above_a_same_event_pair(seeds) -> None:
    f = {p: ft.features(a) for p, a in seeds().items()}
    same = tx.cosine(f["000"].stems, f["003"].stems)
    different = max(tx.cosine(f["002"].stems, f["004"].stems), tx.cosine(f["000"].stems, f["004"].stems))
    assert tx.cosine(f["002"].stems, f["004"].stems) > same  # so words cannot set one threshold...
    assert different > same
    # ...while the combined score keeps every different-event pair below every same-event pair.
    pairs = {(p, q): ft.event_score(f[p], ft.new_profile(f[q])) for p in f for q in f if p < q}
    same_scores = [pairs[("000", "003")], pairs[("002", "004")]]
    others = [s for k, s in pairs.items() if k not in (("000", "003"), ("002", "004"))]
    assert min(same_scores) >= ft.EVENT_THRESHOLD > max(others)


def test_cluster_without_publication_dates_still_separates_events(seeds) -> None:
    f = {p: ft.features(a) for p, a in seeds().items()}
    for x in f.values():
        x.published = None
    score = {(p, q): ft.event_score(f[p], ft.new_profile(f[q])) for p in f for q in f if p < q}
    assert score[("000", "003")] > max(score[("000", "002")], score[("000", "004")], score[("001", "003")])
    assert score[("002", "004")] > max(score[("001", "004")], score[("003", "004")])


def test_cluster_two_runs_equal_one_run(tmp_path, seeds) -> None:
    arts = list(seeds().values())
    one, two = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    _run(one, arts)
    _run(two, arts[:2])
    _run(two, arts[2:])
    cols = ["id", "event_cluster", "story"]
    assert one.article_rows(cols) == two.article_rows(cols)
    assert [dataclasses.astuple(s) for s in stories(one)] == [dataclasses.astuple(s) for s in stories(two)]


def test_cluster_rerun_changes_nothing(store, seeds) -> None:
    arts = list(seeds().values())
    _run(store, arts)
    before = (store.article_rows(), stories(store), store.count("postings"))
    cl.cluster(store, [a.id for a in arts])
    assert (store.article_rows(), stories(store), store.count("postings")) == before


def test_cluster_duplicate_joins_its_originals_cluster(store) -> None:
    a = seed("001")
    copy = dataclasses.replace(seed("001"), id="copy", input_id="copy", url=None, outlet="Antara",
                               published="2024-01-25")  # late re-publication, outside the window
    _run(store, [a, copy])
    rows = {r["id"]: r for r in store.article_rows(["id", "duplicate_of", "event_cluster", "story"])}
    assert rows["copy"]["duplicate_of"] == a.id
    assert rows["copy"]["event_cluster"] == rows[a.id]["event_cluster"]
    assert rows["copy"]["story"] == rows[a.id]["story"]


def test_cluster_unannotated_articles_still_cluster_by_event(store, seeds) -> None:
    arts = seeds(annotate=False)
    _run(store, list(arts.values()))
    by_id = {a.id: p for p, a in arts.items()}
    assert _groups(store, by_id, "event_cluster") == GOLD_EVENTS


def test_cluster_score_matches_closest_member_when_profile_is_diluted(seeds) -> None:
    f = {p: ft.features(a) for p, a in seeds().items()}
    diluted = ft.merge_profile(ft.merge_profile(ft.new_profile(f["000"]), f["001"]), f["002"])
    assert len(diluted["members"]) == 3
    assert ft.cluster_score(f["003"], diluted) > ft.event_score(f["003"], diluted)
    assert ft.cluster_score(f["003"], diluted) >= ft.event_score(f["003"], diluted["members"][0])


def test_cluster_join_profiles_sums_sizes_and_keeps_latest_members(seeds) -> None:
    f = {p: ft.features(a) for p, a in seeds().items()}
    a = ft.merge_profile(ft.new_profile(f["000"]), f["003"])
    joined = ft.join_profiles(a, ft.new_profile(f["001"]))
    assert joined["n"] == 3 and len(joined["members"]) == 3
    assert joined["pub_min"] == min(m["pub_min"] for m in joined["members"] if m["pub_min"])


def test_cluster_absorb_moves_articles_postings_and_drops_the_row(store, seeds) -> None:
    arts = seeds()
    _run(store, list(arts.values()))
    cid = {p: r["event_cluster"] for r in store.article_rows(["id", "event_cluster"])
           for p, a in arts.items() if a.id == r["id"]}
    with store.write() as conn:
        ch = cl.Chunk(conn, cl.Rows())
        rows = ch.rows.load(conn, [cid["000"], cid["001"]])
        keep, gone = rows[cid["000"]], rows[cid["001"]]
        cl._absorb(ch, keep, gone)
        ch.rows.save(keep, new=False)
        assert ch.rows.load(conn, [cid["001"]]) == {}
        ch.flush()
        refs = {r[0] for r in conn.execute(cl.select(cl.t.postings.c.ref).where(cl.t.postings.c.kind == "event"))}
    assert keep["size"] == 3 and keep["data"]["n"] == 3
    assert cid["001"] not in refs and cid["000"] in refs
    by_id = {a.id: p for p, a in arts.items()}
    assert _groups(store, by_id, "event_cluster") == [{"000", "001", "003"}, {"002", "004"}]
    assert {s.id for s in stories(store, "event")} == {cid["000"], cid["002"]}



def test_cluster_profile_cache_evicting_every_row_changes_nothing(tmp_path, seeds, monkeypatch) -> None:
    arts = list(seeds().values())
    full, tiny = Store(str(tmp_path / "full.db")), Store(str(tmp_path / "tiny.db"))
    _run(full, arts)
    monkeypatch.setattr(cl, "MAX_CACHED", 1)  # every load goes back to the database
    _run(tiny, arts)
    cols = ["id", "event_cluster", "story"]
    assert full.article_rows(cols) == tiny.article_rows(cols)
    assert [dataclasses.astuple(s) for s in stories(full)] == [dataclasses.astuple(s) for s in stories(tiny)]


def test_cluster_storylines_keep_no_member_snapshots(store, seeds) -> None:
    _run(store, list(seeds().values()))
    with store.read() as conn:
        rows = cl.Rows().load(conn, [s.id for s in stories(store)])
    assert all("members" not in r["data"] for r in rows.values() if r["level"] == "storyline")
    assert all(r["data"]["members"] for r in rows.values() if r["level"] == "event")


def _state(store: Store) -> tuple:
    with store.read() as conn:
        from sqlalchemy import select

        from warta.store import schema as t

        posts = sorted(conn.execute(select(t.postings.c.kind, t.postings.c.key, t.postings.c.ref)).all())
        rows = sorted(conn.execute(select(t.stories)).all())
    return store.article_rows(["id", "event_cluster", "story"]), rows, posts


def test_cluster_chunks_of_one_article_equal_one_chunk(tmp_path, seeds, monkeypatch) -> None:
    arts = list(seeds(annotate=False).values())
    one, many = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "many.db"))
    _run(one, arts)
    monkeypatch.setattr(cl, "CHUNK", 1)  # every article read, assigned and written on its own
    _run(many, arts)
    assert _state(one) == _state(many)


def test_cluster_postings_lookup_sees_the_rows_a_limited_query_returns(store, monkeypatch) -> None:
    from collections import Counter

    monkeypatch.setattr(cl, "MAX_POSTINGS", 7)
    rows = [("event", k, f"ev-{r}") for k in ("k1", "k2", "k3") for r in range(9, 0, -2 if k == "k2" else -1)]
    with store.write() as conn:
        conn.execute(cl.insert(cl.t.postings), [{"kind": a, "key": b, "ref": c} for a, b, c in rows])
        p = cl.Postings()
        p.post("event", ["k2"], "ev-0")  # a post of this chunk, not yet in the table
        p.post("event", ["k1"], "ev-5")  # already in the table
        got = p.lookup(conn, "event", ["k3", "k2"])
        p.flush(conn)
        query = cl.select(cl.t.postings.c.ref).where(cl.t.postings.c.kind == "event",
                                                     cl.t.postings.c.key.in_(["k3", "k2"])).limit(7)
        counts = Counter(r[0] for r in conn.execute(query))
        n = conn.execute(cl.select(cl.func.count()).select_from(cl.t.postings)).scalar_one()
    assert got == [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    assert "ev-0" in got and n == len(rows) + 1


def _plain_score(x: ft.Features, p: dict) -> float:
    """The same-event score written out with tx.cosine and dates parsed on the spot."""
    import math
    from datetime import date

    lo, hi = tx.parse_time(p.get("pub_min")), tx.parse_time(p.get("pub_max"))
    time = 0.0
    if x.published and lo and hi:
        gap = max((lo - x.published).total_seconds(), (x.published - hi).total_seconds(), 0.0) / 86400
        if gap > ft.WINDOW_DAYS:
            return 0.0
        time = math.exp(-gap / 2)
    content = ft.W_WORDS * tx.cosine(x.stems, p["stems"]) + ft.W_ENTITIES * tx.cosine(x.entities, p["entities"])
    if x.title_stems and p.get("title"):
        content += ft.W_TITLE * tx.cosine(x.title_stems, p["title"])
    else:
        content /= ft.W_WORDS + ft.W_ENTITIES
    mine, near = [date.fromisoformat(d) for d in x.days], [date.fromisoformat(d) for d in p.get("days", [])]
    if mine and near and not any(abs((d - o).days) <= 1 for d in mine for o in near):
        content *= ft.DATE_CONFLICT
    if x.types and p.get("types") and not x.types & set(p["types"]):
        content *= ft.TYPE_CONFLICT
    return content * (0.85 + 0.15 * time) if time else content


@pytest.mark.parametrize("annotate", [True, False])
def test_cluster_prepared_scores_equal_the_plain_formula(seeds, annotate) -> None:
    f = {p: ft.features(a) for p, a in seeds(annotate=annotate).items()}
    profiles = [ft.new_profile(f["000"]), ft.merge_profile(ft.new_profile(f["000"]), f["002"]),
                ft.merge_profile(ft.new_profile(f["004"]), f["001"])]
    for x in f.values():
        side = ft.article_side(x)
        for p in profiles:
            prep = ft.prepare(p)
            full = ft.prepared_score(side, prep)
            assert ft.side_score(side, prep.profile) == _plain_score(x, p)  # the same float
            assert full == max(_plain_score(x, q) for q in [p, *p["members"]])
            floored = ft.prepared_score(side, prep, ft.EVENT_THRESHOLD)  # early exits only below the bar
            assert floored == full or (floored < ft.EVENT_THRESHOLD and full < ft.EVENT_THRESHOLD)
