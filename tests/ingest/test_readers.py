"""Readers: every input kind becomes records, and every bad record a named skip."""

from __future__ import annotations

import codecs
import gzip
import io
import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS
from warta.config import load
from warta.ingest.readers import RawRecord, Skip, read_paths, read_stream

CFG = load()


def _read(*paths: Path | str) -> list[RawRecord | Skip]:
    return list(read_paths([str(p) for p in paths], CFG.csv_columns, CFG.max_record_bytes))


SEED = sorted(SEEDS.glob("*.txt"))[1]
SEED_TEXT = SEED.read_text(encoding="utf-8")


def test_readers_text_folder_gives_one_record_per_file() -> None:
    items = _read(SEEDS)
    assert len(items) == 5 and all(isinstance(i, RawRecord) and i.text for i in items)
    assert items[1].text == SEED_TEXT


def test_readers_markdown_escapes_are_read_as_the_characters(tmp_path: Path) -> None:
    # as scraped Kompas Markdown writes them; a .txt keeps its backslashes as text
    body = 'Ia menambahkan, \\"Kami tidak \\[pernah\\] setuju\\.\\" Jalur C:\\Data tetap.'
    (tmp_path / "a.md").write_text(body, encoding="utf-8")
    (tmp_path / "b.txt").write_text(body, encoding="utf-8")
    md, txt = _read(tmp_path / "a.md", tmp_path / "b.txt")
    assert isinstance(md, RawRecord) and isinstance(txt, RawRecord)
    assert md.text == 'Ia menambahkan, "Kami tidak [pernah] setuju." Jalur C:\\Data tetap.'
    assert txt.text == body


def test_readers_html_file_is_read_as_html(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<html><body><p>Juru bicara Kremlin Dmitry Peskov mengatakan.</p></body></html>", encoding="utf-8")
    [item] = _read(page)
    assert isinstance(item, RawRecord) and item.html and "Peskov" in item.html and item.text is None


def test_readers_jsonl_names_each_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "ok", "text": SEED_TEXT, "outlet": "Republika", "authors": ["A", "B"]}).encode(),
        b"{not json",
        json.dumps({"text": 42}).encode(),
        json.dumps({"title": "no body"}).encode(),
        b'{"text": "Putin \xff\xfe"}',
        json.dumps(["a list"]).encode(),
    ]
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = _read(path)
    assert isinstance(items[0], RawRecord) and items[0].fields["outlet"] == "Republika"
    skips = {i.input_id: i.reason for i in items if isinstance(i, Skip)}
    assert set(skips) == {f"{path}:{n}" for n in (2, 3, 4, 5, 6)}
    assert "invalid JSON" in skips[f"{path}:2"]
    assert "'text' must be a string" in skips[f"{path}:3"]
    assert "neither 'text' nor 'html'" in skips[f"{path}:4"]
    assert "invalid UTF-8" in skips[f"{path}:5"]
    assert "JSON object" in skips[f"{path}:6"]


def test_readers_csv_maps_columns_and_joins_date_and_time(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text(
        'title,source,date,time,content,url\n'
        f'"Kremlin: Rusia Kian Perkuat Hubungan",news.republika.co.id,18 Jan 2024,08:25,"{SEED_TEXT.replace(chr(34), chr(39))}",https://x.id/1\n'
        'Tanpa isi,detik.com,06 Jun 2025,21:02,,https://x.id/2\n',
        encoding="utf-8",
    )
    items = _read(path)
    first = items[0]
    assert isinstance(first, RawRecord)
    assert first.fields["published"] == "18 Jan 2024 08:25" and first.fields["outlet"] == "news.republika.co.id"
    assert isinstance(items[1], Skip) and items[1].input_id == f"{path}:row2"


def test_readers_csv_without_text_column_is_skipped_with_advice(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    [item] = _read(path)
    assert isinstance(item, Skip) and "csv_columns" in item.reason


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("cp1252", errors="replace"),
        lambda s: s.encode("latin-1", errors="replace"),
        lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
        lambda s: s.encode("utf-16-le"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    ],
    ids=["cp1252", "latin-1", "utf16-bom", "utf16-no-bom", "utf8-bom"],
)
def test_readers_detect_encodings(tmp_path: Path, encode) -> None:
    text = "Menteri Luar Negeri Korut Choe Son-hui memuji hubungan dekat dengan Rusia – café. " * 20
    path = tmp_path / "a.txt"
    path.write_bytes(encode(text))
    [item] = _read(path)
    assert isinstance(item, RawRecord) and "Choe Son-hui memuji" in item.text and "café" in item.text


def test_readers_skip_binary_empty_and_missing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "e.txt").write_bytes(b"  \n")
    items = _read(tmp_path / "b.txt", tmp_path / "e.txt", tmp_path / "missing.txt")
    reasons = [i.reason for i in items if isinstance(i, Skip)]
    assert len(reasons) == 3
    assert "binary" in reasons[0] and "empty" in reasons[1] and "no such file" in reasons[2]


def test_readers_remove_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "n.txt"
    path.write_bytes(SEED_TEXT.encode() .replace(b"Peskov", b"Pes\x00kov", 1))
    [item] = _read(path)
    assert isinstance(item, RawRecord) and "\x00" not in item.text and "Peskov" in item.text


def test_readers_gzip_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.jsonl.gz"
    good.write_bytes(gzip.compress((json.dumps({"text": SEED_TEXT}) + "\n").encode()))
    bad = tmp_path / "b.txt.gz"
    bad.write_bytes(gzip.compress(SEED_TEXT.encode())[:200])
    items = _read(good, bad)
    assert isinstance(items[0], RawRecord) and items[0].text == SEED_TEXT
    assert isinstance(items[1], Skip) and "cannot read" in items[1].reason


def test_readers_oversized_record_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * 2000)
    items = list(read_paths([str(path)], CFG.csv_columns, 1000))
    assert isinstance(items[0], Skip) and "max_record_bytes" in items[0].reason


def test_readers_stdin_sniffs_jsonl() -> None:
    data = (json.dumps({"text": "Putin tiba di Pyongyang."}) + "\n").encode()
    [item] = list(read_stream(io.BufferedReader(io.BytesIO(data)), "<stdin>", CFG.csv_columns, CFG.max_record_bytes))
    assert isinstance(item, RawRecord) and item.input_id == "<stdin>:1"
