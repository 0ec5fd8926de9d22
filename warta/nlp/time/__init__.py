"""Temporal tagger: find time expressions in ``Article.text`` and normalise them (TIMEX3).

``tag(text, published)`` is the library function; ``nlp.time@1`` is the pipeline
component.  Relative forms ("bulan lalu", "Selasa (18/6)") are anchored on the
publication time; when it is missing, on the ``reference_date`` setting (default
today) with low confidence, and year-less dates get XXXX years.
"""

from __future__ import annotations

from collections.abc import Callable

from warta.model import Article, TimeExpr
from warta.nlp.time.extract import MAX_TEXT, tag, tag_anchored
from warta.nlp.time.resolve import Anchor, parse_anchor
from warta.pipeline import component

__all__ = ["Anchor", "make_time_tagger", "parse_anchor", "tag", "tag_anchored"]


@component("nlp.time@1", requires=("text", "published"), assigns=("times",))
def make_time_tagger(reference_date: str | None = None) -> Callable[[Article], Article]:
    """Build the component.  ``reference_date``: ISO date used only when published is None."""

    def tag_article(article: Article) -> Article:
        anchor = parse_anchor(article.published, reference_date)
        times: list[TimeExpr] = tag_anchored(article.text or "", anchor)
        article.times = times
        if not anchor.known:
            article.flags.append("time-anchor-unknown")
        if len(article.text or "") > MAX_TEXT:
            article.flags.append("time-text-truncated")
        return article

    return tag_article
