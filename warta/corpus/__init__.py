"""Corpus steps: near-duplicates, story clustering and the merged-event timeline.

Importing this package registers the steps ``dedup@1``, ``cluster@1`` and
``timeline@1`` (run in that order over newly stored articles).
"""

from warta.corpus import cluster, dedup, timeline  # noqa: F401  (register the steps)
from warta.corpus.timeline import stories
from warta.corpus.timeline import timeline as timeline_entries

__all__ = ["stories", "timeline_entries"]
