"""meta.text@1 against the gold reference, in-repo seeds, and unit cases."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import SEEDS
from warta.meta import dates
from warta.model import Article, Author
from warta.pipeline import registered

SEED_FILES = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}
REFERENCE = "2026-11-23"  # the gold file's reference_date


def _run(raw: str, kind: str = "text", reference: str = REFERENCE, **fields: object) -> Article:
    reg = registered()
    art = Article(id="t", input_id="t", raw=raw, raw_kind=kind, **fields)  # type: ignore[arg-type]
    art = reg["clean.text@1"]()(art)
    return reg["meta.text@1"](reference_date=reference)(art)


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    return {k: _run(p.read_text(encoding="utf-8")) for k, p in SEED_FILES.items()}


def _gold(gold: dict) -> list[tuple[str, dict]]:
    return [(g["file"][:3], g) for g in gold["articles"]]


def test_meta_text_matches_gold(gold: dict, seeds: dict[str, Article]) -> None:
    assert gold["reference_date"] == REFERENCE
    for key, g in _gold(gold):
        a = seeds[key]
        assert a.outlet == g["outlet"], key
        assert a.title == g["title"], key
        assert a.standfirst == g["standfirst"], key
        assert (a.published, a.published_precision) == (g["published"]["value"], g["published"]["precision"]), key
        assert [(x.name, x.role) for x in a.authors] == [(x["name"], x["role"]) for x in g["authors"]], key
        assert a.dateline == g["dateline"], key
        assert a.wire_sources == g["wire_sources"], key
        assert sorted(a.cited_sources) == sorted(g["cited_sources"]), key
        got = [(c.text, c.credit, c.repeated) for c in a.captions]
        assert got == [(c["text"], c["credit"], c["repeated"]) for c in g["captions"]], key
        assert ("no-title" in a.flags) == (g["title"] is None), key


def test_meta_text_evidence_points_into_raw(seeds: dict[str, Article]) -> None:
    for key, a in seeds.items():
        raw = SEED_FILES[key].read_text(encoding="utf-8")
        for field in ("title", "standfirst", "dateline", "outlet"):
            value = getattr(a, field)
            if value is None or field not in a.evidence:
                continue
            ev = a.evidence[field]
            span = raw[ev.start : ev.end]
            assert value in span or span.lower().replace(".co.id", "") in value.lower(), (key, field, span)
        for field in ("wire_sources", "cited_sources"):
            if getattr(a, field):
                ev = a.evidence[field]
                assert raw[ev.start : ev.end].lower() == getattr(a, field)[0].lower(), (key, field)


def test_meta_text_seed_fixtures(seeds: dict[str, Article]) -> None:
    # A few checks that run without ../shared.
    a = seeds["001"]
    assert a.outlet == "Republika" and a.dateline == "MOSKOW"
    assert a.published == "2024-01-18T08:25:00+07:00" and a.published_precision == "minute"
    assert a.authors == [Author("Lintar Satria", "reporter"), Author("Setyanavidita livicansera", "editor")]
    assert a.wire_sources == ["Reuters"] and a.captions[0].credit == "AP Photo"
    b = seeds["004"]
    assert b.title is None and "no-title" in b.flags
    assert b.outlet == "Medcom" and b.wire_sources == ["Channel News Asia"] and b.cited_sources == ["KCNA"]
    c = seeds["002"]
    assert c.outlet is None and c.published == "2024-06-18"
    assert c.evidence["published"].how == "inferred-weekday"
    assert seeds["000"].evidence["published"].how == "lead-date"
    assert all(x.language == "id" for x in seeds.values())


def test_meta_text_keeps_input_values() -> None:
    raw = SEED_FILES["001"].read_text(encoding="utf-8")
    a = _run(raw, outlet="Republika Online", title="Judul dari feed", published="2024-01-18")
    assert (a.outlet, a.title, a.published) == ("Republika Online", "Judul dari feed", "2024-01-18")
    assert a.dateline == "MOSKOW"


def test_meta_text_url_gives_outlet() -> None:
    a = _run("Isi berita yang cukup panjang untuk dibaca oleh mesin dan manusia.", url="https://news.detik.com/x")
    assert a.outlet == "detikNews"


@pytest.mark.parametrize(
    ("line", "value", "precision"),
    [
        ("Kamis 18 Jan 2024 08:25 WIB", "2024-01-18T08:25:00+07:00", "minute"),
        ("Rabu, 5 Juni 2024 | 10.30 WITA", "2024-06-05T10:30:00+08:00", "minute"),
        ("Kompas.com - 10/06/2025, 21:23 WIT", "2025-06-10T21:23:00+09:00", "minute"),
        ("Medcom • 18 June 2024 13:51", "2024-06-18T13:51:00+07:00", "minute"),
        ("10 Jun 2025", "2025-06-10", "day"),
    ],
)
def test_dates_header_date(line: str, value: str, precision: str) -> None:
    found = dates.header_date(line)
    assert found is not None and (found.value, found.precision) == (value, precision)


def test_dates_infer_year_latest_matching_weekday() -> None:
    ref = dt.date(2026, 11, 23)
    assert dates.infer_year(6, 18, 2, ref) == 2024  # Tuesday 18 June
    assert dates.infer_year(4, 25, 4, dt.date(2022, 8, 15)) == 2019  # Thursday 25 April
    found = dates.lead_date("ketika ia menuju Pyongyang pada hari Selasa (18/6) untuk", ref)
    assert found is not None and (found.value, found.how) == ("2024-06-18", "inferred-weekday")


def test_meta_text_updated_and_byline_forms() -> None:
    raw = (
        "Harga Beras Naik Lagi\n\nSenin, 10 Juni 2025 09:00 WIB\nDiperbarui 10 Juni 2025 11:15 WIB\n"
        "Penulis: Ani Lestari | Editor: Budi Santoso\n\n"
        "JAKARTA, KOMPAS.com - Harga beras di pasar tradisional naik lagi pekan ini, kata pedagang kepada wartawan.\n"
        "Kenaikan itu dipicu pasokan yang berkurang, seperti dilaporkan Antara pada Senin.\n"
    )
    a = _run(raw)
    assert a.title == "Harga Beras Naik Lagi"
    assert a.published == "2025-06-10T09:00:00+07:00" and a.updated == "2025-06-10T11:15:00+07:00"
    assert [(x.name, x.role) for x in a.authors] == [("Ani Lestari", "writer"), ("Budi Santoso", "editor")]
    assert a.outlet == "KOMPAS.com" and a.dateline == "JAKARTA" and a.cited_sources == ["Antara"]
    assert a.text.startswith("Harga beras di pasar")


def test_meta_text_flags_english() -> None:
    raw = (
        "Russia and North Korea pledge closer ties\n\nMOSCOW - President Vladimir Putin said on Tuesday that "
        "Russia would deepen its relations with North Korea in every area, including sensitive ones, "
        "according to a statement published by the Kremlin after talks with the foreign minister.\n"
    )
    a = _run(raw)
    assert a.language == "en" and "not-indonesian" in a.flags


def test_meta_text_html_meta_tags_and_jsonld() -> None:
    body = "".join(f"<p>{p}</p>" for p in SEED_FILES["003"].read_text(encoding="utf-8").split("\n") if p.strip())
    html = (
        '<html><head><meta property="og:title" content="Putin Janjikan Perluas Hubungan">'
        '<meta property="og:site_name" content="Republika Online">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2022-08-15T09:15:00+07:00",'
        ' "author": [{"@type": "Person", "name": "Dwina Agustin"}]}</script>'
        f"</head><body><article>{body}</article></body></html>"
    )
    a = _run(html, kind="html")
    assert a.published == "2022-08-15T09:15:00+07:00" and a.published_precision == "minute"
    assert a.evidence["published"].how == "jsonld"
    assert html[a.evidence["published"].start : a.evidence["published"].end].count("datePublished") == 1
    assert a.title == "Putin Janjikan Perluas Hubungan" and a.outlet == "Republika Online"
    assert [x.name for x in a.authors] == ["Dwina Agustin"]
    assert a.wire_sources == ["Reuters"] and a.dateline == "PYONGYANG"


@pytest.mark.parametrize("raw", ["", "\x00\x01", "Selasa (31/2)", "Rep: / Red:", "Foto: ", "\ud800" * 10])
def test_meta_text_bad_input_does_not_crash(raw: str) -> None:
    a = _run(raw)
    assert a.published is None or isinstance(a.published, str)


def test_meta_text_published_day_from_the_short_url_row() -> None:
    from warta.clean.text import make_clean_text
    from warta.meta.text import make_meta_text

    raw = (
        "# 10 Nama Bayi Ini Dilarang di Amerika Serikat\n\n| Field | Value |\n|---|---|\n"
        "| 🔗 Short URL   | http://www.kompas.com/tren/read/2025/06/07/170000665/10-nama-bayi |\n"
        "| 👤 Author      | Aditya Priyatna Darmawan |\n\n"
        "![Ilustrasi.](https://asset.kompas.com/crops/x/data/photo/2022/08/16/62fad.jpg)\n\n"
        "**KOMPAS.com** - Setidaknya ada 10 nama yang dilarang untuk diberikan kepada bayi di Amerika Serikat.\n"
    )
    a = make_meta_text()(make_clean_text()(Article(id="t", input_id="t", raw=raw)))
    assert (a.published, a.published_precision) == ("2025-06-07", "day")
    assert raw[a.evidence["published"].start : a.evidence["published"].end] == "2025/06/07"
