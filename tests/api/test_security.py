"""Hostile input: SQL metacharacters, script in article text, the ingest token."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.api.conftest import XSS, TestClient
from warta.api.app import create_app
from warta.config import Config
from warta.store import Store

NASTY = [
    "' OR '1'='1",
    "%",
    "_",
    "\\",
    '"; DROP TABLE articles; --',
    "'); DELETE FROM entities; --",
    "%' UNION SELECT id FROM articles --",
    "Q7747' --",
    "\x00",
    "..%2F..%2Fetc",
    "<b>",
]
ENDPOINTS = {
    "/api/articles": ["outlet", "since", "until", "story", "cluster", "entity"],
    "/api/timeline": ["entity", "pair", "story", "since", "until"],
    "/api/entities": ["q", "type"],
    "/api/quotes": ["speaker", "article"],
    "/api/claims": ["entity", "modality", "article"],
    "/api/stories": ["level"],
    "/api/search": ["q"],
    "/": ["page"],
    "/entities": ["q"],
    "/timeline": ["entity", "pair", "story", "since", "until", "zoom"],
    "/search": ["q"],
}


@pytest.mark.parametrize("value", NASTY)
def test_sql_metacharacters_are_harmless(client, seeded: Store, value: str) -> None:
    before = {t: seeded.count(t) for t in ("articles", "entities", "mentions", "events", "timeline")}
    for url, names in ENDPOINTS.items():
        for name in names:
            r = client.get(url, params={name: value})
            assert r.status_code < 500, (url, name, value, r.status_code)
    for path in (
        "/api/articles/",
        "/api/stories/",
        "/api/entities/",
        "/articles/",
        "/stories/",
        "/entities/",
    ):
        assert client.get(path + value.replace("\x00", "%00")).status_code < 500
    assert {t: seeded.count(t) for t in before} == before


@pytest.mark.parametrize("q", ["%", "_", "\\"])
def test_search_takes_like_wildcards_literally(client, seeded: Store, q: str) -> None:
    texts = [a.text + " " + (a.title or "") for a in seeded.iter_articles()]
    assert client.get("/api/search", params={"q": q}).json()["total"] == sum(q in t for t in texts)


def test_entities_query_takes_like_wildcards_literally(client) -> None:
    assert client.get("/api/entities", params={"q": "%"}).json()["total"] == 0


def test_script_in_article_is_escaped_on_every_page(client, seeded: Store, hostile_id: str) -> None:
    story = next(r["story"] for r in seeded.article_rows(["id", "story"]) if r["id"] == hostile_id)
    article = seeded.get_article(hostile_id)
    assert article is not None and XSS in article.text
    person = next(m.entity for m in article.mentions if m.entity)
    pages = [
        "/",
        f"/articles/{hostile_id}",
        "/search?q=alert",
        f"/entities/{person}",
        "/timeline",
        f"/timeline?entity={person}",
        "/entities?q=Putin",
    ]
    if story:
        pages += [f"/stories/{story}"]
    for page in pages:
        r = client.get(page)
        assert r.status_code == 200, page
        assert "<script>alert" not in r.text, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/articles/{hostile_id}").text
    assert "&lt;script&gt;" in client.get("/search?q=alert").text


def test_error_pages_escape_what_was_asked(client) -> None:
    r = client.get("/articles/<script>x</script>")
    assert r.status_code == 404 and "<script>x" not in r.text


# ------------------------------------------------------------------ ingest endpoint

RECORD = {
    "id": "api-1",
    "outlet": "Tempo",
    "title": "Putin tiba di Pyongyang",
    "published": "2024-06-19",
    "text": "Presiden Rusia Vladimir Putin tiba di Pyongyang pada Rabu (19/6/2024) dini hari untuk kunjungan "
    "kenegaraan pertamanya ke Korea Utara dalam 24 tahun terakhir.\n\nPemimpin Korea Utara Kim Jong Un "
    "menyambut Putin di bandara, menurut kantor berita resmi KCNA. Kedua pemimpin dijadwalkan menandatangani "
    "perjanjian kemitraan strategis yang mencakup kerja sama keamanan.\n\nAmerika Serikat dan Korea Selatan "
    "menyatakan keprihatinan atas semakin eratnya hubungan militer antara Moskow dan Pyongyang.",
}


@pytest.fixture
def fresh(tmp_path: Path) -> Store:
    store = Store(str(tmp_path / "ingest.db"))
    yield store
    store.close()


def test_ingest_absent_without_token(fresh: Store) -> None:
    with TestClient(create_app(fresh)) as c:
        assert c.post("/api/ingest", json=RECORD).status_code in (404, 405)
        assert "/api/ingest" not in c.get("/openapi.json").json()["paths"]


def test_ingest_requires_the_right_token(fresh: Store, cfg: Config) -> None:
    with TestClient(create_app(fresh, "s3cret", config=cfg)) as c:
        no = c.post("/api/ingest", json=RECORD)
        assert no.status_code == 401 and no.headers["www-authenticate"] == "Bearer"
        assert (
            c.post("/api/ingest", json=RECORD, headers={"Authorization": "Basic czNjcmV0"}).status_code == 401
        )
        assert (
            c.post("/api/ingest", json=RECORD, headers={"Authorization": "Bearer wrong"}).status_code == 403
        )
        assert fresh.count() == 0
        ok = c.post(
            "/api/ingest", json=[RECORD, {"title": "no body"}], headers={"Authorization": "Bearer s3cret"}
        )
        assert ok.status_code == 200, ok.text
        body = ok.json()
        assert (body["read"], body["stored"], body["skipped"]) == (2, 1, 1)
        assert [x["status"] for x in body["log"]] == ["stored", "skipped"]
        got = c.get(f"/api/articles/{body['ids'][0]}").json()
        assert got["input_id"] == "api-1" and got["outlet"] == "Tempo"
        again = c.post("/api/ingest", json=RECORD, headers={"Authorization": "Bearer s3cret"}).json()
        assert again["unchanged"] == 1 and fresh.count() == 1


@pytest.mark.parametrize("body", ["not json", "[]", "42"])
def test_ingest_rejects_bad_bodies(fresh: Store, cfg: Config, body: str) -> None:
    with TestClient(create_app(fresh, "t", config=cfg)) as c:
        r = c.post(
            "/api/ingest",
            content=body,
            headers={"Authorization": "Bearer t", "Content-Type": "application/json"},
        )
        assert r.status_code == 422


def test_only_web_urls_become_links(fresh: Store, cfg: Config) -> None:
    bad = {**RECORD, "id": "js", "url": "javascript:alert(1)"}
    good = {
        **RECORD,
        "id": "web",
        "url": "https://example.com/a?b=1&c=2",
        "text": RECORD["text"] + " Tambahan.",
    }
    with TestClient(create_app(fresh, "t", config=cfg)) as c:
        ids = c.post("/api/ingest", json=[bad, good], headers={"Authorization": "Bearer t"}).json()["ids"]
        assert len(ids) == 2
        bad_page, good_page = (c.get(f"/articles/{i}").text for i in ids)
        assert 'href="javascript:' not in bad_page and "javascript:alert(1)" in bad_page
        assert 'href="https://example.com/a?b=1&amp;c=2"' in good_page
