"""What the cluster step compares: article features, cluster profiles and their scores.

Words alone cannot tell events apart when a whole corpus is on one topic, so
the same-event score combines stemmed words with linked entities, the dates
the article reports, event types and how close the publication times are.
Storylines are looser: events that share their main entities over months.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from warta.corpus import text as tx
from warta.model import Article

N_STEMS = 80  # stems kept per article / cluster profile
N_ENTITIES = 30
MAIN = 5  # entities that make an article's keys
WINDOW_DAYS = 4  # same-event reports are published within this many days
# Same-event score: content similarity (IDF-weighted words, entities, headline
# words; weights sum to 1), damped by the publication gap and by reported dates
# that disagree.  Time and dates only ever lower the score: on a busy news day
# every article is "close in time", so closeness is no evidence of sameness.
W_WORDS, W_ENTITIES, W_TITLE = 0.6, 0.25, 0.15
DATE_CONFLICT = 0.8  # factor when both report days and none agree
TYPE_CONFLICT = 0.9  # factor when both have event types and share none
EVENT_THRESHOLD = 0.6
# Without entity linking, capitalised names stand in for entities; they agree
# less even within one event (sentence-initial words, partial names), so the
# bar is lower.
UNLINKED_THRESHOLD = 0.5
STORY_THRESHOLD = 0.45
# A cluster keeps compact snapshots of its latest members: a new report may
# match one earlier report closely while the summed profile, pulled towards
# the other reports' angles, matches it less (single-link on top of centroid).
MAX_MEMBERS = 8
MEMBER_STEMS = 50


@dataclass
class Features:
    stems: dict[str, float]  # IDF-weighted stems of text and headline
    entities: dict[str, float]  # linked entity ids, else capitalised names
    names: dict[str, str]  # entity id -> a readable name
    days: set[str]  # day-precision dates the article reports
    types: set[str]
    published: datetime | None
    title: str = ""
    title_stems: dict[str, float] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def threshold(self) -> float:
        return UNLINKED_THRESHOLD if self.extra.get("unlinked") else EVENT_THRESHOLD

    def main(self, n: int = MAIN) -> list[str]:
        return list(tx.top(self.entities, n))


def _log_weights(counts: Counter[str], n: int) -> dict[str, float]:
    return tx.top({k: 1.0 + math.log(v) for k, v in counts.items()}, n)


def features(article: Article) -> Features:
    title = article.title or ""
    counts = tx.stems(article.text)
    in_title = tx.stems(title)
    for stem, c in in_title.items():
        counts[stem] += 2 * c  # the headline says what the story is about
    linked = Counter(m.entity for m in article.mentions if m.entity)
    names = {m.entity: m.text for m in article.mentions if m.entity}
    for eid, ent in article.entities.items():
        names[eid] = ent.name
    unlinked = not linked
    if unlinked:  # no entity linking ran: capitalised names stand in
        linked = tx.names(article.text)
        names = {k: k[5:] for k in linked}
    days = {v.value[:10] for v in article.times if _is_day(v.value)}
    days |= {e.date[:10] for e in article.events if e.date and _is_day(e.date)}
    return Features(
        stems=tx.weighted(counts, N_STEMS),
        entities=_log_weights(linked, N_ENTITIES),
        names={k: names[k] for k in tx.top(dict(linked), N_ENTITIES) if k in names},
        days=days,
        types={e.type for e in article.events if e.type and e.type != "OTHER"},
        published=tx.parse_time(article.published),
        title=title,
        title_stems=tx.weighted(in_title, 20),
        extra={"unlinked": True} if unlinked else {},
    )


def _is_day(value: str) -> bool:
    return len(value) >= 10 and value[:4].isdigit() and value[4] == "-" and value[7] == "-"


def day_key(published: datetime | None, offset: int = 0) -> str:
    if published is None:
        return "undated"
    return (published.date() + timedelta(days=offset)).isoformat()


# ------------------------------------------------------------------ profiles


def new_profile(f: Features) -> dict[str, Any]:
    pub = f.published.isoformat() if f.published else None
    return {
        "stems": f.stems, "entities": f.entities, "names": f.names, "days": sorted(f.days),
        "types": sorted(f.types), "title": f.title_stems, "pub_min": pub, "pub_max": pub, "n": 1,
        "members": [_member(f)],
    }


def _member(f: Features) -> dict[str, Any]:
    """The compact profile of one article, kept in its cluster's profile."""
    pub = f.published.isoformat() if f.published else None
    return {"stems": tx.top(f.stems, MEMBER_STEMS), "entities": f.entities, "days": sorted(f.days)[-10:],
            "types": sorted(f.types), "title": f.title_stems, "pub_min": pub, "pub_max": pub}


def merge_profile(p: dict[str, Any], f: Features, members: bool = True) -> dict[str, Any]:
    """The profile with one more article added (sums of weights, truncated); ``members``: keep its snapshot."""
    stems = Counter(p.get("stems", {}))
    stems.update(f.stems)
    ents = Counter(p.get("entities", {}))
    ents.update(f.entities)
    names = {**f.names, **p.get("names", {})}
    out = dict(p)
    out["stems"] = tx.top(dict(stems), N_STEMS)
    out["entities"] = tx.top(dict(ents), N_ENTITIES)
    out["names"] = {k: names[k] for k in out["entities"] if k in names}
    out["days"] = sorted(set(p.get("days", [])) | f.days)[-50:]
    out["types"] = sorted(set(p.get("types", [])) | f.types)
    titles = Counter(p.get("title", {}))
    titles.update(f.title_stems)
    out["title"] = tx.top(dict(titles), 40)
    if f.published:
        pub = f.published.isoformat()
        out["pub_min"] = min(filter(None, [p.get("pub_min"), pub]))
        out["pub_max"] = max(filter(None, [p.get("pub_max"), pub]))
    out["n"] = p.get("n", 0) + 1
    if members:
        out["members"] = [*p.get("members", []), _member(f)][-MAX_MEMBERS:]
    return out


def join_profiles(p: dict[str, Any], q: dict[str, Any]) -> dict[str, Any]:
    """Two cluster profiles as one (when a report bridges two clusters of one event)."""
    out = dict(p)
    for key, n in (("stems", N_STEMS), ("entities", N_ENTITIES), ("title", 40)):
        total = Counter(p.get(key, {}))
        total.update(q.get(key, {}))
        out[key] = tx.top(dict(total), n)
    names = {**q.get("names", {}), **p.get("names", {})}
    out["names"] = {k: names[k] for k in out["entities"] if k in names}
    out["days"] = sorted(set(p.get("days", [])) | set(q.get("days", [])))[-50:]
    out["types"] = sorted(set(p.get("types", [])) | set(q.get("types", [])))
    for key, pick in (("pub_min", min), ("pub_max", max)):
        vals = [v for v in (p.get(key), q.get(key)) if v]
        out[key] = pick(vals) if vals else None
    out["n"] = p.get("n", 1) + q.get("n", 1)
    members = [*p.get("members", []), *q.get("members", [])]
    out["members"] = sorted(members, key=lambda m: m.get("pub_max") or "")[-MAX_MEMBERS:]
    return out


# ------------------------------------------------------------------ scores
#
# Scores read "sides": an article's or a profile's weights with their norms,
# dates as day ordinals and parsed publication times, decoded once per
# article and once per stored profile rather than on every comparison.  The
# arithmetic is tx.cosine's, term for term, so scores are the same floats.


@dataclass(slots=True)
class Vec:
    w: dict[str, float]
    norm: float


def vec(weights: dict[str, float]) -> Vec:
    return Vec(weights, math.sqrt(sum(v * v for v in weights.values())))


def cos(a: Vec, b: Vec) -> float:
    """tx.cosine with precomputed norms (terms summed in the same order: the same float)."""
    if not a.w or not b.w:
        return 0.0
    if len(a.w) > len(b.w):
        a, b = b, a
    bw = b.w
    dot = sum(v * bw[k] for k, v in a.w.items() if k in bw)  # absent keys add 0.0: skipped
    return dot / (a.norm * b.norm) if a.norm and b.norm else 0.0


@dataclass(slots=True)
class Side:
    """What the scores read of an article or a profile."""

    stems: Vec
    entities: Vec
    title: Vec
    days: frozenset[int]  # valid reported days (ordinals); a profile's are widened by a day each way
    types: frozenset[str]
    lo: datetime | None  # publication range (an article: lo == hi == published)
    hi: datetime | None
    main: Vec  # the 10 heaviest entities (storyline score)


def _ordinals(days: Any) -> list[int]:
    out = []
    for d in days:
        try:
            out.append(date.fromisoformat(d).toordinal())
        except ValueError:
            continue
    return out


def article_side(f: Features) -> Side:
    return Side(vec(f.stems), vec(f.entities), vec(f.title_stems), frozenset(_ordinals(f.days)),
                frozenset(f.types), f.published, f.published, vec(tx.top(f.entities, 10)))


def profile_side(p: dict[str, Any], main: bool = True) -> Side:
    """``main``: also the heaviest entities (only summed profiles are scored as storylines)."""
    near = frozenset(o + k for o in _ordinals(p.get("days", [])) for k in (-1, 0, 1))
    ents = p.get("entities", {})
    return Side(vec(p.get("stems", {})), vec(ents), vec(p.get("title", {})), near,
                frozenset(p.get("types", [])), tx.parse_time(p.get("pub_min")), tx.parse_time(p.get("pub_max")),
                vec(tx.top(ents, 10) if main else {}))


@dataclass(slots=True)
class Prepared:
    """A stored cluster profile decoded for scoring: its summed side and its members' sides."""

    data: dict[str, Any]  # the profile these sides were made from (compared by identity)
    profile: Side
    members: list[Side]


def prepare(p: dict[str, Any]) -> Prepared:
    members = p.get("members", []) if p.get("n", 1) > 1 else []
    return Prepared(p, profile_side(p), [profile_side(m, main=False) for m in members])


def _time_score(a: Side, p: Side) -> float | None:
    """exp(-days apart / 2), or None when the article is outside the window."""
    if a.lo is None or p.lo is None or p.hi is None:
        return 0.0  # no evidence either way
    gap = max((p.lo - a.lo).total_seconds(), (a.lo - p.hi).total_seconds(), 0.0) / 86400
    return None if gap > WINDOW_DAYS else math.exp(-gap / 2)


def side_score(a: Side, p: Side, floor: float = 0.0) -> float:
    """The same-event score of article side ``a`` against profile side ``p``.

    With ``floor``, a pair whose words alone cannot lift it to ``floor``
    returns 0.0 early (entities and headline add at most their weights, the
    other factors only lower the score).
    """
    time = _time_score(a, p)
    if time is None:
        return 0.0
    titled = bool(a.title.w and p.title.w)
    words = cos(a.stems, p.stems)
    if floor > 0.0:
        best = W_WORDS * words + W_ENTITIES + (W_TITLE if titled else 0.0)
        if (best if titled else best / (W_WORDS + W_ENTITIES)) < floor - 1e-9:
            return 0.0
    content = W_WORDS * words + W_ENTITIES * cos(a.entities, p.entities)
    if titled:
        content += W_TITLE * cos(a.title, p.title)
    else:  # a missing headline is no evidence against: weigh the rest up
        content /= W_WORDS + W_ENTITIES
    if a.days and p.days and not any(d in p.days for d in a.days):
        content *= DATE_CONFLICT  # both report days and none is within a day of the other's
    if a.types and p.types and not a.types & p.types:
        content *= TYPE_CONFLICT
    return content * (0.85 + 0.15 * time) if time else content


def prepared_score(a: Side, p: Prepared, floor: float = 0.0) -> float:
    """The event score against the profile or its closest kept member."""
    return max([side_score(a, p.profile, floor), *(side_score(a, m, floor) for m in p.members)])


def side_story_score(a: Side, p: Side) -> float:
    return 0.75 * cos(a.main, p.main) + 0.25 * cos(a.stems, p.stems)


def event_score(f: Features, p: dict[str, Any]) -> float:
    """How likely the article reports the event of the cluster profile ``p`` (0..1)."""
    return side_score(article_side(f), profile_side(p))


def cluster_score(f: Features, p: dict[str, Any]) -> float:
    """The event score against the cluster profile or its closest kept member."""
    return prepared_score(article_side(f), prepare(p))


def story_score(f: Features, p: dict[str, Any]) -> float:
    """How well the article's main entities match a storyline's (0..1)."""
    return side_story_score(article_side(f), profile_side(p))
