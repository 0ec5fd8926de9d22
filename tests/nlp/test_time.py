"""nlp.time: the seed-article dates of shared/gold/seeds.json, as sentences with their anchor."""

from __future__ import annotations

import pytest

from warta.model import Article
from warta.nlp.time import make_time_tagger, tag

S000 = "2022-08-15"
S001 = "2024-01-18T08:25:00+07:00"
S002 = "2024-06-18"
S003 = "2022-08-15T09:15:00+07:00"
S004 = "2024-06-18T13:51:00+07:00"

# (sentence, published, span that must be found, type, value, precision)
SEED_CASES = [
    (
        "China dan Rusia pada akhir Mei memveto resolusi Dewan Keamanan PBB.",
        S000,
        "akhir Mei",
        "DATE",
        "2022-05",
        "month",
    ),
    (
        "Bulan lalu, NK News melaporkan Duta Besar Rusia untuk Pyongyang mengatakan Korut bersedia.",
        S000,
        "Bulan lalu",
        "DATE",
        "2022-07",
        "month",
    ),
    (
        (
            "peringatan Hari Pembebasan yang menandai berakhirnya pemerintahan kolonial Jepang 1910-1945 atas "
            "Semenanjung Korea."
        ),
        S000,
        "1910-1945",
        "DATE",
        "1910/1945",
        "year",
    ),
    (
        "seperti yang mereka lakukan pada tahun 2017 setelah serangkaian tes senjata",
        S000,
        "tahun 2017",
        "DATE",
        "2017",
        "year",
    ),
    (
        "Dilansir Bloomberg pada Senin (15/8/2022) Putin mengirim pesan ucapan selamat ke Korea Utara",
        S000,
        "Senin (15/8/2022)",
        "DATE",
        "2022-08-15",
        "day",
    ),
    (
        "sebelum menggelar pembicaraan dengan Presiden Vladimir Putin di Kremlin pada Selasa (16/1/2024).",
        S001,
        "Selasa (16/1/2024)",
        "DATE",
        "2024-01-16",
        "day",
    ),
    (
        'termasuk bidang-bidang sensitif," kata Peskov, Rabu (17/1/2024).',
        S001,
        "Rabu (17/1/2024)",
        "DATE",
        "2024-01-17",
        "day",
    ),
    (
        "Kedua negara sudah menjalin hubungan sejak 1948 ketika Uni Soviet mendukung pendirian Korut.",
        S001,
        "1948",
        "DATE",
        "1948",
        "year",
    ),
    (
        "Putin memperdalam hubungan dengan Korut sejak ia mengirimkan pasukan ke Ukraina pada 2022 lalu.",
        S001,
        "2022",
        "DATE",
        "2022",
        "year",
    ),
    (
        "Kamis 18 Jan 2024 08:25 WIB",
        S001,
        "18 Jan 2024 08:25 WIB",
        "TIME",
        "2024-01-18T08:25+07:00",
        "minute",
    ),
    (
        (
            "telah meningkat tajam sejak Kim mengunjungi Timur Jauh Rusia pada bulan September untuk pertemuan "
            "dengan Putin"
        ),
        S002,
        "September",
        "DATE",
        "2023-09",
        "month",
    ),
    (
        "Pada bulan Maret, veto Rusia di PBB mengakhiri pemantauan sanksi PBB terhadap Korea Utara",
        S002,
        "Maret",
        "DATE",
        "2024-03",
        "month",
    ),
    (
        "Putin, yang akan melakukan kunjungan pertamanya ke Korut dalam 24 tahun terakhir, mengatakan",
        S002,
        "24 tahun terakhir",
        "DURATION",
        "P24Y",
        "year",
    ),
    (
        "ketika ia menuju Pyongyang pada hari Selasa (18/6) untuk mengadakan pertemuan",
        S002,
        "Selasa (18/6)",
        "DATE",
        "2024-06-18",
        "day",
    ),
    (
        "beberapa jam sebelum diperkirakan tiba di Korut untuk kunjungan dua hari",
        S002,
        "dua hari",
        "DURATION",
        "P2D",
        "day",
    ),
    (
        "kepada Pemimpin Korea Utara (Korut) Kim Jong-un di Vladivostok, Rusia, Kamis (25/4).",
        S003,
        "Kamis (25/4)",
        "DATE",
        "2019-04-25",
        "day",
    ),
    (
        "Korea Utara pada Juli mengakui dua republik  yang memisahkan diri di Ukraina timur",
        S003,
        "Juli",
        "DATE",
        "2022-07",
        "month",
    ),
    (
        "Nada positif ini berdasarkan kesepakatan yang ditandatangani pada 2019 ketika dia bertemu",
        S003,
        "2019",
        "DATE",
        "2019",
        "year",
    ),
    (
        "Tahun lalu, Kim melakukan perjalanan luar negeri yang jarang dilakukan dengan kereta antipeluru",
        S004,
        "Tahun lalu",
        "DATE",
        "2023",
        "year",
    ),
    (
        "Selain itu, sebuah laporan Pentagon bulan lalu mengatakan bahwa Rusia menggunakan rudal balistik",
        S004,
        "bulan lalu",
        "DATE",
        "2024-05",
        "month",
    ),
    (
        "berada di bawah sanksi PBB, pada Selasa malam untuk kunjungan pertamanya sejak tahun 2000.",
        S004,
        "Selasa malam",
        "DATE",
        "2024-06-18",
        "day",
    ),
    (
        "berada di bawah sanksi PBB, pada Selasa malam untuk kunjungan pertamanya sejak tahun 2000.",
        S004,
        "tahun 2000",
        "DATE",
        "2000",
        "year",
    ),
    (
        "karena menggunakan hak veto PBB di bulan Maret untuk mengakhiri pemantauan",
        S004,
        "Maret",
        "DATE",
        "2024-03",
        "month",
    ),
    (
        "dikutip dari Channel News Asia, Selasa, 18 Juni 2024.",
        S004,
        "18 Juni 2024",
        "DATE",
        "2024-06-18",
        "day",
    ),
    ("Medcom • 18 June 2024 13:51", S004, "18 June 2024 13:51", "TIME", "2024-06-18T13:51+07:00", "minute"),
]


def _find(sentence: str, published: str | None, span: str):
    found = [e for e in tag(sentence, published) if span in e.text]
    assert found, f"{span!r} not tagged in {sentence!r}: {tag(sentence, published)}"
    return found[0]


@pytest.mark.parametrize(("sentence", "published", "span", "type_", "value", "precision"), SEED_CASES)
def test_time_seed_expression_normalised(sentence, published, span, type_, value, precision):
    expr = _find(sentence, published, span)
    assert (expr.type, expr.value, expr.precision) == (type_, value, precision)
    assert sentence[expr.start : expr.end] == expr.text


def test_time_dalam_24_tahun_is_not_year_2048():
    values = [e.value for e in tag("kunjungan pertamanya ke Korut dalam 24 tahun terakhir", S002)]
    assert values == ["P24Y"]


def test_time_late_may_is_flagged():
    expr = _find("China dan Rusia pada akhir Mei memveto resolusi", S000, "Mei")
    assert "late" in expr.flags


def test_time_weekday_contradicting_date_is_flagged():
    # 22/2/2022 was a Tuesday: the caption of seed 000 says Senin
    expr = _find("saat menyampaikan pidato, di Moskwa, Rusia, Senin (22/2/2022).", S000, "22/2/2022")
    assert expr.value == "2022-02-22"
    assert "weekday-mismatch" in expr.flags and expr.confidence <= 0.5


def test_time_weekday_matching_date_keeps_confidence():
    expr = _find("Dilansir Bloomberg pada Senin (15/8/2022) Putin", S000, "15/8/2022")
    assert "weekday-mismatch" not in expr.flags and expr.confidence >= 0.9


@pytest.mark.parametrize(
    ("sentence", "published", "span", "value"),
    [
        ("Ia tiba di Jakarta kemarin.", S004, "kemarin", "2024-06-17"),
        ("Rapat akan digelar lusa.", S004, "lusa", "2024-06-20"),
        ("Kejadian itu terjadi dua hari lalu.", S004, "dua hari lalu", "2024-06-16"),
        ("Pertemuan dijadwalkan pekan depan.", S004, "pekan depan", "2024-W26"),
        ("Ia ditangkap Selasa lalu.", "2024-06-20", "Selasa lalu", "2024-06-18"),
        ("Target itu dicapai tahun ini.", S004, "tahun ini", "2024"),
        ("Harga naik pada awal pekan ini.", S004, "awal pekan ini", "2024-W25"),
        ("Kebijakan itu berlaku sejak Oktober lalu.", "2024-01-10", "Oktober lalu", "2023-10"),
        ("Pemilu akan digelar pada Februari mendatang.", "2023-11-02", "Februari mendatang", "2024-02"),
        ("KTT akan berlangsung pada September.", S004, "September", "2024-09"),
        ("Presiden tiba pukul 14.30 WIB di bandara.", S004, "pukul 14.30 WIB", "2024-06-18T14:30+07:00"),
        ("Rapat digelar Rabu (19/6/2024) pukul 09.00 WIB.", S004, "pukul 09.00", "2024-06-19T09:00+07:00"),
        ("Kantor tutup hingga pukul 24.00 WIB.", S004, "pukul 24.00", "2024-06-18T24:00+07:00"),
        ("Festival itu digelar setiap tahun.", S004, "setiap tahun", "P1Y"),
        ("Ia bertugas selama dua pekan di sana.", S004, "dua pekan", "P2W"),
        ("Harga minyak pada 15/8/2022 naik.", S004, "15/8/2022", "2022-08-15"),
        ("Sidang digelar pada 17 Agustus.", "2024-09-01", "17 Agustus", "2024-08-17"),
        ("Pada era 1990-an harga stabil.", S004, "1990-an", "199"),
        ("Gedung dibangun pada June 18, 2024 oleh kontraktor.", S004, "June 18, 2024", "2024-06-18"),
        (
            "Kompas.com - 10/06/2025, 21:23 WIB",
            "2025-06-10",
            "10/06/2025, 21:23 WIB",
            "2025-06-10T21:23+07:00",
        ),
    ],
)
def test_time_relative_and_partial_forms(sentence, published, span, value):
    assert _find(sentence, published, span).value == value


def test_time_unknown_publication_gives_xxxx_and_low_confidence():
    year_less = _find("di Vladivostok, Rusia, Kamis (25/4).", None, "Kamis (25/4)")
    assert year_less.value == "XXXX-04-25"
    relative = _find("Bulan lalu, NK News melaporkan", None, "Bulan lalu")
    assert relative.confidence <= 0.3 and "anchor-unknown" in relative.flags


def test_time_reference_date_used_when_published_missing():
    expr = tag("Bulan lalu, NK News melaporkan", None, reference_date="2022-08-15")[0]
    assert expr.value == "2022-07" and expr.anchor == "2022-08-15"


def test_time_component_assigns_times_and_uses_published():
    article = Article(id="x", input_id="x", published=S000, text="Bulan lalu ia datang. Senin (15/8/2022).")
    out = make_time_tagger()(article)
    assert [t.value for t in out.times] == ["2022-07", "2022-08-15"]
    assert make_time_tagger.name == "nlp.time@1" and make_time_tagger.assigns == ("times",)


# Real lines of ../shared/data/indonews-2025-06-early (detik), with the article's date as anchor.
def test_time_weekday_typo_in_recent_date_is_repaired_and_flagged():
    # 6/7/2025 was a Sunday; the Friday before this 8 June 2025 article was 6 June
    expr = _find(
        "kata Ria Ricis saat ditemui di kawasan Bintaro, Tangerang Selatan, Jumat (6/7/2025).",
        "2025-06-08",
        "6/7/2025",
    )
    assert expr.value == "2025-06-06"
    assert {"weekday-mismatch", "date-repaired", "written:2025-07-06"} <= set(expr.flags)
    assert expr.confidence <= 0.5


def test_time_weekday_mismatch_never_repaired_to_a_date_after_the_anchor():
    # Senin 22/8/2022 would fit the weekday but lies after the 15 Aug 2022 article
    expr = _find("di Moskwa, Rusia, Senin (22/2/2022).", S000, "22/2/2022")
    assert expr.value == "2022-02-22" and "date-repaired" not in expr.flags


def test_time_clock_takes_the_date_written_after_it():
    text = (
        "Sumerta mengungkapkan pembakaran mobil itu terjadi sekitar pukul 21.45 Wita pada Kamis (5/6/2025)."
    )
    assert _find(text, "2025-06-07", "21.45").value == "2025-06-05T21:45+08:00"


def test_time_figurative_weekday_names_not_tagged():
    text = "Baca juga: Ngeri Banget Bawa Truk ODOL: Ibarat Ngerem Senin, Berhentinya Sabtu"
    assert tag(text, "2025-06-03") == []


def test_time_monday_kemarin_is_one_expression():
    exprs = tag("insiden ini terjadi pada sekitar pukul 13.20 WIB, Senin (2/6) kemarin.", "2025-06-03")
    assert [(e.text, e.value) for e in exprs] == [
        ("pukul 13.20 WIB", "2025-06-02T13:20+07:00"),
        ("Senin (2/6) kemarin", "2025-06-02"),
    ]


def test_time_wrong_weekday_of_a_recent_partial_date_is_repaired_to_a_month_typo():
    # detik, 10 June 2025: 4/6/2025 was a Wednesday and the arrests came "less than a month"
    # later; Sunday 4/5/2025 is the one nearby date a typo away (never 4/6/2023)
    text = "Korban ditemukan tak bernyawa pada Minggu (4/6), sekitar pukul 10.00 WIB."
    expr = _find(text, "2025-06-10", "Minggu (4/6)")
    assert expr.value == "2025-05-04" and "weekday-mismatch" in expr.flags and expr.confidence <= 0.5
    assert "written:2025-06-04" in expr.flags


def test_time_wrong_weekday_a_day_off_is_repaired_to_the_named_weekday():
    # Tuesday 2/6 in a paper of 10 June 2025 (2/6 was a Monday): Tuesday 3/6, flagged
    expr = _find("Rapat digelar pada Selasa (2/6).", "2025-06-10", "Selasa (2/6)")
    assert expr.value == "2025-06-03" and "date-repaired" in expr.flags and expr.confidence <= 0.5


# ---------------------------------------------------------------- round 2 (issue 5 tune half)


def _values(text: str, anchor: str) -> list[tuple[str, str]]:
    return [(e.text, e.value) for e in tag(text, anchor)]


def test_time_range_end_lends_its_year_to_the_start():
    assert _values("Diskon berlaku 14 Juni sampai 13 Juli 2025.", "2025-06-10") == [
        ("14 Juni", "2025-06-14"),
        ("13 Juli 2025", "2025-07-13"),
    ]
    # across a new year the first end is in the year before
    assert _values("dari 20 Desember hingga 5 Januari 2025", "2025-01-10")[0] == ("20 Desember", "2024-12-20")


def test_time_lap_time_is_one_duration_with_its_decimals():
    # detik MotoGP report (indonews tune half)
    text = "Marc Marquez menorehkan waktu terbaik 1 menit 46,974 detik, selisih 0,970 detik."
    assert _values(text, "2025-06-06") == [
        ("1 menit 46,974 detik", "PT1M46.974S"),
        ("0,970 detik", "PT0.970S"),
    ]


def test_time_weekend_is_a_timex_weekend_of_the_anchor_week():
    text = "Luca Marini akan absen akhir pekan ini, dan Quartararo memulai akhir pekan di urutan kesebelas."
    assert [v for _, v in _values(text, "2025-06-06")] == ["2025-W23-WE", "2025-W23-WE"]


def test_time_age_is_not_a_duration_but_a_span_of_years_is():
    text = "Ronaldo yang telah berusia 31 tahun akan bermain hingga usia 41 tahun, kontrak dua tahun."
    assert _values(text, "2016-11-14") == [("dua tahun", "P2Y")]


def test_time_bare_month_in_a_sentence_is_the_nearest_such_month():
    # IndoTimex (Kompas, 28 Nov 2013): "target Desember" is next month, not December 2012
    text = "Ia menyampaikan, target Desember adalah target dari PT Pertamina sendiri."
    assert _values(text, "2013-11-28") == [("Desember", "2013-12")]
    assert _values("Ia bertemu Juli Sastrawan kemarin.", "2013-11-28") == [("kemarin", "2013-11-27")]


def test_time_date_then_pukul_clause_are_two_expressions_sharing_the_day():
    text = "Laga itu kickoff, Selasa (10/6/2025), pukul 17.36 WIB."
    assert _values(text, "2025-06-10") == [
        ("Selasa (10/6/2025)", "2025-06-10"),
        ("pukul 17.36 WIB", "2025-06-10T17:36+07:00"),
    ]


def test_time_head_and_trailing_words_belong_to_the_date_span():
    text = "dari tanggal 5 Juni 2025, hingga 24 Juni 2025 nanti, pada hari Selasa, 10 Juni 2025."
    assert [t for t, _ in _values(text, "2025-06-10")] == [
        "tanggal 5 Juni 2025",
        "24 Juni 2025 nanti",
        "hari Selasa, 10 Juni 2025",
    ]


def test_time_alternation_tries_longer_words_first():
    """The prefix tree matches what a longest-first list matches, whatever the case."""
    import re

    from warta.nlp.time.lexicon import alternation, lexicon

    rx = re.compile(f"(?:{alternation(['se', 'setahun', 'Mei', 'meikarta', 'yang lalu'])})", re.I)
    assert rx.match("MEIKARTA")[0] == "MEIKARTA"
    assert rx.match("setahun lalu")[0] == "setahun"
    assert rx.match("yang \n lalu")[0] == "yang \n lalu"
    for words in lexicon().values():
        if not isinstance(words, (list, dict)):
            continue
        longest_first = sorted(set(words), key=len, reverse=True)
        plain = re.compile("|".join(re.escape(w).replace(r"\ ", r"\s+") for w in longest_first), re.I)
        tree = re.compile(alternation(words), re.I)
        for w in words:
            for text in (w, w.upper(), w + "nya", w + " lalu"):
                assert tree.match(text)[0] == plain.match(text)[0]
