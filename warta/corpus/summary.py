"""Extractive summaries: an article's or a story's most summary-worthy, least repeated sentences.

Each sentence is scored by a small logistic model over its position (leads
carry the news in Indonesian reporting), paragraph position, length,
centrality (cosine of its stemmed words with the whole text or story),
likeness to the lead, quotes, numbers and names.  An article summary stops
near ``WORDS`` words, the length of a typical reference summary.  The weights are data
(``summary_weights.json``), fitted by ``eval/corpus/train_summary.py`` on
the tune half of IndoSum's extractive labels only.  Picks are kept
non-redundant: a sentence too close to one already chosen (the same wire
sentence in another outlet) is skipped.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache
from importlib import resources
from typing import Any

from warta.corpus import text as tx
from warta.model import Article

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])|\n+")
_QUOTE = re.compile(r"[\"“”]")
_DIGIT = re.compile(r"\d")
_CAP = re.compile(r"\b[A-Z][\w-]*")
_BOILER = re.compile(r"\b(?:baca juga|simak|lihat juga|tonton|klik|follow|ikuti)\b|https?://|@\w", re.I)
REDUNDANT = 0.6  # cosine above which two sentences say the same
MIN_CHARS = 40
WORDS = 65  # summary length aimed at: IndoSum's references run 60-75 words (tune half, median 68)
FEATURES = (
    "bias",
    "inv_pos",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "log_pos",
    "rel_pos",
    "inv_para",
    "para_first",
    "log_len",
    "len",
    "len_sq",
    "central",
    "lead_sim",
    "quote",
    "digits",
    "caps",
    "boiler",
)


@cache
def weights() -> tuple[float, ...]:
    data = json.loads(
        resources.files("warta.corpus").joinpath("summary_weights.json").read_text(encoding="utf-8")
    )
    return tuple(float(data["weights"][f]) for f in FEATURES)


def _spans(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    out, pos = [], 0
    for m in _SPLIT.finditer(article.text):
        out.append((pos, m.start()))
        pos = m.end()
    return out + [(pos, len(article.text))]


def candidates(article: Article) -> list[tuple[int, str, int]]:
    """(sentence index, normalised sentence, paragraph index) of sentences long enough to pick."""
    out, para, last = [], 0, 0
    for i, (start, end) in enumerate(_spans(article)):
        para += "\n" in article.text[last:start]
        last = end
        raw = article.text[start:end]
        if len(raw.strip()) >= MIN_CHARS:
            out.append((i, " ".join(raw.split()), para))
    return out


def features(cands: list[tuple[int, str, int]], centre: dict[str, float]) -> list[list[float]]:
    """One row of ``FEATURES`` per candidate sentence."""
    n = len(cands)
    vecs = [dict(tx.stems(s)) for _, s, _ in cands]
    rows, seen_para = [], set()
    for k, ((_, sent, para), vec) in enumerate(zip(cands, vecs)):
        words = tx.words(sent)  # the same count for tokenised (IndoSum) and running text
        size = len(words) / 30  # a typical news sentence is 20-30 words
        rows.append(
            [
                1.0,
                1 / (1 + k),
                float(k == 0),
                float(k == 1),
                float(k == 2),
                float(k == 3),
                float(k == 4),
                math.log(1 + k),
                k / max(n - 1, 1),
                1 / (1 + para),
                float(para not in seen_para),
                math.log(1 + len(words)),
                size,
                size * size,
                tx.cosine(vec, centre),
                tx.cosine(vec, vecs[0]) if k else 1.0,
                float(bool(_QUOTE.search(sent))),
                min(len(_DIGIT.findall(sent)), 10) / 10,
                len(_CAP.findall(sent)) / max(len(words), 1),
                float(bool(_BOILER.search(sent))),
            ]
        )
        seen_para.add(para)
    return rows


def _score(row: list[float]) -> float:
    return sum(w * x for w, x in zip(weights(), row))


def _pick(candidates_: list[tuple[float, str]], n: int, words: int | None = None) -> list[str]:
    """The best-scored sentences, none too close to one already chosen.

    Stops at ``n`` sentences or, given ``words``, before the sentence that
    would take the total length farther from ``words`` than it is.
    """
    chosen: list[tuple[str, dict[str, float]]] = []
    total = 0
    for _, sent in sorted(candidates_, key=lambda c: -c[0]):
        vec: dict[str, float] = dict(tx.stems(sent))
        if not vec or any(tx.cosine(vec, v) >= REDUNDANT for _, v in chosen):
            continue
        size = len(tx.words(sent))  # punctuation apart or not, the same count
        if words and chosen and abs(total + size - words) > abs(total - words):
            break
        chosen.append((sent, vec))
        total += size
        if len(chosen) == n:
            break
    return [s for s, _ in chosen]


def _scored(article: Article, centre: dict[str, float]) -> list[tuple[float, str]]:
    cands = candidates(article)
    return [(_score(row), s) for row, (_, s, _) in zip(features(cands, centre), cands)]


def summarize_article(article: Article, n: int = 6, words: int | None = WORDS) -> list[str]:
    """Up to ``n`` sentences of about ``words`` words in all (None: exactly ``n`` when there are), in text order."""
    scored = _scored(article, dict(tx.stems(article.text)))
    picked = set(_pick(scored, n, words))
    return list(dict.fromkeys(s for _, s in scored if s in picked))  # text order, each once


def summarize_story(store: Any, story_id: str, n: int = 5, words: int | None = None) -> list[str]:
    """Up to ``n`` sentences across the articles of an event cluster or storyline, best first.

    The same wire sentence carried by several outlets is picked once.
    """
    from sqlalchemy import or_, select

    from warta.store import schema as t

    with store.read() as conn:
        ids = [
            r[0]
            for r in conn.execute(
                select(t.articles.c.id)
                .where(or_(t.articles.c.event_cluster == story_id, t.articles.c.story == story_id))
                .order_by(t.articles.c.published_utc, t.articles.c.id)
                .limit(50)
            )
        ]
    articles = list(store.iter_articles(ids))
    centre: Counter[str] = Counter()
    for a in articles:
        centre.update(tx.stems(a.text))
    return _pick([c for a in articles for c in _scored(a, dict(centre))], n, words)
