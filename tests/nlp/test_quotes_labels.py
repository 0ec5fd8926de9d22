"""The quote and claim labels of eval/events/dev.jsonl are well formed: offsets inside the
clean text, the ``words`` snippet is the span's first 60 characters, speakers are names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "eval" / "events" / "dev.jsonl"


def _docs() -> list[dict]:
    return [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x]


def _labels(doc: dict) -> list[dict]:
    return doc.get("quotes", []) + doc.get("claims", [])


def test_quotes_labels_are_well_formed() -> None:
    for doc in _docs():
        for g in _labels(doc):
            where = f"{doc['key']}: {g['words']!r}"
            assert 0 <= g["start"] < g["end"], where
            assert len(g["words"]) == min(60, g["end"] - g["start"]), where
        for q in doc.get("quotes", []):
            assert q["speaker"] is None or (isinstance(q["speaker"], str) and q["speaker"].strip()), doc["key"]
            assert isinstance(q["direct"], bool), doc["key"]
        for c in doc.get("claims", []):
            assert isinstance(c["asserted_by"], list) and isinstance(c["denied_by"], list), doc["key"]


def test_quotes_labels_match_the_clean_text() -> None:
    """Each snippet is at its offsets in the clean text; when cleaning changed since labelling
    (the text hash differs) the scorer finds the span by its words, so they must still occur."""
    from tests.conftest import shared_path

    shared_path("data")
    from eval.events.data import analyse, text_hash

    stale = []
    for doc in _docs():
        if not _labels(doc):
            continue
        text = analyse(doc["key"]).text
        same = text_hash(text) == doc["text_sha1"]
        for g in _labels(doc):
            where = f"{doc['key']}: {g['words']!r}"
            if same:
                assert g["end"] <= len(text), where
                assert text[g["start"] : g["end"]].startswith(g["words"]), where
            elif g["words"] not in text:
                stale.append(where)
    assert not stale, stale


@pytest.mark.parametrize("field", ["quotes", "claims"])
def test_quotes_labels_cover_every_record(field: str) -> None:
    """No record is left out of quote scoring any more (the "scope" marker is gone)."""
    docs = _docs()
    assert all("scope" not in d and field in d for d in docs)
