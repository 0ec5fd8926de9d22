"""The bad-input battery: one file per kind of hostile input, with what must happen to it.

Shared by tests/reliability/test_battery.py and scripts/reliability.py.  Each case
writes its file(s) into a folder and says, per record, the expected outcome:
``stored`` (maybe with a flag) or ``skipped`` with words the reason must hold.
"""

from __future__ import annotations

import codecs
import gzip
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"


def seed(n: int) -> str:
    return sorted(SEEDS.glob("*.txt"))[n].read_text(encoding="utf-8")


@dataclass
class Case:
    name: str
    write: Callable[[Path], Path]  # writes the input into a folder, returns its path
    expect: dict[str, tuple[str, str]]  # record suffix ("" = the file) -> (status, reason/flag words)


def _bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        (folder / name).write_bytes(data)
        return folder / name

    return write


def _lines(name: str, lines: list[bytes]) -> Callable[[Path], Path]:
    return _bytes(name, b"\n".join(lines) + b"\n")


def _big_line(folder: Path) -> Path:
    path = folder / "big-line.txt"
    with path.open("wb") as fh:  # 50 MB, one line, written in chunks
        chunk = (seed(0).replace("\n", " ") * 200).encode()[: 1 << 20]
        for _ in range(50):
            fh.write(chunk)
    return path


def _variant(n: int, tag: str) -> str:
    """A seed with a distinct first line, so its content hash differs from the seed's."""
    return f"{tag}\n\n{seed(n)}"


def _cases() -> list[Case]:
    s1, s2 = seed(1), seed(2)
    nul = s2.encode().replace(b"Korea", b"Ko\x00rea", 3)
    csv_text = (
        'title,source,date,content,url\n'
        f'"Ok",republika.co.id,18 Jan 2024,"{s1.replace(chr(34), chr(39))}",https://x.id/1\n'
        f'"Extra",republika.co.id,18 Jan 2024,"{_variant(1, "Extra").replace(chr(34), chr(39))}",https://x.id/2,surplus,more\n'
        '"Broken,republika.co.id,18 Jan 2024,"unclosed quote and then "more" text\n'
    )
    wrong = [
        json.dumps({"text": 42}).encode(),
        json.dumps({"text": _variant(3, "Authors"), "authors": {"a": 1}}).encode(),
        json.dumps({"text": _variant(3, "Published"), "published": ["2024"]}).encode(),
        json.dumps({"text": None, "html": None, "title": "x"}).encode(),
        b'{"text": "Putin tiba \xff\xfe di Pyongyang"}',
        json.dumps({"text": _variant(3, "Good one"), "title": 7}).encode(),
        b"null",
        b"{broken",
    ]
    return [
        Case("empty", _bytes("empty.txt", b""), {"": ("skipped", "empty")}),
        Case("whitespace", _bytes("blank.txt", b" \n\t\n"), {"": ("skipped", "empty")}),
        Case("binary", _bytes("photo.txt", bytes(range(256)) * 64), {"": ("skipped", "binary")}),
        Case("png", _bytes("image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8), {"": ("skipped", "binary")}),
        Case("50MB-one-line", _big_line, {"": ("skipped", "max_record_bytes")}),
        Case("cp1252", _bytes("cp1252.txt", _variant(3, "Café – “kutipan”").encode("cp1252")), {"": ("stored", "")}),
        Case("latin-1", _bytes("latin1.txt", _variant(3, "Déjà vu").encode("latin-1", "replace")), {"": ("stored", "")}),
        Case("utf16-bom", _bytes("u16bom.txt", codecs.BOM_UTF16_LE + _variant(3, "BOM").encode("utf-16-le")),
             {"": ("stored", "")}),
        Case("utf16-no-bom", _bytes("u16.txt", _variant(3, "NOBOM").encode("utf-16-be")), {"": ("stored", "")}),
        Case("nul-bytes", _bytes("nul.txt", nul), {"": ("stored", "")}),
        Case("truncated-gzip", _bytes("cut.txt.gz", gzip.compress(s1.encode())[:300]), {"": ("skipped", "cannot read")}),
        Case("gzip-garbage", _bytes("junk.jsonl.gz", b"\x1f\x8b\x08\x00garbage"), {"": ("skipped", "cannot read")}),
        Case("html-no-body", _bytes("nobody.html", b"<html><head><title>Judul</title></head></html>"),
             {"": ("skipped", "no article text")}),
        Case("html-unclosed", _bytes("open.html", b"<html><body><p>" + s2.encode() + b"<div><table><tr><td>"),
             {"": ("stored", "")}),
        Case("csv-broken", _bytes("broken.csv", csv_text.encode()), {
            ":row1": ("stored", ""), ":row2": ("stored", "row has 7 fields"), ":row3": ("skipped", ""),
        }),
        Case("jsonl-wrong-types", _lines("wrong.jsonl", wrong), {
            ":1": ("skipped", "'text' must be a string"), ":2": ("skipped", "'authors'"),
            ":3": ("skipped", "'published'"), ":4": ("skipped", "neither 'text' nor 'html'"),
            ":5": ("skipped", "invalid UTF-8"), ":6": ("skipped", "'title' must be a string"),
            ":7": ("skipped", "JSON object"), ":8": ("skipped", "invalid JSON"),
        }),
        Case("far-past-future", _lines("dates.jsonl", [
            json.dumps({"text": _variant(4, t), "published": t}).encode()
            for t in ("0001-01-01", "1066-10-14T09:00:00", "9999-12-31T23:59:59+07:00", "2150-01-01")
        ]), {f":{i}": ("stored", "implausible-published") for i in range(1, 5)}),
        Case("not-indonesian", _lines("foreign.jsonl", [json.dumps({"text": t}).encode() for t in (
            "The Kremlin said on Tuesday that President Vladimir Putin would visit North Korea next week, "
            "the first such trip in 24 years, as the two countries deepen military ties. " * 6,
            "Le président russe Vladimir Poutine est arrivé mercredi à Pyongyang pour une visite d'État, "
            "a annoncé l'agence officielle KCNA, qui parle d'une amitié indéfectible. " * 6,
        )]), {":1": ("stored", "not-indonesian"), ":2": ("stored", "not-indonesian")}),
    ]


CASES = _cases()
