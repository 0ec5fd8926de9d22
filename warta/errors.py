"""The one exception tree of warta.

    WartaError
    ├── ConfigError      a setting or the pipeline order is wrong
    ├── InputError       an input record cannot be read (names the record)
    ├── ComponentError   a pipeline component failed on one article
    ├── StoreError       the database cannot be opened, migrated or written
    └── MissingExtra     an optional dependency is not installed
"""

from __future__ import annotations


class WartaError(Exception):
    """Base class: catch this to handle any warta failure."""


class ConfigError(WartaError):
    pass


class InputError(WartaError):
    def __init__(self, input_id: str, reason: str) -> None:
        super().__init__(f"{input_id}: {reason}")
        self.input_id = input_id
        self.reason = reason


class ComponentError(WartaError):
    def __init__(self, component: str, exc: BaseException) -> None:
        super().__init__(f"component {component} failed: {type(exc).__name__}: {exc}")
        self.component = component


class StoreError(WartaError):
    pass


class MissingExtra(WartaError):
    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: pip install 'warta[{extra}]'")
