"""The HTML pages: each renders, shows what it promises, links facts to evidence, works offline."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import warta
from warta.model import Article
from warta.store import Store


class Marks(HTMLParser):
    """Every <mark> of a page with its classes, id and full text (nested marks included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[dict] = []
        self.marks: list[dict] = []
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.body_text: list[str] = []
        self.in_body = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.hrefs.append(a["href"])
        if tag == "div" and a.get("id") == "body":
            self.in_body = 1
        elif tag == "div" and self.in_body:
            self.in_body += 1
        if tag == "mark":
            m = {"cls": (a.get("class") or "").split(), "id": a.get("id"), "text": ""}
            self.open.append(m)
            self.marks.append(m)

    def handle_endtag(self, tag: str) -> None:
        if tag == "mark":
            self.open.pop()
        if tag == "div" and self.in_body:
            self.in_body -= 1

    def handle_data(self, data: str) -> None:
        for m in self.open:
            m["text"] += data
        if self.in_body:
            self.body_text.append(data)


def parse(html: str) -> Marks:
    p = Marks()
    p.feed(html)
    assert not p.open, "unclosed <mark>"
    return p


def test_home_lists_stories_and_seed_titles(client, seeded: Store) -> None:
    html = client.get("/").text
    titles = [r["title"] for r in seeded.article_rows(["title"]) if r["title"]]
    assert len(titles) >= 4
    for title in titles:
        assert _esc(title) in html
    storylines = [s for s in warta.stories(seeded) if s.level == "storyline"]
    for s in storylines:
        assert f'href="/stories/{s.id}"' in html


def test_article_page_marks_equal_annotation_text(client, articles: list[Article]) -> None:
    for a in articles:
        page = parse(client.get(f"/articles/{a.id}").text)
        assert "".join(page.body_text) == a.text  # marks add no text, lose none
        for kind, anns in (("a-mention", a.mentions), ("a-time", a.times), ("a-quote", a.quotes)):
            texts = {m["text"] for m in page.marks if kind in m["cls"]}
            for ann in anns:
                assert ann.text in texts, (a.id, kind, ann.text)
                assert f"s-{ann.start}-{ann.end}" in page.ids


def test_article_page_facts_link_to_existing_anchors(client, articles: list[Article]) -> None:
    a = max(articles, key=lambda x: len(x.events) + len(x.quotes))
    page = parse(client.get(f"/articles/{a.id}").text)
    anchors = [h[1:] for h in page.hrefs if h.startswith("#s-")]
    expected = {f"s-{x.start}-{x.end}" for x in [*a.mentions, *a.times, *a.quotes, *a.claims, *a.events]}
    assert set(anchors) == expected
    assert set(anchors) <= page.ids


def test_story_page_shows_each_outlet_side_by_side(client, seeded: Store, articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    story = max(warta.stories(seeded), key=lambda s: len(s.articles) if s.level == "event" else 0)
    html = client.get(f"/stories/{story.id}").text
    assert html.count('<article class="report">') == len(story.articles)
    for aid in story.articles:
        assert f'href="/articles/{aid}"' in html
        if by_id[aid].outlet:
            assert _esc(by_id[aid].outlet) in html
    assert "What it adds" in html and "Merged events" in html
    for aid in story.articles:  # each added fact links into its own article
        for frag in re.findall(rf'href="/articles/{aid}#(s-\d+-\d+)"', html):
            start, end = map(int, frag[2:].split("-"))
            assert 0 <= start < end <= len(by_id[aid].text)


def test_timeline_page_groups_by_zoom(client, seeded: Store) -> None:
    entries = warta.timeline(seeded)
    starts = [e.date.split("/")[0] for e in entries if e.date]  # a range "1910/1945" sits at its start
    years = {d[:4] for d in starts}
    months = {d[:7] for d in starts}
    html_year = client.get("/timeline", params={"zoom": "year"}).text
    html_month = client.get("/timeline", params={"zoom": "month"}).text
    heads_year = re.findall(r'class="period-head"><time datetime="([^"]*)"', html_year)
    heads_month = re.findall(r'class="period-head"><time datetime="([^"]*)"', html_month)
    assert {h for h in heads_year if h} == years
    assert {h for h in heads_month if h} == months
    assert len(re.findall(r'<li class="entry[ "]', html_year)) == len(entries)
    assert client.get("/timeline", params={"zoom": "week"}).status_code == 422


def test_timeline_page_entry_links_to_evidence(client, seeded: Store) -> None:
    e = next(x for x in warta.timeline(seeded) if x.source)
    name = seeded.entity_names()[e.source]
    html = client.get("/timeline", params={"entity": e.source}).text
    assert _esc(name) in html
    links = re.findall(r'href="/articles/([0-9a-f]+)#s-(\d+)-(\d+)"', html)
    assert {aid for aid, _, _ in links} >= set(e.articles)
    for aid, s, t in links[:20]:
        assert int(s) < int(t) and f'id="s-{s}-{t}"' in client.get(f"/articles/{aid}").text


def test_entity_page_shows_names_and_related(client, articles: list[Article]) -> None:
    ent = next(e for a in articles for e in a.entities.values() if e.type == "person")
    html = client.get(f"/entities/{ent.id}").text
    assert _esc(ent.name) in html and "Names seen" in html and "Related entities" in html
    for text in {m.text for a in articles for m in a.mentions if m.entity == ent.id}:
        assert _esc(text) in html


def test_search_page_highlights_words(client) -> None:
    html = client.get("/search", params={"q": "Kremlin"}).text
    marks = re.findall(r"<mark>([^<]*)</mark>", html)
    assert marks and all(m.lower() == "kremlin" for m in marks)


@pytest.mark.parametrize("url", ["/", "/timeline", "/entities", "/search?q=Putin", "/docs"])
def test_pages_use_no_external_resources(client, url: str) -> None:
    html = client.get(url).text
    assert client.get(url).status_code == 200
    assert not re.search(r'(src|href)="(https?:)?//(?!www\.wikidata\.org)', html), url
    assert client.get("/static/warta.css").status_code == 200


def test_docs_page_lists_every_endpoint(client) -> None:
    html = client.get("/docs").text
    for path in client.get("/openapi.json").json()["paths"]:
        assert _esc(path) in html


def _esc(s: str) -> str:
    from markupsafe import escape

    return str(escape(s))
