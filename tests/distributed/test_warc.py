"""WARC input: HTML responses become records, everything else is skipped with a reason."""

from __future__ import annotations

import gzip
import uuid
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warta.ingest.readers import Skip
from warta.ingest.warc import read_warc
from warta.model import RawRecord

pytest.importorskip("warcio", reason="needs the dask extra: pip install 'warta[dask]'")


def _seed_html(i: int) -> bytes:
    text = sorted(SEEDS.glob("*.txt"))[i].read_text(encoding="utf-8")
    paras = "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())
    return f"<html><head><title>Berita {i}</title></head><body><article>{paras}</article></body></html>".encode()


def _record(kind: str, url: str, block: bytes, extra: str = "") -> bytes:
    # WARC 1.0 written by hand (a header block, the content block, two CRLFs)
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nWARC-Date: 2025-06-10T08:00:00Z\r\n{extra}"
            f"Content-Type: application/http; msgtype={kind}\r\nContent-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def _response(url: str, body: bytes, ctype: str, status: str = "200 OK", extra: str = "") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    return _record("response", url, http + body, extra)


def _write_warc(path: Path, gz: bool) -> None:
    records = [
        _record("request", "https://berita.example/a", b"GET /a HTTP/1.1\r\nHost: berita.example\r\n\r\n"),
        _response("https://berita.example/a", _seed_html(4), "text/html; charset=utf-8"),
        _response("https://berita.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"),
        _response("https://berita.example/b", _seed_html(1)[:300], "text/html", extra="WARC-Truncated: length\r\n"),
        _response("https://berita.example/gone", b"<html>not found</html>", "text/html", status="404 Not Found"),
        _response("https://berita.example/c", _seed_html(2), "application/xhtml+xml"),
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    # a .warc.gz is one gzip member per record
    path.write_bytes(b"".join(gzip.compress(r) for r in records) if gz else b"".join(records))


@pytest.mark.parametrize("gz", [True, False])
def test_read_warc_pages_and_skips_with_reasons(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(path, gz)
    items = list(read_warc(path))
    assert len(items) == 5  # the request record is not a page
    pages = [i for i in items if isinstance(i, RawRecord)]
    assert [p.fields["url"] for p in pages] == ["https://berita.example/a", "https://berita.example/c"]
    assert "Putin" in pages[0].html and pages[0].text is None
    reasons = [i.reason for i in items if isinstance(i, Skip)]
    assert "not HTML (Content-Type image/png)" in reasons
    assert any(r.startswith("truncated WARC record") for r in reasons)
    assert any("404" in r for r in reasons)


def test_read_warc_broken_file_is_a_skip(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    items = list(read_warc(path))
    assert len(items) == 1 and isinstance(items[0], Skip) and "not a WARC file" in items[0].reason


def test_read_warc_cut_short_keeps_earlier_pages(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc.gz"
    _write_warc(path, True)
    path.write_bytes(path.read_bytes()[:-200])  # a download that stopped in the last record
    items = list(read_warc(path))
    assert isinstance(items[0], RawRecord) and items[0].fields["url"] == "https://berita.example/a"
    assert isinstance(items[-1], Skip) and "truncated WARC record" in items[-1].reason


def test_batch_reads_warc_into_articles(tmp_path: Path, open_store) -> None:
    from warta.distributed import batch

    _write_warc(tmp_path / "in" / "crawl.warc.gz", True)
    summary = batch([str(tmp_path / "in")], str(tmp_path / "w.db"), scheduler="inline")
    assert (summary.read, summary.stored, summary.skipped) == (5, 2, 3)
    store = open_store(str(tmp_path / "w.db"))
    assert {r["url"] for r in store.article_rows(["url"])} == {"https://berita.example/a", "https://berita.example/c"}
