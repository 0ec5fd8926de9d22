"""Word lists used by the entity stage, loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from warta.kb import alias_key

DATA = Path(__file__).parent / "data"

# Role kinds that make someone "the leader" of a state ("pemimpin Rusia tersebut").
LEADER_KINDS = frozenset({"head_of_state", "head_of_government", "leader"})


@dataclass
class Lexicon:
    titles: dict[str, str] = field(default_factory=dict)  # folded phrase -> role kind
    honorifics: set[str] = field(default_factory=set)
    speech: set[str] = field(default_factory=set)
    locative: set[str] = field(default_factory=set)
    anaphor: set[str] = field(default_factory=set)
    regime: set[str] = field(default_factory=set)
    orghead: set[str] = field(default_factory=set)
    orgword: set[str] = field(default_factory=set)
    placehead: set[str] = field(default_factory=set)
    lochead: set[str] = field(default_factory=set)  # lower-case words that may open a place's name
    noname: set[str] = field(default_factory=set)
    common: frozenset[str] = frozenset()  # Indonesian root words (Sastrawi)
    max_title: int = 1  # longest title in tokens
    title_ends: frozenset[str] = frozenset()  # the last words of the titles (set with them)

    def title_kind(self, folded_phrase: str) -> str | None:
        return self.titles.get(folded_phrase)

    def __post_init__(self) -> None:
        # Bounded cache, keyed by the word: ``common`` is set once, at construction.
        self._is_word = lru_cache(maxsize=200_000)(self._affixed_word)
        self.set_title_ends()

    def set_title_ends(self) -> None:
        self.title_ends = frozenset(w for key in self.titles for w in key.split()[-1:])

    def is_word(self, folded: str) -> bool:
        """A common Indonesian word, also with its affixes ("perluas", "hubungan", "janjikan")."""
        return folded in self.common or self._is_word(folded)

    def _affixed_word(self, folded: str) -> bool:
        if folded in self.common:
            return True
        for suffix in _SUFFIXES:
            if folded.endswith(suffix) and folded[: -len(suffix)] in self.common:
                return True
        for prefix in _PREFIXES:
            if folded.startswith(prefix):
                stem = folded[len(prefix) :]
                if stem in self.common or any(
                    stem.endswith(s) and stem[: -len(s)] in self.common for s in _SUFFIXES
                ):
                    return True
        return False


_SUFFIXES = ("nya", "kan", "an", "i", "lah", "kah")
_PREFIXES = (
    *("di", "ke", "se", "ber", "be", "ter", "per", "pe"),
    *("me", "mem", "men", "meng", "meny", "pem", "pen", "peng"),
)


def _common_words() -> frozenset[str]:
    try:
        import Sastrawi
    except ImportError:
        return frozenset()
    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    try:
        return frozenset(path.read_text(encoding="utf-8").split())
    except OSError:
        return frozenset()


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon(common=_common_words())
    for line in (DATA / "cues.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        kind, phrase = line.split("\t", 1)
        key = alias_key(phrase)
        if kind.startswith("title:"):
            lex.titles[key] = kind.split(":", 1)[1]
            lex.max_title = max(lex.max_title, len(key.split()))
        else:
            getattr(lex, kind).add(key)
    lex.set_title_ends()
    return lex
