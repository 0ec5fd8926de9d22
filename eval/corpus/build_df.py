"""Build warta/corpus/df.tsv: document frequencies of stems over IndoSum (CC BY-SA 4.0).

The same-event score weighs words by IDF so that words every news article
uses ("pemerintah", "jakarta", "selasa") count for little.  The table is a
derived statistic of IndoSum (Kurniawan and Louvan 2018, CC BY-SA 4.0):
stems seen in >= 2 documents, with the document count N on the first line.

Usage: .venv/bin/python -m eval.corpus.build_df
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from warta.corpus import text as tx

ROOT = Path(__file__).resolve().parents[2]
INDOSUM = ROOT.parent / "shared" / "data" / "indosum"
OUT = ROOT / "warta" / "corpus" / "df.tsv"


def main() -> None:
    df: Counter[str] = Counter()
    n = 0
    for path in sorted(INDOSUM.glob("dev.*.jsonl")):
        for line in path.open(encoding="utf-8"):
            doc = json.loads(line)
            words = " ".join(" ".join(" ".join(s) for s in p) for p in doc["paragraphs"])
            df.update(set(tx.stems(words)))
            n += 1
    rows = sorted(((s, c) for s, c in df.items() if c >= 2), key=lambda x: (-x[1], x[0]))
    header = f"# stem document frequencies over IndoSum dev.01-03 (CC BY-SA 4.0), built by eval/corpus/build_df.py\n#N\t{n}\n"
    OUT.write_text(header + "".join(f"{s}\t{c}\n" for s, c in rows), encoding="utf-8")
    print(f"{n} documents, {len(rows)} stems -> {OUT}")


if __name__ == "__main__":
    main()
