"""nlp.events@1: roles from the clause (passive verbs, missed repeated names), acts that are
only asked for, and the word-start index of the lexicons."""

from __future__ import annotations

import pytest

from warta.model import Article
from warta.nlp.events import events_factory
from warta.nlp.lexicon import _fragment, _prefixes
from warta.nlp.quotes import quotes_factory

try:
    from tests.nlp import qe_seeds as seeds
except ImportError:  # pragma: no cover - tests/nlp is not a package
    import qe_seeds as seeds  # type: ignore[no-redef]

QUOTES, EVENTS = quotes_factory(), events_factory()


def _article(
    text: str, actors: dict[str, str], times: dict[str, str] | None = None, every: bool = True
) -> Article:
    """An article with the given actor mentions (each occurrence, or the first only) and dates."""
    return EVENTS(QUOTES(seeds.made_article(text, actors, times, every)))


def _got(art: Article) -> list[tuple]:
    return [(e.type, e.source, e.target, e.date) for e in art.events]


def test_events_passive_verb_takes_the_agent_as_source() -> None:
    # real lines (old_berita_kompas.csv rows 0 and 26)
    art = _article(
        "Sebelumnya, Aipda PS resmi ditahan oleh Seksi Profesi dan Pengamanan (Propam) Polres Sumba Barat Daya. "
        "Iwan diketahui pertama kali diperiksa oleh penyidik pada Senin (2/6/2025).",
        {"Aipda PS": "person", "Iwan": "person"},
        {"Senin (2/6/2025)": "2025-06-02"},
    )
    assert _got(art) == [
        ("COERCE", "warta:group:polres-sumba-barat-daya", "Aipda PS", None),  # "Sebelumnya": undated past
        ("INVESTIGATE", "warta:group:penyidik", "Iwan", "2025-06-02"),
    ]


def test_events_passive_verb_without_agent_is_no_event() -> None:
    art = _article("Iwan diperiksa selama 12 jam pada Selasa (10/6/2025).", {"Iwan": "person"})
    assert art.events == []


def test_events_act_only_asked_for_or_threatened_is_no_event() -> None:
    # after old_berita_kompas.csv rows 27 and 8: the revocation and the letter are not done
    art = _article(
        "Jatam meminta Bahlil segera mencabut izin PT Gag Nikel. "
        "Tomsi Tohir mengancam akan mengirimkan surat kepada Bahlil.",
        {
            "Jatam": "organization",
            "Bahlil": "person",
            "PT Gag Nikel": "organization",
            "Tomsi Tohir": "person",
        },
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [
        ("REQUEST", "Jatam", "Bahlil"),
        ("THREATEN", "Tomsi Tohir", "Bahlil"),
    ]


def test_events_repeated_name_the_recogniser_missed_is_the_subject() -> None:
    art = _article(
        "Polisi memeriksa Budi Santoso. Santoso kemudian ditahan oleh polisi pada Senin (9/6/2025).",
        {"Budi Santoso": "person"},
        {"Senin (9/6/2025)": "2025-06-09"},
        every=False,
    )
    assert ("COERCE", "warta:group:polisi", "Budi Santoso", "2025-06-09") in _got(art)


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        ("mem?veto", {"memv", "meve"}),
        ("(aparat |pihak )?(kepolisian|polisi)", {"apar", "piha", "kepo", "poli"}),
        ("rapat( \\w+){0,3} (bersama|dengan)", {"rapa"}),
        ("kunjungan(nya)?", {"kunj"}),
        ("(abcd)+x", {"abcd"}),
        ("KKB", {"kkb"}),  # a short pattern is indexed as the whole word
        ("(ha)*ck", None),  # a second pass would change the start
        ("(tim )?penyidik", None),  # a first word shorter than the key
        ("\\w+an", None),
    ],
)
def test_lexicon_word_starts_of_a_pattern(pattern: str, starts: set[str] | None) -> None:
    assert _prefixes(_fragment(pattern)) == starts


def test_lexicon_group_table_is_indexed_by_word_start() -> None:
    from warta.nlp.lexicon.groups import _table

    assert not _table()[0].always  # a row without a known start makes every article scan slowly


def test_events_claim_is_an_accusation_only_when_it_alleges_an_act() -> None:
    # after old_berita_detik.csv row 298: a report that the suspect was found dead accuses no one
    actors = {"Kronen Zeitung": "organization", "Budi": "person"}
    art = _article(
        "Laporan Kronen Zeitung menyebut bahwa Budi ditemukan tewas di kamar mandi sekolah.", actors
    )
    assert art.claims and not [e for e in art.events if e.type == "ACCUSE"]
    art = _article("Laporan Kronen Zeitung menyebut bahwa Budi terlibat korupsi dana sekolah.", actors)
    assert [(e.type, e.source, e.target) for e in art.events] == [("ACCUSE", "Kronen Zeitung", "Budi")]


def test_events_warning_targets_the_actor_of_what_it_says() -> None:
    # real line (old_berita_detik.csv row 461)
    art = _article(
        "Sebelumnya, Israel telah memperingatkan pada hari Jumat lalu, bahwa mereka akan terus menyerang "
        "target-target kelompok Hizbullah di seluruh Lebanon.",
        {"Israel": "country", "Hizbullah": "organization", "Lebanon": "country"},
        {"hari Jumat lalu": "2025-06-06"},
    )
    assert _got(art) == [("THREATEN", "Israel", "Hizbullah", "2025-06-06")]


def test_events_event_retold_is_kept_once_with_the_date_of_either_telling() -> None:
    # real lines (old_berita_detik.csv row 578)
    art = _article(
        "Aparat kepolisian terlibat baku tembak dengan kelompok kriminal bersenjata (KKB) di Jayawijaya. "
        "Kontak tembak antara polisi dan KKB terjadi di Kampung Pugima pada Senin (9/6).",
        {},
        {"Senin (9/6)": "2025-06-09"},
    )
    assert _got(art) == [("FIGHT", "warta:group:polisi", "warta:group:kkb", "2025-06-09")]


def test_events_match_report_has_no_political_events() -> None:
    # real lines (old_berita_kompas.csv row 10, a football report)
    text = (
        "Sementara itu, Jepang menggempur habis pertahanan Indonesia. Gol kedua lahir pada menit ke-19. "
        "Kiper Emil Audero gagal menahan bola, dan timnas tertinggal 0-2 di babak pertama."
    )
    assert _article(text, {"Jepang": "country", "Indonesia": "country"}).events == []
    politics = "Sementara itu, Jepang menggempur habis pertahanan Indonesia di perbatasan."
    assert _article(politics, {"Jepang": "country", "Indonesia": "country"}).events


def test_lexicon_generic_group_capitalised_inside_a_sentence_is_a_name() -> None:
    from warta.nlp.lexicon.groups import find_groups

    text = "KPK menuntut eks Direktur Perusahaan Umum Daerah. Perusahaan itu tutup, pemerintah diam."
    assert [(g.name, text[g.start : g.end]) for g in find_groups(text)] == [
        ("perusahaan", "Perusahaan"),
        ("pemerintah", "pemerintah"),
    ]


def test_events_pronoun_in_a_subordinate_clause_is_the_main_clause_person() -> None:
    """Seed 001: "Putin memperdalam hubungan ... sejak ia mengirimkan pasukan ...": Putin, not the
    spokesman named in the sentence before."""
    text = ("Juru bicara Dmitry Peskov mengatakan hal itu pada Rabu. Putin memperdalam hubungan dengan "
            "Korut sejak ia mengirimkan pasukan ke Ukraina pada 2022 lalu.")
    art = _article(text, {"Dmitry Peskov": "person", "Putin": "person", "Korut": "country", "Ukraina": "country"},
                   {"2022": "2022"})
    assert [(e.source, e.target) for e in art.events if e.type == "ASSAULT"] == [("Putin", "Ukraina")]
