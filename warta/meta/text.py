"""Component ``meta.text@1``: outlet, title, dates, bylines, sources, captions.

Reads the page layout (the same analysis ``clean.text`` used) and records,
for every value, where in the raw input it was found (``Article.evidence``).
Values given by the input record (url, outlet, title, published) are kept.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from warta.clean.layout import Layout, layout_of
from warta.clean.lines import Line, Para
from warta.meta import authors as bylines
from warta.meta import dates, sources
from warta.meta.language import detect_language
from warta.meta.outlets import outlet_from_cue, outlet_from_url
from warta.model import Article, Author, Caption, Evidence
from warta.pipeline import component

LEAD_PARAGRAPHS = 3  # paragraphs searched for a lead date when the header has none


def raw_pos(p: Para, k: int) -> int:
    """Raw offset of character ``k`` of a paragraph's (joined) text."""
    pos = 0
    for (r0, r1), sep in zip(p.pieces, p.seps):
        pos += len(sep)
        if k < pos + (r1 - r0):
            return r0 + max(0, k - pos)
        pos += r1 - r0
    return p.end


def _ev(article: Article, name: str, start: int, end: int, how: str) -> None:
    article.evidence[name] = Evidence(start, end, how)


class MetaText:
    def __init__(self, reference_date: str | None = None) -> None:
        self.reference = dt.date.fromisoformat(reference_date) if reference_date else None

    def __call__(self, article: Article) -> Article:
        try:
            self._run(article)
        except (ValueError, IndexError, KeyError, RecursionError) as exc:  # never crash on odd input
            article.flags.append(f"meta-error:{type(exc).__name__}")
        return article

    def _run(self, article: Article) -> None:
        raw = article.raw or ""
        if article.raw_kind == "html":
            from warta.meta.html import apply_html_meta

            apply_html_meta(article, raw)
            raw_text = _html_text(raw)
            layout = layout_of(raw_text)
            offsets_valid = False
        else:
            layout = layout_of(raw)
            offsets_valid = True
        self._outlet(article, layout)
        self._title(article, layout)
        self._published(article, layout)
        self._authors(article, layout)
        self._sources(article, layout)
        self._captions(article, layout)
        if layout.dateline and layout.dateline.place and article.dateline is None:
            article.dateline = layout.dateline.place
            s, e = layout.dateline.place_span or (layout.dateline.start, layout.dateline.end)
            _ev(article, "dateline", s, e, "dateline")
        detect_language(article)
        if not offsets_valid:  # spans point into trafilatura's text, not the HTML
            for key, ev in list(article.evidence.items()):
                if not ev.how.startswith(("meta", "jsonld", "html")):
                    article.evidence[key] = Evidence(ev.start, ev.end, ev.how + "/extracted-text")
        if article.title is None and "no-title" not in article.flags:
            article.flags.append("no-title")

    def _outlet(self, article: Article, layout: Layout) -> None:
        if article.outlet is not None:
            return
        if article.url:
            name = outlet_from_url(article.url)
            if name:
                article.outlet = name
                return  # evidence: the url field, not the raw text
        cues: list[tuple[str, int, int, str]] = []
        dl = layout.dateline
        if dl and dl.outlet and dl.outlet_span:
            cues.append((dl.outlet, *dl.outlet_span, "dateline"))
        for p in layout.header:
            if p.kind == "date" and "•" in p.text:  # "Medcom • 18 June 2024 13:51"
                cue = p.text.split("•", 1)[0].strip()
                cues.append((cue, p.start, p.start + len(cue), "header-line"))
            if p.kind == "byline":
                _, outlet = bylines.parse_byline(p.text)
                if outlet:
                    i = p.text.rfind(outlet)
                    cues.append((outlet, raw_pos(p, i), raw_pos(p, i) + len(outlet), "byline"))
        for cue, s, e, how in cues:
            article.outlet = outlet_from_cue(cue)
            _ev(article, "outlet", s, e, how)
            return

    def _title(self, article: Article, layout: Layout) -> None:
        if article.title is None and layout.title is not None:
            t = layout.title.text.lstrip("#").strip().strip("*").strip()
            if t:
                article.title = t
                _ev(article, "title", layout.title.start, layout.title.end, "header-line")
        if article.standfirst is None and layout.standfirst is not None:
            article.standfirst = layout.standfirst.text
            _ev(article, "standfirst", layout.standfirst.start, layout.standfirst.end, "header-line")

    def _published(self, article: Article, layout: Layout) -> None:
        wib = True  # Indonesian outlets write local times; WIB unless a zone says otherwise
        for p in layout.header:
            if p.kind != "date":
                continue
            found = dates.header_date(p.text, assume_wib=wib)
            if not found:
                continue
            field = "updated" if dates.UPDATED.search(p.text[: found.start + 1]) else "published"
            if getattr(article, field) is None:
                setattr(article, field, found.value)
                if field == "published":
                    article.published_precision = found.precision
                _ev(article, field, raw_pos(p, found.start), raw_pos(p, found.end - 1) + 1, found.how)
        if article.published is not None:
            return
        if self._url_published(article, layout):
            return
        reference = self.reference or dt.date.today()
        for p in layout.body[:LEAD_PARAGRAPHS]:
            found = dates.lead_date(p.text, reference)
            if found:
                article.published, article.published_precision = found.value, found.precision
                _ev(article, "published", raw_pos(p, found.start), raw_pos(p, found.end - 1) + 1, found.how)
                return

    def _url_published(self, article: Article, layout: Layout) -> bool:
        """The day in the article's own URL: a metadata row ("| Short URL | ...") or the url field."""
        for ln in layout.dropped:
            if ln.text.startswith("|") and dates.URL_LINE.search(ln.text):
                found = dates.url_date(ln.text)
                if found:
                    article.published, article.published_precision = found.value, found.precision
                    _ev(article, "published", ln.start + found.start, ln.start + found.end, found.how)
                    return True
        found = dates.url_date(article.url) if article.url else None
        if found:  # evidence: the url field, not the raw text
            article.published, article.published_precision = found.value, found.precision
        return found is not None

    def _authors(self, article: Article, layout: Layout) -> None:
        if article.authors:
            return
        cands: list[tuple[str, int, int]] = [(p.text, p.start, 0) for p in layout.header if p.kind == "byline"]
        cands += [(ln.text, ln.start, 0) for ln in layout.dropped if ln.text.startswith("|")]
        cands += [(p.text, p.start, 0) for p in layout.tail]
        first: tuple[int, int] | None = None
        for text, base, _ in cands:
            found, _outlet = bylines.parse_byline(text)
            for name, role, s, e in found:
                if not any(a.name == name and a.role == role for a in article.authors):
                    article.authors.append(Author(name, role))
                    first = first or (base + s, base + e)
        if first:
            _ev(article, "authors", first[0], first[1], "byline")

    def _sources(self, article: Article, layout: Layout) -> None:
        wire: list[tuple[str, int, int]] = []
        cited: list[tuple[str, int, int]] = []
        body_gates = sources.gates("\n".join(p.text for p in layout.body))
        for p in layout.body:
            if not any(body_gates):
                break  # no paragraph can hold a source cue
            w, c = sources.body_sources(p.text, body_gates)
            wire += [(n, raw_pos(p, s), raw_pos(p, e - 1) + 1) for n, s, e in w]
            cited += [(n, raw_pos(p, s), raw_pos(p, e - 1) + 1) for n, s, e in c]
        footer: list[Para | Line] = [*layout.tail, *layout.dropped]
        for ln in footer:
            wire += [(n, ln.start + s, ln.start + e) for n, s, e in sources.footer_wires(ln.text)]
        _set_list(article, "wire_sources", wire, "wire-cue")
        names = set(article.wire_sources)
        _set_list(article, "cited_sources", [c for c in cited if c[0] not in names], "cite-cue")

    def _captions(self, article: Article, layout: Layout) -> None:
        if article.captions or not layout.captions:
            return
        for c in layout.captions:
            article.captions.append(Caption(c.text, c.credit, len(c.spans)))
        s, e = layout.captions[0].spans[0]
        _ev(article, "captions", s, e, "caption-line")


def _set_list(article: Article, field: str, found: list[tuple[str, int, int]], how: str) -> None:
    if getattr(article, field) or not found:
        return
    values: list[str] = []
    for name, _, _ in found:
        if name not in values:
            values.append(name)
    setattr(article, field, values)
    _ev(article, field, found[0][1], found[0][2], how)


def _html_text(raw: str) -> str:
    from warta.clean.html import extract_text

    return extract_text(raw)


@component(
    "meta.text@1",
    requires=("raw", "text"),
    assigns=(
        "outlet", "title", "standfirst", "published", "published_precision", "updated", "authors",
        "dateline", "wire_sources", "cited_sources", "captions", "language", "evidence",
    ),
)
def make_meta_text(**settings: Any) -> MetaText:
    return MetaText(reference_date=settings.get("reference_date"))
