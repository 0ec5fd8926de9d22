"""The one held-out rule for every data set in ../shared/data.

A record belongs to the held-out half when the first byte of the SHA-1 of its
key (file name, URL, or "file:row") is odd.  Tune on the other half; report
figures on the held-out half only.  The rule is fixed so that no one can move
a hard case from one side to the other.
"""

from __future__ import annotations

import hashlib


def is_held_out(key: str) -> bool:
    return hashlib.sha1(key.encode("utf-8")).digest()[0] % 2 == 1


def split(keys: list[str]) -> tuple[list[str], list[str]]:
    """(tune, held_out) keeping the input order."""
    tune = [k for k in keys if not is_held_out(k)]
    held = [k for k in keys if is_held_out(k)]
    return tune, held
