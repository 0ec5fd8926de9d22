"""Article-level repairs of mention candidates.

- :func:`place_words`: capitalised words the article uses as places ("kawasan
  Cilegon", "DPRD Cilegon"), so that they do not open a person's name;
- :func:`clean_span`: a tagger span trimmed of titles, non-names and numbers at
  its edges ("Narkoba Polda Sumut Kombes", "MotoGP 2025", "Marketing Director");
- :func:`org_of_place`: an organisation head before a KB place is one
  organisation ("Polda Sumatera Utara", "DPRD Cilegon");
- :func:`acronyms`: "Komite Nasional Keselamatan Transportasi (KNKT)" defines
  KNKT, which then names the same entity for the rest of the article.
"""

from __future__ import annotations

import bisect

from warta.kb import slug
from warta.nlp.entities.candidates import Cand, is_cap, title_before
from warta.nlp.entities.gazetteer import Tokens
from warta.nlp.entities.lexicon import Lexicon
from warta.nlp.entities.tagger import Span


def place_words(toks: Tokens, lex: Lexicon) -> set[str]:
    """Raw capitalised tokens that follow a place head somewhere in the article."""
    out = set()
    for i in toks.capitals:
        if i and toks.joins[i - 1] and toks.folded[i - 1] in lex.placehead:
            out.add(toks.raw[i])
    return out


def _number(toks: Tokens, k: int) -> bool:
    """A short number that ends a place or an organisation's name ("Jalan Pasirkaliki 51", "SMA 3")."""
    return toks.raw[k].isdigit() and len(toks.raw[k]) <= 3 and toks.joins[k - 1]


def _nonname(toks: Tokens, lex: Lexicon, k: int) -> bool:
    w = toks.folded[k]
    return w in lex.noname or w.isdigit() or w in lex.honorifics or lex.title_kind(w) is not None


def clean_span(toks: Tokens, lex: Lexicon, sp: Span, places: set[str]) -> Span | None:
    i, j = sp.first, sp.last
    while j >= i and _nonname(toks, lex, j) and not (j > i and sp.label != "PER" and _number(toks, j)):
        j -= 1
    # A place keeps a capitalised first word that is elsewhere a title ("Raja Ampat", "Gedung DPR").
    while i <= j and not (sp.label == "LOC" and is_cap(toks.raw[i])):
        found = title_before(toks, lex, min(i + lex.max_title - 1, j))
        head = next((k for k in range(i, j + 1) if toks.folded[k] in lex.orghead), None)
        if found and found[0] == i and sp.label == "ORG" and head is not None and head > i:
            i = head  # "Direktur Reserse Narkoba Polda Sumut": the organisation from its head
        elif _nonname(toks, lex, i) or (found and found[0] == i):
            i += 1
        else:
            break
    if i > j:
        return None
    if sp.label != "PER":  # "Polda Sumut Kombes Jean ...": a title inside starts a person
        j = next((k - 1 for k in range(i + 1, j + 1) if lex.title_kind(toks.folded[k])), j)
        head = next((k for k in range(i, j + 1) if toks.folded[k] in lex.orghead), None)
        if sp.label == "ORG" and head is not None and 0 < head - i <= 2:  # a place keeps it: "Gedung DPR"
            i = head  # "Narkoba Polda Sumut": the organisation from its head
    label = sp.label
    words = toks.folded[i : j + 1]
    if label == "PER" and any(w in lex.orgword or w in lex.orghead for w in words):
        label = "ORG"  # "National News Agency", "Kadin Cilegon"
    if label == "PER" and i < j and toks.raw[i] in places:
        i += 1  # "Cilegon Rizki Khairul Ikhwan"
    return Span(i, j, label)


def org_of_place(toks: Tokens, lex: Lexicon, cands: list[Cand], kb_places: set[str]) -> list[Cand]:
    """ORG candidates "Polda Sumatera Utara": one orghead word, then a KB place."""
    taken = {k for c in cands for k in range(c.first, c.last + 1)}
    out = []
    for c in cands:
        h = c.first - 1
        if h < 0 or h in taken or not toks.joins[h] or not c.entity or c.entity not in kb_places:
            continue
        if toks.folded[h] not in lex.orghead or not is_cap(toks.raw[h]):
            continue
        org = Cand(h, c.last, toks.starts[h], c.end, label="ORG", how="orghead")
        org.open_type = "organization"
        org.entity = f"warta:organization:{toks.folded[h]}-{c.entity.rsplit(':', 1)[-1]}"
        out.append(org)
    return out


def _initials(toks: Tokens, lo: int, hi: int) -> str:
    return "".join(toks.raw[k][0] for k in range(lo, hi + 1) if is_cap(toks.raw[k]))


def acronyms(text: str, toks: Tokens, cands: list[Cand], lex: Lexicon | None = None) -> list[Cand]:
    """Definitions "Long Name (ABBR)" and later bare uses of ABBR; returns new candidates.

    An organisation's definition is also one mention around both names, with
    the same entity: news NER labels "Partai Persatuan Pembangunan (PPP)" whole.
    With ``lex``, a long form that no earlier step found is kept only with an
    organisation word in it: "Izin Usaha Pertambangan (IUP)", "Pajak Kendaraan
    Bermotor (PKB)" are no organisations.
    """
    owner: dict[int, Cand] = {}
    for c in sorted(cands, key=lambda c: c.first - c.last):  # the longest candidate owns a token
        for k in range(c.first, c.last + 1):
            owner.setdefault(k, c)
    added: list[Cand] = []
    defined: dict[str, Cand] = {}
    for a in after_brackets(text, toks):
        abbr = toks.raw[a]
        if not (abbr.isupper() and 2 <= len(abbr) <= 8) or abbr in defined:
            continue
        if (
            text[toks.ends[a - 1] : toks.starts[a]].strip() != "("
            or text[toks.ends[a] : toks.ends[a] + 1] != ")"
        ):
            continue
        whole = owner.get(a)
        if whole is not None and whole.first < a and whole.entity:
            defined[abbr] = whole  # "Name (ABBR)" is already one mention (the tagger's span)
            continue
        long = _long_form(toks, owner, a - 1, abbr)
        if long is None or (lex is not None and long not in cands and not _org_words(toks, lex, long)):
            continue
        if long not in cands and long not in added:
            added.append(long)
        if long.label == "PER" and long.how != "gazetteer":
            long.label, long.open_type = "ORG", "organization"
            long.entity = f"warta:organization:{slug(text[long.start : long.end])}"
        defined[abbr] = long
        if long.label == "ORG" and long.entity:  # "Badan X (BX)" as a whole, around the two (idner's span)
            end = toks.ends[a] + 1
            whole = Cand(long.first, a, long.start, end, [], long.label, "acronym", long.entity)
            whole.open_type = long.open_type
            added.append(whole)
        inner = owner.get(a)
        if inner is not None and inner.how in ("caps", "tagger") and (inner.first, inner.last) == (a, a):
            inner.entity, inner.label, inner.how = long.entity, long.label, "alias"
    if not defined:  # most articles: no "(ABBR)" definition, so no bare uses to name
        return added
    singles = {c.first for c in cands + added if c.first == c.last and c.entity}
    for k, raw in enumerate(toks.raw):
        long = defined.get(raw)
        if long is None:
            continue
        held = owner.get(k)
        if (
            held is not None
            and held.how in ("caps", "tagger")
            and held.first == held.last
            and held is not long
        ):
            held.entity, held.label, held.how, held.open_type = (
                long.entity,
                long.label,
                "alias",
                long.open_type,
            )
        if held is not None and held.entity and not (held is long and held.last == k and k not in singles):
            continue  # named already, unless by the "Name (ABBR)" mention itself: ABBR gets its own
        alias = Cand(k, k, toks.starts[k], toks.ends[k], label=long.label, how="alias", entity=long.entity)
        alias.open_type = long.open_type
        added.append(alias)
    return added


def after_brackets(text: str, toks: Tokens) -> list[int]:
    """Indices (from 1, ascending) of the tokens with an opening bracket in the gap before
    them: the only places "Name (ABBR)" can define an abbreviation (bisected from the
    brackets, not a test of every token)."""
    out: list[int] = []
    starts, n = toks.starts, len(toks)
    at = text.find("(")
    while at != -1:
        a = bisect.bisect_right(starts, at)
        if a >= n:
            break
        if a >= 1 and (not out or out[-1] != a):
            out.append(a)
        at = text.find("(", at + 1)
    return out


def _org_words(toks: Tokens, lex: Lexicon, c: Cand) -> bool:
    return any(w in lex.orghead or w in lex.orgword for w in toks.folded[c.first : c.last + 1])


def _long_form(toks: Tokens, owner: dict[int, Cand], j: int, abbr: str) -> Cand | None:
    """The name ending at token j whose capitals spell ``abbr``."""
    c = owner.get(j)
    if c is not None and c.last == j and c.entity and _initials(toks, c.first, c.last).startswith(abbr[0]):
        return c
    lo = j
    while (
        lo > 0
        and toks.joins[lo - 1]
        and (is_cap(toks.raw[lo - 1]) or toks.folded[lo - 1] in ("dan", "untuk"))
    ):
        lo -= 1
    for start in range(lo, j):
        if _initials(toks, start, j) == abbr and is_cap(toks.raw[start]):
            cand = Cand(start, j, toks.starts[start], toks.ends[j], label="ORG", how="caps")
            cand.open_type = "organization"
            cand.entity = "warta:organization:" + "-".join(toks.folded[start : j + 1])
            return cand
    return None


def split_places(toks: Tokens, lex: Lexicon, caps: list[Cand], places: set[str]) -> list[Cand]:
    """Drop a place word opening a capitalised run (in place); "DPRD Cilegon" before it becomes an ORG."""
    out = []
    for c in list(caps):
        if toks.raw[c.first] not in places:
            continue
        place, h = c.first, c.first - 1
        if c.last == c.first:
            caps.remove(c)  # "anggota DPRD Cilegon": the place alone is no person
        else:
            c.first += 1
            c.start = toks.starts[c.first]
        if h >= 0 and toks.joins[h] and (toks.folded[h] in lex.orghead or toks.raw[h].isupper()):
            org = Cand(h, place, toks.starts[h], toks.ends[place], how="caps")
            out.append(org)  # classified with the other runs: an orghead opens an organisation
    return out


def split_headline_people(
    text: str, toks: Tokens, lex: Lexicon, found: list[Span], starts: set[int]
) -> list[Span]:  # fmt: skip
    """Tagger person spans in Title Case headlines ("Video: Senyum Nikita Mirzani Saat ...") cut at common words.

    Where every word is capitalised the capitals say nothing, and the tagger runs
    a verb or a noun into the names around it ("Sule Sebut Rizky Febian").  A
    headline has no comma and no closing full stop: a list of names ("Tri
    Haryono, Sri Maryani, ...") is left alone.
    """
    out: list[Span] = []
    bounds = sorted(starts | {0, len(toks)})
    for sp in found:
        if sp.label != "PER" or sp.last == sp.first or not _headline(text, toks, bounds, sp.first):
            out.append(sp)
            continue
        part: int | None = None
        for k in range(sp.first, sp.last + 2):
            common = k <= sp.last and lex.is_word(toks.folded[k])
            if k <= sp.last and not common:
                part = k if part is None else part
            elif part is not None:
                out.append(Span(part, k - 1, sp.label))
                part = None
    return out


def _headline(text: str, toks: Tokens, bounds: list[int], i: int) -> bool:
    """The sentence (or line) holding token i has four words or more, nearly all capitalised, and no comma or full stop."""
    k = bisect.bisect_right(bounds, i)
    lo, hi = bounds[k - 1], bounds[k]
    words = [t for t in toks.raw[lo:hi] if t[0].isalpha()]
    if len(words) < 4 or sum(is_cap(t) for t in words) < 0.8 * len(words):
        return False
    line = text[toks.starts[lo] : toks.ends[hi - 1] + 1]
    return "," not in line and not line.rstrip().endswith(".")
