"""Per-article language analysis: sentences, entities, time, quotes, claims, events.

Importing this package registers the components of each module.
"""

from warta.nlp import entities, events, quotes, sentences, time  # noqa: F401
