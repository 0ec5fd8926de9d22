"""Property tests: the cleaner, the time tagger, the quote finder and the readers
never crash on generated text, and every offset they give lies inside the text."""

from __future__ import annotations

import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.battery import seed
from tests.reliability.invariants import bad_spans
from warta.clean.text import clean_raw_text
from warta.config import load
from warta.ingest import readers
from warta.ingest.readers import RawRecord, Skip, record_from_mapping
from warta.ingest.run import make_article
from warta.nlp.time import tag
from warta.pipeline import build

CFG = load()
PIPELINE = build(CFG.components, CFG.component_settings)
# Words and punctuation of the seed articles, plus characters that break naive code.
WORDS = sorted({w for n in range(5) for w in re.findall(r"\S+", seed(n))})
ODD = ["\u201c", "\u201d", '"', "'", "(", ")", "\u200b", "\ufeff", "\u00a0", "\u2028", "\r", "\t", "\x0c",
       "\U0001f600", "e\u0301", "\u0130", "ß", "ﬁ", "\ufffd", "19/6/2024", "Rabu (19/6)", "pukul 10.00 WIB",
       "2024", "Selasa", "kemarin", "kata", "ujar", "menurut", "Putin", "Kim Jong Un", "-", "—", ":", "..."]
SEPS = st.sampled_from([" ", " ", " ", "\n", "\n\n", ". ", ", "])
text_st = st.lists(st.tuples(st.sampled_from(WORDS) | st.sampled_from(ODD) | st.text(max_size=4), SEPS),
                   max_size=250).map(lambda parts: "".join(w + s for w, s in parts))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text_st)
def test_clean_offsets_map_back_into_raw(raw: str) -> None:
    text, paras, runs = clean_raw_text(raw)
    for span in paras:
        assert 0 <= span.start <= span.end <= len(text)
    for pos, r0, length in runs:  # each run of clean text is a verbatim copy of raw (up to spacing)
        assert 0 <= pos and pos + length <= len(text) and 0 <= r0 and r0 + length <= len(raw)


@FAST
@given(text_st)
def test_clean_again_never_invents_text(raw: str) -> None:
    once, _, _ = clean_raw_text(raw)
    twice, _, _ = clean_raw_text(once)
    paragraphs = set(once.split("\n\n"))
    assert all(p in paragraphs for p in twice.split("\n\n") if p), (once, twice)


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4])
def test_clean_is_idempotent_on_seeds(n: int) -> None:
    once, _, _ = clean_raw_text(seed(n))
    twice, _, _ = clean_raw_text(once)
    assert twice == once


@FAST
@given(text_st, st.sampled_from([None, "2024-06-19", "2024-06-19T10:00:00+07:00", "garbage", "0001-01-01"]))
def test_time_tagger_spans_match_their_text(text: str, published: str | None) -> None:
    for t in tag(text, published):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text


@FAST
@given(text_st, st.sampled_from(["text", "html"]))
def test_pipeline_never_crashes_and_offsets_stay_inside(raw: str, kind: str) -> None:
    if kind == "html":
        raw = "<html><body>" + "".join(f"<p>{p}</p>" for p in raw.split("\n\n")) + "</body></html>"
    record = RawRecord("prop", text=raw if kind == "text" else None, html=raw if kind == "html" else None)
    article = PIPELINE(make_article(record))
    assert bad_spans(article) == []
    for q in article.quotes:  # the quote finder's spans hold words, not just marks or spaces
        assert article.text[q.start : q.end].strip()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
fields_st = st.dictionaries(st.sampled_from(list(readers.FIELDS) + ["extra"]), json_values | text_st, max_size=6)


@settings(max_examples=200, deadline=None)
@given(json_values | fields_st)
def test_readers_mapping_gives_record_or_named_skip(obj: object) -> None:
    item = record_from_mapping(obj, "in.jsonl:7")
    assert item.input_id == "in.jsonl:7"
    if isinstance(item, Skip):
        assert item.reason
    else:
        assert (item.text or item.html or "").strip() and "\x00" not in (item.text or item.html or "")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000) | text_st.map(lambda s: s.encode("utf-8")), st.sampled_from(
    [".txt", ".html", ".jsonl", ".csv"]))
def test_readers_any_bytes_give_records_or_named_skips(data: bytes, kind: str) -> None:
    for item in readers._read_bytes(io.BytesIO(data), "f" + kind, kind, CFG.csv_columns, 100_000):
        assert item.input_id.startswith("f" + kind)
        assert isinstance(item, Skip) and item.reason or isinstance(item, RawRecord)
        if isinstance(item, RawRecord):
            assert "\x00" not in (item.text or item.html or "")


@settings(max_examples=100, deadline=None)
@given(st.lists(fields_st, max_size=5))
def test_readers_jsonl_numbers_every_line(objs: list[dict]) -> None:
    data = "\n".join(json.dumps(o) for o in objs).encode()
    items = list(readers._read_bytes(io.BytesIO(data), "f.jsonl", ".jsonl", CFG.csv_columns, 100_000))
    assert [i.input_id for i in items] == [f"f.jsonl:{n}" for n in range(1, len(objs) + 1)]
