"""Feeds against a local HTTP server on 127.0.0.1: polite, retrying, robots-aware, incremental."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warta.ingest.feeds import PoliteClient, feed_items, ingest_feeds
from warta.ingest.readers import Skip
from warta.model import RawRecord

pytest.importorskip("feedparser", reason="needs the dask extra: pip install 'warta[dask]'")


def _page(i: int) -> bytes:
    text = sorted(SEEDS.glob("*.txt"))[i].read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body><article>{paras}</article></body></html>".encode()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Berita</title><link>{base}/</link>
<item><title>Putin dan Kim</title><link>{base}/a</link><pubDate>Tue, 18 Jun 2024 06:51:00 GMT</pubDate></item>
<item><title>Kremlin</title><link>{base}/flaky</link><pubDate>Thu, 18 Jan 2024 01:25:00 GMT</pubDate></item>
<item><title>Rahasia</title><link>{base}/private/x</link></item>
<item><title>Hilang</title><link>{base}/missing</link></item>
</channel></rss>"""


class Site:
    """What the server was asked: (path, user agent, monotonic time)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, float]] = []
        self.flaky_left = 1  # /flaky answers 503 this many times first
        self.base = ""


@pytest.fixture
def site() -> Iterator[Site]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
            pages = {"/a": _page(4), "/flaky": _page(1), "/private/x": _page(2)}
            if self.path == "/feed.xml":
                self._send(200, RSS.format(base=state.base).encode(), "application/rss+xml")
            elif self.path == "/robots.txt":
                self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif self.path == "/flaky" and state.flaky_left > 0:
                state.flaky_left -= 1
                self._send(503, b"busy", "text/plain", [("Retry-After", "0")])
            elif self.path in pages:
                self._send(200, pages[self.path], "text/html; charset=utf-8")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(self, code: int, body: bytes, ctype: str, extra: list | None = None) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in extra or []:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_feed_items_polite_retrying_and_robots_aware(site: Site) -> None:
    client = PoliteClient(delay=0.05, backoff=0.01, timeout=5)
    items = list(feed_items([site.base + "/feed.xml"], client, {}))
    pages = [i for i in items if isinstance(i, RawRecord)]
    assert [p.fields["url"] for p in pages] == [site.base + "/a", site.base + "/flaky"]
    assert pages[0].fields["published"] == "2024-06-18T06:51:00+00:00" and "Putin" in pages[0].html
    skips = {i.input_id.rsplit("/", 1)[-1]: i.reason for i in items if isinstance(i, Skip)}
    assert skips == {"x": "cannot fetch page: disallowed by robots.txt", "missing": "cannot fetch page: HTTP 404"}
    paths = [r[0] for r in site.requests]
    assert "/private/x" not in paths and paths.count("/flaky") == 2 and paths.count("/robots.txt") == 1
    assert all(r[1].startswith("warta/") for r in site.requests)
    gaps = [b[2] - a[2] for a, b in zip(site.requests, site.requests[1:])]
    assert min(gaps) >= 0.03  # paced by the per-host delay (0.05 s, less server-side jitter)


def test_ingest_feeds_second_poll_fetches_only_new_pages(site: Site, tmp_path: Path, open_store) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# our feeds\n{site.base}/feed.xml\n", encoding="utf-8")
    client = PoliteClient(delay=0.0, backoff=0.01, timeout=5)
    first = ingest_feeds(feeds, str(tmp_path / "f.db"), client=client)
    assert (first.stored, first.skipped) == (2, 2)
    before = len(site.requests)
    second = ingest_feeds(feeds, str(tmp_path / "f.db"), client=client)
    assert second.stored == 0
    # only the feed and the page that failed (404) are asked again; robots.txt is cached
    assert sorted(r[0] for r in site.requests[before:]) == ["/feed.xml", "/missing"]
    store = open_store(str(tmp_path / "f.db"))
    assert store.count() == 2 and store.count("stories") > 0
