"""Claims (who alleges what, who denies it) and the actor look-ups shared by the
quote, claim and event stages.

Actors are the mentions that can speak or act (persons, organisations,
countries).  A claim is a proposition that actors allege ("menuduh",
"mengklaim", "mengecam apa yang mereka sebut", a report that "mengatakan
bahwa") or deny ("membantah", "menepis").  A denial that refers back
("membantah kritik tersebut") adds its deniers to the claim it answers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from warta.model import Article, Claim, Span
from warta.nlp.lexicon import Alternation, rows
from warta.nlp.lexicon.groups import Group, find_groups

ACTOR_TYPES = frozenset({"person", "organization", "country"})
# Words that put the following noun phrase out of subject position.
PREPOSITIONS = frozenset(
    [
        "dengan",
        "ke",
        "kepada",
        "terhadap",
        "di",
        "dari",
        "atas",
        "untuk",
        "bagi",
        "antara",
        "oleh",
        "menuju",
        "pada",
        "tentang",
        "mengenai",
        "soal",
        "tanpa",
        "melawan",
        "bersama",
        "sejak",
        "seperti",
    ]
)
# Role words that may stand between a preposition and a name.
_ROLE_WORDS = frozenset(
    [
        "pemimpin",
        "presiden",
        "menteri",
        "juru",
        "bicara",
        "pejabat",
        "para",
        "kepala",
        "perdana",
        "wakil",
        "duta",
        "besar",
        "sekretaris",
        "jenderal",
        "raja",
        "ratu",
        "kanselir",
        "luar",
        "negeri",
        "pertahanan",
        "rekan",
        "mitra",
    ]
)
_WORD_BACK = re.compile(r"(\S+)\s*$")
_COORD_GAP = re.compile(r"^[\s,]*(?:dan|serta|maupun|atau)?[\s,]*$", re.IGNORECASE)
_PAREN = re.compile(r"\([^()]{0,40}\)")
_CLAUSE_WORDS = frozenset(
    [
        "yang",
        "dan",
        "atau",
        "telah",
        "akan",
        "sudah",
        "juga",
        "tidak",
        "ini",
        "itu",
        "tersebut",
        "adalah",
        "merupakan",
        "serta",
        "maupun",
        "baik",
        "kemudian",
        "pun",
        "namun",
        "tetapi",
        "bahwa",
        "ketika",
        "saat",
        "sejak",
        "karena",
    ]
)
_VERB = re.compile(r"^(?:me|ber|ter|di|mem|men|meng)\w{3,}$")
PRONOUNS = frozenset({"ia", "dia", "beliau", "mereka"})
# Adverbs that may stand between a subject and its verb ("Ia juga mengatakan", "Ia bahkan
# menyebut", "Jenderal ini hanya menegaskan").
ADVERBS = frozenset(
    "juga pun kembali lalu kemudian pula lantas pun, sendiri hanya sempat telah sudah pernah masih tetap "
    "bahkan justru memang".split()
)
_WORD = re.compile(r"[\w'-]+")
# A capitalised name: up to five capitalised words or acronyms ("Rudi Sahrudin", "KNKT").
_NAME_RUN = re.compile(r"[A-Z][\w'-]*(?:\s+(?:[A-Z][\w'-]*|bin|binti|van|de))*")


# A rank or title before a name makes it a person whatever the recogniser typed it
# ("AKBP Rio Wahyu Anggoro" as a place, "Aipda PS" as an organisation).
# Police and military officer ranks, shared with the quote stage's glued-name rule.
RANKS = (
    "AKBP|AKP|Kompol|Kombes|Aipda|Aiptu|Bripka|Brigadir|Briptu|Bripda|Ipda|Iptu|Brigjen|Irjen|Komjen|"
    "Letjen|Mayjen|Marsekal|Laksamana|Kolonel|Letkol|Mayor|Kapten"
)
PERSON_TITLE = re.compile(rf"(?<![\w-])(?:{RANKS}|Serka|Serda|Sertu|Praka|Pratu|Pak|Bu|Bapak|Ibu)(?:\s+Pol\.?)?\s+$")


@dataclass(slots=True)
class Actor:
    start: int
    end: int
    entity: str
    type: str
    text: str


class Actors:
    """The article's actor mentions in text order, with positional look-ups."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        found: list[Actor] = []
        for m in sorted(article.mentions, key=lambda m: (m.start, -m.end)):
            ent = article.entities.get(m.entity) if m.entity else None
            if ent is None:
                continue
            if found and m.start < found[-1].end:  # nested in the previous mention
                continue
            kind = ent.type
            if kind != "person" and PERSON_TITLE.search(self.text, max(0, m.start - 16), m.start):
                kind = "person"
            if kind not in ACTOR_TYPES:
                continue
            found.append(Actor(m.start, m.end, ent.id, kind, m.text))
        self.items = found
        self.starts = [a.start for a in found]
        self.names = {e.id: e.name for e in article.entities.values()}
        self._surfaces: dict[str, Actor] | None = None
        self._article = article

    def add_groups(self) -> dict[str, Group]:
        """Add the generic actors (groups.tsv) that no actor mention covers; an institution
        with its place name replaces a shorter mention inside it ("Pemerintah Kota" in
        "Pemerintah Kota (Pemkot) Solo").  A group right before an actor ("pemerintah
        Israel", "warga Palestina") is left to that actor.  Returns the groups added by id."""
        added: dict[str, Group] = {}
        items = self.items
        for g in find_groups(self.text):
            i = bisect.bisect_left(self.starts, g.end)
            inside = [a for a in items[max(0, i - 3) : i] if a.end > g.start]
            longer = all(
                g.start <= a.start and a.end <= g.end and a.end - a.start < g.end - g.start for a in inside
            )
            if inside and not (g.named and longer):
                continue
            if any(a.type == "person" for a in inside):
                continue  # "DPRD Kabupaten Magelang Muhamad Fahrudin": the group ran into a name
            nxt = items[i] if i < len(items) else None
            if not g.named and nxt is not None and nxt.start - g.end <= 1:
                continue
            for a in inside:
                items.remove(a)
            items.insert(
                bisect.bisect_left([a.start for a in items], g.start),
                Actor(g.start, g.end, g.id, g.type, self.text[g.start : g.end]),
            )
            self.starts = [a.start for a in items]
            added.setdefault(g.id, g)
            self.names.setdefault(g.id, g.name)
        self._surfaces = None
        return added

    def surfaces(self) -> dict[str, Actor]:
        """Lower-cased names, aliases and mention strings of the actors (and a person's last
        name), for a mention the recogniser missed ("sebut MTI" after "MTI" was found once)."""
        if self._surfaces is None:
            out: dict[str, Actor] = {}
            for a in self.items:
                ent = self._article.entities.get(a.entity)
                forms = [a.text, ent.name, *ent.aliases] if ent else [a.text]  # a group: its words
                if a.type == "person":
                    forms += [f.split()[-1] for f in forms if len(f.split()) > 1]
                for f in forms:
                    key = f.lower()
                    if len(key) >= 3 and key not in out:
                        out[key] = a
            self._surfaces = out
        return self._surfaces

    def named_in(self, start: int, end: int) -> Actor | None:
        """The first known actor written (by a name or alias) in ``text[start:end]``."""
        table = self.surfaces()
        words = list(_WORD.finditer(self.text, start, end))
        for i in range(len(words)):
            for n in (4, 3, 2, 1):
                if i + n > len(words):
                    continue
                key = self.text[words[i].start() : words[i + n - 1].end()].lower()
                a = table.get(key)
                if a is not None:
                    return Actor(words[i].start(), words[i + n - 1].end(), a.entity, a.type, key)
        return None

    def between(self, start: int, end: int) -> list[Actor]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return [a for a in self.items[lo:hi] if a.end <= end]

    def last_before(self, pos: int, type_: str | None = None) -> Actor | None:
        i = bisect.bisect_left(self.starts, pos) - 1
        while i >= 0:
            a = self.items[i]
            if a.end <= pos and (type_ is None or a.type == type_):
                return a
            i -= 1
        return None

    def is_prepositional(self, actor: Actor, floor: int = 0) -> bool:
        """True when a preposition governs the mention.

        Role words, names and a few nouns may stand between ("kepada pemimpin
        Korea Utara Kim", "bagi upaya Kim"); a verb or a function word ends the search.
        """
        pos = actor.start
        nouns = 0
        for _ in range(7):
            m = _WORD_BACK.search(self.text, max(floor, pos - 40), pos)
            if not m:
                return False
            raw = m.group(1).strip(",;:()")
            word = raw.lower()
            if word in PREPOSITIONS:
                return True
            if m.group(1).endswith((",", ")")) or any(ch.isdigit() for ch in raw):
                return False  # a comma, a date "(15/8/2022)" or a number ends the phrase
            if not (word in _ROLE_WORDS or raw[:1].isupper()):
                if word in _CLAUSE_WORDS or _VERB.match(word) or nouns == 2:
                    return False
                nouns += 1
            pos = m.start()
        return False

    def is_name_part(self, actor: Actor) -> bool:
        """A country inside a longer unrecognised name ("Timur Jauh Rusia") is no actor there."""
        if actor.type != "country":
            return False
        m = _WORD_BACK.search(self.text, max(0, actor.start - 30), actor.start)
        word = m.group(1) if m else ""
        if not word[:1].isupper() or not word[-1].isalnum() or word.lower() in _ROLE_WORDS:
            return False
        before = self.text[max(0, m.start() - 3) : m.start()].strip()  # type: ignore[union-attr]
        return bool(before) and not before.endswith((".", "!", "?", ":"))

    def subject_before(self, pos: int, floor: int) -> Actor | None:
        """The nearest actor before ``pos`` (not before ``floor``) that is not in a PP.

        "Putin yang mengatakan" takes Putin even after "bagi".
        """
        tail = self.text[max(floor, pos - 12) : pos].lower().split()
        relative = bool(tail) and tail[-1] == "yang"
        for a in reversed(self.between(floor, pos)):
            if relative and not self.text[a.end : pos].strip(" ,").lower().removesuffix("yang").strip():
                return a
            if not self.is_prepositional(a, floor) and not self.is_name_part(a):
                return a
        return None

    def coordinated(self, head: Actor, floor: int) -> list[Actor]:
        """``head`` and the actors coordinated before it, in text order."""
        group = [head]
        for a in reversed(self.between(floor, head.start)):
            gap = _PAREN.sub("", self.text[a.end : group[0].start])
            if not _COORD_GAP.match(gap):
                break
            group.insert(0, a)
        return group

    def pronoun_before(self, pos: int, floor: int) -> bool:
        """True when the word just before ``pos`` is a personal pronoun ("Ia (juga) mengatakan")."""
        words = [w.strip(",") for w in self.text[max(floor, pos - 30) : pos].lower().split()]
        while words and words[-1] in ADVERBS:
            words.pop()
        return bool(words) and words[-1] in PRONOUNS


def name_run(text: str, start: int, end: int, last: bool = True) -> tuple[int, int] | None:
    """The last (or first) capitalised name in ``text[start:end]``: a speaker the entity
    recogniser missed ("ujar Ketua FSPKEP, Rudi Sahrudin")."""
    runs = list(_NAME_RUN.finditer(text, start, end))
    if not runs:
        return None
    m = runs[-1] if last else runs[0]
    return m.start(), m.end()


# ------------------------------------------------------------------ cue tables


@cache
def cues(kind: str) -> Alternation:
    """The patterns of one kind of cue in lexicon/cues.tsv (after, say, according, allege, deny)."""
    return Alternation([r[0] for r in rows("cues.tsv") if r[1] == kind])


_BACKREF = re.compile(
    r"^\W*(?:dan\s+)?(?:\w+\s+){0,3}?(?:tuduhan|kritik|klaim|tudingan|laporan|hal|pernyataan|"
    r"anggapan|itu|tersebut|ini)\b",
    re.IGNORECASE,
)
# Verbs that assert what follows (not "menekankan", "mengingatkan": an emphasis, a warning).
_ASSERTS = re.compile(
    r"(?:menilai|mengatakan|menyatakan|mengungkap(?:kan)?|menyebut(?:kan)?)(?:\s+bahwa)?", re.IGNORECASE
)
_REPORT = re.compile(r"\b(?:laporan|dokumen|penyelidikan|investigasi|hasil)\b[^.,]{0,30}$", re.IGNORECASE)
_SUSPECT = re.compile(r",\s+(?:mungkin|kemungkinan|diduga)\s+", re.IGNORECASE)
_LEAD = re.compile(r"\s*,?\s*(?:bahwa\s+|:\s*)?", re.IGNORECASE)
_WORDS = re.compile(r"\w{4,}")
# A sentence that goes on with what the one before alleged: "Hal tersebut melanggar ...".
_GOES_ON = re.compile(r"(?:Hal|Langkah|Tindakan|Pengiriman)\s+(?:tersebut|itu|ini)\s+(?=\w)")


def sentence_at(sentences: list[Span], starts: list[int], pos: int) -> Span | None:
    i = bisect.bisect_right(starts, pos) - 1
    if i >= 0 and sentences[i].start <= pos < sentences[i].end:
        return sentences[i]
    return None


def _proposition(text: str, start: int, end: int) -> tuple[int, int] | None:
    start = _LEAD.match(text, start).end()  # type: ignore[union-attr]
    while end > start and text[end - 1] in " .;,\u201d\"\u2019'":
        end -= 1
    return (start, end) if len(text[start:end].split()) >= 3 else None


def find_claims(
    article: Article, actors: Actors, skip: list[tuple[int, int]], said: dict[int, str] | None = None
) -> list[Claim]:
    """Claims alleged or denied in the article's sentences, in text order.

    ``skip`` are spans (direct quotes) whose inside is speech, not narration; ``said``
    gives a cue's position its speaker as the quote stage resolved it ("Sehingga ia
    mengklaim, ...": the person named before).
    """
    text = article.text
    said = said or {}
    claims: list[Claim] = []
    goes_on: list[Claim] = []  # kept apart so that a denial answers the main claim
    skip = sorted(skip)
    skip_starts = [a for a, _ in skip]
    for sent in article.sentences:
        i = bisect.bisect_right(skip_starts, sent.start) - 1
        if i >= 0 and sent.end <= skip[i][1]:
            continue  # inside a direct quote
        before = len(claims)
        for m in cues("allege").finditer(text, sent.start, sent.end):
            _allege(text, actors, sent, m.start(), m.end(), claims, said.get(m.start()))
        for m in cues("say").finditer(text, sent.start, sent.end):
            # a report "mengatakan bahwa": the report alleges; so does a speaker whose words
            # hold an allegation ("menilai, Aipda PS telah melakukan tindak pidana")
            if _REPORT.search(text, max(sent.start, m.start() - 60), m.start()) or (
                m.start() in said
                and _ASSERTS.fullmatch(m.group())
                and cues("contested").search(text, m.end(), sent.end)
            ):
                _allege(text, actors, sent, m.start(), m.end(), claims, said.get(m.start()))
        for m in cues("deny").finditer(text, sent.start, sent.end):
            _deny(text, actors, sent, m.start(), m.end(), claims)
        if len(claims) == before and claims and claims[-1].modality != "denied":
            _continued(text, sent, claims[-1], goes_on)
    return sorted(claims + goes_on, key=lambda c: c.start) if goes_on else claims


def _continued(text: str, sent: Span, prev: Claim, out: list[Claim]) -> None:
    """ "... mengklaim bahwa Korut mengirimkan senjata ke Rusia. Hal tersebut melanggar sanksi
    PBB dengan imbalan bantuan teknis": the next sentence goes on with the same allegation."""
    m = _GOES_ON.match(text, sent.start)
    if m is None or not prev.asserted_by or sent.start - prev.end > 3:
        return
    prop = _proposition(text, m.end(), sent.end)
    if prop is not None:
        out.append(
            Claim(prop[0], prop[1], text[prop[0] : prop[1]], list(prev.asserted_by), [], prev.modality)
        )


def _allege(
    text: str, actors: Actors, sent: Span, cs: int, ce: int, claims: list[Claim], speaker: str | None = None
) -> None:
    head = actors.subject_before(cs, sent.start)
    prop = _proposition(text, ce, sent.end)
    if (head is None and speaker is None) or prop is None or any(c.start == prop[0] for c in claims):
        return
    if speaker is not None and (head is None or actors.pronoun_before(cs, sent.start)):
        by = [speaker]  # "Sehingga ia mengklaim": the person the quote stage resolved
    elif head is not None:
        by = _ids(actors.coordinated(head, sent.start))
    else:
        return
    start, end = prop
    modality = "suspected" if text[cs:ce].lower() in ("menduga", "mencurigai") else "claimed"
    cut = _SUSPECT.search(text, start, end)
    if cut:  # ", mungkin sebagai imbalan ...": a second, weaker proposition
        claims.append(Claim(start, cut.start(), text[start : cut.start()], list(by), [], modality))
        s2 = cut.start() + 1 + len(cut.group()[1:]) - len(cut.group()[1:].lstrip())
        claims.append(Claim(s2, end, text[s2:end], list(by), [], "suspected"))
    else:
        claims.append(Claim(start, end, text[start:end], by, [], modality))


def _deny(text: str, actors: Actors, sent: Span, cs: int, ce: int, claims: list[Claim]) -> None:
    head = actors.subject_before(cs, sent.start)
    if head is None:
        return
    by = _ids(actors.coordinated(head, sent.start))
    rest = text[ce : sent.end]
    refers_back = bool(_BACKREF.match(rest)) or len(rest.split()) < 3 or "klaim" in text[cs:ce].lower()
    target = _answered(claims, rest, cs) if refers_back else None
    if target is not None:
        target.denied_by.extend(i for i in by if i not in target.denied_by)
        return
    prop = _proposition(text, ce, sent.end)
    if prop and not refers_back:
        claims.append(Claim(prop[0], prop[1], text[prop[0] : prop[1]], [], by, "denied"))


def _answered(claims: list[Claim], rest: str, pos: int) -> Claim | None:
    """The earlier claim a back-referring denial answers: most shared words, else the latest."""
    earlier = [c for c in claims if c.end <= pos and c.modality != "denied"][-4:]
    if not earlier:
        return None
    words = {w.lower() for w in _WORDS.findall(rest)}
    best = max(
        range(len(earlier)),
        key=lambda i: (len(words & {w.lower() for w in _WORDS.findall(earlier[i].text)}), i),
    )
    return earlier[best]


def _ids(group: list[Actor]) -> list[str]:
    out: list[str] = []
    for a in group:
        if a.entity not in out:
            out.append(a.entity)
    return out
