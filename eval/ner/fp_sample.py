"""List the mentions to judge by hand for the false-positive check (eval/ner/fp_check_r3.jsonl).

    .venv/bin/python eval/ner/fp_sample.py [--articles 50] [--per-article 3] > /tmp/to_judge.jsonl

Articles: indonews rows in the held-out half (eval/split.py, key = URL) that the
first check (fp_check.jsonl) did not use, in the order of sha1("fp3:" + URL).
From each, up to ``--per-article`` distinct (text, label) name mentions of
nlp.entities@1 (no coreference, no descriptions), in sha1 order of text + label,
each with a short context for the judge.  Judgements: ok, not-name, bad-span,
wrong-type, wrong-link, unclear (left out of the rate).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from common import indonews_rows  # noqa: E402

from eval.split import is_held_out  # noqa: E402
from warta.nlp.entities import extract  # noqa: E402

NAMES = ("PER", "ORG", "LOC", "GPE")


def _sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def candidates(text: str) -> list[dict]:
    out, seen = [], set()
    for m in extract(text)[0]:
        if (
            m.how in ("coref", "description")
            or m.label not in NAMES
            or (m.how == "metonymy" and m.text[:1].islower())
        ):
            continue
        key = (" ".join(m.text.split()), m.label)
        if key not in seen:
            seen.add(key)
            ctx = " ".join(text[max(0, m.start - 60) : m.end + 60].split())
            out.append({"mention": key[0], "label": key[1], "how": m.how, "ctx": ctx})
    return sorted(out, key=lambda c: _sha(c["mention"] + c["label"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=50)
    ap.add_argument("--per-article", type=int, default=3)
    args = ap.parse_args()
    used = {
        json.loads(line)["key"] for line in (Path(__file__).parent / "fp_check.jsonl").open(encoding="utf-8")
    }
    rows = [r for r in indonews_rows() if is_held_out(r["url"]) and r["url"] not in used]
    rows.sort(key=lambda r: _sha("fp3:" + r["url"]))
    for row in rows[: args.articles]:
        for cand in candidates(row["content"])[: args.per_article]:
            print(json.dumps({"key": row["url"], **cand}, ensure_ascii=False))


if __name__ == "__main__":
    main()
