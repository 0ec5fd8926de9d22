"""Full-text search on both backends: stemming, facets, ranking, paging, hostile queries.

Each test copies the analysed seed store (tests/api/conftest.py) into a fresh
store from ``store_url``, so SQLite and PostgreSQL answer over the same data.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterator

import pytest
from sqlalchemy import insert, select

from warta.api.search import FullTextSearcher, SearchFilter
from warta.store import Store
from warta.store import schema as t
from warta.store import search as index
from warta.store.migrate import alembic_config


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, seeded: Store
) -> Iterator[Store]:
    """A copy of the seed store (articles, corpus columns, stories) on each backend.

    Module-scoped (one fresh database per backend, as ``store_url`` makes them):
    a PostgreSQL database per test would cost seconds each.
    """
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("search") / "warta.db")
    else:
        import psycopg

        base = request.getfixturevalue("pg_url")
        name = "search_" + uuid.uuid4().hex[:10]
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        url = base.rsplit("/", 1)[0] + "/" + name
    copy = Store(url)
    for article in seeded.iter_articles():
        copy.put_article(article)
    copy.update_articles(seeded.article_rows(["id", "duplicate_of", "similarity", "event_cluster", "story"]))
    with seeded.read() as conn:
        stories = [dict(r) for r in conn.execute(select(t.stories)).mappings()]
    with copy.write() as conn:
        conn.execute(insert(t.stories), stories)
    yield copy
    copy.close()


def _has_word(article, word: str) -> bool:
    return re.search(rf"\b{word}\b", f"{article.title or ''} {article.text}", re.IGNORECASE) is not None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("dikunjungi", "kunjungan"),
        ("menyerang", "serangan"),
        ("kemitraan", "mitra"),
        ("mendukung", "dukungan"),
    ],
)
def test_stemmer_conflates_affixed_forms(a: str, b: str) -> None:
    assert index.stemmed(a) == index.stemmed(b)


def test_stemmer_keeps_meng_k_forms_apart() -> None:
    # Snowball's Indonesian stemmer drops "meng-" without restoring the k: a known gap.
    assert index.stemmed("mengunjungi") == "unjung" != index.stemmed("kunjungan")


def test_search_finds_affixed_forms(store: Store) -> None:
    articles = list(store.iter_articles())
    results = FullTextSearcher(store).search("kemitraan", 50, 0)
    found = {h.id for h in results.hits}
    literal = {a.id for a in articles if _has_word(a, "kemitraan")}
    root = {a.id for a in articles if _has_word(a, "mitra")}
    assert literal and root - literal, "the seeds hold both forms in different articles"
    assert found == literal | root and results.total == len(found)
    for hit in results.hits:
        assert all(index.stemmed(hit.snippet[s:e]) == "mitra" for s, e in hit.highlights)


def test_search_highlights_point_into_the_clean_text(store: Store) -> None:
    texts = {a.id: a.text for a in store.iter_articles()}
    results = FullTextSearcher(store).search("Senjata Korea", 50, 0)
    assert results.total > 0
    wanted = set(index.query_stems("Senjata Korea"))
    for hit in results.hits:
        text = texts[hit.id]
        assert text[hit.snippet_start : hit.snippet_start + len(hit.snippet)] == hit.snippet
        assert hit.highlights, hit.id
        for s, e in hit.highlights:
            assert index.stemmed(hit.snippet[s:e]) in wanted


def test_search_facets_count_matching_articles(store: Store) -> None:
    results = FullTextSearcher(store).search("Korea", 200, 0)
    ids = [h.id for h in results.hits]
    assert results.total == len(ids) > 1
    rows = {r["id"]: r for r in store.article_rows(["id", "outlet", "published_utc", "story"])}
    expected = {
        "outlet": Counter(rows[i]["outlet"] for i in ids if rows[i]["outlet"]),
        "month": Counter(rows[i]["published_utc"][:7] for i in ids if rows[i]["published_utc"]),
        "story": Counter(rows[i]["story"] for i in ids if rows[i]["story"]),
        "type": Counter(
            e.type for a in store.iter_articles(ids) for e in {x.type: x for x in a.events}.values()
        ),
        "entity": Counter(
            m for a in store.iter_articles(ids) for m in {x.entity for x in a.mentions if x.entity}
        ),
    }
    for name, counts in expected.items():
        got = {f.value: f.count for f in results.facets[name]}
        assert got and all(counts[v] == n for v, n in got.items()), name
        assert min(got.values()) >= max([n for v, n in counts.items() if v not in got], default=0), name


def test_search_filters_narrow_to_a_facet_value(store: Store) -> None:
    searcher = FullTextSearcher(store)
    facets = searcher.search("Korea", 200, 0).facets
    for name in ("outlet", "month", "entity", "type", "story"):
        value = facets[name][0]
        narrowed = searcher.search("Korea", 200, 0, SearchFilter(**{name: value.value}))
        assert narrowed.total == value.count == len(narrowed.hits), name
        assert {f.value: f.count for f in narrowed.facets[name]}[value.value] == value.count


def test_search_pages_partition_the_ranking(store: Store) -> None:
    searcher = FullTextSearcher(store)
    whole = searcher.search("Rusia", 200, 0)
    assert whole.total >= 4
    paged = [h.id for offset in range(0, whole.total, 2) for h in searcher.search("Rusia", 2, offset).hits]
    assert paged == [h.id for h in whole.hits]
    scores = [h.score for h in whole.hits]
    assert scores == sorted(scores, reverse=True)
    assert searcher.search("Rusia", 2, whole.total).hits == []


@pytest.mark.parametrize(
    "q",
    [
        '"Putin',
        "Putin*",
        "NEAR(Putin Kim)",
        "-Putin",
        "Putin OR",
        "title:Putin",
        "Putin'; DROP TABLE articles; --",
        "Putin & !Kim | (",
        "^Putin",
        "%Putin_",
        "Putin\\",
    ],
)
def test_search_takes_query_syntax_as_plain_words(store: Store, q: str) -> None:
    searcher = FullTextSearcher(store)
    before = store.count()
    words = " ".join(re.findall(r"[^\W_]+", q))
    plain = searcher.search(words, 200, 0)
    got = searcher.search(q, 200, 0)
    assert [h.id for h in got.hits] == [h.id for h in plain.hits] and got.total == plain.total
    assert store.count() == before


@pytest.mark.parametrize("q", ["", "   ", "%%%", "!!!", "\x00", "🙂"])
def test_search_without_words_finds_nothing(store: Store, q: str) -> None:
    assert FullTextSearcher(store).search(q, 20, 0).total == 0


def test_search_indexes_articles_stored_without_the_index(store: Store) -> None:
    with store.write() as conn:
        conn.execute(index.docs_table(conn).delete())
        assert index.has_missing(conn)
    assert FullTextSearcher(store).search("Pyongyang", 50, 0).total > 0
    with store.read() as conn:
        assert not index.has_missing(conn)
    assert index.index_missing(store) == 0


def test_migration_0003_downgrades_and_upgrades(store: Store) -> None:
    from alembic import command

    cfg = alembic_config()
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
        command.upgrade(cfg, "head")
    assert FullTextSearcher(store).search("Pyongyang", 50, 0).total > 0


def test_api_search_returns_facets_and_applies_filters(client) -> None:
    body = client.get("/api/search", params={"q": "Korea"}).json()
    outlet = body["facets"]["outlet"][0]
    narrowed = client.get("/api/search", params={"q": "Korea", "outlet": outlet["value"]}).json()
    assert narrowed["total"] == outlet["count"] and narrowed["filters"] == {"outlet": outlet["value"]}
    assert {h["outlet"] for h in narrowed["hits"]} == {outlet["value"]}
    entity = body["facets"]["entity"][0]
    by_name = client.get("/api/search", params={"q": "Korea", "entity": entity["label"]}).json()
    assert by_name["total"] == entity["count"] and by_name["filters"] == {"entity": entity["value"]}


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"month": "2024-13"}, 422),
        ({"month": "juni"}, 422),
        ({"type": "drop table"}, 422),
        ({"entity": "Nobody Atall"}, 404),
    ],
)
def test_api_search_rejects_bad_filters(client, params: dict[str, str], status: int) -> None:
    response = client.get("/api/search", params={"q": "Korea", **params})
    assert response.status_code == status
    assert next(iter(params)) in response.json()["detail"]


def test_search_page_links_facets_and_removes_filters(client) -> None:
    body = client.get("/api/search", params={"q": "Korea"}).json()
    month = body["facets"]["month"][0]
    html = client.get("/search", params={"q": "Korea"}).text
    assert f'href="/search?q=Korea&amp;month={month["value"]}"' in html
    narrowed = client.get("/search", params={"q": "Korea", "month": month["value"]}).text
    assert f"{month['count']} article" in narrowed
    assert 'href="/search?q=Korea"' in narrowed  # the chip that removes the filter
    assert f'name="month" value="{month["value"]}"' in narrowed  # kept by a new query
