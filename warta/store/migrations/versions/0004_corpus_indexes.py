"""indexes for the corpus steps: articles.duplicate_of, postings (kind, ref)

Revision ID: 0004
Revises: 0003

Re-pointing the copies of a duplicate root reads articles by duplicate_of;
merging two clusters reads their postings by ref.  Without these indexes both
scan a whole table, a cost that grows with the corpus.
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_articles_duplicate_of", "articles", ["duplicate_of"])
    op.create_index("ix_postings_ref", "postings", ["kind", "ref"])


def downgrade() -> None:
    op.drop_index("ix_postings_ref", table_name="postings")
    op.drop_index("ix_articles_duplicate_of", table_name="articles")
