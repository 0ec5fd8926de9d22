"""Benchmark nlp.entities@1 (gazetteer + rules + CRF tagger + resolution): tokens/s and articles/s.

Run: .venv/bin/python bench/bench_entities.py [N]
Reads N (default 300) indonews articles through bench/common.py; prints warta with
and without the tagger in the same run (the issue's goal: >= 20,000 tokens/s on one core).
"""

from __future__ import annotations

import re
import sys
import time

from common import indonews_rows, max_rss_mb, measure

from warta.nlp.entities import EntityRecognizer


def main() -> None:
    texts = [row["content"] for row in indonews_rows(int(sys.argv[1]) if len(sys.argv) > 1 else 300)]
    n_tokens = sum(len(re.findall(r"\w+", t)) for t in texts)
    for name, use_tagger in (("nlp.entities@1 (with tagger)", True), ("nlp.entities@1 (no tagger)", False)):
        t0 = time.perf_counter()
        rec = EntityRecognizer(use_tagger=use_tagger)
        rec.extract("Presiden Joko Widodo di Jakarta.", None, "2025-06-10")  # loads the CRF model
        load_ms = (time.perf_counter() - t0) * 1000
        cpu = time.process_time()
        result = measure(name, lambda t, rec=rec: rec.extract(t, None, "2025-06-10"), texts)  # type: ignore[arg-type]
        cpu = (time.process_time() - cpu) / 2  # measure() makes two passes (one traced: slower)
        print(result.line())
        print(
            f"{'':38} {n_tokens / result.seconds:,.0f} tokens/s wall; <= {cpu * 1000 / len(texts):.2f} ms CPU/article; load {load_ms:.0f} ms"
        )
    print(f"max RSS {max_rss_mb():.0f} MB; {n_tokens} tokens in {len(texts)} articles")


if __name__ == "__main__":
    main()
