"""The tagger's words (data/lexicon.json), loaded once, plus alternation helpers."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import regex


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    text = resources.files("warta.nlp.time").joinpath("data/lexicon.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def alternation(words: Any) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    items = sorted(set(words), key=len, reverse=True)
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in items)


_DECIMAL_COMMA = regex.compile(r"\d+,\d+")
_NUMBER_PARTS = regex.compile(r"(\w+)\s+(puluh|belas|ratus)|(\w+)")


def number_value(word: str) -> float | None:
    """'dua' -> 2, 'dua puluh lima' -> 25, '1,5' -> 1.5, 'beberapa' -> None (vague)."""
    w = " ".join(word.lower().split())
    lex = lexicon()
    if w.replace(".", "").isdigit():
        return float(w.replace(".", ""))
    if _DECIMAL_COMMA.fullmatch(w):
        return float(w.replace(",", "."))
    if w in lex["numbers"]:
        return float(lex["numbers"][w])
    total = 0.0
    for part in _NUMBER_PARTS.findall(w):
        head, mult, alone = part
        if mult:
            base = lex["numbers"].get(head)
            if base is None:
                return None
            total += {"puluh": base * 10, "belas": base + 10, "ratus": base * 100}[mult]
        elif alone in lex["numbers"]:
            total += lex["numbers"][alone]
        else:
            return None
    return total or None
