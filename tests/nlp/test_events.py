"""nlp.events@1: the dated events of the seed timelines, modality, background and bad input."""

from __future__ import annotations

import pytest

from warta.model import Article, Entity, Mention, Span, TimeExpr
from warta.nlp.events import events_factory
from warta.nlp.lexicon import rows
from warta.nlp.quotes import quotes_factory

try:
    from tests.nlp import qe_seeds as seeds
except ImportError:  # pragma: no cover - tests/nlp is not a package
    import qe_seeds as seeds  # type: ignore[no-redef]

QUOTES, EVENTS = quotes_factory(), events_factory()
PLOVER = {
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "COOPERATE",
    "AID",
    "CONCEDE",
    "RETREAT",
    "INVESTIGATE",
    "DEMAND",
    "DISAPPROVE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
    "FIGHT",
    "ACCUSE",
    "REQUEST",
    "OTHER",
}

# The main dated events of each seed (shared/gold/seeds.json timeline):
# seed, types, sources (any of), targets (any of; None = not checked), date prefix, modality or None
TIMELINE = [
    ("000", {"REJECT"}, ["China", "Russia"], None, "2022-05", None),
    ("000", {"ASSAULT"}, ["Russia"], ["Ukraine"], "2022-02", None),
    ("000", {"COOPERATE", "CONSULT"}, ["Vladimir Putin"], ["North Korea", "Kim Jong-un"], "2022-08-15", None),
    ("001", {"CONSULT"}, ["Choe Son-hui"], ["Vladimir Putin"], "2024-01-16", "asserted"),
    ("001", {"COOPERATE"}, ["Russia", "Dmitry Peskov"], ["North Korea"], "2024-01-17", None),
    ("002", {"CONSULT"}, ["Vladimir Putin"], ["North Korea"], "2024-06-18", "planned"),
    ("002", {"REJECT"}, ["Russia"], None, "2024-03", None),
    ("002", {"CONSULT"}, ["Kim Jong-un"], ["Vladimir Putin"], "2023-09", None),
    # a letter takes the type of what it says: closer ties
    ("003", {"COOPERATE"}, ["Vladimir Putin"], ["Kim Jong-un"], "2022-08-15", None),
    ("003", {"COOPERATE"}, ["Kim Jong-un"], ["Vladimir Putin"], "2022-08-15", None),
    # recognising "dua republik": no actor names the object, the sentence dates it
    ("003", {"SUPPORT"}, ["North Korea"], None, "2022-07", None),
    ("000", {"COERCE"}, ["Japan"], None, "1910", None),
    # "kunjungan pertamanya ke Korut dalam 24 tahun terakhir" (2024): the previous visit
    ("002", {"CONSULT"}, ["Vladimir Putin"], ["North Korea"], "2000", None),
    ("004", {"ACCUSE"}, ["Pentagon"], ["Russia", "North Korea"], "2024-05", None),
    ("004", {"SUPPORT"}, ["Vladimir Putin"], ["North Korea"], "2024-06-18", None),
    ("004", {"CONSULT"}, ["Kim Jong-un"], ["Vladimir Putin"], "2023", None),
]


def _seed(seed: str) -> Article:
    seeds.needs_gold()
    return EVENTS(QUOTES(seeds.seed_article(seed)))


@pytest.mark.parametrize("case", TIMELINE, ids=lambda c: f"{c[0]}-{min(c[1])}-{c[4]}")
def test_events_seed_timeline_event_found(case: tuple) -> None:
    seed, types, sources, targets, when, modality = case
    art = _seed(seed)

    def fits(e) -> bool:
        return (
            e.type in types
            and any(seeds.same_entity(art, e.source, s) for s in sources)
            and (targets is None or any(seeds.same_entity(art, e.target, t) for t in targets))
            and (e.date or "").startswith(when)
            and (modality is None or e.modality == modality)
        )

    assert any(fits(e) for e in art.events), [
        (e.type, e.source, e.target, e.date, e.modality, e.trigger) for e in art.events
    ]


def test_events_background_and_spans_are_sound() -> None:
    art = _seed("004")
    visit = next(e for e in art.events if e.type == "CONSULT" and (e.date or "").startswith("2023"))
    assert visit.background  # "Tahun lalu" in an article of June 2024
    for seed in ("000", "001", "002", "003", "004"):
        art = _seed(seed)
        for e in art.events:
            assert e.type in PLOVER and 0 <= e.confidence <= 1
            assert e.trigger.lower() in art.text[e.start : e.end].lower()
            assert e.source in art.entities and e.source != e.target


def test_events_lexicon_rows_are_valid() -> None:
    table = rows("events.tsv")
    assert len(table) > 50
    for row in table:
        assert row[1] in PLOVER and row[2][:1] in ("v", "n", "o", "d", "p") and set(row[2][1:]) <= {"1", "m"}, row


def _article(text: str, actors: dict[str, str], times: dict[str, str] | None = None) -> Article:
    art = Article(id="t", input_id="t", text=text, paragraphs=[Span(0, len(text))], published="2025-06-09")
    from warta.nlp.sentences import split

    art.sentences = split(text)
    for surface, etype in actors.items():
        i = text.find(surface)
        if i < 0:
            continue
        art.entities[surface] = Entity(surface, surface, etype)
        art.mentions.append(Mention(i, i + len(surface), surface, "GPE", surface))
    for surface, value in (times or {}).items():
        i = text.find(surface)
        art.times.append(TimeExpr(i, i + len(surface), surface, "DATE", value, "day"))
    art.mentions.sort(key=lambda m: m.start)
    return EVENTS(QUOTES(art))


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("Presiden Prabowo akan mengunjungi Jepang pekan depan.", "planned"),
        ("Presiden Prabowo tidak mengunjungi Jepang tahun ini.", "negated"),
        ("Jika sepakat, Presiden Prabowo bertemu dengan Jepang di Tokyo.", "conditional"),
        ("Presiden Prabowo mengunjungi Jepang untuk membahas perdagangan.", "asserted"),
    ],
)
def test_events_modality(text: str, modality: str) -> None:
    art = _article(text, {"Prabowo": "person", "Jepang": "country"})
    assert [(e.type, e.source, e.target, e.modality) for e in art.events] == [
        ("CONSULT", "Prabowo", "Jepang", modality)
    ]


def test_events_date_from_sentence_else_publication() -> None:
    art = _article(
        "Menteri Sugiono bertemu dengan Jepang pada Senin (2/6/2025).",
        {"Sugiono": "person", "Jepang": "country"},
        {"Senin (2/6/2025)": "2025-06-02"},
    )
    assert [(e.date, e.confidence > 0.7) for e in art.events] == [("2025-06-02", True)]
    art = _article("Menteri Sugiono bertemu dengan Jepang.", {"Sugiono": "person", "Jepang": "country"})
    assert [e.date for e in art.events] == ["2025-06-09"]


def test_events_without_target_are_dropped() -> None:
    art = _article("Presiden Prabowo mengecam keras kebijakan itu.", {"Prabowo": "person"})
    assert art.events == []


@pytest.mark.parametrize("text", ["", "menyerang " * 3000, "\x00\ufffd mengunjungi“"])
def test_events_bad_input_never_crashes(text: str) -> None:
    art = _article(text, {}) if text else EVENTS(Article(id="e", input_id="e"))
    assert art.events == []


def test_events_quoted_first_person_act_is_the_speakers() -> None:
    art = _article(
        "“Untuk itu, kami mendukung langkah Kementerian ESDM yang mengevaluasi kegiatan pertambangan,” "
        "ungkap Puteri.",
        {"Kementerian ESDM": "organization", "Puteri": "person"},
    )
    assert [(e.type, e.source, e.target) for e in art.events] == [("SUPPORT", "Puteri", "Kementerian ESDM")]


def test_events_referred_event_gives_the_target_and_agreement_date_is_no_event_date() -> None:
    art = _article(
        "Serangan Israel menewaskan seorang ayah di sebuah desa di Lebanon pada hari Selasa (10/6). "
        "Presiden Joseph Aoun mengutuk serangan tersebut sebagai pelanggaran terhadap perjanjian "
        "gencatan senjata 27 November.",
        {"Israel": "country", "Lebanon": "country", "Joseph Aoun": "person"},
        {"hari Selasa (10/6)": "2025-06-10", "27 November": "2024-11-27"},
    )
    got = [(e.type, e.source, e.target, e.date, e.background) for e in art.events]
    assert got == [
        ("ASSAULT", "Israel", "Lebanon", "2025-06-10", False),  # an attack in a country hits it
        ("DISAPPROVE", "Joseph Aoun", "Israel", "2025-06-09", False),
    ]


def test_events_coordinated_attackers_are_not_each_others_target() -> None:
    art = _article(
        "Iran akan membangun kembali situs nuklirnya yang rusak akibat serangan Israel dan Amerika Serikat.",
        {"Iran": "country", "Israel": "country", "Amerika Serikat": "country"},
    )
    assert not [e for e in art.events if e.target == "Amerika Serikat"]


def test_events_lexicons_are_indexed_by_word_prefix() -> None:
    # a pattern without a literal start makes the whole table scan every character (slow)
    from warta.nlp.claims import cues
    from warta.nlp.events import lexicon as _lexicon

    assert not _lexicon()[0].always
    assert not any(cues(k).always for k in ("after", "say", "according", "allege", "deny"))


@pytest.mark.parametrize(
    "text",
    [
        "Rusia berulang kali membantah dan menolak tuntutan Jepang.",
        "Presiden Prabowo memuji Jepang karena mendukung Rusia.",
        "Rusia memperdalam hubungan dengan Jepang sejak perang dimulai.",
        "Rusia adalah salah satu negara yang mendukung Jepang.",
    ],
)
def test_events_habitual_reason_lasting_or_descriptive_get_no_publication_date(text: str) -> None:
    art = _article(text, {"Prabowo": "person", "Rusia": "country", "Jepang": "country"})
    told = [e for e in art.events if e.source == "Rusia" or e.type == "SUPPORT" and e.source == "Jepang"]
    assert told and all(e.date is None for e in told), [(e.type, e.source, e.date) for e in art.events]


def test_events_first_since_year_adds_the_previous_occurrence() -> None:
    art = _article(
        "Presiden Prabowo mengunjungi Jepang pada Senin (2/6/2025), kunjungan pertamanya sejak tahun 2019.",
        {"Prabowo": "person", "Jepang": "country"},
        {"Senin (2/6/2025)": "2025-06-02"},
    )
    got = sorted((e.date, e.background) for e in art.events if e.type == "CONSULT")
    assert ("2025-06-02", False) in got and ("2019", True) in got


def test_events_possible_or_alleged_events_get_no_publication_date() -> None:
    actors = {"Rusia": "country", "Jepang": "country", "Korea": "country"}
    art = _article("Jepang menuduh bahwa Rusia mengirimkan senjata ke Korea.", actors)
    assert {(e.type, e.date) for e in art.events} == {("ACCUSE", "2025-06-09"), ("AID", None)}
    art = _article("Rusia dapat menyerang Jepang.", actors)
    assert [(e.type, e.modality, e.date) for e in art.events] == [("ASSAULT", "conditional", None)]


def test_events_generic_actors_become_group_entities() -> None:
    # real lines (old_berita_detik.csv rows 450 and 578): actors that are no named entity
    art = _article(
        "Polda Sumatera Utara (Sumut) menangkap dua orang kurir pembawa sabu berlogo 'durian' di Sungai Asahan. "
        "Kontak tembak antara polisi dan KKB terjadi di Kampung Pugima pada Senin (9/6).",
        {"Polda Sumatera Utara": "organization", "KKB": "organization"},
        {"Senin (9/6)": "2025-06-09"},
    )
    got = {(e.type, e.source, e.target, e.date) for e in art.events}
    assert ("COERCE", "Polda Sumatera Utara", "warta:group:kurir", "2025-06-09") in got
    assert ("FIGHT", "warta:group:polisi", "KKB", "2025-06-09") in got
    assert art.entities["warta:group:polisi"].name == "polisi"  # every event actor is an entity
    assert "warta:group:warga" not in art.entities  # groups no event uses are not added


def test_events_institution_named_by_place_replaces_the_shorter_mention() -> None:
    from warta.nlp.claims import Actors

    text = "Pemerintah Kota (Pemkot) Solo, Jawa Tengah meminta SPPG menghentikan operasional."
    art = Article(id="t", input_id="t", text=text)
    art.entities["pk"] = Entity("pk", "Pemerintah Kota", "organization")
    art.mentions.append(Mention(0, 15, "Pemerintah Kota", "ORG", "pk"))
    actors = Actors(art)
    groups = actors.add_groups()
    assert [g.name for g in groups.values()] == ["Pemerintah Kota Solo"]
    assert actors.items[0].entity == "warta:group:pemerintah-kota-solo"
    # a group right before a named actor is left to it: "pemerintah Israel"
    assert Actors(_article("Warga Israel memprotes.", {"Israel": "country"})).add_groups() == {}
