"""Resolution of mention candidates within one article.

Order matters: KB ambiguity first (so that "Kremlin" in a title is known to be
Russia), then metonymy, titles and roles, then the names not in the KB (short
forms, typos), then descriptions that point at a person already seen
("pemimpin Rusia tersebut") or at the state a person leads ("rezim Kim").
"""

from __future__ import annotations

from warta.kb import KB, slug
from warta.nlp.entities.candidates import Cand, is_cap, title_before
from warta.nlp.entities.filters import clean_span
from warta.nlp.entities.gazetteer import Tokens
from warta.nlp.entities.lexicon import Lexicon
from warta.nlp.entities.tagger import Span

_OPEN_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
LABELS = {"person": "PER", "organization": "ORG", "country": "GPE", "place": "LOC", "other": "MISC"}


class Resolver:
    def __init__(self, text: str, toks: Tokens, kb: KB, lex: Lexicon, published: str | None) -> None:
        self.text, self.toks, self.kb, self.lex, self.date = text, toks, kb, lex, published
        self.by_first: dict[int, Cand] = {}
        self.by_last: dict[int, Cand] = {}

    def index(self, cands: list[Cand]) -> None:
        self.by_first = {c.first: c for c in cands}
        self.by_last = {c.last: c for c in cands}

    # ------------------------------------------------------------ KB mentions

    def disambiguate(self, cands: list[Cand]) -> None:
        self.index(cands)
        for c in cands:  # "Donetsk (DPR)": the two names share one entity
            inner = self._paren_after(c)
            if inner and inner.options and c.options:
                shared = [o for o in inner.options if o in c.options]
                if shared:
                    c.options, inner.options = shared, shared[:]
        sure = {c.options[0] for c in cands if len(c.options) == 1}
        states = sure | {self.kb.entities[s].country for s in sure if self.kb.entities[s].country}
        for c in cands:
            if len(c.options) > 1:
                c.options.sort(key=lambda o: -(2 * (o in sure) + (self.kb.entities[o].country in states)))
            if c.options:
                c.entity = c.options[0]
                c.label = LABELS[self.kb.entities[c.entity].type]

    def metonymy(self, cands: list[Cand]) -> None:
        """A capital or seat names its state unless it is where something happens."""
        for c in cands:
            ent = self.kb.get(c.entity) if c.entity else None
            if ent is None or not ent.stands_for or self._locative(c, ent.stands_for):
                continue
            c.entity, c.label, c.how = ent.stands_for, "GPE", "metonymy"

    def _locative(self, c: Cand, state: str) -> bool:
        toks, text = self.toks, self.text
        if toks.raw[c.first].isupper() and len(toks.raw[c.first]) > 3:
            return True  # dateline: "REPUBLIKA.CO.ID, MOSKOW --"
        line_start = text.rfind("\n", 0, c.start) + 1
        after = text[c.end : c.end + 3]
        if c.start == line_start and after[:1] in (":", " ") and after.strip()[:1] in (":", "-", "\u2013"):
            return True  # "Pyongyang: Presiden Rusia ..."
        prev = c.first - 1
        if prev >= 0 and toks.ends[prev] > line_start:
            two = " ".join(toks.folded[max(prev - 1, 0) : prev + 1])
            if toks.folded[prev] in self.lex.locative or two in self.lex.locative:
                return True
        nxt = self.by_first.get(c.last + 1)  # "Moskwa, Rusia": the city, then its state
        return bool(nxt and nxt.entity == state and text[c.end : nxt.start].strip() == ",")

    def _paren_after(self, c: Cand) -> Cand | None:
        nxt = self.by_first.get(c.last + 1)
        if nxt and self.text[c.end : nxt.start].strip() == "(" and self.text[nxt.end : nxt.end + 1] == ")":
            return nxt
        return None

    # ------------------------------------------------------------ titles and roles

    def roles(self, cands: list[Cand]) -> None:
        self.index(cands)
        for c in cands:
            if c.label == "PER":
                self._role_before(c) or self._role_after(c)

    def _role_before(self, c: Cand) -> bool:
        j, of = c.first - 1, None
        j = self._skip_paren(j)
        held = self.by_last.get(j)
        if held and held.entity and held.label != "PER":
            of, j = held.entity, held.first - 1
        found = title_before(self.toks, self.lex, j) if j >= 0 else None
        if not found:
            return False
        first, kind = found
        end = self.toks.ends[self._skip_paren(c.first - 1)] if of else self.toks.ends[j]
        self._set_role(c, self.text[self.toks.starts[first] : end], kind, of)
        return True

    def _role_after(self, c: Cand) -> bool:
        # "Vladimir Putin, Presiden Rusia, saat ..."
        toks, j = self.toks, c.last + 1
        if j >= len(toks) or self.text[c.end : toks.starts[j]].strip() != ",":
            return False
        for k in range(min(self.lex.max_title, len(toks) - j), 0, -1):
            kind = self.lex.title_kind(" ".join(toks.folded[j : j + k]))
            if kind:
                held = self.by_first.get(j + k)
                of = held.entity if held and held.label != "PER" else None
                end = held.end if of and held else toks.ends[j + k - 1]
                self._set_role(c, self.text[toks.starts[j] : end], kind, of)
                return True
        return False

    def _set_role(self, c: Cand, title: str, kind: str, of: str | None) -> None:
        c.role, c.role_kind = " ".join(title.split()), kind
        ent = self.kb.get(of) if of else None
        c.role_of = ent.stands_for if ent and ent.stands_for else of

    def _skip_paren(self, j: int) -> int:
        # "Pemimpin Korea Utara (Korut) Kim Jong-un": step back over "(Korut)".
        if j >= 0 and self.text[self.toks.ends[j] : self.toks.ends[j] + 1] == ")":
            k = j
            while k >= 0 and self.text[self.toks.starts[k] - 1 : self.toks.starts[k]] != "(" and j - k < 4:
                k -= 1
            return k - 1 if k >= 0 else j
        return j

    # ------------------------------------------------------------ names not in the KB

    def people(self, cands: list[Cand]) -> dict[str, str]:
        """Name token -> person entity id, for short forms ("Kim", "Peskov")."""
        out: dict[str, str] = {}
        for c in cands:
            if c.label == "PER" and c.entity and c.last > c.first:
                for t in self.toks.raw[c.first : c.last + 1]:
                    if is_cap(t) and len(t) > 1:
                        out.setdefault(t, c.entity)
        return out

    def open_names(self, caps: list[Cand], cands: list[Cand]) -> list[Cand]:
        """Classify capitalised runs; keep the ones with some evidence of being a name."""
        self.index(cands + caps)
        kept: list[Cand] = []
        known = self.people(cands)
        org_first = lambda c: self.toks.folded[c.first] not in self.lex.orghead  # noqa: E731
        for c in sorted(caps, key=lambda c: (org_first(c), c.first - c.last)):  # orgs, then full names
            if self._classify(c, known):
                kept.append(c)
                for word, eid in self.people([c]).items():
                    known.setdefault(word, eid)
        return kept

    def tagged(
        self,
        found: list[Span],
        cands: list[Cand],
        starts: set[int],
        places: frozenset[str] | set[str] = frozenset(),
    ) -> list[Cand]:
        """Merge tagger spans into the candidates (in place); returns the new ones.

        - on free tokens: a new open-world entity ("Paul Kagame" of a place not in the KB);
        - the same tokens as an open capitalised name: the tagger's type wins;
        - a longer name around open names and KB mentions, with a word of its own
          ("Jakarta Pusat") or made of several of them ("Pengadilan Negeri" +
          "Surabaya"): the open names give way; KB mentions stay inside, linked.
        """
        owner: list[Cand | None] = [None] * len(self.toks)
        for c in cands:
            for k in range(c.first, c.last + 1):
                owner[k] = c
        known = self.people(cands)
        added: list[Cand] = []
        cased = self.text != self.text.lower()
        place_set = set(places)
        for raw_sp in found:
            sp = clean_span(self.toks, self.lex, raw_sp, place_set)
            if sp is None:
                continue
            if cased and not is_cap(self.toks.raw[sp.first]) and not self._headed(sp):
                continue  # lower-case starts are generic words in cased news text
            inside = list({id(c): c for c in owner[sp.first : sp.last + 1] if c}.values())
            if any(c.first < sp.first or c.last > sp.last for c in inside):
                continue  # crosses a candidate's edge
            if len(inside) == 1 and (inside[0].first, inside[0].last) == (sp.first, sp.last):
                if inside[0].how == "caps":
                    self._open(inside[0], _OPEN_TYPES[sp.label])
                continue
            if inside and not _wraps(inside, None in owner[sp.first : sp.last + 1]):
                continue
            new = self._new(sp, known, cands + added, starts)
            if new is None:
                continue
            self._bracketed(new, inside, None in owner[new.first : new.last + 1])
            for old in inside:
                if old.how in _GIVE_WAY and old in cands:
                    cands.remove(old)
            for k in range(new.first, new.last + 1):
                owner[k] = new
            added.append(new)
        return added

    def _headed(self, sp: Span) -> bool:
        """A lower-case head word before a capitalised place or building: "desa Tinukari", "gedung DPR"."""
        rest = self.toks.raw[sp.first + 1 : sp.last + 1]
        return (
            sp.label == "LOC"
            and bool(rest)
            and is_cap(rest[0])
            and self.toks.folded[sp.first] in self.lex.lochead
        )

    def _bracketed(self, c: Cand, inside: list[Cand], free: bool) -> None:
        """A name with its short form in brackets, "Partai Persatuan Pembangunan (PPP)", as one mention.

        The closing bracket joins the mention, and when the pieces inside link
        to one entity and leave no word free, the whole does too (no open-world
        twin of a KB entity).
        """
        if "(" not in self.text[c.start : c.end]:
            return
        after = self.text[c.end : c.end + 2]
        if after.lstrip()[:1] == ")" and self.text[c.start : c.end].count("(") == 1:
            c.end += after.index(")") + 1
        ids = {o.entity for o in inside}
        if not free and len(ids) == 1 and None not in ids:
            c.entity, c.label, c.open_type = inside[0].entity, inside[0].label, inside[0].open_type
        elif c.open_type:  # an open-world entity is named without its short form
            name = " ".join(self.text[c.start : c.end].split(" (")[0].split())
            c.entity = f"warta:{c.open_type}:{slug(name)}" if slug(name) else c.entity

    def _new(self, sp: Span, known: dict[str, str], cands: list[Cand], starts: set[int]) -> Cand | None:
        c = Cand(sp.first, sp.last, self.toks.starts[sp.first], self.toks.ends[sp.last])
        word = self.toks.raw[sp.first]
        if sp.first == sp.last and word in known:
            c.entity, c.label, c.how = known[word], "PER", "alias"
            return c
        if sp.first == sp.last and (
            word.isdigit() or sp.first in starts and self.lex.is_word(self.toks.folded[sp.first])
        ):
            return None  # one common word opening a sentence ("Kutu"): its capital says nothing
        if not self._open(c, _OPEN_TYPES[sp.label]):
            return None
        c.how = "tagger"
        if c.label == "PER":
            self.index(cands)
            self._role_before(c) or self._role_after(c)
            for w, eid in self.people([c]).items():
                known.setdefault(w, eid)
        return c

    def _classify(self, c: Cand, known: dict[str, str]) -> bool:
        toks, lex = self.toks, self.lex
        words = toks.raw[c.first : c.last + 1]
        single = c.first == c.last
        if single and words[0] in known:
            c.entity, c.label, c.how = known[words[0]], "PER", "alias"
            return True
        if single and (typo := self._fuzzy(words[0], known)):
            c.entity, c.label, c.how = typo, "PER", "fuzzy"
            return True
        if toks.folded[c.first] in lex.orghead and not single:
            return self._open(c, "organization")
        paren = self._paren_before(c)
        if paren and paren.entity:  # "Republik Rakyat Luhansk (LPR)"
            c.entity, c.label, c.how = paren.entity, paren.label, "alias"
            return True
        cue = self._person_cue(c)
        if single and not cue:
            return False
        wordy = [lex.is_word(t) or t in lex.noname for t in toks.folded[c.first : c.last + 1]]
        if (sum(wordy) * 2 > len(wordy)) if cue else any(wordy):
            return False
        if not cue and not all(w[:1].isupper() and (len(w) == 1 or w[1:].islower()) for w in words):
            return False
        c.label = "PER"
        if not self._role_before(c):
            self._role_after(c)
        return self._open(c, "person")

    def _open(self, c: Cand, etype: str) -> bool:
        c.open_type, c.label, c.how = etype, LABELS[etype], "caps"
        name = " ".join(self.text[c.start : c.end].split())
        c.entity = f"warta:{etype}:{slug(name)}"
        return bool(slug(name))

    def _person_cue(self, c: Cand) -> bool:
        toks, lex = self.toks, self.lex
        j = self._skip_paren(c.first - 1)
        if j >= 0 and (toks.folded[j] in lex.honorifics or toks.folded[j] in lex.speech):
            return True
        if j >= 0 and title_before(toks, lex, j):
            return True
        held = self.by_last.get(j)
        if held and held.entity and held.label != "PER" and title_before(toks, lex, held.first - 1):
            return True  # "Juru bicara Kremlin Dmitry Peskov"
        k = c.last + 1
        return k < len(toks) and toks.folded[k] in lex.speech and toks.raw[k].islower()

    def _paren_before(self, c: Cand) -> Cand | None:
        prev = self.by_last.get(c.first - 1)
        if prev and self.text[prev.end : c.start].strip() == "(" and self.text[c.end : c.end + 1] == ")":
            return prev
        return None

    def _fuzzy(self, word: str, known: dict[str, str]) -> str | None:
        if len(word) < 4 or word.casefold() in self.lex.common:
            return None
        n = len(word)  # one edit apart: lengths differ by one at most
        hits = {
            eid
            for name, eid in known.items()
            if n - 2 < len(name) < n + 2 and len(name) >= 4 and _edit1(word, name)
        }
        return hits.pop() if len(hits) == 1 else None


# Open names and organisation-head guesses give way to a tagger span around them;
# KB mentions stay inside it, linked (mentions may nest).
_GIVE_WAY = ("caps", "orghead")


def _kb_person(c: Cand) -> bool:
    return c.label == "PER" and c.how != "caps"


def _wraps(inside: list[Cand], free: bool) -> bool:
    """Whether a tagger span may become the mention around the candidates ``inside`` it.

    With words of its own ("Paul Kagame", "Jakarta Pusat"), or made only of shorter
    candidates ("Pengadilan Negeri" + "Jakarta Selatan", "Jokowi" + "JK"): the
    tagger's boundary is the better one (tuned on a slice of idner train).
    """
    return free or len(inside) > 1


def _edit1(a: str, b: str) -> bool:
    """True when a and b differ by one substitution, insertion or deletion (not zero)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    for i in range(len(long)):
        if long[:i] + long[i + 1 :] == short:
            return True
    return False
