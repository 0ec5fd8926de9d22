"""Line rules: the fast forms give what the plain regex forms gave (same output, less work)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEEDS
from warta.clean import layout, rules

SEED_LINES = [
    ln.strip() for p in sorted(SEEDS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()
]
SEED_LINES = [ln for ln in SEED_LINES if ln]
# The sentence-end rule as it was written before ends_sentence stopped scanning.
SENT_END = re.compile(r"[.!?][\"”’')\]]*\Z")
# Letters, marks and the characters the caption forms look for.
TEXT = st.lists(
    st.sampled_from([*"ab AZ.!?\"”’')]([/:-_\n", "foto", "Foto:", "![", ".com"]), max_size=40
).map("".join)


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_rules_ends_sentence_matches_the_regex(text: str) -> None:
    assert rules.ends_sentence(text) == bool(SENT_END.search(text))


def test_rules_ends_sentence_on_seed_lines() -> None:
    assert any(rules.ends_sentence(ln) for ln in SEED_LINES)
    assert [rules.ends_sentence(ln) for ln in SEED_LINES] == [bool(SENT_END.search(ln)) for ln in SEED_LINES]


def test_rules_count_words_stops_at_the_cap() -> None:
    line = next(ln for ln in SEED_LINES if len(rules.words(ln)) > 20)
    assert rules.count_words(line, 12) == 12
    assert rules.count_words(line, 1000) == len(rules.words(line))
    assert rules.count_words("", 5) == 0


def test_rules_stoplist_is_justexts_indonesian_list() -> None:
    import justext

    assert rules.stoplist() == justext.get_stoplist("Indonesian")
    assert {"yang", "dan", "di"} <= rules.stoplist()


@given(TEXT)
@settings(max_examples=300, deadline=None)
def test_layout_caption_form_shortcut_never_hides_a_match(text: str) -> None:
    for form, needs in layout._CAPTION_FORMS:
        assert form.match(text) is None or needs(text)


def test_layout_caption_parts_reads_seed_captions() -> None:
    found = [layout.caption_parts(ln) for ln in SEED_LINES]
    assert any(found)  # the seeds have photo captions
    plain = [_caption_parts_unfiltered(ln) for ln in SEED_LINES]
    assert found == plain


def _caption_parts_unfiltered(text: str) -> tuple[str, str | None] | None:
    if len(text) > layout._CAPTION_MAX:
        return None
    for form, _ in layout._CAPTION_FORMS:
        m = form.match(text)
        if m and len(rules.words(m["text"])) >= 1:
            return m["text"].strip(), (m["credit"].strip() or None)
    return None


# The written-date regex as it was before it started with a digit class.
PLAIN_DATE_TEXT = re.compile(
    rf"\b\d{{1,2}}\s+(?:{rules._MONTH_ALT})\.?\s+\d{{4}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b", re.IGNORECASE
)
DATE_TEXT_PIECES = st.lists(
    st.sampled_from([*"0123456789 /.a_", "Juni", "jan", "²", "\u00a0", "2025", "18 ", "x1"]), max_size=20
).map("".join)


@given(DATE_TEXT_PIECES)
@settings(max_examples=300, deadline=None)
def test_rules_date_text_finds_what_the_plain_regex_finds(text: str) -> None:
    assert bool(rules.DATE_TEXT.search(text)) == bool(PLAIN_DATE_TEXT.search(text))


def test_rules_date_text_needs_a_date_not_glued_to_a_word() -> None:
    assert rules.is_date_line("Kamis, 18 Jan 2024 08:25 WIB")
    assert rules.is_date_line("Kompas.com - 10/06/2025, 21:23 WIB")
    assert not rules.DATE_TEXT.search("kode A18 Juni 2024")  # '18' inside a word
    assert not rules.DATE_TEXT.search("nomor 118 Juni 2024")  # three digits


@given(st.lists(st.sampled_from([*"ab \t\n\u00a0\u2007\u202f\u200b“"]), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_lines_plain_spaces_is_the_translation(text: str) -> None:
    from warta.clean.lines import SPACES, plain_spaces

    assert plain_spaces(text) == text.translate(SPACES)


@given(st.lists(st.sampled_from([*"ab \t\r\n\u00a0\u2028\u2029\x0c\x85"]), max_size=30).map("".join))
@settings(max_examples=300, deadline=None)
def test_lines_split_lines_breaks_where_the_regex_breaks(text: str) -> None:
    from warta.clean.lines import _split_lines_by_regex, plain_spaces, split_lines

    assert split_lines(text) == _split_lines_by_regex(text, plain_spaces(text))
