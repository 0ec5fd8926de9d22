"""Component ``clean.text@1``: keep the article body prose, drop the rest.

Raw text goes through :func:`warta.clean.layout.analyse`; HTML is first
reduced to text by trafilatura (see :mod:`warta.clean.html`), then the same
rules remove Indonesian furniture trafilatura leaves in.
"""

from __future__ import annotations

from warta.clean.layout import layout_of
from warta.clean.lines import Para, plain_spaces
from warta.model import Article, Span
from warta.pipeline import component

MAX_RAW_CHARS = 2_000_000  # beyond this a "page" is not an article; cut and flag


def assemble(raw: str, paras: list[Para]) -> tuple[str, list[Span], list[tuple[int, int, int]]]:
    """Join paragraphs with blank lines; return text, paragraph spans, offset runs."""
    parts: list[str] = []
    spans: list[Span] = []
    runs: list[tuple[int, int, int]] = []
    pos = 0
    plain = plain_spaces(raw)  # same length as raw: offsets hold
    for i, p in enumerate(paras):
        if i:
            parts.append("\n\n")
            pos += 2
        start = pos
        for (r0, r1), sep in zip(p.pieces, p.seps):
            parts.append(sep)
            pos += len(sep)
            runs.append((pos, r0, r1 - r0))
            parts.append(plain[r0:r1])
            pos += r1 - r0
        spans.append(Span(start, pos))
    return "".join(parts), spans, runs


def clean_raw_text(raw: str) -> tuple[str, list[Span], list[tuple[int, int, int]]]:
    layout = layout_of(raw)
    return assemble(raw, layout.body)


@component("clean.text@1", requires=("raw", "raw_kind"), assigns=("text", "offsets", "paragraphs"))
def make_clean_text(**settings: object) -> object:
    from warta.clean import html as html_mod

    def clean(article: Article) -> Article:
        raw = article.raw or ""
        if len(raw) > MAX_RAW_CHARS:
            raw = raw[:MAX_RAW_CHARS]
            article.flags.append("raw-truncated")
        if article.raw_kind == "html":
            text, spans, runs = html_mod.clean_html(raw)
        else:
            text, spans, runs = clean_raw_text(raw)
        article.text, article.paragraphs, article.offsets = text, spans, runs
        if not text.strip():
            article.flags.append("empty-body")
        return article

    return clean
