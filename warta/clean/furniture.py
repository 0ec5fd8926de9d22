"""Per-outlet furniture: a line recurring across many articles of one outlet.

Pure functions over counts so the store can persist them: ``line_keys`` gives
the normalised lines of one article (count each once per article), and
``furniture`` picks those seen in at least ``min_share`` of an outlet's
articles.  Short prose that legitimately repeats ("Jakarta") is kept out by
requiring a minimum number of articles.
"""

from __future__ import annotations

from collections.abc import Mapping

from warta.clean.lines import split_lines


def normalise(line: str) -> str:
    return " ".join(line.lower().split())


def line_keys(raw: str) -> set[str]:
    """The distinct normalised lines of one raw article."""
    return {normalise(x.text) for x in split_lines(raw) if x is not None}


def furniture(counts: Mapping[str, int], articles: int, min_share: float = 0.3, min_articles: int = 5) -> frozenset[str]:
    """Lines present in at least ``min_share`` of ``articles`` (and in ``min_articles``)."""
    if articles <= 0:
        return frozenset()
    need = max(min_articles, int(min_share * articles + 0.999))
    return frozenset(k for k, n in counts.items() if n >= need)
