"""HTML input: trafilatura finds the body, then the text rules finish the job.

trafilatura's output is not mapped to the HTML, so each kept paragraph is
located in the raw HTML by its first characters; paragraphs not found there
get no offset run (``Article.raw_offset`` then answers None).
"""

from __future__ import annotations

import html as htmllib
from functools import lru_cache

from warta.clean.layout import layout_of
from warta.model import Span


@lru_cache(maxsize=16)
def extract_text(raw_html: str) -> str:
    """trafilatura's text, remembered for the last few pages (meta.text reads it again)."""
    import trafilatura

    text = trafilatura.extract(
        raw_html, favor_precision=True, include_comments=False, include_tables=False, output_format="txt"
    )
    return text or ""


def clean_html(raw_html: str) -> tuple[str, list[Span], list[tuple[int, int, int]]]:
    extracted = extract_text(raw_html)
    layout = layout_of(extracted)
    texts = [extracted[p.start : p.end] for p in layout.body]
    texts = [" ".join(t.split()) for t in texts]
    text = "\n\n".join(texts)
    spans: list[Span] = []
    runs: list[tuple[int, int, int]] = []
    pos, cursor = 0, 0
    unescaped = raw_html  # search in the raw HTML; fall back to entity-decoded prefix
    for t in texts:
        spans.append(Span(pos, pos + len(t)))
        hit = _locate(unescaped, t, cursor)
        if hit is not None:
            runs.append((pos, hit, min(len(t), _run_len(raw_html, hit, t))))
            cursor = hit
        pos += len(t) + 2
    return text, spans, runs


def _locate(raw: str, para: str, cursor: int) -> int | None:
    probe = para[:40]
    for cand in (probe, htmllib.escape(probe, quote=False)):
        i = raw.find(cand, cursor)
        if i < 0:
            i = raw.find(cand)
        if i >= 0:
            return i
    return None


def _run_len(raw: str, at: int, para: str) -> int:
    """How many characters of ``para`` match the raw HTML verbatim from ``at``."""
    n = 0
    for a, b in zip(raw[at : at + len(para)], para):
        if a != b:
            break
        n += 1
    return n
