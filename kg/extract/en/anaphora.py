"""Anaphora in English sentences: pronouns and definite descriptions resolved to entities seen.

"the company", "the ChatGPT maker", "its", "he": each resolved to an organization
or person named before in the sentence or the document. Mixed into
``MentionFinder`` (kg.extract.en.mentions), whose memory it reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from kg.graph.model import ORGANIZATION, PERSON
from kg.graph.registry import fold

# words that end a description's modifiers: they join phrases, not modify a noun
_NOT_MODIFIER = r"(?:of|the|a|an|and|or|in|at|for|to|with|from|by|on|its|their|his|her|as)"
_HIRE_BEFORE = re.compile(r"\b(?:hire|hired|hires|hiring|bring on|brings on|bringing on|brought on|"
                          r"poach|poached|poaches|poaching|recruit|recruited|recruits|recruiting|"
                          r"lure|lured|lures|luring)\s+$")


@dataclass
class Entity:
    """An entity known in the current document."""

    name: str
    type: str
    id: str | None = None
    media: bool = False
    nouns: set[str] = field(default_factory=set)  # "startup", "firm": for "the startup"

    @property
    def key(self) -> str:
        return self.id or f"{self.type}:{fold(self.name)}"


@dataclass
class Mention:
    """A span of one sentence that refers to an entity."""

    start: int
    end: int
    text: str
    entity: Entity
    source: str  # "registry", "discovered" or "anaphora"
    pronoun: bool = False  # possessive/personal pronouns and descriptions

    @property
    def code(self) -> str:
        """Token letter used in masked sentences (see english_rules)."""
        if self.entity.media:
            return "M"
        letter = "O" if self.entity.type == ORGANIZATION else "P"
        return letter.lower() if self.source == "anaphora" else letter


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


# Between an organization and "its" in "X, one of its backers".
_PART_OF_APPOSITION = re.compile(
    r"\s*,\s*(?:(?:one|some|many|each|all|most|several|two|three|four)\s+of|among)\s+")
# Between a clause's subject and an object description in that clause: a verb right after the
# subject, its auxiliaries and adverbs allowed ("X also acquired the company"; not "X CEO Y
# believes ..."), then words, but no clause boundary or report.
_SAME_CLAUSE = re.compile(
    r"(?=\s+(?:(?:also|still|already|now|then|later|recently|previously|reportedly|[a-z]+ly|has|have|had|"
    r"will|would|could|can|may|might|must|should|did|does|do|is|was|are|were|agreed\s+to|plans\s+to|"
    r"wants\s+to|is\s+set\s+to)\s+)*(?!(?:and|or|of|in|on|at|for|to|the|a|an|said|says|say)\b)[a-z]{2,}\b)"
    r"(?!.*\b(?:and|but|or|while|whereas|which|who|whom|that|said|says|say|told|according|"
    r"after|before|when|because|as|since|if|than)\b)[^;:()\u2013\u2014\"]*?\s", re.S)
# A subject and its copula right before "its": "X is its largest customer".
# "X and Y are among its customers": a part of the possessor's kind.
_COPULA_AFTER_SUBJECT = re.compile(r"\s+(?:(?:also|now|still|already)\s+)*"
                                   r"(?:is|are|was|were|remains|remained|became|becomes)\s+(?:(?:also|now|still)\s+)?"
                                   r"(?:(?:one|some|many|each|all|most|several|two|three|four)\s+of\s+|among\s+)?")
# A copula right before a description makes it the subject itself ("X is the company behind Y").
_COPULA_BEFORE = re.compile(r"\b(?:is|was|are|were|be|been|becomes?|became|remains?|remained)\s+"
                            r"(?:(?:now|also|still|already)\s+)?$")
# Between two subjects joined in coordination: "X and Y acquired the company".
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")


def _with(named: list[Mention], resolved: list[Mention]) -> list[Mention]:
    """Names and the descriptions already resolved, in order: "The chip giant ... at the
    company" and "..., the startup said it ...": a resolved description is an antecedent too."""
    return sorted(named + [m for m in resolved if m.text.lower() not in ("it", "its")], key=lambda m: m.start)


PRONOUN_WINDOW = 3  # sentences a personal pronoun may reach back


class AnaphoraResolver:
    """Anaphora resolution; expects ``registry``, ``lex`` and ``memory``."""

    registry: Any
    lex: Any
    memory: Any
    speaker_org: Any
    addressee_org: Any
    chain_org: Any

    # -- anaphora -------------------------------------------------------
    def anaphora(self, sentence: str, named: list[Mention]) -> list[Mention]:
        """Pronouns and definite descriptions, resolved to entities already seen."""
        lex = self.lex
        taken = [(m.start, m.end) for m in named]
        out: list[Mention] = []
        # "the ChatGPT maker", "the Claude-owner's office": the maker of a known product.
        maker_re = r"\b[Tt]he\s+([A-Z][\w.]*)[- ](?:maker|owner|creator|developer|parent)\b"
        for m in re.finditer(maker_re, sentence):
            maker = self.registry.products.get(fold(m.group(1)))
            ent = self.registry.get(maker) if maker else None
            if ent is None or _overlaps(taken, m.start(), m.end()):
                continue
            entity = self.memory.remember(m.group(0), Entity(ent.name, ent.type, ent.id))
            out.append(Mention(m.start(), m.end(), m.group(0), entity, "anaphora", True))
            taken.append((m.start(), m.end()))
        nouns = "|".join(map(re.escape, lex.anaphora_org_nouns))
        # the modifiers are words of one noun phrase: "the CEO of the company" is a person,
        # not a description of the company ("of", "the" never modify its noun)
        # a modifier is a word or an amount ("the $2 billion startup")
        modifier = r"(?:\$?\d[\d.,]*|[\w-]+)"
        desc = re.compile(rf"\b[Tt]he\s+((?:(?!{_NOT_MODIFIER}\b){modifier}\s+){{0,4}}?)({nouns})\b"
                          # "the cloud platform Zeta": a title of the name after it, no description
                          r"(?!\s+(?:of|that|which|who)\b|\s+(?!(?:I|On|In|At|Monday|Tuesday|Wednesday|Thursday|"
                          r"Friday|Saturday|Sunday)\b)[A-Z][\w-]*[a-z])")
        for m in desc.finditer(sentence):
            if _overlaps(taken, m.start(), m.end()):
                continue
            mods = m.group(1).split()
            if any(w in ("other", "same", "new", "two", "first", "largest", "biggest", "only")
                   for w in mods):
                continue
            target = self._org_antecedent(sentence, m.start(), _with(named, out), m.group(2).lower(),
                                          big=m.group(2).lower() == "giant")
            if target:
                out.append(Mention(m.start(), m.end(), m.group(0), target, "anaphora", True))
        for m in re.finditer(r"\b(?:its|Its|it|It)\b(?!['’]s\s+(?:been|not)\b)", sentence):
            if _overlaps(taken, m.start(), m.end()) or _overlaps([(a.start, a.end) for a in out],
                                                               m.start(), m.end()):
                continue
            target = self._org_antecedent(sentence, m.start(), _with(named, out), None, pronoun=True)
            if target:
                out.append(Mention(m.start(), m.end(), m.group(0), target, "anaphora", True))
        speaker = self.speaker_org or (self.addressee_org if re.match(r"\s*Q:\s", sentence) else None)
        first_person = r"\b(?:we|We|our|Our|us)\b" if self.speaker_org else r"\b(?:you|You|your|Your)\b"
        for m in re.finditer(first_person, sentence) if speaker is not None else ():
            # An interview's answers ("A: ... we hired X"): "we" is the interviewee's company.
            if not _overlaps(taken, m.start(), m.end()):
                out.append(Mention(m.start(), m.end(), m.group(0), speaker, "anaphora", True))
        for m in re.finditer(r"\b(?:he|she|He|She|his|her|His|Her|him)\b", sentence):
            if _overlaps(taken, m.start(), m.end()):
                continue
            target = self._person_antecedent(sentence, m.start(), named)
            if target:
                out.append(Mention(m.start(), m.end(), m.group(0), target, "anaphora", True))
        return out

    def _org_antecedent(self, sentence: str, pos: int, named: list[Mention], noun: str | None,
                        pronoun: bool = False, big: bool = False) -> Entity | None:
        # "X, its drone unit": the pronoun of an apposition is not the name it describes.
        # "X, a lab inside the company": nor is the description inside it.
        appositive = {m.entity.key for m in named if m.end <= pos and (
            ((pronoun or re.match(r"[Tt]he\s+(?:[\w-]+\s+){0,3}?[\w-]+'s\s", sentence[pos:]))
             and re.fullmatch(r"\s*,\s*", sentence[m.end:pos]))
            # "Globex, one of its backers": the apposition's "its" is another organization's
            or (pronoun and _PART_OF_APPOSITION.fullmatch(sentence[m.end:pos]))
            or re.fullmatch(r",\s+(?:a|an|the)\s+[^,;⟨⟩]{0,40}?\b(?:of|inside|within|at|in)\s+",
                            sentence[m.end:pos]))}
        named = [m for m in named if m.entity.key not in appositive and (
            m.entity.type != ORGANIZATION or self._fits(m.entity, noun))]
        if noun and not pronoun:
            # "After X bought the company, ...": a description is not the subject of its own
            # clause (that would be "itself"), so an organization that opens the clause is out.
            orgs = [m for m in named if m.end <= pos and m.entity.type == ORGANIZATION]
            bound = {m.entity.key for m in orgs if _SAME_CLAUSE.fullmatch(sentence[m.end:pos])} \
                if not _COPULA_BEFORE.search(sentence[:pos]) else set()
            for a, b in reversed(list(zip(orgs, orgs[1:], strict=False))):
                if b.entity.key in bound and _COORDINATED.fullmatch(sentence[a.end:b.start]):
                    bound.add(a.entity.key)
            if bound:
                named = [m for m in named if m.entity.key not in bound]
                if not any(m.start < pos and m.entity.type == ORGANIZATION and not m.entity.media
                           for m in named):
                    chain = self.chain_org
                    if chain is not None and chain.key not in bound and self._fits(chain, noun):
                        return chain
                    return self.memory.topic(exclude=bound, fits=lambda e: self._fits(e, noun))
        here = [m.entity for m in named if m.start < pos and m.entity.type == ORGANIZATION
                and not m.entity.media]
        if big:
            # "the search giant": a big company, not the startup next to it.
            giants = [e for e in here if self.registry.kinds.get(e.id or "") in self.lex.big_kinds]
            if giants:
                return giants[0]
            if not here:
                ranked = [e for e in self.memory.entities.values()
                          if self.registry.kinds.get(e.id or "") in self.lex.big_kinds]
                if ranked:
                    return max(ranked, key=lambda e: self.memory.counts[e.key])
        if pronoun and re.match(r"\s*(?:Unlike|Like|Just like|Compared (?:with|to)|Similar to)\s+$",
                                sentence[:pos]):
            # "Unlike its rival, X (...), Y has ...": "its" is the main clause's subject, Y.
            for m in named:
                if m.start > pos and m.entity.type == ORGANIZATION and not m.entity.media and \
                        sentence.count("(", 0, m.start) == sentence.count(")", 0, m.start) and \
                        re.match(r"\s+(?:has|have|had|is|was|are|were|says|said|[a-z]+ed|[a-z]+s)\b",
                                 sentence[m.end:]):
                    return m.entity
        subject = [m.entity for m in named if m.end <= pos and m.entity.type == ORGANIZATION
                   and _COPULA_AFTER_SUBJECT.fullmatch(sentence[m.end:pos])]
        if pronoun and subject:
            # "X is its largest customer": a possessive after the copula is not the subject's,
            # nor, of "X and Y are among its customers", any of the coordinated subjects'.
            orgs = [m for m in named if m.end <= pos and m.entity.type == ORGANIZATION]
            last = next(i for i, m in reversed(list(enumerate(orgs))) if m.entity.key == subject[-1].key)
            first = last
            while first > 0 and _COORDINATED.fullmatch(sentence[orgs[first - 1].end:orgs[first].start]):
                first -= 1
            subjects = {m.entity.key for m in orgs[first:last + 1]}
            chain = self.chain_org
            if chain is not None and chain.key not in subjects:
                return chain
            return self.memory.topic(exclude=subjects)
        if pronoun and len(here) > 1 and _HIRE_BEFORE.search(sentence[:pos]):
            # "X hired its CEO": the hirer's own people are not hired, so "its"
            # is the other organization (the latest one named).
            return here[-1]
        if pronoun:
            # "its" belongs to the subject of its own clause (text after the last comma).
            paren = sentence.rfind("(", 0, pos)
            comma = sentence.rfind(", ", 0, pos)
            # "(and its own X)" with no organization inside: the subject of the clause
            # before the parenthesis, not the name the parenthesis describes.
            clauses = [max(comma, paren)] + ([comma] if paren > comma else [])
            for clause_start in clauses:
                in_clause = [m.entity for m in named if clause_start < m.start < pos
                             and m.entity.type == ORGANIZATION and not m.entity.media
                             and not (clause_start != clauses[0]
                                      and not sentence[m.end:paren].strip())]
                if in_clause:
                    return in_clause[0]
        if noun in ("startup", "start-up", "lab", "venture"):
            for m in reversed(named):
                if m.start < pos and noun in m.entity.nouns and not m.entity.media:
                    return m.entity
            # "X's stake in Initech gives it the startup's chips": a startup named before
            # in the sentence, known as one by its kind, before a startup named long ago
            kinds = self.lex.anaphora_noun_kinds.get(noun, ())
            for m in reversed(named):
                if m.start < pos and m.entity.type == ORGANIZATION and not m.entity.media and \
                        self.registry.kinds.get(m.entity.id or "") in kinds:
                    return m.entity
            return self.memory.topic(noun=noun, fits=lambda e: self._fits(e, noun))
        if here and noun and re.search(r"[,;]\s+(?:and|but|while|where)\s+$", sentence[:pos]) and all(
                re.search(r"\b(?:in|at|for|by|with|from|on|into)\s+(?:the\s+)?$", sentence[:m.start])
                for m in named if m.start < pos and m.entity in here):
            # "Its arms are used in X centers, and the company raised ...": a new
            # clause's subject is not an organization named after a preposition.
            topic = self.memory.topic()
            if topic is not None and topic not in here:
                return topic
        if here and noun and re.search(r"\b(?:with|from|against)\s+$", sentence[:pos]):
            # "X cut ties with the company": a description after a preposition is not
            # the subject of its own clause.
            same = {m.entity.key for m in named if m.start < pos and "," not in sentence[m.end:pos]}
            topic = self.memory.topic(exclude=same)
            if same and topic is not None and all(e.key in same for e in here):
                return topic
        if here:
            return here[0]
        if not pronoun and self.chain_org is not None and self._fits(self.chain_org, noun):
            return self.chain_org
        if pronoun and self.memory.prev_orgs:
            # "Founded by X, a former lead at Google, Meta ..., SurgeAI runs ... It converts
            # ...": "it" continues the subject of the sentence before, not its first name
            chain = self.chain_org
            if chain is not None and any(e.key == chain.key for e in self.memory.prev_orgs):
                return chain
            return self.memory.prev_orgs[0]
        return self.memory.topic(fits=lambda e: self._fits(e, noun))

    def _fits(self, entity: Entity, noun: str | None) -> bool:
        """Whether a description's noun may name the organization: by its registry kind
        (lexicon ``anaphora_noun_kinds``); one of no known kind fits any noun."""
        kinds = self.lex.anaphora_noun_kinds.get(noun or "")
        kind = self.registry.kinds.get(entity.id or "", "")
        return not kinds or not kind or kind in kinds

    def _person_antecedent(self, sentence: str, pos: int, named: list[Mention]) -> Entity | None:
        here = [m.entity for m in named if m.start < pos and m.entity.type == PERSON]
        if here:
            return here[-1]
        # "he" reaches back a few sentences at most: a paragraph, not the whole story
        recent = self.memory.recent_people(PRONOUN_WINDOW)
        return recent[0] if recent else None

