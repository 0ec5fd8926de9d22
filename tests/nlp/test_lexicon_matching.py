"""The lexicon matcher's shortcuts (word starts, first words, a reused whole-text pass)
find exactly what the table's one regex finds, on the seed articles."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from warta.nlp.lexicon import Alternation, rows

SEEDS = sorted((Path(__file__).resolve().parents[2] / "examples" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("table", ["events.tsv", "cues.tsv", "groups.tsv"])
def test_alternation_finds_what_its_whole_regex_finds(table: str) -> None:
    alt = Alternation([r[0] for r in rows(table)])
    assert not alt.always
    for path in SEEDS:
        text = path.read_text(encoding="utf-8")
        spans = [
            (0, len(text)),
            (len(text) // 3, len(text)),
            (100, 400),
            (len(text) // 2, len(text) // 2 + 250),
        ]
        for start, end in spans:
            want = [(m.span(), alt.row(m)) for m in alt.regex.finditer(text, start, end)]
            got = [(m.span(), alt.row(m)) for m in alt.finditer(text, start, end)]
            assert got == want, (path.name, start, end)
        again = [(m.span(), alt.row(m)) for m in alt.finditer(text)]  # the whole text, reused
        assert again == [(m.span(), alt.row(m)) for m in alt.regex.finditer(text)]


def test_crowded_starts_are_split_by_first_word() -> None:
    alt = Alternation([r[0] for r in rows("events.tsv")])
    text = "Polisi mengamankan pelaku yang menganiaya korban; warga mengatakan hal itu."
    found = [m.group() for m in alt.finditer(text)]
    assert found == [m.group() for m in alt.regex.finditer(text)]
    assert "meng" in alt._by_word  # the start shared by most verbs


@pytest.mark.parametrize("batch", [True, False])
def test_pipeline_keeps_the_collector_off_loaded_data_in_batch_processes_only(batch: bool) -> None:
    # a fresh interpreter: the collector is process state
    code = (
        "import gc; from warta.pipeline import Pipeline, YOUNG_GC_THRESHOLD; from warta.model import Article\n"
        "class Step:\n    name, requires, assigns = 'noop@1', (), ()\n"
        "    def __call__(self, article): return article\n"
        f"Pipeline([Step()], batch={batch})(Article(id='a', input_id='a', raw='Teks.', raw_kind='text'))\n"
        "print(gc.get_freeze_count() > 0, gc.get_threshold()[0] >= YOUNG_GC_THRESHOLD)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == [str(batch), str(batch)]
