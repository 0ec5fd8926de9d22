"""WARC files (web archives, .warc and .warc.gz) to RawRecords, with warcio.

Only ``response`` records of HTML pages become articles
(``RawRecord(html=..., fields={"url": target_uri})``); every other record
that could be a page comes out as a :class:`Skip` with the reason
(not HTML, truncated, undecodable, too large), so nothing is lost silently.
Request, metadata and warcinfo records are bookkeeping and are passed over.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warta.errors import InputError, MissingExtra
from warta.ingest.decode import clean_text, decode
from warta.ingest.readers import Item, Skip
from warta.model import RawRecord

HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


def read_warc(path: Path, max_bytes: int = 20_000_000) -> Iterator[Item]:
    """Pages of one WARC file, in file order."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtra("warcio", "dask") from exc
    name = str(path)
    n = 0
    try:
        if not _starts_like_warc(path):
            yield Skip(name, "not a WARC file (no WARC/ header at the start)")
            return
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                if record.rec_type != "response":
                    continue
                n += 1
                yield _page(record, f"{name}#{n}", max_bytes)
    # warcio's header parser fails with AttributeError on some damaged records
    except (OSError, EOFError, zlib.error, ArchiveLoadFailed, ValueError, AttributeError) as exc:
        yield Skip(f"{name}#{n + 1}", f"cannot read WARC record: {type(exc).__name__}: {exc}")


def _starts_like_warc(path: Path) -> bool:
    # warcio reads nearly anything as ARC lines; check the signature first.
    with path.open("rb") as fh:
        head = fh.read(2)
        fh.seek(0)
        if head == b"\x1f\x8b":
            with gzip.open(fh) as gz:
                head = gz.read(5)
        else:
            head = fh.read(5)
    return head == b"WARC/" or path.name.lower().endswith((".arc", ".arc.gz"))


def _page(record: Any, rid: str, max_bytes: int) -> Item:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    rid = f"{rid} {url}".strip()
    if record.rec_headers.get_header("WARC-Truncated"):
        reason = record.rec_headers.get_header("WARC-Truncated")
        return Skip(rid, f"truncated WARC record ({reason}); the page is incomplete")
    headers = record.http_headers
    status = headers.get_statuscode() if headers else None
    if status and not status.startswith("2"):
        return Skip(rid, f"HTTP status {status}, not a page")
    ctype = (headers.get_header("Content-Type") or "").lower() if headers else ""
    if not ctype.startswith(HTML_TYPES):
        return Skip(rid, f"not HTML (Content-Type {ctype or 'missing'})")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Skip(rid, f"larger than ingest.max_record_bytes ({max_bytes:,} bytes)")
    if getattr(record.raw_stream, "limit", 0) > 0:  # the file ended inside the record
        return Skip(rid, "truncated WARC record (the file ends before the record does)")
    length = record.rec_headers.get_header("Content-Length")
    try:
        text, _ = decode(body, rid)
    except InputError as exc:
        return Skip(rid, exc.reason)
    text = clean_text(text)
    if not text.strip():
        return Skip(rid, "empty page" if length else "empty record")
    fields = {"url": url} if url else {}
    return RawRecord(input_id=rid, html=text, fields=fields)
