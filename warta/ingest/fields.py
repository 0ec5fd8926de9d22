"""Values given by the input record (url, outlet, title, published, authors).

They override what warta would extract: the meta stage fills only fields
that are still empty.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from warta.model import Article, Author

_AUTHOR_SPLIT = re.compile(r"\s*(?:,|/|;|\n|\bdan\b)\s*")


def apply_fields(article: Article, fields: dict[str, Any]) -> None:
    if fields.get("url"):
        article.url = fields["url"].strip()
    if fields.get("outlet"):
        article.outlet = fields["outlet"].strip()
    if fields.get("title"):
        article.title = " ".join(fields["title"].split())
    if fields.get("published"):
        value, precision = parse_published(fields["published"])
        if value:
            article.published, article.published_precision = value, precision
        else:
            article.flags.append(f"unparsed-published:{fields['published'][:40]}")
    if fields.get("authors"):
        names = fields["authors"] if isinstance(fields["authors"], list) else _AUTHOR_SPLIT.split(fields["authors"])
        article.authors = [Author(" ".join(n.split())) for n in names if n and n.strip()]


def parse_published(text: str) -> tuple[str | None, str | None]:
    """An input date in any common textual form -> (ISO value, precision)."""
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if len(text) <= 10:
            return parsed.date().isoformat(), "day"
        return parsed.isoformat(), "minute"
    from warta.meta.dates import header_date  # the parser of outlet date lines

    found = header_date(text)
    return (found.value, found.precision) if found else (None, None)
