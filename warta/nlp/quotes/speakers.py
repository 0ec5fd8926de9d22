"""A speaker's name inside a role phrase, and persons that are no names.

News Indonesian puts the role before the name: "Kasi Humas Polresta Bogor Kota Iptu
Eko Agus", "Risk Management BTN Setiyo Wibowo", "General Manager KCIC Eva
Chairunisa".  The name is the run of capitalised words at the end of the phrase
that are neither role words (roles.txt), nor acronyms (an organisation), nor a
place or organisation the recogniser found.  A one-word "person" that is a role
word or a word the article also writes in lower case ("Narkoba" of "Kasat
Narkoba", "narkoba") is no name.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from warta.model import Article
from warta.nlp.claims import Actor

_TOKEN = re.compile(r"[\w'.-]+|\S")
_PARTICLES = frozenset({"bin", "binti", "van", "de", "der", "von", "al", "el", "da"})
# An administrative area's word before a name makes it a place ("Kecamatan Wonosari").
_PLACE_BEFORE = re.compile(
    r"(?<![\w-])(?:asal|kecamatan|kelurahan|desa|dusun|kampung|kabupaten|provinsi|kapanewon|kalurahan|"
    r"distrik|nagari|jalan|jl\.?|gang)\s+$",
    re.IGNORECASE,
)
NON_PERSON = frozenset({"location", "organization", "country", "facility", "event"})


@cache
def roles() -> frozenset[str]:
    text = resources.files(__package__).joinpath("roles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


def _name_word(word: str) -> bool:
    """A word that may be part of a person's name (capitalised, no role, no acronym);
    a single capital letter is an initial ("Ade R Susardi")."""
    if not word[:1].isupper() or word.lower().strip(".") in roles():
        return False
    return len(word.rstrip(".")) == 1 or not _acronym(word)


def name_tail(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The person's name that ends a role phrase ``text[start:end]``, or None."""
    tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]
    while tokens and not text[tokens[-1][0]].isalnum():
        tokens.pop()  # trailing punctuation
    i = len(tokens)
    while i > 0:
        word = text[tokens[i - 1][0] : tokens[i - 1][1]]
        if not (_name_word(word) or (word in _PARTICLES and i < len(tokens))):
            break
        i -= 1
    while i < len(tokens) and text[tokens[i][0] : tokens[i][1]] in _PARTICLES:
        i += 1
    if i >= len(tokens):
        return None
    return tokens[i][0], tokens[-1][1]


def clean_name(name: str) -> str | None:
    """A capitalised run without its leading role words and acronyms ("KCIC Eva
    Chairunisa" -> "Eva Chairunisa"); an acronym or words alone stay ("KNKT"); a run of
    role words alone names no one ("Kapolres")."""
    tail = name_tail(name, 0, len(name))
    if tail is not None:
        words = name[tail[0] : tail[1]].split()
        return " ".join(words[-3:] if len(words) > 4 else words)  # "Usaha ... Pelni Nuraini Dessy"
    words = name.split()
    if all(w.lower() in roles() for w in words):
        return None
    return name


def covered_by_thing(article: Article, start: int, end: int) -> bool:
    """True when a place or organisation mention covers ``[start, end)``: no person's name."""
    for m in article.mentions:
        if m.start <= start and end <= m.end:
            ent = article.entities.get(m.entity) if m.entity else None
            if (ent.type in NON_PERSON) if ent else m.label in ("LOC", "ORG", "GPE"):
                return True
    return False


def common_word(article: Article, word: str) -> bool:
    """A role word, or a word the article also writes in lower case ("narkoba")."""
    low = word.lower()
    if low in roles():
        return True
    return re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", article.text) is not None


def false_person(article: Article, actor: Actor) -> bool:
    """A one-word person that is a role word or a common word of the article, or a
    person made of role words alone."""
    if actor.type != "person":
        return False
    if _PLACE_BEFORE.search(article.text, max(0, actor.start - 20), actor.start):
        return True  # "warga asal Kapanewon Wonosari": a place typed as a person
    ent = article.entities.get(actor.entity)
    name = (ent.name if ent else actor.text).strip()
    if " " not in name:
        return common_word(article, name)
    return all(w.lower().strip(".,") in roles() for w in name.split())  # "Corporate Communication"


def name_after(article: Article, start: int, end: int) -> tuple[int, int] | None:
    """The person's name ending ``text[start:end]`` when it is one: not a place or an
    organisation the recogniser found, not a lone common word."""
    tail = name_tail(article.text, start, end)
    if tail is None or covered_by_thing(article, *tail):
        return None
    before = article.text[start : tail[0]].split()
    if before and before[-1][:1].islower():
        return None  # "Strategic of Wings Air", "Kepala Dinas di Kota Batam": no name
    word = article.text[tail[0] : tail[1]]
    if " " not in word and common_word(article, word):
        return None
    return tail
