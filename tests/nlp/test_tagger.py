"""The CRF name tagger: spans, windows, and names the KB lacks on real text."""

from __future__ import annotations

import pytest

from tests.conftest import SEEDS
from warta.nlp.entities import EntityRecognizer, extract, tagger
from warta.nlp.entities.gazetteer import Tokens

pytestmark = pytest.mark.skipif(not tagger.available(), reason="needs python-crfsuite and data/ner.crfsuite")


def test_tagger_spans_split_at_gaps_that_cannot_be_inside_a_name() -> None:
    toks = Tokens.of("Suhaiela Bahfein\nJAKARTA Kompas")
    found = tagger.spans(["B-PER", "I-PER", "I-PER", "I-PER"], toks.joins)
    assert [(s.first, s.last) for s in found] == [(0, 1), (2, 3)]


def test_tagger_windows_cover_only_capitalised_stretches() -> None:
    toks = Tokens.of("kata dia kemarin di sana bahwa Budi Santoso datang dan pergi lagi")
    assert tagger._windows(toks, cased=True) == [(5, 9)]
    assert tagger._windows(toks, cased=False) == [(0, len(toks))]


def test_tagger_finds_person_not_in_kb() -> None:
    # A real line from detik (indonews): a name with no title or speech verb near it.
    mentions = extract("Pacarnya Nicole Kelso, serta ibu dan ayah pria itu datang.")[0]
    found = {m.text: m for m in mentions}
    assert "Nicole Kelso" in found and found["Nicole Kelso"].label == "PER"
    assert found["Nicole Kelso"].how == "tagger"


def test_tagger_longer_place_wraps_kb_city() -> None:
    mentions = extract("Banjir melanda kawasan Jakarta Pusat sejak Senin pagi.")[0]
    outer = [m for m in mentions if m.text == "Jakarta Pusat"]
    assert outer and outer[0].label == "LOC" and outer[0].how == "tagger"
    assert any(m.text == "Jakarta" and m.entity and not m.entity.startswith("warta:") for m in mentions)


def test_tagger_off_changes_only_open_world_mentions() -> None:
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    with_tagger = EntityRecognizer().extract(text)[0]
    without = EntityRecognizer(use_tagger=False).extract(text)[0]
    linked = {(m.start, m.end, m.entity) for m in without if m.entity and not m.entity.startswith("warta:")}
    assert linked <= {(m.start, m.end, m.entity) for m in with_tagger}


def test_tagger_window_features_equal_whole_text_features() -> None:
    # Windows read their context from the whole text: cutting must not change a token's features.
    from warta.nlp.entities import _sentence_starts

    rec = EntityRecognizer()
    assert rec.featurizer is not None
    text = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    toks = Tokens.of(text)
    starts = _sentence_starts(text, toks, None)
    gaz = rec.featurizer.gaz_tags(toks, rec.gazetteer.find(toks, starts))
    whole = rec.featurizer.features(text, toks, starts, gaz)
    windows = tagger._windows(toks, cased=True)
    assert len(windows) > 5
    for lo, hi in windows:
        assert rec.featurizer.features(text, toks, starts, gaz, lo, hi, True) == whole[lo:hi]


def test_tagger_features_see_neighbours_cues_and_brackets() -> None:
    rec = EntityRecognizer()
    assert rec.featurizer is not None
    text = "Kata Presiden Joko Widodo (JW) di Jakarta."
    toks = Tokens.of(text)
    gaz = rec.featurizer.gaz_tags(toks, rec.gazetteer.find(toks, {0}))
    feats = rec.featurizer.features(text, toks, {0}, gaz)
    joko, jw = feats[toks.raw.index("Joko")], feats[toks.raw.index("JW")]
    assert {"w=joko", "w-1=presiden", "c-1=title", "w+1=widodo", "sh=Xx", "shw-1=Xx|Xx"} <= set(joko)
    assert "abbr" in jw and "gb=(" in jw and "ga=)" in jw and "abbr" not in joko
    lower = rec.featurizer.features(text.lower(), Tokens.of(text.lower()), {0}, gaz)
    assert all("nocase" in f and not any(x.startswith("sh=") for x in f) for f in lower)


def test_tagger_labels_equal_tagging_the_training_features() -> None:
    # The pipeline tags UTF-8 bytes without the strings the model has no weight for;
    # its labels must be those of the training feature function, window by window.
    from warta.nlp.entities import _sentence_starts

    rec = EntityRecognizer()
    assert rec.featurizer is not None
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        text = path.read_text(encoding="utf-8")
        toks = Tokens.of(text)
        starts = _sentence_starts(text, toks, None)
        matches = rec.gazetteer.find(toks, starts)
        gaz = rec.featurizer.gaz_tags(toks, matches)
        expected = ["O"] * len(toks)
        for lo, hi in tagger._windows(toks, cased=True):
            plo, phi = max(lo - 1, 0), min(hi + 1, len(toks))
            feats = rec.featurizer.features(text, toks, starts, gaz, plo, phi, True)
            expected[lo:hi] = tagger.tag(feats)[lo - plo : hi - plo]
        assert rec.featurizer.labels(text, toks, starts, matches) == expected
        assert any(lab != "O" for lab in expected)


def test_tagger_model_attributes_are_read_from_the_model_file() -> None:
    attrs = tagger.model_attributes()
    assert attrs is not None and len(attrs) > 1000
    assert {"b", "first", "w-1=presiden", "c-1=title"} <= attrs.keys() and "w=xqzvwk" not in attrs
    assert attrs["w-1=presiden"] == b"w-1=presiden"


def test_tagger_tokens_keep_offsets_gaps_and_capitals() -> None:
    import re

    text = "«Kim Jong-un» bertemu J.D. Vance di Pyongyang, Korea Utara (Korut)... 2024 Ünal\n"
    toks = Tokens.of(text)
    spans = [m.span() for m in re.finditer(r"\w+", text)]
    assert list(zip(toks.starts, toks.ends)) == spans and toks.raw == [text[a:b] for a, b in spans]
    assert toks.between == [text[(spans[i - 1][1] if i else 0) : a] for i, (a, _) in enumerate(spans)]
    assert [toks.raw[i] for i in toks.capitals] == [t for t in toks.raw if t[0].isupper()]
    assert toks.joins[toks.raw.index("Jong")] and toks.joins[toks.raw.index("J")]
    assert not toks.joins[toks.raw.index("Pyongyang")] and toks.folded[-1] == "unal"
