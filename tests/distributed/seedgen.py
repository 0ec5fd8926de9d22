"""A generated news stream from the five seed articles (no ../shared needed).

Each original is 3-8 sentences of one seed (in their order) with its own
URL, outlet and date; the records after it are what a stream holds besides
originals, drawn at random: a re-published copy (an intro line added, another
outlet, a new URL, a date up to 2 days earlier or 3 later), an edited update at the same URL (tail dropped,
a correction line added), a follow-up (half its sentences from another seed),
an exact copy, a one-line brief and an empty record.  Seeded: the same
``n`` and ``seed`` give the same records.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"
OUTLETS = ("Antara", "detikcom", "Kompas.com", "Republika", "Tempo", "Liputan6")
INTROS = ("Artikel ini telah tayang sebelumnya di mitra kami.", "Jakarta - Berita ini ditayangkan ulang dengan izin.")
_SENT = re.compile(r"(?<=[.!?])\s+")
KINDS = ("original", "original", "original", "copy", "update", "follow-up", "exact", "brief", "empty")


def sentences() -> list[list[str]]:
    """The sentences of each seed (lines of at least five words)."""
    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append([s.strip() for s in _SENT.split(text.replace("\n", " ")) if len(s.split()) >= 5])
    return out


def records(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    pool = sentences()
    made: list[dict[str, str]] = []
    for i in range(n):
        kind = KINDS[0] if not made else rng.choice(KINDS)
        if kind == "original":
            src = rng.randrange(len(pool))
            picked = sorted(rng.sample(range(len(pool[src])), min(len(pool[src]), rng.randint(3, 8))))
            sents = [pool[src][k] for k in picked]
            rec = {"text": " ".join(sents), "url": f"https://berita{src}.example/{i}", "outlet": rng.choice(OUTLETS),
                   "published": f"2025-06-{rng.randint(3, 20):02d}"}
        else:
            base = rng.choice(made)
            rec = _variant(kind, base, pool, i, rng)
        made.append(rec)
    return [{"id": f"gen-{i}", "title": f"Berita {i}", **r} for i, r in enumerate(made)]


def _variant(kind: str, base: dict[str, str], pool: list[list[str]], i: int, rng: random.Random) -> dict[str, str]:
    rec = dict(base)
    if kind == "copy":
        rec["text"] = f"{rng.choice(INTROS)} {base['text']}"
        rec["outlet"], rec["url"] = rng.choice(OUTLETS), f"https://salinan.example/{i}"
        rec["published"] = base["published"][:8] + f"{int(base['published'][8:]) + rng.randint(-2, 3):02d}"
    elif kind == "update":
        sents = _SENT.split(base["text"])
        rec["text"] = " ".join(sents[: max(1, len(sents) - 1)]) + f" Ralat {i}: artikel ini telah diperbarui."
        rec["url"] = base["url"] + f"?utm_source=u{i}"
    elif kind == "follow-up":
        other = rng.choice(pool)
        mine = _SENT.split(base["text"])
        rec["text"] = " ".join(s if k % 2 == 0 else other[(i + k) % len(other)] for k, s in enumerate(mine))
        rec["url"] = base["url"] + f"/lanjutan-{i}"
    elif kind == "brief":
        rec["text"] = _SENT.split(base["text"])[0]
        rec["url"] = f"https://singkat.example/{i}"
    elif kind == "empty":
        rec["text"], rec["url"] = "  ", f"https://kosong.example/{i}"
    return rec  # "exact": the same text and URL again
