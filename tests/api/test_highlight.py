"""Highlighted article text: well-formed, escaped, every span anchored, text unchanged."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from warta.web.highlight import Ann, render


class Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text = ""
        self.ids: list[str] = []
        self.by_id: dict[str, str] = {}
        self.open_ids: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        assert tag == "mark"
        a = dict(attrs)
        self.depth += 1
        self.open_ids.append(a.get("id"))
        if a.get("id"):
            self.ids.append(a["id"])
            self.by_id[a["id"]] = ""

    def handle_endtag(self, tag: str) -> None:
        assert tag == "mark" and self.depth > 0
        self.depth -= 1
        self.open_ids.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for i in self.open_ids:
            if i:
                self.by_id[i] += data


def parse(html: str) -> Tree:
    tree = Tree()
    tree.feed(html)
    tree.close()
    assert tree.depth == 0
    return tree


def test_render_escapes_markup_in_text() -> None:
    text = 'Kata "A" <script>alert(1)</script> & B'
    html = render(text, [Ann(0, 4, "mention", "t-person", 'x" onmouseover="alert(1)')])
    assert "<script>" not in html and 'onmouseover="' not in html
    assert parse(str(html)).text == text


def test_render_splits_crossing_spans_but_keeps_them_whole_in_text() -> None:
    text = "Putin bertemu Kim Jong Un di Pyongyang."
    anns = [
        Ann(0, 24, "quote", "", "q"),
        Ann(14, 38, "event", "", "e"),
        Ann(29, 38, "mention", "t-place", "m"),
    ]
    tree = parse(str(render(text, anns)))
    assert tree.text == text
    for a in anns:
        assert f"s-{a.start}-{a.end}" in tree.ids
    assert tree.by_id["s-29-38"] == "Pyongyang"
    assert tree.by_id["s-0-24"].startswith("Putin bertemu Kim")


def test_render_anchors_each_span_once() -> None:
    text = "Selasa (16/1/2024) di Kremlin"
    anns = [
        Ann(0, 18, "time", "t-date", "t"),
        Ann(0, 18, "mention", "t-other", "m"),
        Ann(22, 29, "mention", "", ""),
    ]
    tree = parse(str(render(text, anns)))
    assert sorted(tree.ids) == ["s-0-18", "s-22-29"]


def test_render_drops_spans_outside_the_text() -> None:
    text = "pendek"
    tree = parse(
        str(
            render(
                text, [Ann(-1, 3, "time", "", ""), Ann(2, 99, "quote", "", ""), Ann(4, 4, "event", "", "")]
            )
        )
    )
    assert tree.text == text and tree.ids == []


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(["mention", "time", "quote", "event"])),
    max_size=12,
)


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab <>&\"'\n", min_size=1, max_size=60), raw=spans)
def test_render_is_well_formed_for_any_spans(text: str, raw: list[tuple[int, int, str]]) -> None:
    anns = [Ann(min(s, e), max(s, e), k, "", "t") for s, e, k in raw]
    tree = parse(str(render(text, anns)))
    assert tree.text == text
    for a in anns:
        if 0 <= a.start < a.end <= len(text):
            assert f"s-{a.start}-{a.end}" in tree.ids
