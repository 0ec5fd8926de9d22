"""cluster@1 on the seeds: same-event clusters, one storyline, incremental and idempotent."""

from __future__ import annotations

import dataclasses

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
        cache = cl.Rows()
        rows = cache.load(conn, [cid["000"], cid["001"]])
        keep, gone = rows[cid["000"]], rows[cid["001"]]
        cl._absorb(conn, cache, keep, gone)
        cache.save(conn, keep, new=False)
        assert cache.load(conn, [cid["001"]]) == {}
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
