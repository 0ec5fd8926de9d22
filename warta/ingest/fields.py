"""Values given by the input record (url, outlet, title, published, authors).

They override what warta would extract: the meta stage fills only fields
that are still empty.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

from warta.model import Article, Author

_AUTHOR_SPLIT = re.compile(r"\s*(?:,|/|;|\n|\bdan\b)\s*")
# Given dates outside this window are typos or placeholders ("0001-01-01", "9999-12-31"):
# they are dropped (and flagged) so that no later stage does date arithmetic on them.
EARLIEST_YEAR = 1800
FUTURE_SLACK = timedelta(days=2)  # outlets in UTC+14 and clock skew


def apply_fields(article: Article, fields: dict[str, Any]) -> None:
    if fields.get("url"):
        article.url = fields["url"].strip()
    if fields.get("outlet"):
        article.outlet = fields["outlet"].strip()
    if fields.get("title"):
        article.title = " ".join(fields["title"].split())
    if fields.get("published"):
        value, precision = parse_published(fields["published"])
        if value and not plausible(value):
            article.flags.append(f"implausible-published:{value[:40]}")
        elif value:
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


def plausible(value: str) -> bool:
    """An ISO date or datetime between EARLIEST_YEAR and a little after now."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return value[:4].isdigit() and EARLIEST_YEAR <= int(value[:4]) <= datetime.now(UTC).year
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return parsed.year >= EARLIEST_YEAR and parsed <= datetime.now(UTC) + FUTURE_SLACK
    except OverflowError:
        return False
