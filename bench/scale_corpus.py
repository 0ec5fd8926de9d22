"""Build a large test corpus (JSONL.gz shards) from the development data, with news-like perturbations.

Run: .venv/bin/python bench/scale_corpus.py N OUT_DIR     (e.g. 10000 /tmp/scale10k)

Originals: every article of ../shared/data/indonews-2025-06-early (CSV),
kompas-md (Markdown) and indosum (tokenised, detokenised here): about 4,600.
Record i uses original ``i % 4600``; the first pass emits the originals as
they are, each later pass a variant of the same original, as a news stream
holds them (seeded, so the same N gives the same corpus):

* re-published copy: another outlet, an intro or credit line added, a new URL
  and a date 0-2 days later (dedup must find it);
* edited update: the same URL, a tail dropped and a correction line added
  (dedup by URL or containment);
* follow-up: a new date and half the sentences replaced by sentences of
  other articles (mostly NOT a duplicate, but the same story's entities).

Shards hold 10,000 records each (readers load one gzip file at a time).
"""

from __future__ import annotations

import csv
import gzip
import json
import random
import re
import sys
import zlib
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SHARD = 10_000
OUTLETS = ("Antara", "detikcom", "Kompas.com", "Republika", "Tempo", "CNN Indonesia", "Liputan6", "Okezone")
INTROS = ("Artikel ini telah tayang sebelumnya di mitra kami.", "Jakarta - Berita ini ditayangkan ulang dengan izin.",
          "Simak berita selengkapnya berikut ini.")
_SENT = re.compile(r"(?<=[.!?])\s+")


def originals() -> list[dict[str, str]]:
    if not SHARED.exists():
        sys.exit(f"needs {SHARED} (the development data in ../shared beside the repo)")
    out: list[dict[str, str]] = []
    csv.field_size_limit(1 << 30)
    for path in sorted((SHARED / "indonews-2025-06-early").glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            for r in csv.DictReader(fh):
                if r.get("content", "").strip():
                    out.append({"text": r["content"], "title": r["title"], "url": r["url"], "outlet": r["source"],
                                "published": r["date"] or "2025-06-08"})
    for path in sorted((SHARED / "kompas-md").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        title = text.splitlines()[0].lstrip("# ").strip() if text else ""
        day = path.parent.name  # "01Nov2025"
        out.append({"text": text, "title": title, "url": f"https://www.kompas.com/read/{path.stem}",
                    "outlet": "Kompas.com", "published": _md_date(day)})
    for path in sorted((SHARED / "indosum").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                obj = json.loads(line)
                paras = ["".join(_detok(s) for s in p) for p in obj["paragraphs"]]
                out.append({"text": "\n\n".join(p.strip() for p in paras), "title": obj["id"].split("-", 1)[-1],
                            "url": f"https://{obj.get('source', 'indosum')}.example/{obj['id']}",
                            "outlet": obj.get("source", "indosum"), "published": "2017-03-28"})
    return out


def _md_date(name: str) -> str:
    months = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                          "Nov", "Dec"), 1)}
    try:
        return date(int(name[5:9]), months[name[2:5]], int(name[:2])).isoformat()
    except (KeyError, ValueError):
        return "2025-06-08"


def _detok(tokens: list[str]) -> str:
    text = " ".join(tokens)
    return re.sub(r" ([.,:;!?%)])", r"\1", text).replace("( ", "(") + " "


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


def variant(base: dict[str, str], other: dict[str, str], gen: int, rng: random.Random) -> dict[str, str]:
    kind = gen % 3
    rec = dict(base)
    if kind == 1:  # re-published copy
        rec["text"] = f"{rng.choice(INTROS)}\n\n{base['text']}\n\n(Sumber: {base.get('outlet') or 'mitra'}, salinan {gen})"
        rec["outlet"] = rng.choice(OUTLETS)
        rec["url"] = f"https://{rec['outlet'].lower().replace(' ', '')}.example/r/{gen}/{zlib.crc32(base['url'].encode())}"
        rec["published"] = _shift(base["published"], rng.randint(0, 2))
    elif kind == 2:  # edited update at the same URL
        paras = base["text"].split("\n")
        keep = paras[: max(1, int(len(paras) * 0.85))]
        rec["text"] = "\n".join(keep) + f"\n\nRalat (pembaruan {gen}): artikel ini telah diperbarui."
        rec["url"] = base["url"] + ("&" if "?" in base["url"] else "?") + f"utm_source=update{gen}"
    else:  # follow-up: a new date, half the sentences from another article
        mine, theirs = _SENT.split(base["text"]), _SENT.split(other["text"])
        mixed = [s if i % 2 == 0 or not theirs else theirs[i % len(theirs)] for i, s in enumerate(mine)]
        rec["text"] = " ".join(mixed) + f" (Lanjutan {gen}.)"
        rec["url"] = base["url"].rstrip("/") + f"/lanjutan-{gen}"
        rec["published"] = _shift(base["published"], 3 + gen)
    return rec


def main() -> None:
    n, out_dir = int(sys.argv[1]), Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    pool = originals()
    rng = random.Random(n)
    for first in range(0, n, SHARD):
        with gzip.open(out_dir / f"shard-{first // SHARD:05d}.jsonl.gz", "wt", encoding="utf-8") as fh:
            for i in range(first, min(n, first + SHARD)):
                gen, base = divmod(i, len(pool))
                rec = pool[base] if gen == 0 else variant(pool[base], pool[rng.randrange(len(pool))], gen, rng)
                fh.write(json.dumps({"id": f"scale-{i}", **rec}, ensure_ascii=False) + "\n")
    print(f"{n} records from {len(pool)} originals in {out_dir}")


if __name__ == "__main__":
    main()
