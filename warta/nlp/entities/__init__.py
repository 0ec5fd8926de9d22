"""Entity mentions and their resolution within an article: ``nlp.entities@1``.

1. a longest-match gazetteer over every KB alias (:mod:`.gazetteer`);
2. capitalised sequences not in the KB, kept when a cue says they are names
   (a title before, a speech verb around, an organisation head word);
3. names the CRF tagger (:mod:`.tagger`) finds where neither of the above did;
4. resolution (:mod:`.resolve`, :mod:`.descriptors`): KB ambiguity by what
   else the article mentions, capitals as states when they act, titles as
   roles, short forms and typos of people already named, descriptions
   ("pemimpin Rusia tersebut", "rezim Kim Jong-Un").

Descriptions yield a mention spanning the whole phrase; the names inside it
keep their own mentions, so mentions may nest.  So does a name defined with
its short form, "Partai Persatuan Pembangunan (PPP)": one mention around both,
linked like the pieces inside.  A country is labelled LOC where the tagger
reads it as a place ("di Iran") and GPE elsewhere (the state: "Iran
mengatakan", "Perdana Menteri Inggris"); both link to the country.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from warta.kb import KB
from warta.kb import load as load_kb
from warta.model import Article, Entity, Mention
from warta.nlp.entities.candidates import Cand, caps_runs, from_matches
from warta.nlp.entities.descriptors import descriptions, regimes
from warta.nlp.entities.filters import (
    acronyms,
    after_brackets,
    org_of_place,
    place_words,
    split_headline_people,
    split_places,
)
from warta.nlp.entities.gazetteer import Gazetteer, Tokens
from warta.nlp.entities.lexicon import Lexicon, lexicon
from warta.nlp.entities.resolve import Resolver
from warta.nlp.entities.tagger import Featurizer, spans
from warta.nlp.entities.tagger import available as tagger_available
from warta.pipeline import component

__all__ = ["EntityRecognizer", "extract"]

# Fallback sentence split when no sentence stage ran: end mark + space + capital, or a line break.
_SENT = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[\"\u201c\u2018'(]?[A-Z])|\n+")


class EntityRecognizer:
    def __init__(self, kb: KB | None = None, use_tagger: bool = True) -> None:
        self.kb = kb or load_kb()
        self.lex: Lexicon = lexicon()
        self.gazetteer = Gazetteer(self.kb, self.lex.common)
        self.featurizer = Featurizer(self.lex, self.kb) if use_tagger else None
        self._places = {e.id for e in self.kb.entities.values() if e.type in ("place", "country")}

    def __call__(self, article: Article) -> Article:
        try:
            found = self.extract(article.text, article.sentences, article.published)
            article.mentions, article.entities = found
        except RecursionError:  # pragma: no cover - defensive: never crash the pipeline
            article.mentions, article.entities = [], {}
            article.flags.append("entities-failed")
        return article

    def extract(
        self, text: str, sentences: list[Any] | None = None, published: str | None = None
    ) -> tuple[list[Mention], dict[str, Entity]]:
        if not text or not text.strip():
            return [], {}
        toks = Tokens.of(text)
        starts = _sentence_starts(text, toks, sentences)
        matches = self.gazetteer.find(toks, starts)
        cands = from_matches(matches)
        res = Resolver(text, toks, self.kb, self.lex, published)
        res.disambiguate(cands)
        res.metonymy(cands)
        cands += org_of_place(toks, self.lex, cands, self._places)
        res.roles(cands)
        covered = [False] * len(toks)
        for c in cands:
            covered[c.first : c.last + 1] = [True] * (c.last - c.first + 1)
        keep = set(res.people(cands))
        caps = caps_runs(text, toks, covered, starts - _indices(toks, keep), self.lex)
        places = place_words(toks, self.lex)
        caps += split_places(toks, self.lex, caps, places)
        cands += res.open_names(caps, cands)
        if self.featurizer is not None:
            labels = self.featurizer.labels(text, toks, starts, matches)
            found = split_headline_people(
                text, toks, self.lex, spans(labels, _bracket_joins(text, toks)), starts
            )
            cands += res.tagged(found, cands, starts, places)
            if tagger_available():
                cands[:] = [c for c in cands if not _vetoed(c, labels)]
                _place_readings(cands, labels)
        cands += acronyms(text, toks, cands, self.lex)
        cands += descriptions(text, toks, cands, self.kb, self.lex, published)
        cands += regimes(toks, cands, self.kb, self.lex, published)
        cands.sort(key=lambda c: (c.start, -c.end))
        return self._mentions(text, cands), self._entities(text, cands, published)

    def _mentions(self, text: str, cands: list[Cand]) -> list[Mention]:
        return [
            Mention(c.start, c.end, text[c.start : c.end], c.label, c.entity, c.how, c.role)
            for c in cands
            if c.entity
        ]

    def _entities(self, text: str, cands: list[Cand], published: str | None) -> dict[str, Entity]:
        out: dict[str, Entity] = {}
        for c in cands:
            if not c.entity:
                continue
            surface = " ".join(text[c.start : c.end].split())
            ent = out.get(c.entity)
            if ent is None:
                ent = out[c.entity] = self._new_entity(c, surface)
            if c.how != "coref" and surface not in ent.aliases:
                ent.aliases.append(surface)
            if c.role and c.role not in ent.roles:
                ent.roles.append(c.role)
            if ent.type != "person" or not c.open_type:
                continue
            if len(surface) > len(ent.name):  # open-world person: the fullest name seen
                ent.name = surface
        for ent in out.values():
            kb_ent = self.kb.get(ent.id)
            if kb_ent and not ent.roles:
                ent.roles = list(dict.fromkeys(r.title for r in kb_ent.roles if r.active(published)))
        return out

    def _new_entity(self, c: Cand, surface: str) -> Entity:
        kb_ent = self.kb.get(c.entity) if c.entity else None
        if kb_ent:
            return Entity(kb_ent.id, kb_ent.name, kb_ent.type, [], kb_ent.wikidata)
        name = surface.split(" (")[0] if c.open_type else surface  # "Badan X (BX)" is named "Badan X"
        return Entity(c.entity or "", name or surface, c.open_type or "other")


def _vetoed(c: Cand, labels: list[str]) -> bool:
    """A capitalised-run guess (person or organisation) the tagger saw and tagged O throughout."""
    return (
        c.how == "caps"
        and c.label in ("PER", "ORG")
        and all(lab == "O" for lab in labels[c.first : c.last + 1])
    )


def _place_readings(cands: list[Cand], labels: list[str]) -> None:
    """A country the tagger reads as a place ("di Iran", "ke Jepang") is labelled LOC.

    Elsewhere a country stays GPE, the state: an actor ("Iran mengatakan") or a
    modifier ("Perdana Menteri Inggris", "turis Inggris"), where the NER sets
    label no location either.  The link to the country is the same in both.
    """
    for c in cands:
        if c.label == "GPE" and c.how == "gazetteer" and labels[c.first] == "B-LOC":
            if all(lab == "I-LOC" for lab in labels[c.first + 1 : c.last + 1]):
                c.label = "LOC"


def _bracket_joins(text: str, toks: Tokens) -> list[bool]:
    """``toks.joins``, also joining a name to a one-word short form in brackets: "Badan X (BX)"."""
    joins = list(toks.joins)
    for a in after_brackets(text, toks):  # only tokens with "(" before them, not every token
        i = a - 1
        if joins[i] or toks.between[a].strip() != "(":
            continue
        if text[toks.ends[a] : toks.ends[a] + 2].lstrip()[:1] == ")":
            joins[i] = True
    return joins


def _indices(toks: Tokens, words: set[str]) -> set[int]:
    return {i for i, t in enumerate(toks.raw) if t in words} if words else set()


def _sentence_starts(text: str, toks: Tokens, sentences: list[Any] | None) -> set[int]:
    """Token indices opening a sentence or a line (where capitals say little)."""
    if sentences:
        offsets = [s.start for s in sentences]
    else:
        offsets = [0] + [m.end() for m in _SENT.finditer(text)]
    offsets += [m.end() for m in re.finditer(r"\n", text)]
    out = set()
    for off in offsets:
        i = bisect.bisect_left(toks.starts, off)
        if i < len(toks.starts):
            out.add(i)
    return out


@component("nlp.entities@1", requires=("text", "sentences"), assigns=("mentions", "entities"))
def entities_component(**settings: Any) -> EntityRecognizer:
    """Mentions (gazetteer + capitalised names) resolved to entities within the article."""
    return EntityRecognizer()


def extract(text: str, published: str | None = None) -> tuple[list[Mention], dict[str, Entity]]:
    """Convenience: mentions and entities of a plain text with the bundled KB."""
    return _default().extract(text, None, published)


_DEFAULT: list[EntityRecognizer] = []


def _default() -> EntityRecognizer:
    if not _DEFAULT:
        _DEFAULT.append(EntityRecognizer())
    return _DEFAULT[0]
