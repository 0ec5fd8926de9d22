"""RSS/Atom feeds: entries' pages fetched politely, as RawRecords for the ingest job.

The client names warta in its User-Agent, waits ``delay`` seconds between
two requests to the same host, retries timeouts, 429 and 5xx answers with
exponential backoff (honouring a short ``Retry-After``), reads robots.txt
once per host and stays out of what it disallows.  Entry links already seen
are remembered per feed in the store's ``state`` table, so polling a feed
again fetches only the new pages.
"""

from __future__ import annotations

import hashlib
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from warta.errors import InputError, MissingExtra
from warta.ingest.decode import clean_text, decode
from warta.ingest.readers import Item, Skip
from warta.model import RawRecord

USER_AGENT = "warta/0.1 (news analysis crawler; set --user-agent to add your contact)"
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 60.0  # seconds; a longer Retry-After gives up on the page
SEEN_KEEP = 5000  # links remembered per feed
SEEN_PREFIX = "feeds.seen:"


class FetchError(Exception):
    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.reason = reason


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class PoliteClient:
    user_agent: str = USER_AGENT
    delay: float = 1.0  # seconds between requests to one host
    retries: int = 3
    backoff: float = 1.0  # first retry wait, doubled each time
    timeout: float = 20.0
    robots: bool = True
    max_bytes: int = 20_000_000
    sleep: Callable[[float], None] = time.sleep
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(default_factory=dict)

    def get(self, url: str) -> Response:
        """The page at ``url``; raises FetchError saying why not."""
        if self.robots and not self.allowed(url):
            raise FetchError(url, "disallowed by robots.txt")
        wait = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return self._get(url)
            except FetchError as exc:
                retry_after = getattr(exc, "retry_after", None)
                if attempt == self.retries or not getattr(exc, "transient", False):
                    raise
                if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                    raise
                self.sleep(max(wait, retry_after or 0.0))
                wait *= 2
        raise FetchError(url, "no attempt made")  # pragma: no cover - retries >= 0

    def _get(self, url: str) -> Response:
        self._pace(url)
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept-Encoding": "identity"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # http(s) only: checked in _pace
                body = resp.read(self.max_bytes + 1)
                return Response(resp.geturl(), resp.status, dict(resp.headers.items()), body)
        except urllib.error.HTTPError as exc:
            exc.close()
            err = FetchError(url, f"HTTP {exc.code}")
            err.transient = exc.code in RETRY_STATUS  # type: ignore[attr-defined]
            err.retry_after = _seconds(exc.headers.get("Retry-After"))  # type: ignore[attr-defined]
            raise err from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            err = FetchError(url, f"cannot connect: {getattr(exc, 'reason', exc)}")
            err.transient = True  # type: ignore[attr-defined]
            raise err from None

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        if urlsplit(url).scheme not in ("http", "https"):
            raise FetchError(url, "only http and https URLs are fetched")
        gap = self.delay - (time.monotonic() - self._last.get(host, -1e9))
        if gap > 0:
            self.sleep(gap)
        self._last[host] = time.monotonic()

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        rules = self._robots[root]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser | None:
        try:
            resp = self._get(root + "/robots.txt")
        except FetchError:
            return None  # no robots.txt (or unreachable): nothing is disallowed
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(resp.body.decode("utf-8", "replace").splitlines())
        return rules


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None  # an HTTP date: treat as no hint


def read_feed_list(path: str | Path) -> list[str]:
    """Feed URLs, one a line; blank lines and # comments ignored."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [s for s in (line.split("#", 1)[0].strip() for line in lines) if s]


def entries(client: PoliteClient, feed_url: str) -> list[dict[str, Any]]:
    """(link, title, published, authors) of a feed's entries, in feed order."""
    try:
        import feedparser
    except ImportError as exc:
        raise MissingExtra("feedparser", "dask") from exc
    resp = client.get(feed_url)
    parsed = feedparser.parse(resp.body, response_headers={"content-location": resp.url})
    if parsed.bozo and not parsed.entries:
        raise FetchError(feed_url, f"not a feed: {parsed.get('bozo_exception')}")
    out = []
    for e in parsed.entries:
        link = e.get("link")
        if not link:
            continue
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        out.append({
            "url": urljoin(resp.url, link),
            "title": e.get("title"),
            "published": datetime(*stamp[:6]).replace(tzinfo=UTC).isoformat() if stamp else None,
            "authors": [a["name"] for a in e.get("authors", []) if a.get("name")] or None,
        })
    return out


def feed_items(feed_urls: list[str], client: PoliteClient, seen: dict[str, set[str]]) -> Iterator[Item]:
    """Pages of the feeds' entries not in ``seen`` (feed url -> links); ``seen`` is updated."""
    for feed_url in feed_urls:
        try:
            found = entries(client, feed_url)
        except FetchError as exc:
            yield Skip(feed_url, f"cannot read feed: {exc.reason}")
            continue
        done = seen.setdefault(feed_url, set())
        for entry in found:
            if entry["url"] in done:
                continue
            item = page_item(client, entry)
            if isinstance(item, RawRecord) or not item.reason.startswith("cannot fetch"):
                done.add(entry["url"])  # a failed fetch is tried again at the next poll
            yield item


def page_item(client: PoliteClient, entry: dict[str, Any]) -> Item:
    url = entry["url"]
    try:
        resp = client.get(url)
    except FetchError as exc:
        return Skip(url, f"cannot fetch page: {exc.reason}")
    ctype = resp.headers.get("Content-Type", "").lower()
    if ctype and not ctype.startswith(("text/html", "application/xhtml")):
        return Skip(url, f"not HTML (Content-Type {ctype})")
    if len(resp.body) > client.max_bytes:
        return Skip(url, f"larger than {client.max_bytes:,} bytes")
    try:
        text, _ = decode(resp.body, url)
    except InputError as exc:
        return Skip(url, exc.reason)
    fields = {k: v for k, v in entry.items() if v}
    return RawRecord(input_id=url, html=clean_text(text), fields=fields)


def seen_key(feed_url: str) -> str:
    return SEEN_PREFIX + hashlib.sha1(feed_url.encode()).hexdigest()[:16]


def ingest_feeds(path: str | Path, db: Any, config: Any = None, client: PoliteClient | None = None) -> Any:
    """Fetch the new pages of the feeds listed in ``path``, ingest them, update the corpus."""
    from warta import config as config_mod
    from warta.ingest.run import ingest
    from warta.store import Store

    cfg = config if isinstance(config, config_mod.Config) else config_mod.load(config)
    store = db if isinstance(db, Store) else Store(db)
    client = client or PoliteClient()
    urls = read_feed_list(path)
    seen = {u: set(store.get_state(seen_key(u), [])) for u in urls}
    try:
        summary = ingest(feed_items(urls, client, seen), store, cfg)
        for u in urls:
            store.put_state(seen_key(u), sorted(seen[u])[-SEEN_KEEP:])
    finally:
        if not isinstance(db, Store):
            store.close()
    return summary
