"""nlp.events@1, round 3 recall mechanisms: pronoun subjects, coordinated subjects, roles
before a name inside "antara", appositive objects, years that name things, titled names."""

from __future__ import annotations

from tests.nlp.test_events_roles import _article, _got
from warta.nlp.lexicon import rows


def test_events_pronoun_subject_is_the_person_told_before() -> None:
    # real lines (kompas-md 08Jun2025, Yan Mandenas)
    art = _article(
        "Mandenas meminta Kementerian ESDM segera menertibkan izin usaha pertambangan. "
        "Ia juga meminta pemerintah berhati-hati menerbitkan izin tambang.",
        {"Mandenas": "person", "Kementerian ESDM": "organization"},
    )
    got = _got(art)
    assert ("REQUEST", "Mandenas", "Kementerian ESDM", "2025-06-10") in got
    assert ("REQUEST", "Mandenas", "warta:group:pemerintah", "2025-06-10") in got


def test_events_pronoun_without_a_person_before_is_no_source() -> None:
    art = _article("Ia juga meminta pemerintah berhati-hati menerbitkan izin tambang.", {})
    assert art.events == []


def test_events_coordinated_subjects_each_act() -> None:
    art = _article(
        "Inggris, Jerman, dan Perancis menjatuhkan sanksi terhadap Iran pada Senin (1/9/2025).",
        {"Inggris": "country", "Jerman": "country", "Perancis": "country", "Iran": "country"},
        {"Senin (1/9/2025)": "2025-09-01"},
    )
    assert sorted(_got(art)) == [
        ("SANCTION", s, "Iran", "2025-09-01") for s in ("Inggris", "Jerman", "Perancis")
    ]


def test_events_meeting_between_titled_leaders() -> None:
    # real line (kompas-md 20Jul2025); the role's country does not stand for the person
    art = _article(
        "Pertemuan antara Presiden Republik Indonesia Prabowo Subianto dan Presiden ke-7 Joko Widodo "
        "digelar secara tertutup, Minggu (20/7/2025).",
        {"Republik Indonesia": "country", "Prabowo Subianto": "person", "Joko Widodo": "person"},
        {"Minggu (20/7/2025)": "2025-07-20"},
    )
    assert _got(art) == [("CONSULT", "Prabowo Subianto", "Joko Widodo", "2025-07-20")]


def test_events_apposition_names_the_object() -> None:
    # real line (old_berita_detik.csv row 74)
    art = _article(
        "KPK sudah memeriksa 2 eks staf khusus Menaker terkait kasus dugaan suap, yakni Rishyaryudi "
        "Triwibowo dan Caswiyono Rusydie Cakrawangsa.",
        {"KPK": "organization", "Rishyaryudi Triwibowo": "person", "Caswiyono Rusydie Cakrawangsa": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [
        ("INVESTIGATE", "KPK", "Rishyaryudi Triwibowo")
    ]


def test_events_year_after_a_name_does_not_date_the_event() -> None:
    # real line (kompas-md 20Jul2025): "Kongres PSI 2025" is not when Prabowo met Jokowi
    art = _article(
        "Prabowo diketahui menyempatkan diri untuk bertemu Jokowi sebelum memenuhi undangan Kongres "
        "Partai Solidaritas Indonesia (PSI) 2025.",
        {"Prabowo": "person", "Jokowi": "person"},
        {"2025": "2025"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [("CONSULT", "Prabowo", "Jokowi")]
    assert art.events[0].date != "2025"


def test_events_title_makes_a_mistyped_name_a_person() -> None:
    # after old_berita_kompas.csv row 0: the recogniser typed "PS" an organisation, "Rio" a place
    art = _article(
        "Kapolres AKBP Rio Anggoro menangkap Aipda PS pada Selasa (10/6/2025).",
        {"Rio Anggoro": "place", "PS": "organization"},
        {"Selasa (10/6/2025)": "2025-06-10"},
    )
    assert _got(art) == [("COERCE", "Rio Anggoro", "PS", "2025-06-10")]


def test_events_lexicon_rows_have_a_plover_type_and_kind() -> None:
    plover = set(
        "AGREE SUPPORT CONSULT COOPERATE AID RETREAT CONCEDE REQUEST DEMAND DISAPPROVE REJECT ACCUSE "
        "THREATEN PROTEST MOBILIZE SANCTION COERCE ASSAULT FIGHT INVESTIGATE".split()
    )
    for row in rows("events.tsv"):
        assert row[1] in plover, row
        assert row[2][:1] in "vnopd", row
