"""Span and label conventions of nlp.entities@1 that follow the news NER sets (round 3)."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from warta.nlp.entities import EntityRecognizer, extract, tagger
from warta.nlp.entities.gazetteer import Tokens

needs_tagger = pytest.mark.skipif(
    not tagger.available(), reason="needs python-crfsuite and data/ner.crfsuite"
)


def _by_text(text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for m in extract(text)[0]:
        out.setdefault(m.text, []).append(m)
    return out


def test_entities_clusters_give_features_to_known_and_unknown_words() -> None:
    rec = EntityRecognizer()
    assert rec.featurizer is not None and rec.featurizer.clusters, "data/clusters.tsv is missing"
    text = "Warga desa Sukamaju bertemu Xqzvwk kemarin."
    toks = Tokens.of(text)
    feats = rec.featurizer.features(text, toks, {0}, ["O"] * len(toks))
    desa, odd = feats[toks.raw.index("desa")], feats[toks.raw.index("Xqzvwk")]
    assert sum(f.startswith("k0=") or f.startswith("k1=") or f.startswith("k2=") for f in desa) == 3
    assert "k=none" in odd and not any(f.startswith("k0=") for f in odd)
    assert any(f.startswith("k-1=") for f in odd) and any(f.startswith("k+1=") for f in desa)


def test_entities_organisation_defined_with_short_form_is_one_mention_around_both() -> None:
    # An open-world organisation (not in the KB), as news writes it.
    text = (
        "Komite Nasional Keselamatan Transportasi (KNKT) menyelidiki kecelakaan itu. KNKT belum menyimpulkan."
    )
    mentions, entities = extract(text)
    whole = [m for m in mentions if m.text == "Komite Nasional Keselamatan Transportasi (KNKT)"]
    assert whole and whole[0].label == "ORG"
    short = [m for m in mentions if m.text == "KNKT"]
    assert len(short) == 2 and {m.entity for m in short} == {whole[0].entity}
    assert entities[whole[0].entity].name == "Komite Nasional Keselamatan Transportasi"


def test_entities_short_form_in_brackets_keeps_the_kb_link_inside() -> None:
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    inner = [m for m in extract(text)[0] if m.text in ("Amerika Serikat", "AS")]
    assert inner and all(m.entity == "Q30" for m in inner)
    around = [m for m in extract(text)[0] if "(" in m.text]
    assert all(m.entity == "Q30" for m in around if "Amerika Serikat (AS)" == m.text)


@needs_tagger
def test_entities_country_as_a_place_is_loc_as_a_state_gpe() -> None:
    place = _by_text("Ribuan warga mengungsi ke Jepang setelah gempa itu.")
    state = _by_text("Jepang mengatakan akan membantu korban gempa itu.")
    assert [m.label for m in place["Jepang"]] == ["LOC"]
    assert [m.label for m in state["Jepang"]] == ["GPE"]
    assert place["Jepang"][0].entity == state["Jepang"][0].entity == "Q17"


@needs_tagger
def test_entities_tagger_window_does_not_end_a_name_on_a_lower_case_verb() -> None:
    # The word after a name is tagged with its own right context, not as the chain's end.
    mentions = extract("Sementara itu, Departemen Keuangan naik pangkat dalam daftar.")[0]
    assert not any("naik" in m.text for m in mentions)


@needs_tagger
def test_entities_lower_case_place_head_opens_a_tagged_place() -> None:
    mentions = extract("Banjir melanda desa Sukamaju, kecamatan Cibinong, kabupaten Bogor, sejak Senin.")[0]
    places = {m.text: m for m in mentions if m.label == "LOC"}
    assert "desa Sukamaju" in places and places["desa Sukamaju"].how == "tagger"
    assert "Bogor" in places and places["Bogor"].how == "gazetteer"  # the KB link stays inside
    assert not any(m.text.startswith(("di ", "sejak")) for m in mentions)


def test_entities_short_form_of_a_permit_or_tax_is_no_organisation() -> None:
    # Real lines (detik, indonews): definitions without any organisation word.
    text = (
        "Pemerintah mencabut empat Izin Usaha Pertambangan (IUP) dari lima IUP yang ada di kawasan itu. "
        "Biaya itu masuk ke Penerimaan Negara Bukan Pajak (PNBP) Polri."
    )
    orgs = {m.text for m in extract(text)[0] if m.label == "ORG"}
    assert not any("Izin" in t or "Penerimaan" in t or t in ("IUP", "PNBP") for t in orgs)
    assert "Polri" in orgs


def test_entities_title_case_headline_does_not_run_words_into_a_name() -> None:
    from warta.nlp.entities.filters import split_headline_people
    from warta.nlp.entities.lexicon import lexicon
    from warta.nlp.entities.tagger import Span

    # A related-video line as detik prints it (indonews), then a body sentence.
    text = "Video: Senyum Nikita Mirzani Saat Pakai Baju Tahanan\nKata Senyum Nikita kemarin."
    toks = Tokens.of(text)
    body = toks.raw.index("Kata")
    found = [Span(1, 3, "PER"), Span(body + 1, body + 2, "PER")]
    out = split_headline_people(text, toks, lexicon(), found, {0, body})
    assert [(s.first, s.last) for s in out] == [(2, 3), (body + 1, body + 2)]  # body text untouched
    names = "Kaur Pendapatan Sri Maryani, Kaur Pembangunan Sukasman."  # a list of names (NERGrit)
    toks = Tokens.of(names)
    out = split_headline_people(names, toks, lexicon(), [Span(2, 3, "PER")], {0})
    assert [(s.first, s.last) for s in out] == [(2, 3)]


def test_entities_place_span_keeps_a_building_head_before_an_organisation() -> None:
    from warta.nlp.entities.filters import clean_span
    from warta.nlp.entities.lexicon import lexicon
    from warta.nlp.entities.tagger import Span

    toks = Tokens.of("Mahasiswa berunjuk rasa di depan Gedung DPR, Jakarta.")
    g = toks.raw.index("Gedung")
    place = clean_span(toks, lexicon(), Span(g, g + 1, "LOC"), set())
    assert place is not None and (place.first, place.last) == (g, g + 1)
    toks = Tokens.of("Direktur Reserse Narkoba Polda Sumut hadir.")
    n = toks.raw.index("Narkoba")
    org = clean_span(toks, lexicon(), Span(n, n + 2, "ORG"), set())
    assert org is not None and toks.raw[org.first] == "Polda"  # an organisation from its head
