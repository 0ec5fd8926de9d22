"""Outlet names from a URL or a cue in the text ("REPUBLIKA.CO.ID", "Medcom")."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    text = resources.files("warta.meta").joinpath("data", "outlets.tsv").read_text(encoding="utf-8")
    rows = [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return {k: v for k, v in rows}


def _by_domain(host: str) -> str | None:
    host = host.lower().removeprefix("www.")
    known = table()
    parts = host.split(".")
    for i in range(len(parts) - 1):  # news.detik.com, then detik.com
        name = known.get(".".join(parts[i:]))
        if name:
            return name
    return None


def outlet_from_url(url: str) -> str | None:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return None
    return _by_domain(host) if host else None


def outlet_from_cue(cue: str) -> str:
    """Known outlet for a cue, else the cue as written."""
    cue = cue.strip(" *•-–")
    return table().get(cue.lower()) or _by_domain(cue) or cue
