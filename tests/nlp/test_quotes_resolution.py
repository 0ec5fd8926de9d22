"""nlp.quotes@1 speaker resolution found on the enlarged labels (eval/events/dev.jsonl, tune
half): descriptions that point back, suspects named by initials, reported
demands.  Texts follow lines of the development news (../shared/data), shortened."""

from __future__ import annotations

try:
    from tests.nlp.test_quotes import QUOTES, _article
except ImportError:  # pragma: no cover - tests/nlp is not a package
    from test_quotes import QUOTES, _article  # type: ignore[no-redef]

TOMSI = {"Tomsi Tohir": ("tomsi", "person")}


def test_quotes_description_subject_takes_the_previous_speaker() -> None:
    text = (
        "“Kami mengingatkan kembali kepada kepala daerah yang masih belum mengusulkan,” ucap Tomsi Tohir "
        "di Jakarta.\n\nJenderal polisi bintang tiga ini menegaskan, pemda harus mendukung program "
        "prioritas nasional."
    )
    art = QUOTES(_article(text, TOMSI))
    assert [q.speaker for q in art.quotes] == ["tomsi", "tomsi"]
    assert art.quotes[1].text.startswith("pemda harus")


def test_quotes_suspect_initials_do_not_speak() -> None:
    text = (
        "Direktur Siti Aminah Tardi mendesak agar Aipda PS diproses secara pidana.\n\n"
        "Sebab Aipda PS merupakan pelaku pelecehan seksual terhadap korban.\n\n"
        "“Karenanya kasus ini tidak cukup diperiksa pada tatanan pelanggaran etik,” katanya."
    )
    actors = {"Siti Aminah Tardi": ("siti", "person"), "PS": ("ps", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["siti", "siti"]
    assert art.quotes[0].text.startswith("Aipda PS diproses")


def test_quotes_pronoun_after_reported_words_is_their_speaker() -> None:
    text = (
        "Siti Aminah Tardi menilai, Aipda PS telah melakukan tindak pidana kekerasan seksual.\n\n"
        "Sebab itu, dia berharap agar Kapolda NTT bisa membuka kasus ini ke ranah pidana umum."
    )
    actors = {"Siti Aminah Tardi": ("siti", "person"), "PS": ("ps", "person")}
    art = QUOTES(_article(text, actors))
    assert [q.speaker for q in art.quotes] == ["siti", "siti"]
    assert art.quotes[1].text.startswith("Kapolda NTT")
