"""The UI in a real browser: every page type on the seeds, at phone and laptop widths.

Screenshots go to artifacts/screenshots/ (kept by CI as artefacts).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from sqlalchemy import select

import warta
from tests.browser.conftest import shot
from warta.store import schema as t

PAGE_TYPES = ("home", "story", "article", "entity", "entities", "timeline", "search", "docs", "missing")


def _url(kind: str, store: Any) -> str:
    rows = store.article_rows(["id", "title", "story"])
    if kind == "story":
        return "/stories/" + next(r["story"] for r in rows if r["story"])
    if kind == "article":
        return "/articles/" + next(r["id"] for r in rows if r["title"] and "<" not in r["title"])
    if kind == "entity":
        with store.read() as conn:  # the most mentioned entity has the fullest page
            top = conn.execute(
                select(t.entities.c.id).order_by(t.entities.c.mentions.desc()).limit(1)
            ).scalar_one()
        return "/entities/" + quote(top, safe="")
    return {
        "home": "/",
        "entities": "/entities",
        "timeline": "/timeline",
        "search": "/search?q=kemitraan",
        "docs": "/docs",
        "missing": "/articles/0000000000000000",
    }[kind]


@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_renders_without_overflow(
    page: Any, site: str, site_store: Any, viewport: str, kind: str
) -> None:
    if kind == "missing":
        page.expected_errors.append("404 (Not Found)")
    response = page.goto(site + _url(kind, site_store))
    assert response.status == (404 if kind == "missing" else 200)
    assert page.locator("h1").first.is_visible()
    shot(page, f"{kind}-{viewport}")
    # Nothing wider than the screen: the page never scrolls sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{kind} is {overflow}px wider than a {viewport} screen"
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('main p, main li')).fontSize)")
    assert size >= 14, f"body text of {size}px is too small to read"


def test_story_to_article_to_evidence(page: Any, site: str, viewport: str) -> None:
    page.goto(site + "/")
    page.locator(".story-card h2 a").first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    page.locator(".report h3 a").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+$"))
    evidence = page.locator("aside.facts a.ev").first
    label = evidence.inner_text()
    evidence.click()
    page.wait_for_url(re.compile(r"#s-\d+-\d+$"))
    target = page.locator("mark:target")
    assert target.count() == 1 and target.is_visible()
    assert label.strip()[:40] in target.inner_text()  # the fact's words are the marked evidence
    assert target.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    shot(page, f"evidence-{viewport}", screens=0)


def test_search_hit_opens_the_article_at_the_match(page: Any, site: str, viewport: str) -> None:
    page.goto(site + "/")
    box = page.locator("#top-q")
    box.fill("kemitraan")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=kemitraan"))
    marks = page.locator(".hits mark")
    assert marks.count() >= 2 and {m.lower() for m in marks.all_inner_texts()} >= {"mitra", "kemitraan"}
    month = page.locator(".facets h2:text('Month') + ul a").first
    count = month.locator("xpath=following-sibling::span").inner_text()
    month.click()
    page.wait_for_url(re.compile(r"month=\d{4}-\d{2}"))
    assert page.locator(".hits > li").count() == int(count)
    assert page.locator(".active-filters .chip").count() == 1
    snippet = page.locator(".hits .snippet").first.inner_text().strip(" …")
    page.locator(".hits > li > a").first.click()
    page.wait_for_url(re.compile(r"/articles/.+#s-\d+-\d+$"))
    target = page.locator("mark.a-target")
    assert target.count() >= 1
    marked = "".join(target.all_inner_texts())  # pieces split where other highlights begin
    assert "".join(marked.split()) == "".join(snippet.split())


def test_timeline_lists_seed_events_in_order(page: Any, site: str, site_store: Any, viewport: str) -> None:
    entries = warta.timeline(site_store)
    assert entries, "the seeds give merged events"
    page.goto(site + "/timeline?zoom=day")
    shown = page.locator("li.entry").evaluate_all("els => els.map(e => e.id)")
    assert shown == [f"e-{e.id}" for e in entries]
    dates = [
        d for d in page.locator("li.entry time.date").evaluate_all("els => els.map(e => e.dateTime)") if d
    ]
    assert dates == sorted(dates, key=lambda d: d.split("/")[0])
    heads = page.locator(".period-head").all_inner_texts()
    assert heads == list(dict.fromkeys(heads)), "each day is one heading"
    shot(page, f"timeline-day-{viewport}")


def test_keyboard_reaches_links_with_a_visible_focus(page: Any, site: str, viewport: str) -> None:
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()
    seen = []
    for _ in range(12):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                "(() => { const e = document.activeElement, s = getComputedStyle(e);"
                " return [e.tagName, e.getAttribute('href') || e.id, s.outlineStyle, parseFloat(s.outlineWidth)]; })()"
            )
        )
    hrefs = [h for tag, h, _s, _w in seen if tag == "A"]
    assert {"/", "/timeline", "/entities", "/docs"} <= set(hrefs)
    assert any(h.startswith("/stories/") for h in hrefs), "Tab reaches the story links"
    assert all(style != "none" and width >= 2 for _t, _h, style, width in seen), seen
    shot(page, f"focus-{viewport}", screens=0)


def test_skip_link_moves_focus_to_the_content(page: Any, site: str, viewport: str) -> None:
    page.goto(site + "/timeline")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.closest('main') !== null")
    assert first, "after the skip link, Tab goes into the main content"
