"""Invariants every analysed article must hold, shared by the property tests and the fuzzer."""

from __future__ import annotations

from warta.model import Article

SPAN_LISTS = ("paragraphs", "sentences", "mentions", "times", "quotes", "claims", "events")
PAIRS = (("start", "end"), ("cue_start", "cue_end"))


def bad_spans(article: Article) -> list[tuple[str, int, int]]:
    """Annotations whose offsets fall outside the clean text (or run backwards)."""
    n = len(article.text)
    bad = []
    for name in SPAN_LISTS:
        for ann in getattr(article, name):
            for a, b in PAIRS:
                start, end = getattr(ann, a, None), getattr(ann, b, None)
                if start is None or end is None:
                    continue
                if not 0 <= start <= end <= n:
                    bad.append((f"{name}.{a}", start, end))
    return bad
