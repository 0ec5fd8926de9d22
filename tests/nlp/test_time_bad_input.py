"""nlp.time: numbers that look like dates, impossible dates, odd input, and a property test."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.model import Article
from warta.nlp.time import make_time_tagger, tag

ANCHOR = "2024-06-18T13:51:00+07:00"


def _confident(text: str) -> list[str]:
    return [e.text for e in tag(text, ANCHOR) if e.confidence >= 0.5]


@pytest.mark.parametrize(
    "text",
    [
        "Harga cabai naik menjadi Rp 1.500 per ons.",
        "Harganya Rp 2000 saja.",
        "Persija menang 3-0 atas Persib.",
        "Kasus COVID-19 kembali naik di Jakarta.",
        "Persib juara Liga 1 musim 2025/2026.",
        "Hubungi call center di 0812-3456-7890 atau 021-5551234.",
        "Sebanyak 2000 orang hadir dalam acara itu.",
        "Jalan tol itu sepanjang 2024 meter.",
        "Tanggal 31/2/2024 tertulis di surat palsu itu.",
        "Kode produk 1234 dan 9999 tidak berlaku.",
        "Skor akhir 2-1 untuk tuan rumah.",
        "Ia mencetak 1945 poin sepanjang kariernya.",
    ],
)
def test_time_date_lookalikes_not_confidently_tagged(text):
    assert _confident(text) == []


def test_time_impossible_date_has_no_confident_value():
    assert not [e for e in tag("Surat itu bertanggal 31/2/2024.", ANCHOR) if "31/2" in e.text]


def test_time_end_of_day_24_00_is_valid():
    (expr,) = tag("Layanan buka hingga pukul 24.00 WIB.", ANCHOR)
    assert expr.value.endswith("T24:00+07:00")


def test_time_invalid_clock_not_tagged():
    assert tag("Suhu mencapai pukul 25.70 WIB.", ANCHOR) == []


def test_time_far_years_are_not_confident():
    found = tag("Ramalan itu menyebut tahun 3500 dan sejak 1200.", ANCHOR)
    assert all(e.confidence < 0.5 for e in found)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\x00\ufeff", "🙂" * 50, "(/)" * 30, "2024" * 1000])
def test_time_odd_text_never_crashes(text):
    article = Article(id="x", input_id="x", published=ANCHOR, text=text)
    make_time_tagger()(article)
    assert all(0 <= t.start < t.end <= len(text) for t in article.times)


def test_time_huge_dense_text_is_bounded_and_flagged():
    # Speed is measured in bench/bench_time.py; here: the work is capped and said so.
    text = "Senin (18/6) pada 2024 lalu, 15/8/2022 pukul 14.30 WIB. " * 12_000  # ~680k chars
    article = Article(id="x", input_id="x", published=ANCHOR, text=text)
    make_time_tagger()(article)
    assert "time-text-truncated" in article.flags
    assert len(article.times) > 10_000 and article.times[-1].end <= 500_000


@pytest.mark.parametrize(
    "published", [None, "", "bukan tanggal", "2024", "2024-06", "0001-01-01", "9999-12-31T23:59:00+07:00"]
)
def test_time_odd_published_never_crashes(published):
    text = (
        "Kemarin, dua hari lalu, 5 tahun lalu, Selasa (18/6), pekan depan, pada September, akhir tahun ini."
    )
    exprs = tag(text, published)
    assert exprs and all(text[e.start : e.end] == e.text for e in exprs)


WORDS = [
    "Senin",
    "(",
    "18/6",
    ")",
    "pada",
    "bulan",
    "lalu",
    "tahun",
    "2024",
    "1910-1945",
    "pukul",
    "14.30",
    "WIB",
    "Maret",
    "akhir",
    "dua",
    "hari",
    "setiap",
    "31/2/2024",
    "24.00",
    ",",
    " ",
    "\n",
    "kemarin",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40),
    st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())),
)
def test_time_property_spans_inside_text(parts, published):
    text = " ".join(parts)
    exprs = tag(text, published)
    for e in exprs:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text
        assert 0.0 <= e.confidence <= 1.0
    assert all(a.end <= b.start for a, b in itertools.pairwise(exprs))
