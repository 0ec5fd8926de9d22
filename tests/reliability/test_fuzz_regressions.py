"""Regression cases for what the battery, the property tests and the fuzzer found."""

from __future__ import annotations

import pytest

from warta.ingest.decode import decode
from warta.ingest.fields import apply_fields, plausible
from warta.model import Article

SENTENCE = "Menteri Luar Negeri Korut Choe Son-hui memuji hubungan dekat dengan Rusia. "


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_decode_few_accents_stay_western(encoding: str) -> None:
    """'Déjà' came out as 'Déjŕ': the detector guessed cp1250 for mostly-ASCII text."""
    text, _ = decode(("Déjà vu di kafe. " + SENTENCE * 5).encode(encoding), "x.txt")
    assert text.startswith("Déjà vu di kafe.")


def test_decode_cut_utf8_tail_is_not_mojibake() -> None:
    """A file cut inside a multi-byte character was decoded as cp1252 ('CafÃ©')."""
    data = ("Café “kutipan” — " + SENTENCE).encode("utf-8") + "é".encode()[:1]
    text, encoding = decode(data, "x.txt")
    assert encoding == "utf-8" and text.startswith("Café “kutipan” —") and text.endswith("\ufffd")


def test_decode_cyrillic_legacy_page_still_detected() -> None:
    text, _ = decode("Привет мир, это тест на кодировку windows 1251 текст".encode("cp1251"), "x.txt")
    assert text.startswith("Привет мир")


@pytest.mark.parametrize("value", ["9999-12-31T23:59:59+07:00", "0001-01-01", "2150-01-01", "1602-03-20"])
def test_fields_implausible_published_is_flagged_not_used(value: str) -> None:
    """9999-12-31 reached the clustering step, whose date arithmetic overflowed (crashing the ingest)."""
    article = Article(id="x", input_id="x")
    apply_fields(article, {"published": value})
    assert article.published is None and any(f.startswith("implausible-published") for f in article.flags)


@pytest.mark.parametrize("value", ["2024-06-19", "2024-06-19T10:00:00+07:00", "1998-05-21"])
def test_fields_plausible_published_is_kept(value: str) -> None:
    assert plausible(value)
    article = Article(id="x", input_id="x")
    apply_fields(article, {"published": value})
    assert article.published and article.published.startswith(value[:4])


def test_readers_blank_text_field_defers_to_html() -> None:
    """Hypothesis: {"text": "\\r", "html": "<p>..</p>"} became a whitespace-only text record."""
    from warta.ingest.readers import RawRecord, record_from_mapping

    item = record_from_mapping({"text": "\r", "html": "<p>Putin tiba di Pyongyang.</p>"}, "in.jsonl:1")
    assert isinstance(item, RawRecord) and item.text is None and item.html == "<p>Putin tiba di Pyongyang.</p>"
