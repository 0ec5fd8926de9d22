"""Readers: files, folders, globs and standard input to RawRecords.

Every record a reader meets comes out either as a :class:`RawRecord` or as a
:class:`Skip` naming the record and the reason, so nothing is lost silently.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from warta.errors import InputError, MissingExtra
from warta.ingest.decode import clean_text, decode
from warta.model import RawRecord

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FIELDS = ("id", "url", "outlet", "title", "published", "authors", "text", "html")
# A Markdown backslash escape (CommonMark: before any ASCII punctuation): scraped
# Markdown writes quotes as \" and brackets as \[, which no reader of the text wants.
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass
class Skip:
    input_id: str
    reason: str


Item = RawRecord | Skip


def read_paths(paths: Iterable[str], csv_columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    """Records of every file under ``paths`` (files, folders, globs, "-" for stdin)."""
    for spec in paths:
        if spec == "-":
            yield from read_stream(sys.stdin.buffer, "<stdin>", csv_columns, max_bytes)
            continue
        files = _expand(spec)
        if not files:
            yield Skip(spec, "no such file or folder")
        for path in files:
            yield from read_file(path, csv_columns, max_bytes)


def _expand(spec: str) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    if path.is_file():
        return [path]
    return sorted(Path(p) for p in glob.glob(spec, recursive=True) if Path(p).is_file())


def read_file(path: Path, csv_columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    name = str(path)
    suffixes = [s.lower() for s in path.suffixes]
    if path.name.lower().endswith((".warc", ".warc.gz")):
        from warta.ingest.warc import read_warc  # needs warcio: the dask extra

        try:
            yield from read_warc(path, max_bytes)
        except MissingExtra as exc:
            yield Skip(name, str(exc))
        return
    try:
        if suffixes and suffixes[-1] == ".gz":
            with gzip.open(path, "rb") as fh:
                data = fh.read(max_bytes * 50 + 1)
            kind = suffixes[-2] if len(suffixes) > 1 else ".txt"
            yield from _read_bytes(io.BytesIO(data), name, kind, csv_columns, max_bytes)
            return
        with path.open("rb") as fh:
            yield from _read_bytes(fh, name, suffixes[-1] if suffixes else "", csv_columns, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield Skip(name, f"cannot read file: {exc}")


def read_stream(stream: BinaryIO, name: str, csv_columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
    data = stream.read()
    sniff = (head or data[:64]).lstrip()
    kind = ".jsonl" if sniff.startswith(b"{") else ".html" if sniff.startswith(b"<") else ".txt"
    yield from _read_bytes(io.BytesIO(data), name, kind, csv_columns, max_bytes)


def _read_bytes(fh: BinaryIO, name: str, kind: str, csv_columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    if kind in (".jsonl", ".ndjson"):
        yield from _read_jsonl(fh, name, max_bytes)
        return
    data = fh.read(max_bytes + 1)
    if kind == ".csv":
        yield from _read_csv(data, name, csv_columns, max_bytes)
        return
    if len(data) > max_bytes:
        yield Skip(name, f"larger than ingest.max_record_bytes ({max_bytes:,} bytes); split it or raise the limit")
        return
    try:
        text, _ = decode(data, name)
    except InputError as exc:
        yield Skip(name, exc.reason)
        return
    text = clean_text(text)
    if not text.strip():
        yield Skip(name, "empty file")
    elif kind in HTML_SUFFIXES:
        yield RawRecord(input_id=name, html=text)
    elif kind == ".md":
        yield RawRecord(input_id=name, text=_MD_ESCAPE.sub(r"\1", text))
    else:
        yield RawRecord(input_id=name, text=text)


def _read_jsonl(fh: BinaryIO, name: str, max_bytes: int) -> Iterator[Item]:
    for lineno, line in enumerate(fh, 1):
        rid = f"{name}:{lineno}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Skip(rid, f"record larger than ingest.max_record_bytes ({max_bytes:,} bytes)")
            continue
        try:
            obj = json.loads(line.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Skip(rid, f"invalid UTF-8 at byte {exc.start}; re-encode the file as UTF-8")
            continue
        except json.JSONDecodeError as exc:
            yield Skip(rid, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        yield record_from_mapping(obj, rid)


def record_from_mapping(obj: Any, rid: str) -> Item:
    """A RawRecord from an input mapping (docs/format.md), or a Skip saying what is wrong."""
    if not isinstance(obj, dict):
        return Skip(rid, f"expected a JSON object, got {type(obj).__name__}")
    for key in ("text", "html", "url", "outlet", "title", "id"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return Skip(rid, f"field {key!r} must be a string, got {type(obj[key]).__name__}")
    authors = obj.get("authors")
    if authors is not None and not (
        isinstance(authors, str) or (isinstance(authors, list) and all(isinstance(a, str) for a in authors))
    ):
        return Skip(rid, "field 'authors' must be a string or a list of strings")
    published = obj.get("published")
    if published is not None and not isinstance(published, str | int | float):
        return Skip(rid, "field 'published' must be a textual date")
    # a blank field counts as absent: {"text": " ", "html": "<p>..."} is an HTML record
    text = obj.get("text") if (obj.get("text") or "").strip() else None
    html = obj.get("html") if (obj.get("html") or "").strip() else None
    if text is None and html is None:
        return Skip(rid, "record has neither 'text' nor 'html'")
    fields = {k: obj[k] for k in ("id", "url", "outlet", "title", "published", "authors") if obj.get(k) not in (None, "")}
    if "published" in fields:
        fields["published"] = str(fields["published"])
    return RawRecord(
        input_id=rid,
        text=clean_text(text) if text else None,
        html=clean_text(html) if html else None,
        fields=fields,
    )


def _read_csv(data: bytes, name: str, columns: dict[str, str], max_bytes: int) -> Iterator[Item]:
    try:
        text, _ = decode(data[:max_bytes * 50], name)
    except InputError as exc:
        yield Skip(name, exc.reason)
        return
    csv.field_size_limit(max_bytes)
    reader = csv.reader(io.StringIO(clean_text(text), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield Skip(name, "empty CSV file (no header row)")
        return
    mapped = [columns.get(h.strip().lower(), "") for h in header]
    if "text" not in mapped and "html" not in mapped:
        yield Skip(name, f"CSV header {header} has no text column; map one with [ingest] csv_columns")
        return
    rowno = 0
    while True:
        rowno += 1  # data rows counted from 1, header excluded
        rid = f"{name}:row{rowno}"
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield Skip(rid, f"malformed CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        obj: dict[str, Any] = {}
        for field, cell in zip(mapped, row):
            if field and cell.strip() and field not in obj:
                obj[field] = cell
        _join_date_time(obj, header, row)
        item = record_from_mapping(obj, rid)
        if isinstance(item, RawRecord) and len(row) != len(header):
            item.fields["_note"] = f"row has {len(row)} fields, header has {len(header)}"
        yield item


def _join_date_time(obj: dict[str, Any], header: list[str], row: list[str]) -> None:
    """CSV exports often split the date and the time into two columns."""
    lowered = [h.strip().lower() for h in header]
    if "time" in lowered and obj.get("published"):
        i = lowered.index("time")
        clock = row[i].strip() if i < len(row) else ""
        if clock and clock not in obj["published"]:
            obj["published"] = f"{obj['published']} {clock}"
