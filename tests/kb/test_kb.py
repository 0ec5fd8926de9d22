"""The bundled knowledge base and its build script."""

from __future__ import annotations

import gzip
import json

from warta.kb import alias_key, load, slug
from warta.kb.build import compile_kb, main


def test_kb_load_is_cached() -> None:
    assert load() is load()


def test_kb_every_country_has_indonesian_and_english_names() -> None:
    kb = load()
    countries = [e for e in kb.entities.values() if e.type == "country"]
    assert len(countries) >= 240
    assert "Korea Utara" in kb.get("Q423").aliases and "North Korea" in kb.get("Q423").aliases
    assert kb.lookup("Belanda")[0].id == "Q55" and kb.lookup("Netherlands")[0].id == "Q55"


def test_kb_abbreviations_and_metonyms() -> None:
    kb = load()
    pairs = [("Korut", "Q423"), ("Korsel", "Q884"), ("UEA", "Q878"), ("Tiongkok", "Q148"), ("RRT", "Q148")]
    for alias, wanted in pairs:
        assert kb.lookup(alias)[0].id == wanted, alias
    assert kb.lookup("Gedung Putih")[0].stands_for == "Q30"
    assert kb.lookup("Kremlin")[0].stands_for == "Q159"


def test_kb_short_aliases_are_case_sensitive() -> None:
    kb = load()
    assert kb.lookup("AS")[0].id == "Q30" and kb.lookup("as") == []
    assert kb.lookup("antara") == [] and kb.lookup("Antara")


def test_kb_alias_key_ignores_hyphens_case_and_accents() -> None:
    assert alias_key("Kim Jong-Un") == alias_key("kim jong un") == "kim jong un"
    assert alias_key("Erdoğan") == "erdogan"
    assert slug("Dmitry Peskov") == "dmitry-peskov"


def test_kb_roles_have_dates() -> None:
    trump = load().get("Q22686")
    assert [r.active("2019-06-30") for r in trump.roles] == [True, False]
    assert [p.id for p in load().holders({"head_of_state"}, "Q30", "2023-01-01")] == ["Q6279"]


def test_kb_ids_follow_the_open_world_slug() -> None:
    for e in load().entities.values():
        if e.id.startswith("warta:person:"):
            assert e.id == f"warta:person:{slug(e.name)}", e.id


def test_kb_build_reproduces_the_packaged_file(tmp_path) -> None:
    out = tmp_path / "kb.json.gz"
    main(out)
    with gzip.open(out, "rt", encoding="utf-8") as fh:
        assert json.load(fh) == json.loads(json.dumps(compile_kb()))


def test_kb_alias_opening_with_an_abbreviation_that_spells_a_word_is_case_sensitive() -> None:
    kb = load()
    assert kb.lookup("DI Yogyakarta") and kb.lookup("di Yogyakarta") == []
    assert kb.lookup("DKI Jakarta")  # a short acronym that is no word stays case-blind
