"""The gold scorer: matching on aliases, symmetric and optional facts, qualifiers."""

from __future__ import annotations

from kg.eval import Score, score_document
from kg.graph.model import Entity, Fact

META = Entity("org:meta", "Organization", "Meta", ("메타",))
SCALE = Entity("org:scale-ai", "Organization", "Scale AI", ("스케일AI",))
MERCOR = Entity("org:mercor", "Organization", "Mercor")
OPENAI = Entity("org:openai", "Organization", "OpenAI")

GOLD = {
    "doc": "d.txt", "lang": "ko",
    "entities": {"Scale AI": ["스케일AI", "Scale"], "Meta": ["메타"]},
    "facts": [
        {"subject": "Meta", "relation": "INVESTED_IN", "object": "Scale AI",
         "amount": 14300000000, "currency": "USD", "date": "2025-06",
         "amount_alt": [20000000000000, "KRW"]},
        {"subject": "Scale AI", "relation": "COMPETES_WITH", "object": "Mercor"},
        {"subject": "Scale AI", "relation": "VENDOR_TO", "object": ["OpenAI", "Meta"],
         "optional": True},
        {"subject": "Scale AI", "relation": "LAID_OFF", "object": "Scale AI", "count": 200},
    ],
}


def fact(relation: str, s: Entity, o: Entity, **q: object) -> Fact:
    return Fact(id="x", relation=relation, subject=s, object=o, qualifiers=dict(q))


def test_scoring_counts_tp_fp_fn_and_ignores_optional() -> None:
    score = Score()
    score_document(GOLD, [
        fact("INVESTED_IN", META, SCALE, amount=2.0e13, currency="KRW", date="2025-06-12"),
        fact("COMPETES_WITH", MERCOR, SCALE),          # symmetric: either order
        fact("VENDOR_TO", SCALE, OPENAI),              # optional: not counted
        fact("HIRED_FROM", META, OPENAI),              # not in gold: false positive
    ], score)
    p, r, f, tp, fp, fn = score.prf()
    assert (tp, fp, fn) == (2, 1, 1)
    assert score.prf("COMPETES_WITH")[3] == 1 and score.prf("LAID_OFF")[5] == 1
    # amount in the alternative currency is accepted; a day-precise date matches a month
    assert score.qual_ok == score.qual_total == 2


def test_qualifier_mismatches_are_reported() -> None:
    score = Score()
    score_document(GOLD, [fact("INVESTED_IN", META, SCALE, amount=1e9, currency="USD",
                               date="2025"),
                          fact("LAID_OFF", SCALE, SCALE, count=200)], score)
    assert (score.qual_ok, score.qual_total) == (1, 3)
    assert len(score.qualifier_misses) == 2


def test_qualifier_accuracy_is_split_into_normalized_and_free_text() -> None:
    gold = {"doc": "p.txt", "lang": "en", "entities": {},
            "facts": [{"subject": "Meta", "relation": "HIRED", "object": "Scale AI",
                       "date": "2025-06", "role": "head of the superintelligence lab"}]}
    score = Score()
    score_document(gold, [fact("HIRED", META, SCALE, date="2025-06-12", role="CEO")], score)
    # the date is right, the free-text role is not: each counted in its own kind
    assert score.qualifier_kind(True) == (1.0, 1, 1)
    assert score.qualifier_kind(False) == (0.0, 0, 1)
    assert score.qual_by_key == {"date": {"checked": 1, "ok": 1}, "role": {"checked": 1}}
    assert (score.qual_ok, score.qual_total) == (1, 2)
