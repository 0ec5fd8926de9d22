"""nlp.quotes@1 speaker names inside role phrases (quotes/speakers.py): roles, ranks and
acronyms stripped, persons that are role words rejected, the role's holder after a comma,
and a colon line that introduces the quote in the next paragraph.  Texts follow lines of
the development news (../shared/data), shortened."""

from __future__ import annotations

import pytest

from warta.nlp.quotes.speakers import clean_name, name_tail

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("KCIC Eva Chairunisa", "Eva Chairunisa"),
        ("Risk Management BTN Setiyo Wibowo", "Setiyo Wibowo"),
        ("Iptu Eko Agus", "Eko Agus"),
        ("HIPMI Pusat Akbar Himawan Buchari", "Akbar Himawan Buchari"),
        ("Ade R Susardi", "Ade R Susardi"),
        ("KNKT", "KNKT"),
        ("Kapolres", None),
    ],
)
def test_quotes_clean_name_strips_roles_and_acronyms(raw: str, want: str | None) -> None:
    assert clean_name(raw) == want


def test_quotes_name_tail_is_the_run_after_rank() -> None:
    text = "kata Kapolres Bogor AKBP Rio Wahyu Anggoro"
    assert name_tail(text, 0, len(text)) == (text.index("Rio"), len(text))
    assert name_tail(text + " Selasa", 0, len(text) + 7) is None  # a day ends no name


def test_quotes_name_after_group_in_role_phrase() -> None:
    text = (
        "“Enggak ada keterlibatan Geng Dulis,” jelas Kasi Humas Polresta Bogor Kota Iptu Eko Agus saat "
        "dikonfirmasi."
    )
    (q,) = QUOTES(_article(text)).quotes
    assert (q.speaker, q.speaker_name) == (None, "Eko Agus")


def test_quotes_role_word_person_is_not_the_speaker() -> None:
    text = "“Promo ini untuk pembeli pertama,” ujar Head of Marketing BRI Budi Santoso di Jakarta."
    art = QUOTES(_article(text, {"Marketing": ("m", "person")}))
    assert [(q.speaker, q.speaker_name) for q in art.quotes] == [(None, "Budi Santoso")]


def test_quotes_role_holder_after_comma_in_menurut() -> None:
    text = (
        "Menurut Danton Satgas BPBD Kota Tangerang Selatan, Dian Wiriyawan, insiden tersebut terjadi "
        "sekitar pukul 15.00 WIB."
    )
    art = QUOTES(_article(text, {"Dian Wiriyawan": ("d", "person")}))
    assert [q.speaker for q in art.quotes] == ["d"]
    assert art.quotes[0].text.startswith("insiden")


def test_quotes_indirect_name_after_organisation_role() -> None:
    text = (
        "Ketua Umum BPP HIPMI Pusat Akbar Himawan Buchari mengatakan, angka kelas menengah RI hanya "
        "17 persen."
    )
    art = QUOTES(_article(text, {"BPP": ("bpp", "organization")}))
    assert [q.speaker_name for q in art.quotes] == ["Akbar Himawan Buchari"]


def test_quotes_colon_line_introduces_next_paragraph() -> None:
    text = (
        "Majalah musik NME menulis:\n\n"
        "“Album ini adalah karya terbaik mereka dalam satu dekade terakhir dan layak didengar.”"
    )
    art = QUOTES(_article(text, {"NME": ("nme", "organization")}))
    assert [q.speaker for q in art.quotes] == ["nme"]


def test_quotes_bare_role_subject_takes_previous_speaker() -> None:
    text = (
        "“Program ini terbuka untuk umum,” kata Kapolresta Eko Prasetyo.\n\n"
        "Kapolresta mengatakan program ini berangkat dari minat masyarakat untuk ikut berlatih."
    )
    actors = {"Eko Prasetyo": ("e", "person"), "Kapolresta": ("k", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["e", "e"]
