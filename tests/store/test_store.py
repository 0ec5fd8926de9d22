"""The store: the same cases against SQLite and a real PostgreSQL server."""

from __future__ import annotations

from sqlalchemy import inspect

from warta.model import Article, Author, Entity, Event, Mention, TimeExpr


def _article(text: str = "Presiden Rusia Vladimir Putin tiba di Pyongyang pada Selasa malam.") -> Article:
    return Article(
        id="a" * 16,
        input_id="seed.txt",
        raw="RAW " + text,
        text=text,
        outlet="Medcom",
        published="2024-06-18T13:51:00+07:00",
        published_precision="minute",
        authors=[Author("Lintar Satria", "reporter")],
        mentions=[Mention(15, 29, "Vladimir Putin", "PER", "Q7747"), Mention(38, 47, "Pyongyang", "LOC", "Q423")],
        entities={
            "Q7747": Entity("Q7747", "Vladimir Putin", "person", ["Vladimir Putin"], "Q7747"),
            "Q423": Entity("Q423", "North Korea", "country", ["Pyongyang"], "Q423"),
        },
        times=[TimeExpr(53, 66, "Selasa malam", "TIME", "2024-06-18TNI", "day")],
        events=[Event("CONSULT", 0, len(text), "tiba", "Q7747", "Q423", "2024-06-18", "day", modality="planned")],
    )


def test_store_migrates_a_new_database(store_url: str, open_store) -> None:
    store = open_store(store_url)
    tables = set(inspect(store.engine).get_table_names())
    assert {"articles", "entities", "mentions", "events", "ingest_log", "timeline", "alembic_version"} <= tables


def test_store_put_article_round_trips_every_annotation(store_url: str, open_store) -> None:
    store = open_store(store_url)
    original = _article()
    assert store.put_article(original) is True
    loaded = store.get_article(original.id)
    assert loaded == original


def test_store_put_article_twice_changes_nothing(store_url: str, open_store) -> None:
    store = open_store(store_url)
    store.put_article(_article())
    counts = [store.count(t) for t in ("articles", "mentions", "events", "entities")]
    assert store.put_article(_article()) is False
    assert [store.count(t) for t in ("articles", "mentions", "events", "entities")] == counts == [1, 2, 1, 2]


def test_store_merges_entity_aliases_across_articles(store_url: str, open_store) -> None:
    store = open_store(store_url)
    first = _article()
    second = _article("Moskow dan Pyongyang membantah tuduhan itu.")
    second.id = "b" * 16
    second.mentions = [Mention(11, 20, "Pyongyang", "LOC", "Q423")]
    second.entities = {"Q423": Entity("Q423", "North Korea", "country", ["Korut"], "Q423")}
    store.put_article(first)
    store.put_article(second)
    assert store.find_entity("korut") == "Q423"
    assert store.find_entity("North Korea") == "Q423"
    assert store.find_entity("Atlantis") is None


def test_store_log_and_state_persist(store_url: str, open_store) -> None:
    store = open_store(store_url)
    store.log("run1", "bad.jsonl:3", "skipped", "invalid JSON")
    store.put_state("k", {"n": 1})
    again = open_store(store_url)
    rows = again.log_rows("run1")
    assert [(r["input_id"], r["status"], r["reason"]) for r in rows] == [("bad.jsonl:3", "skipped", "invalid JSON")]
    assert again.get_state("k") == {"n": 1}


def test_store_orders_articles_by_publication_across_timezones(store_url: str, open_store) -> None:
    store = open_store(store_url)
    late = _article()
    late.id, late.published = "c" * 16, "2024-06-18T09:00:00+00:00"  # 16:00 WIB
    early = _article()
    early.id, early.published = "d" * 16, "2024-06-18T15:00:00+07:00"  # 08:00 UTC
    store.put_article(late)
    store.put_article(early)
    assert [a.id for a in store.iter_articles()] == [early.id, late.id]


def test_store_find_article_by_prefix(store_url: str, open_store) -> None:
    store = open_store(store_url)
    store.put_article(_article())
    found = store.find_article("aaaa")
    assert found is not None and found.id == "a" * 16
    assert store.find_article("zz") is None


def test_store_keeps_nested_mentions_that_start_together(store_url: str, open_store) -> None:
    store = open_store(store_url)
    article = _article()
    article.mentions.append(Mention(15, 23, "Vladimir", "PER", None))  # inside "Vladimir Putin"
    assert store.put_article(article)
    assert store.count("mentions") == 3 and store.get_article(article.id).mentions == article.mentions
