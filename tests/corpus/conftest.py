"""Seed articles as the per-article stages will deliver them, built by hand.

Texts are the seed files (lines shorter than 40 characters, i.e. page furniture,
dropped); metadata, mentions, dates and events mirror what the meta, entity,
time and event stages produce (see shared/gold/seeds.json), so the corpus steps
can be tested before those stages exist.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from warta.model import Article, Entity, Event, Mention, TimeExpr
from warta.store import Store

SEEDS = Path(__file__).resolve().parents[2] / "examples" / "seeds"

META = {  # file prefix: (outlet, title, published, wire sources, url)
    "000": ("Bisnis.com", "Putin Berjanji Perluas Hubungan Bilateral Rusia - Korea Utara", "2022-08-15", ["Bloomberg"],
            "https://kabar24.bisnis.com/read/20220815/19/1567185/putin-berjanji-perluas-hubungan"),
    "001": ("Republika", "Kremlin: Rusia Kian Perkuat Hubungan dengan Korut", "2024-01-18T08:25:00+07:00", ["Reuters"],
            "https://internasional.republika.co.id/berita/s7gcb6-kremlin-rusia-kian-perkuat-hubungan"),
    "002": ("SINDOnews", "Putin: Rusia dan Korut Akan Hadapi Sanksi Barat Bersama", "2024-06-18", [],
            "https://international.sindonews.com/read/1393855/40/putin-rusia-dan-korut-akan-hadapi-sanksi"),
    "003": ("Republika", "Putin Janjikan Perluas Hubungan dengan Korea Utara", "2022-08-15T09:15:00+07:00", ["Reuters"],
            "https://internasional.republika.co.id/berita/rgnqfl-putin-janjikan-perluas-hubungan"),
    "004": ("Medcom", None, "2024-06-18T13:51:00+07:00", [],
            "https://www.medcom.id/internasional/asia/putin-puji-korut-tegas-dukung-perang"),
}

GAZETTEER = {  # surface -> (entity id, name, label)
    "Vladimir Putin": ("Q7747", "Vladimir Putin", "PER"), "Putin": ("Q7747", "Vladimir Putin", "PER"),
    "Kim Jong-un": ("Q56226", "Kim Jong-un", "PER"), "Kim Jong Un": ("Q56226", "Kim Jong-un", "PER"),
    "Kim Jong-Un": ("Q56226", "Kim Jong-un", "PER"), "Kim": ("Q56226", "Kim Jong-un", "PER"),
    "Korea Utara": ("Q423", "North Korea", "GPE"), "Korut": ("Q423", "North Korea", "GPE"),
    "Pyongyang": ("Q423", "North Korea", "GPE"), "DPRK": ("Q423", "North Korea", "GPE"),
    "Rusia": ("Q159", "Russia", "GPE"), "Moskow": ("Q159", "Russia", "GPE"), "Kremlin": ("Q159", "Russia", "GPE"),
    "Ukraina": ("Q212", "Ukraine", "GPE"), "Kyiv": ("Q212", "Ukraine", "GPE"),
    "Amerika Serikat": ("Q30", "United States", "GPE"), "AS": ("Q30", "United States", "GPE"),
    "Washington": ("Q30", "United States", "GPE"), "China": ("Q148", "China", "GPE"),
    "Jepang": ("Q17", "Japan", "GPE"), "PBB": ("Q1065", "United Nations", "ORG"),
    "Dmitry Peskov": ("warta:person:dmitry-peskov", "Dmitry Peskov", "PER"),
    "Peskov": ("warta:person:dmitry-peskov", "Dmitry Peskov", "PER"),
    "Choe Son-hui": ("warta:person:choe-son-hui", "Choe Son-hui", "PER"),
    "Choe Son Hui": ("warta:person:choe-son-hui", "Choe Son-hui", "PER"),
}
_SURFACE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, GAZETTEER), key=len, reverse=True)) + r")\b")
_DMY = re.compile(r"\((\d{1,2})/(\d{1,2})/(\d{4})\)")

# file prefix: (a phrase in the evidence sentence, type, source, target, date, precision, background)
EVENTS = {
    "000": [("mengirim pesan ucapan selamat", "COOPERATE", "Q7747", "Q423", "2022-08-15", "day", False),
            ("invasi Rusia ke Ukraina pada Februari", "ASSAULT", "Q159", "Q212", "2022-02", "month", True),
            ("memveto resolusi", "REJECT", "Q148", "Q30", "2022-05", "month", True)],
    "001": [("memuji hubungan dekat", "CONSULT", "warta:person:choe-son-hui", "Q7747", "2024-01-16", "day", False),
            ("mengembangkan hubungan dengan Korea Utara (Korut) di semua", "COOPERATE", "Q159", "Q423",
             "2024-01-17", "day", False),
            ("mengirimkan pasukan ke Ukraina pada 2022", "ASSAULT", "Q159", "Q212", "2022", "year", True)],
    "002": [("berterima kasih kepada Korea Utara", "SUPPORT", "Q7747", "Q423", "2024-06-18", "day", False),
            ("veto Rusia di PBB", "REJECT", "Q159", "Q1065", "2024-03", "month", True)],
    "003": [("mengirimkan surat kepada kepada pemimpin", "COOPERATE", "Q7747", "Q423", "2022-08-15", "day", False)],
    "004": [("memuji Korea Utara", "SUPPORT", "Q7747", "Q423", "2024-06-18", "day", False),
            ("hak veto PBB di bulan Maret", "REJECT", "Q159", "Q1065", "2024-03", "month", True),
            ("invasi Rusia ke Ukraina tahun 2022", "ASSAULT", "Q159", "Q212", "2022", "year", True)],
}


def body(path: Path) -> str:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    return "\n\n".join(ln for ln in lines if len(ln) >= 40)


def _sentence(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    start = max(text.rfind(". ", 0, i) + 2, text.rfind("\n", 0, i) + 1, 0)
    ends = [e for e in (text.find(". ", i), text.find("\n", i)) if e != -1]
    return start, (min(ends) + 1 if ends else len(text))


def seed(prefix: str, annotate: bool = True) -> Article:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    outlet, title, published, wires, url = META[prefix]
    text = body(path)
    a = Article(id=path.stem.split("_")[1], input_id=path.name, raw=path.read_text(encoding="utf-8"),
                outlet=outlet, title=title, published=published, wire_sources=list(wires), url=url, text=text)
    if not annotate:
        return a
    for m in _SURFACE.finditer(text):
        eid, name, label = GAZETTEER[m.group()]
        a.mentions.append(Mention(m.start(), m.end(), m.group(), label, entity=eid))
        a.entities[eid] = Entity(eid, name, "person" if label == "PER" else "country")
    for m in _DMY.finditer(text):
        d, mo, y = (int(g) for g in m.groups())
        a.times.append(TimeExpr(m.start(), m.end(), m.group(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}", "day"))
    for phrase, typ, src, tgt, date, prec, bg in EVENTS[prefix]:
        s, e = _sentence(text, phrase)
        a.events.append(Event(typ, s, e, source=src, target=tgt, date=date, precision=prec, background=bg))
    return a


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(str(tmp_path / "t.db"))
    yield s
    s.close()


@pytest.fixture
def seeds() -> Callable[..., dict[str, Article]]:
    def build(annotate: bool = True) -> dict[str, Article]:
        return {p: seed(p, annotate) for p in sorted(META)}

    return build
