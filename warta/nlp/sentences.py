"""Sentence spans with sentencex, mended where Indonesian abbreviations split a sentence."""

from __future__ import annotations

from functools import cache
from importlib import resources

from sentencex import segment

from warta.model import Article, Span
from warta.pipeline import component


@cache
def _abbreviations() -> frozenset[str]:
    text = resources.files("warta.nlp").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def split(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]``, offsets into ``text``."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    pos = start
    abbrev = _abbreviations()
    for piece in segment("id", text[start:end]):
        stripped = piece.strip()
        if not stripped:
            pos += len(piece)
            continue
        s = text.index(stripped, pos)
        e = s + len(stripped)
        pos = e
        last = spans[-1] if spans else None
        # the full stop test first: it spares copying every sentence to look at its end
        if (
            last is not None
            and text[last.end - 1] == "."
            and _ends_with_abbreviation(text[last.start : last.end], abbrev)
        ):
            spans[-1] = Span(last.start, e)
        else:
            spans.append(Span(s, e))
    return spans


def _ends_with_abbreviation(sentence: str, abbrev: frozenset[str]) -> bool:
    if not sentence.endswith("."):
        return False
    last = sentence[:-1].rsplit(None, 1)[-1].lower() if sentence[:-1].strip() else ""
    return last in abbrev


@component("nlp.sentences@1", requires=("text", "paragraphs"), assigns=("sentences",))
def sentences_factory() -> object:
    def run(article: Article) -> Article:
        paragraphs = article.paragraphs or ([Span(0, len(article.text))] if article.text else [])
        article.sentences = [s for p in paragraphs for s in split(article.text, p.start, p.end)]
        return article

    return run
