"""warta: structured, sourced knowledge from the Indonesian news stream."""

from __future__ import annotations

__version__ = "0.1.0"
