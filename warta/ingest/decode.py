"""Bytes to text: BOMs, UTF-8, then charset detection; binary input is refused."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from warta.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, input_id: str) -> tuple[str, str]:
    """Return (text, encoding). Raises InputError for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace"), encoding
    if _looks_utf16(data):
        encoding = "utf-16-le" if data[1::2].count(0) > data[0::2].count(0) else "utf-16-be"
        return data.decode(encoding, errors="replace"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:200_000]
    if sample.count(0) > len(sample) // 100 or _control_ratio(sample) > 0.1:
        raise InputError(input_id, "binary data, not text (skipped)")
    best = from_bytes(sample).best()
    encoding = best.encoding if best else "cp1252"
    if encoding in ("ascii", "utf_8"):  # a truncated multi-byte sequence: keep what decodes
        encoding = "utf-8"
    return data.decode(encoding, errors="replace"), encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: about half the bytes of Latin text are NUL, on one side."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > 0.4 * (len(sample) / 2) and min(even, odd) < 0.05 * (len(sample) / 2)


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls / len(sample)


def clean_text(text: str) -> str:
    """Drop NUL and other C0 controls that no article contains; normalise newlines."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")
