"""Wire and cited sources: the cheap tests run before each regex never hide a match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from warta.meta import sources

PIECES = [
    "Dilansir",
    "dilanſir",
    "DİKUTİP",
    "mengutip",
    "menurut laporan",
    "MENURUT LAPORAN",
    "dari",
    " ",
    ", ",
    ".",
    "Reuters",
    "AFP",
    "NK News",
    "melaporkan",
    "kantor berita",
    "KCNA",
    "Kompas",
    "x",
    "-",
    "ı",
    "ſ",
]
TEXT = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_sources_shortcuts_never_hide_a_match(text: str) -> None:
    assert sources.WIRE_CUE.search(text) is None or sources._may_have_wire_cue(text)
    assert sources._media_rx().search(text) is None or sources._media_any().search(text)
    assert sources.CITE_VERB.search(text) is None or any(v in text for v in sources._CITE_VERBS)


def test_sources_wire_cue_with_letters_case_folding_reads_as_ascii() -> None:
    # IGNORECASE reads "ſ" as "s" and "İ" as "i": lower() does not, so the shortcut must not skip these
    wire, _ = sources.body_sources("Hal itu dilanſir Reuters pada Senin.")
    assert [w[0] for w in wire] == ["Reuters"]
    wire, _ = sources.body_sources("Kabar itu DİKUTİP dari Associated Press.")
    assert [w[0] for w in wire] == ["Associated Press"]


def test_sources_seed_paragraphs_name_their_sources() -> None:
    paras = [
        ln
        for p in sorted(SEEDS.glob("*.txt"))
        for ln in p.read_text(encoding="utf-8").splitlines()
        if ln.strip()
    ]
    found = [sources.body_sources(p) for p in paras]
    assert any(w for w, _ in found) and any(c for _, c in found)  # the seeds cite Reuters, KCNA...


def test_sources_body_gates_never_hide_a_paragraphs_source() -> None:
    """The tests run once over the whole body skip only paragraphs that would find nothing."""
    for path in sorted(SEEDS.glob("*.txt")):
        paras = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        body_gates = sources.gates("\n".join(paras))
        gated = [sources.body_sources(p, body_gates) for p in paras]
        assert gated == [sources.body_sources(p) for p in paras]
    assert sources.gates("Harga cabai naik pada Senin.") == (False, False, False)
    assert sources.gates("Hal itu dilansir Reuters.")[0]
