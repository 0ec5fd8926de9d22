"""warta.nlp.claims: the seed reference's claims (shared/gold/seeds.json "claims"), who
asserts and who denies them, and a sentence that goes on with an allegation."""

from __future__ import annotations

from warta.model import Article
from warta.nlp.claims import Actors, find_claims
from warta.nlp.events import events_factory
from warta.nlp.quotes import quotes_factory

try:
    from tests.nlp import qe_seeds as seeds
except ImportError:  # pragma: no cover - tests/nlp is not a package
    import qe_seeds as seeds  # type: ignore[no-redef]

QUOTES, EVENTS = quotes_factory(), events_factory()


def test_claims_every_seed_claim_is_found_with_its_asserters_and_deniers() -> None:
    seeds.needs_gold()
    for ref in seeds.gold()["claims"]:
        asserters, deniers = set(), set()
        for seed in ref["files"]:
            art = EVENTS(QUOTES(seeds.seed_article(seed)))
            found = [c for c in art.claims if c.asserted_by]
            assert found, (seed, ref["claim"])
            for name in ref["asserted_by"] + ref.get("denied_by", []):
                if any(seeds.same_entity(art, i, name) for c in found for i in c.asserted_by):
                    asserters.add(name)
                if any(seeds.same_entity(art, i, name) for c in found for i in c.denied_by):
                    deniers.add(name)
        # the named asserters ("United States", "South Korea", ...) and every denier
        named = [n for n in ref["asserted_by"] if n not in ("United States and allies",)]
        assert set(named) <= asserters, (ref["claim"], asserters)
        assert set(ref.get("denied_by", [])) <= deniers, (ref["claim"], deniers)


def _article(text: str, actors: dict[str, str]) -> Article:
    return seeds.made_article(text, actors, published="2024-06-18")


def test_claims_next_sentence_goes_on_with_the_allegation_and_the_denial_answers_the_first() -> None:
    # real lines (seed 004)
    art = _article(
        "Di sisi lain, Seoul dan Kyiv kemudian mengklaim bahwa Korut mengirimkan senjata ke Rusia. "
        "Hal tersebut melanggar serangkaian sanksi PBB dengan imbalan bantuan teknis. "
        "Namun, Korut membantah dan menyebut klaim tersebut tidak masuk akal.",
        {
            "Seoul": "country",
            "Kyiv": "country",
            "Korut": "country",
            "Rusia": "country",
            "PBB": "organization",
        },
    )
    claims = find_claims(art, Actors(art), [])
    assert [(c.text.split()[0], c.asserted_by, c.denied_by) for c in claims] == [
        ("Korut", ["Seoul", "Kyiv"], ["Korut"]),
        ("melanggar", ["Seoul", "Kyiv"], []),
    ]
    art.claims = claims
    accused = {e.target for e in EVENTS(art).events if e.type == "ACCUSE"}
    assert accused == {"Korut"}  # the proposition without a subject accuses no one of its own
