"""nlp.quotes@1: the gold quotes and claims of the seed articles, and bounded work on bad marks."""

from __future__ import annotations

import pytest

from warta.model import Article, Entity, Mention, Span
from warta.nlp.quotes import quotes_factory

try:
    from tests.nlp import qe_seeds as seeds
except ImportError:  # pragma: no cover - tests/nlp is not a package
    import qe_seeds as seeds  # type: ignore[no-redef]

QUOTES = quotes_factory()


def _seed(seed: str) -> Article:
    seeds.needs_gold()
    return QUOTES(seeds.seed_article(seed))


def _article(text: str, actors: dict[str, tuple[str, str]] | None = None) -> Article:
    """A one-paragraph-per-line article; ``actors`` maps a surface to (entity id, type)."""
    paras, pos = [], 0
    for line in text.split("\n\n"):
        paras.append(Span(pos, pos + len(line)))
        pos += len(line) + 2
    art = Article(id="t", input_id="t", text=text, paragraphs=paras)
    from warta.nlp.sentences import split

    art.sentences = [s for p in paras for s in split(text, p.start, p.end)]
    for surface, (eid, etype) in (actors or {}).items():
        art.entities[eid] = Entity(eid, surface, etype)
        start = text.find(surface)
        while start >= 0:
            art.mentions.append(Mention(start, start + len(surface), surface, "PER", eid))
            start = text.find(surface, start + 1)
    art.mentions.sort(key=lambda m: m.start)
    return art


def _gold_quotes() -> list[dict]:
    try:
        return seeds.gold()["quotes"]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize("gq", _gold_quotes(), ids=lambda q: q["file"][:3] + ":" + q["text"][:25])
def test_quotes_gold_quote_found_with_speaker(gq: dict) -> None:
    art = _seed(gq["file"][:3])
    want = gq["text"].strip()
    found = [q for q in art.quotes if q.direct and q.text.strip() == want]
    assert found, f"quote not found; got {[q.text[:40] for q in art.quotes]}"
    assert seeds.same_entity(art, found[0].speaker, gq["speaker"]), (found[0].speaker, gq["speaker"])
    assert art.text[found[0].start : found[0].end] == found[0].text


def test_quotes_speech_date_and_channel() -> None:
    peskov = [q for q in _seed("001").quotes if q.direct]
    assert peskov[0].date == "2024-01-17"
    kim = next(q for q in _seed("003").quotes if q.direct)
    assert kim.channel == "letter"
    putin = next(q for q in _seed("004").quotes if q.direct)
    assert putin.channel and putin.channel.startswith("article")
    message = next(q for q in _seed("000").quotes if q.direct)
    assert message.channel and message.channel.startswith("message reported by")


def test_quotes_scare_quotes_are_not_quotes() -> None:
    art = _seed("001")
    assert not [q for q in art.quotes if q.text.startswith("sensitif")]


def test_quotes_indirect_speech_and_pronoun_speaker() -> None:
    art = _seed("003")
    dia = next(q for q in art.quotes if q.text.startswith("persahabatan Rusia"))
    assert not dia.direct and seeds.same_entity(art, dia.speaker, "Kim Jong-un")  # "Dia mengatakan"
    pentagon = next(q for q in _seed("004").quotes if q.text.startswith("Rusia menggunakan rudal"))
    assert seeds.same_entity(art, pentagon.speaker, "Pentagon") and pentagon.date == "2024-05"


def test_claims_gold_claims_with_asserters_and_deniers() -> None:
    for seed, asserters in (
        ("001", ["United States"]),
        ("002", ["United States", "South Korea"]),
        ("004", ["South Korea", "United States", "Ukraine"]),
    ):
        art = _seed(seed)
        weapons = [c for c in art.claims if c.asserted_by and c.denied_by]
        assert weapons, f"{seed}: no claim both asserted and denied: {art.claims}"
        claim = weapons[0]
        for name in asserters:
            assert any(seeds.same_entity(art, i, name) for i in claim.asserted_by), (seed, name)
        assert any(seeds.same_entity(art, i, "North Korea") for i in claim.denied_by)
    art = _seed("002")
    assert any(c.modality == "suspected" and "teknologi" in c.text for c in art.claims)
    art = _seed("004")
    assert any(any(seeds.same_entity(art, i, "Pentagon") for i in c.asserted_by) for c in art.claims)


def test_quotes_apostrophe_inside_word_is_not_a_mark() -> None:
    art = QUOTES(
        _article("Salat Jum'at digelar di masjid itu pada pukul 12.00, kata Ma'ruf kepada wartawan.")
    )
    assert art.quotes == []


def test_quotes_split_around_cue_keep_the_speaker() -> None:
    text = (
        "“Kami siap bekerja sama dengan semua pihak,” kata Peskov. “Kami tidak akan mundur dari posisi ini.”"
    )
    art = QUOTES(_article(text, {"Peskov": ("p", "person")}))
    assert [q.speaker for q in art.quotes] == ["p", "p"]
    assert art.quotes[1].text == "Kami tidak akan mundur dari posisi ini."


def test_quotes_unbalanced_marks_stay_in_their_paragraph() -> None:
    text = "“Ini kutipan yang tidak pernah ditutup oleh penulisnya sama sekali.\n\nParagraf kedua bebas."
    art = QUOTES(_article(text))
    assert all(q.end <= text.index("\n\n") for q in art.quotes)


def test_quotes_many_quotes_are_bounded() -> None:
    one = "“Kami akan terus mendukung rakyat kecil di seluruh negeri,” kata Budi."
    art = QUOTES(_article("\n\n".join([one] * 400), {"Budi": ("b", "person")}))
    assert (
        len(art.quotes) == 200
        and "quotes-truncated" in art.flags
        and all(q.speaker == "b" for q in art.quotes)
    )


@pytest.mark.parametrize(
    "text", ["", "\u201d\u201c\u2019'\"", "kata" * 5000, "“" * 3000, "\x00\ufffd ' \" “"]
)
def test_quotes_bad_input_never_crashes(text: str) -> None:
    art = QUOTES(_article(text) if text else Article(id="e", input_id="e"))
    assert isinstance(art.quotes, list) and isinstance(art.claims, list)


def test_quotes_speaker_after_role_commas_is_named_without_entity() -> None:
    text = (
        "“Jadi kaitan yang aksi pagi itu ada insiden diseruduk pakai mobil,” ujar Ketua Federasi Serikat "
        "Pekerja Kimia, Energi, dan Pertambangan (FSPKEP), Rudi Sahrudin."
    )
    (q,) = QUOTES(_article(text)).quotes
    assert (q.speaker, q.speaker_name) == (None, "Rudi Sahrudin")


def test_quotes_cue_framing_the_sentence_gives_the_speaker() -> None:
    text = (
        "Menteri Yusril Ihza Mahendra berbicara di Jakarta. Bahkan, kata dia, kepastian hukum menyebabkan "
        "pertumbuhan ekonomi tertinggal.\n\nKetiga, lanjut Wildan, kecelakaan masuk jurang terjadi akibat "
        "pengemudi lalai."
    )
    art = QUOTES(_article(text, {"Yusril Ihza Mahendra": ("y", "person"), "Wildan": ("w", "person")}))
    got = [(q.text.split()[0], q.speaker, q.direct) for q in art.quotes]
    assert got == [("kepastian", "y", False), ("kecelakaan", "w", False)]
