"""full-text index: search_docs (+ FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: 0003
Revises: 0002

The index holds Indonesian stems computed in Python (warta.store.search), so
existing articles are indexed lazily by the searcher (index_missing), not here.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import TSVECTOR

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# External-content FTS5 over search_docs, kept in step by triggers (the SQLite manual's recipe).
SQLITE_FTS = [
    (
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, body, content='search_docs', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    ),
    (
        "CREATE TRIGGER search_docs_ai AFTER INSERT ON search_docs BEGIN "
        "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    ),
    (
        "CREATE TRIGGER search_docs_ad AFTER DELETE ON search_docs BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END"
    ),
    (
        "CREATE TRIGGER search_docs_au AFTER UPDATE ON search_docs BEGIN "
        "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO search_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"
    ),
]


def _article_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_table(
            "search_docs",
            sa.Column("article_id", sa.String(length=64), nullable=False),
            sa.Column("tsv", TSVECTOR(), nullable=False),
            _article_fk(),
            sa.PrimaryKeyConstraint("article_id"),
        )
        op.create_index("ix_search_docs_tsv", "search_docs", ["tsv"], postgresql_using="gin")
        return
    op.create_table(
        "search_docs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        _article_fk(),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", name="uq_search_docs_article"),
    )
    for statement in SQLITE_FTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        for name in ("search_docs_au", "search_docs_ad", "search_docs_ai"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS search_fts")
    else:
        op.drop_index("ix_search_docs_tsv", table_name="search_docs")
    op.drop_table("search_docs")
