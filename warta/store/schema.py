"""Tables of the store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Articles keep their whole annotated document as JSON (``doc``) plus the
columns that queries filter on; mentions and events are also rows so that
timelines and entity pages are plain indexed queries.  Alembic migrations in
``migrations/`` create these tables; change both together.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = String(64)

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),  # content hash of the raw input
    Column("input_id", Text, nullable=False),
    Column("url", Text),
    Column("outlet", String(200)),
    Column("title", Text),
    Column("published", String(40)),  # ISO 8601 as extracted
    Column("published_precision", String(12)),
    Column("published_utc", String(32)),  # sortable UTC ISO (day start for dates)
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("doc", Text, nullable=False),  # JSON of warta.model.Article (without raw)
    Column("raw", Text, nullable=False),
    Column("duplicate_of", ID),
    Column("similarity", Float),
    Column("event_cluster", ID),
    Column("story", ID),
    Column("ingested_at", String(32), nullable=False),
)
Index("ix_articles_published_utc", articles.c.published_utc)
Index("ix_articles_outlet", articles.c.outlet)
Index("ix_articles_event_cluster", articles.c.event_cluster)
Index("ix_articles_story", articles.c.story)
Index("ix_articles_duplicate_of", articles.c.duplicate_of)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("wikidata", String(20)),
    Column("aliases", Text, nullable=False, default="[]"),  # JSON list, names seen
    Column("roles", Text, nullable=False, default="[]"),  # JSON list
    Column("mentions", Integer, nullable=False, default=0),
)

mentions = Table(
    "mentions",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),  # mentions may nest, even start together
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("entity_id", String(200)),
)
Index("ix_mentions_entity", mentions.c.entity_id)

events = Table(
    "events",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("type", String(20), nullable=False),
    Column("source", String(200)),
    Column("target", String(200)),
    Column("date", String(40)),
    Column("precision", String(12)),
    Column("place", String(200)),
    Column("modality", String(20)),
    Column("background", Boolean, nullable=False, default=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("confidence", Float),
    Column("entry_id", ID),  # timeline entry this report was merged into
)
Index("ix_events_entry", events.c.entry_id)
Index("ix_events_source", events.c.source)
Index("ix_events_target", events.c.target)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40), nullable=False),
    Column("input_id", Text, nullable=False),
    Column("status", String(12), nullable=False),  # stored | unchanged | skipped | error
    Column("reason", Text),
    Column("article_id", ID),
    Column("at", String(32), nullable=False),
)
Index("ix_ingest_log_run", ingest_log.c.run_id)

# Near-duplicate index: one MinHash signature per article, LSH buckets per band.
signatures = Table(
    "signatures",
    metadata,
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("text_hash", String(64), nullable=False),
    Column("minhash", LargeBinary, nullable=False),
    Column("url", Text),
)
Index("ix_signatures_text_hash", signatures.c.text_hash)
Index("ix_signatures_url", signatures.c.url)

lsh_buckets = Table(
    "lsh_buckets",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("bucket", String(40), primary_key=True),
    Column("article_id", ID, primary_key=True),
)

# Key postings of the corpus steps: kind "event" maps (entity, day) keys to
# event clusters, kind "story" maps entity keys to storylines.
postings = Table(
    "postings",
    metadata,
    Column("kind", String(16), primary_key=True),
    Column("key", String(64), primary_key=True),
    Column("ref", ID, primary_key=True),
)
Index("ix_postings_ref", postings.c.kind, postings.c.ref)

stories = Table(
    "stories",
    metadata,
    Column("id", ID, primary_key=True),
    Column("level", String(12), nullable=False),  # event | storyline
    Column("label", Text, nullable=False, default=""),
    Column("first_seen", String(32)),
    Column("last_updated", String(32)),
    Column("size", Integer, nullable=False, default=0),
    Column("parent", ID),  # storyline of an event cluster
    Column("data", Text, nullable=False, default="{}"),  # JSON: centroid features, summary
)
Index("ix_stories_level", stories.c.level)

timeline = Table(
    "timeline",
    metadata,
    Column("id", ID, primary_key=True),
    Column("date", String(40)),
    Column("precision", String(12)),
    Column("sort_key", String(40)),  # date padded for ordering; unknown last
    Column("type", String(20), nullable=False),
    Column("source", String(200)),
    Column("target", String(200)),
    Column("summary", Text, nullable=False),
    Column("background", Boolean, nullable=False, default=False),
    Column("corroboration", Integer, nullable=False, default=1),
    Column("story", ID),
    Column("first_reported", String(32)),
    Column("data", Text, nullable=False, default="{}"),  # JSON: articles, outlets, origins
)
Index("ix_timeline_sort", timeline.c.sort_key)

# Small named state blobs of the corpus steps (e.g. outlet furniture counts).
state = Table(
    "state",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)
