"""PLOVER events from an Indonesian trigger lexicon: ``nlp.events@1``.

Modules: patterns (word lists), doc (per-article look-ups, the lexicon),
roles (source and target), dating (modality, date, background), find (the
finders).

A trigger (lexicon/events.tsv) names the type; the source is the subject
actor before a verb trigger (or the genitive after a noun: "veto Rusia"),
the target the first actor after it in the same clause ("dengan X", "ke X",
"terhadap X"); a noun of kind "o" takes its genitive as the target and the
agent after "oleh" ("penangkapan X oleh polisi"); a fronted "Dalam
kunjungannya ke X, Y ..." belongs to the person opening the main clause.  An
act only urged, ordered or owed ("mendorong polisi untuk mengusut", "harus
bersinergi") is no event.  The date is the nearest dated time of the
sentence, else the date of the speaker's statement, else the publication
date (with lower confidence) unless the sentence tells background ("sejak",
"tahun lalu").  Claims found by ``nlp.quotes@1`` add ACCUSE events against
the subject of an alleged hostile act or wrongdoing.  Precision before recall:
an event needs a source and, except for one-sided types, a target.
"""

from __future__ import annotations

from warta.model import Article
from warta.nlp.events.doc import lexicon
from warta.nlp.events.find import find_events
from warta.pipeline import component

__all__ = ["events_factory", "find_events", "lexicon"]


@component(
    "nlp.events@1",
    requires=("text", "sentences", "mentions", "entities", "times", "claims"),
    assigns=("events", "entities"),
)
def events_factory(background_days: int = 60) -> object:
    """PLOVER events with actors, date, place and modality; claims add ACCUSE events."""
    lexicon()  # load and compile once, at build time

    def run(article: Article) -> Article:
        article.events = find_events(article, background_days) if article.text else []
        return article

    return run
