"""Rule-based extraction of corporate-relationship facts from Korean news.

Each sentence is read for entity mentions (``korean_mentions``), split into
clauses at connective endings, and scanned for trigger words of the 13
relations (``data/ko_lexicon.json``, rules in ``korean_rules``). The roles of
the mentions around a trigger come from the particles that mark them: 이/가
and 은/는 the agent, 을/를 the patient, 에/에게 the goal, 에서/로부터 the
source, 와/과 the partner. A subject Korean drops is carried over from the
previous sentence's topic. Rumours, plans, denials and conditionals are
filtered per trigger.
"""

from __future__ import annotations

from kg.graph.model import ORGANIZATION, Claim, Document
from kg.graph.registry import Registry
from kg.loaders import normalize
from kg.loaders.korean_mentions import Mention, MentionFinder, Token, lexicon, tokenize
from kg.loaders.korean_rules import EXTRACTOR, Sentence, SentenceRules

__all__ = ["EXTRACTOR", "extract"]


def _clauses(text: str, tokens: list[Token], mentions: list[Mention]) -> list[tuple[int, int]]:
    """Clause spans: cut after connective endings and after commas that end a clause."""
    breaks = set(lexicon()["clause_breaks"])
    cuts: list[int] = []
    for i, t in enumerate(tokens):
        if t.tag == "EC" and t.form in breaks:
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            # "하고 있다" is one predicate, not two clauses
            if t.form == "고" and nxt is not None and nxt.form in ("있", "계시", "싶", "나"):
                continue
            cuts.append(t.end)
        elif t.tag == "SP" and t.form == ",":
            inside_group = any(
                a.group == b.group and a.end <= t.start < b.start
                for a, b in zip(mentions, mentions[1:], strict=False)
            )
            if not inside_group:
                cuts.append(t.end)
    bounds = [0, *sorted(set(cuts)), len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def extract(document: Document, registry: Registry) -> list[Claim]:
    """Claims read from a Korean document's sentences."""
    finder = MentionFinder(registry)
    rules = SentenceRules(registry, document.published)
    claims: list[Claim] = []
    for text in document.sentences:
        if not text.strip():
            continue
        mentions = [m for m in finder.find(text) if not finder.is_media(m)]
        tokens = tokenize(text)
        sent = Sentence(
            text=text,
            mentions=mentions,
            tokens=tokens,
            clauses=_clauses(text, tokens, mentions),
            dates=normalize.find_dates(text, document.published),
            money=normalize.find_money(text),
            counts=normalize.find_counts(text),
            percents=normalize.find_percents(text),
        )
        claims.extend(rules.apply(sent, finder.state))
        topic = _topic(mentions)
        if topic is not None:
            finder.state.topic = topic
    rules.deals.fill(claims)
    return _merge(claims)


def _topic(mentions: list[Mention]) -> Mention | None:
    """The organization a sentence is about: its topic (은/는), else its first agent."""
    orgs = [m for m in mentions if m.type == ORGANIZATION]
    for particles in (("은", "는"), ("이", "가")):
        for m in orgs:
            if m.particle in particles:
                return m
    return None


def _merge(claims: list[Claim]) -> list[Claim]:
    """One claim per (subject, relation, object): later sentences fill missing qualifiers."""
    out: dict[tuple[str, str, str], Claim] = {}
    for c in claims:
        key = (c.subject.id or c.subject.name, c.relation, c.object.id or c.object.name)
        if c.relation in ("PARTNERED_WITH", "COMPETES_WITH"):
            key = (min(key[0], key[2]), c.relation, max(key[0], key[2]))
        have = out.get(key)
        if have is None:
            out[key] = c
            continue
        money = ("amount", "currency", "amount_alt", "currency_alt")
        # a sum given in two currencies says more than one given in one; the keys go together
        if "amount" in c.qualifiers and (
            "amount" not in have.qualifiers
            or ("amount_alt" in c.qualifiers and "amount_alt" not in have.qualifiers)
        ):
            for k in money:
                have.qualifiers.pop(k, None)
                if k in c.qualifiers:
                    have.qualifiers[k] = c.qualifiers[k]
        for k, v in c.qualifiers.items():
            if k not in money:
                have.qualifiers.setdefault(k, v)
        have.confidence = max(have.confidence, c.confidence)
    return list(out.values())
