"""Claims whose asserter the quote stage resolved: a pronoun subject ("Sehingga ia
mengklaim, ..."), and reported speech holding an allegation ("menilai, X telah
melakukan tindak pidana").  Texts follow lines of the development news, shortened."""

from __future__ import annotations

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]


def test_claims_pronoun_asserter_is_the_person_named_before() -> None:
    text = (
        "Hotman Paris Hutapea menambahkan bahwa harga laptop yang dibeli kementerian lebih rendah. "
        "Sehingga ia mengklaim, tidak ada unsur kerugian negara yang terpenuhi dalam perkara ini."
    )
    art = QUOTES(_article(text, {"Hotman Paris Hutapea": ("hotman", "person")}))
    assert [(c.asserted_by, c.text[:14]) for c in art.claims] == [(["hotman"], "tidak ada unsu")]


def test_claims_assessment_holding_an_allegation_is_a_claim() -> None:
    text = (
        "Siti Aminah Tardi mendesak agar kasus tersebut diproses.\n\n"
        "Komisioner Komnas Perempuan ini menilai, Aipda PS telah melakukan tindak pidana kekerasan seksual."
    )
    art = QUOTES(_article(text, {"Siti Aminah Tardi": ("siti", "person")}))
    assert [(c.asserted_by, c.text[:8]) for c in art.claims] == [(["siti"], "Aipda PS")]


def test_claims_plain_assessment_is_no_claim() -> None:
    text = "Siti Aminah Tardi menilai, penanganan kasus di daerah sudah berjalan cukup baik."
    art = QUOTES(_article(text, {"Siti Aminah Tardi": ("siti", "person")}))
    assert art.claims == []
