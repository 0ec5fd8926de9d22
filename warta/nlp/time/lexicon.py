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
    """A regex alternation of ``words`` (for case-insensitive patterns), spaces matching
    any whitespace, longer words tried before their prefixes.

    The words are merged into a prefix tree ("se(?:tahun|bulan)"): a plain list of fifty
    words is tried word by word at every position, a tree fails at the first letter.
    It matches what the longest-first list matches: two words can only both match at
    one place when one is a prefix of the other, and the tree tries the longer first.
    """
    tree: dict[str, Any] = {}
    for word in set(words):
        node = tree
        for ch in word.lower():  # lower-cased so that 'Mei' and 'mei...' share one branch
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _tree_regex(tree)


def _tree_regex(node: dict[str, Any]) -> str:
    branches = [
        (r"\s+" if ch == " " else regex.escape(ch)) + _tree_regex(sub)
        for ch, sub in sorted(node.items())
        if ch
    ]
    if not branches:
        return ""
    if "" in node:  # a word ends here: the longer ones first, then stop (a greedy '?')
        return "(?:" + "|".join(branches) + ")?"
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


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
