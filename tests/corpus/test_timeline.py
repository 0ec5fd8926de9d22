"""timeline@1: merged events with all their reports, corroboration, ordering and queries."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import seed
from sqlalchemy import select

from warta.corpus import cluster as cl
from warta.corpus import dedup as dd
from warta.corpus import timeline as tl
from warta.model import Article, Event
from warta.store import Store
from warta.store import schema as t


def _run(store: Store, articles) -> None:
    for a in articles:
        store.put_article(a)
    ids = [a.id for a in articles]
    for step in (dd.dedup, cl.cluster, tl.timeline_step):
        step(store, ids)


def _entry(entries, typ: str, date_prefix: str):
    found = [e for e in entries if e.type == typ and (e.date or "").startswith(date_prefix)]
    assert len(found) == 1, found
    return found[0]


def test_timeline_same_event_from_two_outlets_is_one_entry(store, seeds) -> None:
    arts = seeds()
    _run(store, list(arts.values()))
    e = _entry(tl.timeline(store), "COOPERATE", "2022-08-15")
    assert set(e.articles) == {arts["000"].id, arts["003"].id}
    assert e.outlets == ["Bisnis.com", "Republika"]
    assert e.corroboration == 2  # Bloomberg and Reuters: two independent origins
    assert e.first_reported == "2022-08-15"  # Bisnis (date only) sorts before Republika 02:15 UTC
    assert "Putin" in e.summary and len(e.summary) <= tl.SUMMARY_CHARS + 2
    assert e.story is not None and not e.background


def test_timeline_dates_of_different_precision_merge(store, seeds) -> None:
    arts = seeds()
    _run(store, list(arts.values()))
    e = _entry(tl.timeline(store), "ASSAULT", "2022")
    assert e.date == "2022-02" and e.precision == "month"  # the most precise report wins
    assert set(e.articles) == {arts[p].id for p in ("000", "001", "004")}
    assert e.background


def test_timeline_wire_copy_counts_once(store, seeds) -> None:
    arts = seeds()
    copy = dataclasses.replace(seed("003"), id="antara-copy", input_id="x", outlet="Antara", url=None,
                               published="2022-08-15T12:00:00+07:00")
    _run(store, list(arts.values()) + [copy])
    e = _entry(tl.timeline(store), "COOPERATE", "2022-08-15")
    assert "antara-copy" in e.articles and "Antara" in e.outlets
    assert e.corroboration == 2
    with store.read() as conn:
        data = json.loads(conn.execute(select(t.timeline.c.data).where(t.timeline.c.id == e.id)).scalar_one())
    assert "Antara <- Reuters" in data["chains"] and "Bisnis.com <- Bloomberg" in data["chains"]


def test_timeline_events_rows_point_to_entries(store, seeds) -> None:
    _run(store, list(seeds().values()))
    with store.read() as conn:
        rows = conn.execute(select(t.events.c.entry_id)).all()
    assert rows and all(r[0] for r in rows)
    assert len({r[0] for r in rows}) == store.count("timeline") < len(rows)


def test_timeline_ordered_by_when_it_happened_undated_last_on_request(store, seeds) -> None:
    undated = Article(id="undated", input_id="u", text="Rusia menolak resolusi itu. " * 5, published="2024-07-01",
                      events=[Event("REJECT", 0, 27, source="Q159", target="Q1065")])
    _run(store, list(seeds().values()) + [undated])
    entries = tl.timeline(store, undated=True)
    keys = [tl.sort_key(e.date) for e in entries]
    assert keys == sorted(keys)
    assert entries[-1].date is None and entries[0].date.startswith("2022")
    # by default a timeline leaves out what it cannot place
    assert [e.id for e in tl.timeline(store)] == [e.id for e in entries if e.date is not None]


def test_timeline_filters(store, seeds) -> None:
    _run(store, list(seeds().values()))
    peskov = tl.timeline(store, entity="warta:person:choe-son-hui")
    assert [e.type for e in peskov] == ["CONSULT"]
    pair = tl.timeline(store, pair=("Q423", "Q7747"))
    assert {e.type for e in pair} == {"COOPERATE", "SUPPORT"}
    window = tl.timeline(store, since="2024-01", until="2024-03")
    assert [e.date for e in window] == ["2024-01-16", "2024-01-17", "2024-03"]
    story = tl.timeline(store, story=window[0].story)
    assert len(story) == store.count("timeline")


def test_timeline_two_runs_equal_one_run_and_rerun_is_noop(tmp_path, seeds) -> None:
    arts = list(seeds().values())
    one, two = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    _run(one, arts)
    _run(two, arts[:3])
    _run(two, arts[3:])
    assert tl.timeline(one) == tl.timeline(two)
    before = tl.timeline(one)
    tl.timeline_step(one, [a.id for a in arts])
    assert tl.timeline(one) == before


def test_timeline_articles_without_events(store, seeds) -> None:
    _run(store, list(seeds(annotate=False).values()) + [Article(id="empty", input_id="e", text="")])
    assert tl.timeline(store) == []
    assert store.article_rows(["event_cluster"], id="empty")[0]["event_cluster"]


@pytest.mark.parametrize(
    ("value", "key"),
    [("2024-06-18", "2024-06-18"), ("2024-06", "2024-06-00"), ("2024", "2024-00-00"), ("1910/1945", "1910-00-00"),
     ("199X", "1990-00-00"), ("XXXX-06-18", tl.UNKNOWN), (None, tl.UNKNOWN), ("2024-06-18T10:30", "2024-06-18T10:30")],
)
def test_sort_key_orders_dates(value, key) -> None:
    assert tl.sort_key(value) == key


def test_dates_compatible() -> None:
    assert tl.dates_compatible("2022-02", "2022")
    assert tl.dates_compatible("2022", "2022-02-24")
    assert not tl.dates_compatible("2022-02", "2022-03-01")
    assert not tl.dates_compatible("1910/1945", "1910")


def test_timeline_joint_act_of_two_sources_is_one_entry(store, seeds) -> None:
    """"China dan Rusia ... memveto resolusi": one act, told once, with two sources."""
    arts = seeds()
    a = arts["000"]
    at = a.text.index("China dan Rusia pada akhir Mei memveto")
    end = a.text.index(".", at) + 1
    a.events = [Event("REJECT", at, end, source=src, target="Q37470", date="2022-05", precision="month")
                for src in ("Q148", "Q159")]
    _run(store, [a])
    e = _entry(tl.timeline(store), "REJECT", "2022-05")
    for country in ("Q148", "Q159"):  # found by either source
        assert [x.id for x in tl.timeline(store, entity=country)] == [e.id]
    a2 = dataclasses.replace(seed("003"), id="other")
    a2.events = [Event("REJECT", 0, 10, source="Q159", target="Q37470", date="2022-05", precision="month"),
                 Event("REJECT", 20, 30, source="Q148", target="Q37470", date="2022-05", precision="month")]
    _run(store, [a2])  # two sentences of another article: one report joins the entry of its source, one is new
    assert len([x for x in tl.timeline(store) if x.type == "REJECT"]) == 2
