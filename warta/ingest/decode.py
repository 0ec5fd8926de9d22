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
    if _mostly_utf8(data[:200_000]):
        return data.decode("utf-8", errors="replace"), "utf-8"
    sample = data[:200_000]
    if sample.count(0) > len(sample) // 100 or _control_ratio(sample) > 0.1:
        raise InputError(input_id, "binary data, not text (skipped)")
    best = from_bytes(sample).best()
    encoding = best.encoding if best else "cp1252"
    if encoding in ("ascii", "utf_8"):  # a truncated multi-byte sequence: keep what decodes
        encoding = "utf-8"
    elif encoding != "cp1252" and _western(sample):
        encoding = "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without BOM: about half the bytes of Latin text are NUL, on one side."""
    sample = data[:4000]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return max(even, odd) > 0.4 * (len(sample) / 2) and min(even, odd) < 0.05 * (len(sample) / 2)


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few bad bytes (a cut multi-byte tail, one stray byte), not a legacy code page.

    Legacy-encoded text almost never forms valid multi-byte UTF-8 sequences,
    so several good ones and far fewer bad ones mean UTF-8.
    """
    text = sample.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F) - bad
    return good >= 1 and bad <= max(1, good // 10)


def _western(sample: bytes) -> bool:
    """Mostly ASCII and valid cp1252: Indonesian in a Western code page.

    With few accented letters the detector cannot tell cp1252 from cp1250 or
    cp1251 ("Déjà" came out as "Déjŕ"); Indonesian outlets used Western ones.
    """
    high = sum(1 for b in sample if b >= 0x80)
    if high > len(sample) // 10:
        return False
    try:
        sample.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


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
