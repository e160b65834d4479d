"""Every rule of both rule files, run on its own examples and counter-examples.

Each example is read by the real extraction (``kg.extract`` with the shipped
registry, every stage on) as a one-sentence document (after its context
sentences, if it has any): the triples it expects must come out, those of the
rule's relation named as read by that rule. A counter-example must yield no
claim of the rule's relation from that rule with the counter-example as its evidence.
"""

from __future__ import annotations

import pytest

from kg.extract import extract
from kg.extract.rulebook import LANGS, Rule, load_rules, tag
from kg.graph.model import RELATIONS, Claim, Document


def _ruleset(lang: str) -> str:
    if lang == "en":
        from kg.extract.en.extractor import EXTRACTOR
    else:
        from kg.extract.ko.base import EXTRACTOR
    return EXTRACTOR


def _cases(kind: str) -> list:
    out = []
    for lang in LANGS:
        for rule in load_rules(lang):
            items = rule.examples if kind == "example" else rule.counter_examples
            for i, item in enumerate(items, 1):
                out.append(pytest.param(rule, item, id=f"{rule.name}-{kind}{i}"))
    return out


def _read(rule: Rule, text: str, context: tuple[str, ...]) -> list[Claim]:
    sentences = (*context, text)
    doc = Document(id="example", path="example.txt", text=" ".join(sentences), lang=rule.lang,
                   published="2026-03-02", published_source="flag", sentences=sentences)
    return extract(doc)


def _same(claim: Claim, triple: tuple[str, str, str]) -> bool:
    subject, relation, obj = triple
    if claim.relation != relation:
        return False
    names = (claim.subject.name, claim.object.name)
    return names == (subject, obj) or (RELATIONS[relation].symmetric and names == (obj, subject))


@pytest.mark.parametrize(("rule", "example"), _cases("example"))
def test_an_example_yields_its_triples_from_its_rule(rule, example) -> None:
    claims = _read(rule, example.text, example.context)
    got = sorted(f"{c.subject.name} {c.relation} {c.object.name} [{c.extractor}]" for c in claims)
    want = tag(_ruleset(rule.lang), rule.name)
    for triple in example.expect:
        found = [c for c in claims if _same(c, triple)]
        assert found, f"{triple} not read from {example.text!r}; got {got}"
        # a noun frame reads the relation its noun gives: every triple is the rule's
        if triple[1] == rule.relation or rule.option("noun_frame"):
            assert any(c.extractor == want for c in found), \
                f"{triple} read by another rule than {rule.name}; got {got}"


@pytest.mark.parametrize(("rule", "counter"), _cases("counter"))
def test_a_counter_example_yields_nothing_from_its_rule(rule, counter) -> None:
    claims = _read(rule, counter.text, counter.context)
    want = tag(_ruleset(rule.lang), rule.name)
    # read from the counter-example itself: its context sentences may state the fact truly
    wrong = [f"{c.subject.name} {c.relation} {c.object.name}" for c in claims
             if c.relation == rule.relation and c.extractor == want and c.evidence == counter.text]
    assert not wrong, f"{rule.name} read {wrong} from {counter.text!r} ({counter.why})"
