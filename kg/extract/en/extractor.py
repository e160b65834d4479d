"""The English rule extractor: sentences -> mentions -> relation claims.

Registered as ``kg.extract.en.extractor:extract``. Mentions come from
``english_mentions`` (registry aliases, discovered names, anaphora), relation
patterns from the rule file ``data/rules.json`` via ``kg.extract.en.rules``, and
qualifiers from ``kg.loaders.normalize``. Each claim names the rule that read it
(``kg.rules.en.v1#en.acquired.verb``); what is not a pattern (titles in
parentheses, facts derived from a hire) has a rule entry of its own. Rumours,
plans, denials and conditionals are dropped; what a pattern derives (a hire from a named
employer implies a departure and a talent transfer) is added here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from kg.extract.document import enabled
from kg.extract.en import document as _doc
from kg.extract.en.document import (
    _DEFAULT_DATE,
    _KEPT_ON_A_HIRE,
    _STAYING_TITLES,
    _Context,
    _Fact,
    document_qualifiers,
    founding_years,
    group_leavings,
)
from kg.extract.en.lexicon import Lexicon, load_lexicon
from kg.extract.en.mentions import Entity, Mention, MentionFinder
from kg.extract.en.rules import RuleMatch, Rules, mask
from kg.extract.en.sentence import SentenceRules, money_windows
from kg.extract.en.simplify import simplified
from kg.extract.en.subjects import clause_subject, org_at, titled_people
from kg.extract.en.text import (
    _inside_money,
    _iso_ok,
    extend_title,
    money_qualifiers,
    normalize_title,
    split_sentences,
    unit_led,
)
from kg.extract.rulebook import rule_enabled, tag
from kg.graph.model import ORGANIZATION, PERSON, RELATIONS, Claim, Document, EntityRef
from kg.graph.registry import Registry
from kg.loaders import normalize

EXTRACTOR = "kg.rules.en.v1"
# Relations dated by when they happened or began, which an undated telling in the news
# places on the publication day; a founding told in passing is rarely news of the day.
EVENT_DEFAULT_DATE = {name for name, rel in RELATIONS.items() if "date" in rel.qualifiers} - {"FOUNDED"}
_SAID_WOULD = re.compile(r"\b(?:said|says|announced|confirmed)(?:\s+on\s+\w+)?\s+(?:that\s+)?"
                         r"(?:it|they|the \w+|[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)\s+would\b")
# searched in the 40 characters before a date (the longest cue and its "in" are far shorter)
_ORIGIN_BEFORE_DATE = re.compile(r"\b(?:founded|established|incorporated|set\s+up|born)"
                                 r"\s+(?:(?:in|on)\s+)?$")  # a date's span may hold its "in"
# between a matched clause and a later date: the date belongs to another clause
_CLAUSE_BREAK = re.compile(r"[;:\u2013\u2014]|\b(?:who|which|that|after|before|since|when|while)\b")
_TOLD_BEFORE_DATE = re.compile(r"\b(?:said|says|announced|confirmed|disclosed|told\s+\w+)"
                               r"(?:\s+(?:late|early))?(?:\s+on)?\s*$")
_CLOSES_CLAUSE = re.compile(r"\s*(?:[.,;]|$)")  # what follows a date that closes a clause
# "bought Y, a maker of chips, in 2017": an apposition set off by commas after the matched
# clause's last name, then the date that closes the clause (the date's span may hold "in")
_APPOSITION_THEN = re.compile(r",\s+(?:a|an|the)\s[^,;:.()\u2013\u2014]{1,80}?,\s+(?:(?:in|on)\s+)?")
# Typographic quotes become ASCII one for one, so offsets stay valid.
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " "})


class EnglishExtractor(SentenceRules):
    """Reads one document; create a new one per document (it keeps discourse state)."""

    def __init__(self, registry: Registry, lex: Lexicon | None = None) -> None:
        self.registry = registry
        self.lex = lex or load_lexicon()
        self.rules = _rules(self.lex)
        self.finder = MentionFinder(registry, self.lex)
        self.facts: list[_Fact] = []
        self.leavings: dict[str, str] = {}  # organization key -> date a group left it
        self.founded: dict[str, str] = {}  # organization key -> year it was founded
        self.lede: Entity | None = None  # the first sentence's opening organization
        # the subject chain: the organization the last sentences were about, and how many
        # sentences ago one named it as its subject (kg.extract.en.subjects)
        self.chain: Entity | None = None
        self.chain_age = 0

    # -- driver ---------------------------------------------------------
    def run(self, document: Document) -> list[Claim]:
        sentences = list(document.sentences) or split_sentences(document.text)
        # A date that is only the day of reading resolves nothing.
        published = document.published if document.published_source != "today" else None
        self.finder.prime([s.translate(_QUOTES) for s in sentences])
        for i, sentence in enumerate(sentences):
            # Interview answers speak for the company the interview is about.
            if re.match(r"\s*A:\s", sentence):
                self.finder.speaker_org = self.lede or self.finder.memory.topic()
            elif re.match(r"\s*Q:\s", sentence):
                # ... and the questions address it: "Your Series C was led by Y".
                self.finder.speaker_org = None
                self.finder.addressee_org = self.lede or self.finder.memory.topic()
            self._sentence(sentence, published)
            if i + 1 < len(sentences) and enabled("dating"):
                _doc.retold_date(self.facts, sentence, sentences[i + 1].translate(_QUOTES), published)
        return self._claims()

    def _sentence(self, sentence: str, published: str | None) -> None:
        text = sentence.translate(_QUOTES)
        named = self.finder.named(text)
        self.finder.chain_org = self.chain if self.chain_age <= 1 and enabled("subjects") else None
        resolved = self.finder.anaphora(text, named) if enabled("coreference") else []
        mentions = sorted(named + resolved, key=lambda m: m.start)
        ctx = _Context(sentence, text, mentions, published)
        first = mentions[0] if mentions else None
        if self.lede is None and first and not text[:first.start].strip() and \
                first.entity.type == ORGANIZATION and not first.pronoun and not first.entity.media:
            self.lede = first.entity  # the first sentence that opens with an organization
        masked, offsets = mask(text, mentions)
        self._masked, self._offsets = masked, offsets
        hits = self.rules.match(masked, offsets, mentions)
        for hit in hits:
            self._from_match(ctx, hit)
        if enabled("simplify"):
            for hit in self._simplified_hits(masked, offsets, mentions, hits):
                self._from_match(ctx, hit)
        self.leavings.update(group_leavings(text, masked, offsets, mentions, published))
        self.founded.update(founding_years(masked, mentions))
        self._subjects(ctx, masked)
        self._units(ctx)
        self._parenthetical_titles(ctx, masked)
        self._people_at_orgs(ctx, masked)
        self._bare_title_hires(ctx, masked)
        self._bare_founders(ctx, masked)
        if enabled("derived"):
            self._derive(ctx)
            self._move_roles(ctx)
        else:
            ctx.facts[:] = [f for f in ctx.facts if f.relation != "_FROM"]
        self._deal_references(ctx)
        self._valuations(ctx)
        self.facts.extend(ctx.facts)
        self.finder.close_sentence(mentions)

    def _simplified_hits(self, masked: str, offsets: list[int], mentions: list[Mention],
                         hits: list[RuleMatch]) -> list[RuleMatch]:
        """Hits of the sentence read without its inserted descriptions (kg.extract.en.simplify)
        of relations no hit of the full reading told: same rules, spans in the original.

        A relation the full reading found is one it already read the clause for; read
        again without a description, its arguments can only shift onto a name the
        description stood beside ("X, ..., closed its division, Y, cutting 60 jobs":
        not Y's layoff)."""
        reading = simplified(masked, offsets)
        if reading is None:
            return []
        told = {hit.relation for hit in hits}
        return [hit for hit in self.rules.match(*reading, mentions)
                if hit.relation not in told or any(_list_grew(h, hit) for h in hits)]

    # -- facts from one pattern hit ---------------------------------------
    def _from_match(self, ctx: _Context, hit: RuleMatch) -> None:
        spec = hit.spec or {}
        rel = hit.relation
        if not self._asserted(ctx.text, hit):
            return
        if spec.get("not_if") and re.search(spec["not_if"], ctx.text[hit.start:hit.end]):
            return
        if spec.get("known_only") and any(m.source == "discovered" for m in hit.subjects + hit.objects):
            return  # "Microsoft's Advertising": a capitalized word need not name an organization
        topic = None
        inherited: dict[str, Any] = {}
        carried = (spec.get("object_topic") or spec.get("subject_topic") or spec.get("object_round")
                   or spec.get("object_decision"))
        if carried and not enabled("carry_over"):
            return  # the object is the organization the text spoke of before
        if (spec.get("object_topic") or spec.get("subject_topic")
                or (spec.get("from_topic") and enabled("carry_over"))):
            exclude = {m.entity.key for m in hit.subjects + hit.objects}
            if spec.get("object_topic") and hit.relation == "DEPARTED":
                # "left in August for rival X": X is where they went, not what they left.
                exclude |= {m.entity.key for m in ctx.mentions if m.start >= hit.start and re.search(
                    r"\b(?:for|to|joined|joining|join)\s+(?:[\w-]+\s+){0,3}$", ctx.text[hit.start:m.start])}
            topic = self.finder.memory.topic(exclude=exclude)
            if spec.get("bare_title") and enabled("subjects"):
                # "CEO X said ...": the organization the sentence is about, not the most named one
                at = bisect.bisect_left(self._offsets, hit.start)
                topic = org_at(self._masked, ctx.mentions, at, self.chain if self.chain_age <= 1 else None) \
                    or topic
            if spec.get("object_first"):
                # "After X's deal, clients like A have jumped ship": X, named first.
                first = [m.entity for m in ctx.mentions if m.start < hit.start and m.entity.key not in exclude
                         and m.entity.type == ORGANIZATION and not m.entity.media]
                topic = first[0] if first else topic
            if topic is None:
                # The document's first sentence: the organization it names first.
                first = [m.entity for m in ctx.mentions if m.entity.key not in exclude
                         and m.entity.type == ORGANIZATION and not m.entity.media]
                if not first or self.facts:
                    return
                topic = first[0]
        if spec.get("subject_topic"):
            # "Customers include A and B": the organization the text is about is the subject,
            # the one the sentences before were about if they named one as their subject
            if self.chain is not None and self.chain_age <= 1:
                topic = self.chain
            for obj in (m.entity for m in hit.objects):
                if topic is not None and obj.key != topic.key:
                    self._add(ctx, rel, topic, obj, hit, 0.7,
                              **({"status": "active"} if rel == "VENDOR_TO" else {}))
            return
        if spec.get("object_round"):
            # "B also took part": in the round of the last investment read.
            deals = [f for f in reversed(self.facts + ctx.facts) if f.relation == "INVESTED_IN"]
            topic = deals[0].object if deals else self.finder.memory.topic(
                exclude={m.entity.key for m in hit.subjects})
            if deals and deals[0].qualifiers.get("round"):
                inherited["round"] = deals[0].qualifiers["round"]
            if topic is None:
                return
        if spec.get("object_decision"):
            # "The decisions by A and B ...": the decision to leave told of before.
            left = [f.object for f in reversed(self.facts + ctx.facts) if f.relation == "DEPARTED"
                    and re.search(r"\bdecision to leave\b", f.evidence)]
            if not left:
                return
            topic = left[0]
        objects = [m.entity for m in hit.objects] or (
            [topic] if spec.get("object_topic") or spec.get("object_decision") or spec.get("object_round")
            else [])
        title = normalize_title(hit.title, self.lex) if hit.title else None
        if spec.get("role_as"):
            # "took a job at X after a year as a research scientist at Y": the last "as a T".
            span = ctx.text[hit.start:hit.end]
            roles = list(re.finditer(rf"\bas\s+(?:a|an|the)?\s*({self.rules.title_re})\b", span))
            title = normalize_title(extend_title(span, roles[-1].start(1), roles[-1].end(1), self.lex),
                                    self.lex) if roles else None
        elif title is None:
            # "took a technical staff role at X": the role is in the verb phrase.
            inner = re.search(rf"\b(?:a|an|the)\s+({self.rules.title_re})\s+(?:role|position|job|post)\b",
                              ctx.text[hit.start:hit.end])
            title = normalize_title(inner.group(1), self.lex) if inner else None
        if title is None and not spec.get("former"):
            # (a former employee's description tells its own post or none: "hired Microsoft
            # veteran X as its president" gives the "as" to the hire, not to the leaving)
            title = self._role_after(ctx.text, hit.end, departed=rel == "DEPARTED")
        if title is None and rel == "HIRED":
            title = unit_led(ctx.text, hit.end, ctx.mentions)
        former = bool(hit.title and re.match(r"(?i)(former|ex-)", hit.title))
        if spec.get("not_former") and (former or re.search(
                r"(?i)\b(?:former|ex-|formerly|then-)\s*$", ctx.text[max(0, hit.start - 12):hit.start])):
            return
        base = 0.9
        if any(m.source == "discovered" for m in hit.subjects + hit.objects):
            base = 0.75
        if any(m.source == "anaphora" for m in hit.subjects + hit.objects) or topic:
            base = 0.7
        if spec.get("former") or spec.get("bare_title"):
            base = min(base, 0.7)
        self._co_partners(ctx, hit, base)
        for n, subj_m in enumerate(hit.subjects):
            subj = subj_m.entity
            # "Groq CEO A, President B": a list item's own title is its person's title
            own_title = hit.item_titles.get(subj.key)
            subj_title = normalize_title(own_title, self.lex) if own_title else title
            if spec.get("pronoun_prev") and subj_m.source == "anaphora" and \
                    any(o.key == subj.key for o in objects):
                # "X has used its services": "its" is not X but the one the text spoke of before.
                prev = [e for e in self.finder.memory.prev_orgs if all(e.key != o.key for o in objects)]
                if not prev:
                    continue
                subj = prev[0]
            for k, obj in enumerate(objects):
                if hit.paired and k != n:
                    continue  # "A and B joined C and D, respectively": A with C, B with D
                if rel == "HIRED" and spec.get("from_topic"):
                    # "X left for rival Y": Y hired X, who left the topic organization.
                    person, org = obj, subj
                    if person.type != PERSON or org.type != ORGANIZATION:
                        continue
                    self._add(ctx, "HIRED", org, person, hit, base, role=title)
                    if topic and topic.key != org.key:
                        self._add(ctx, "DEPARTED", person, topic, hit, 0.7,
                                  rule="en.departed.left_for_rival")
                        if enabled("derived"):
                            self._add(ctx, "HIRED_FROM", org, topic, hit, 0.7,
                                      rule="en.hired_from.left_for_rival")
                    continue
                if rel == "HIRED" and subj.type == PERSON:
                    subj, obj = obj, subj  # join patterns read person-first
                if rel == "HIRED" and hit.subjects and hit.subjects[0].entity.type == ORGANIZATION:
                    pass
                qual: dict[str, Any] = dict(inherited)
                if rel == "WORKS_AT" and subj_title:
                    qual["title"] = subj_title
                if rel in ("HIRED", "DEPARTED") and title:
                    qual["role"] = title
                if rel == "HIRED" and hit.from_org and hit.title:
                    # "Y co-founder Z joins X as CTO": the title is Z's role at Y.
                    qual["role"] = self._role_after(ctx.text, hit.end)
                if rel == "VENDOR_TO":
                    qual["status"] = "ended" if spec.get("status_if") and re.search(
                        spec["status_if"], ctx.text[max(0, hit.start - 60):hit.end]) else "active"
                rule = None
                if rel == "WORKS_AT" and qual.get("title") in ("founder", "co-founder") and \
                        not spec.get("also_founded"):
                    # "X, Windsurf's founder": a founding, not a job title.
                    rel, qual, rule = "FOUNDED", {}, "en.founded.founder_title"
                self._add(ctx, rel, subj, obj, hit, base, rule=rule, **qual)
                rel = hit.relation
                if spec.get("also_founded") or (rel == "WORKS_AT" and subj_title and re.search(
                        r"(?i)^(?:co-?)?founder\b|\b(?:and|&|,)\s+(?:co-?)?founder$", subj_title)):
                    # "co-founder and CEO of X": a founding as well as a job.
                    self._add(ctx, "FOUNDED", subj, obj, hit, base, rule="en.founded.founder_title")
                if spec.get("vendor_ended"):
                    self._add(ctx, "VENDOR_TO", subj, obj, hit, base, rule="en.vendor_to.ended_access",
                              status="ended")
                if spec.get("client_ended"):
                    # "clients like X have jumped ship": the supplier is the other side.
                    self._add(ctx, "VENDOR_TO", obj, subj, hit, base, rule="en.vendor_to.clients_left",
                              status="ended")
                if rel == "HIRED":
                    person, org = (obj, subj) if obj.type == PERSON else (subj, obj)
                    if hit.from_org and hit.from_org.entity.key != org.key:
                        src = hit.from_org.entity
                        own_title = hit.item_titles.get(person.key)
                        if hit.title or own_title:
                            self._add(ctx, "WORKS_AT", person, src, hit, base,
                                      rule="en.works_at.hire_from_title",
                                      title=normalize_title(own_title or hit.title, self.lex))
                        ctx.facts.append(_Fact("_FROM", person, src, {}, ctx.sentence, base))

    def _co_partners(self, ctx: _Context, hit: RuleMatch, base: float) -> None:
        """Members of one list in a joint project ("A is working with B and C to build a
        cluster", "A, B and C are partnering to build a cloud") are partners of each other: the
        guide gives every pair of a project's named partners the same relation. Separate
        deals ("struck separate agreements with X") make no project."""
        cue = (hit.spec or {}).get("co_partners")
        if not cue or re.search(r"\bseparate(?:ly)?\b", ctx.text[hit.start:hit.end]) or \
                not re.search(cue, ctx.text[hit.end:hit.end + 80]):
            return
        for group in (hit.subjects, hit.objects):
            members = [m.entity for m in group if not m.pronoun]
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    self._add(ctx, hit.relation, a, b, hit, base)

    def _subjects(self, ctx: _Context, masked: str) -> None:
        """People named by a bare executive title work at the organization their sentence is about."""
        subject, has_subject = clause_subject(masked, ctx.mentions)
        if enabled("subjects"):
            chain = self.chain if self.chain_age <= 1 else None
            employed = {f.subject.key for f in ctx.facts if f.relation in ("WORKS_AT", "FOUNDED")}
            employed |= {f.object.key for f in ctx.facts if f.relation == "HIRED"}
            for person, org, title in titled_people(masked, ctx.mentions, chain):
                if person.key not in employed:
                    self._add(ctx, "WORKS_AT", person, org, None, 0.7, rule="en.works_at.bare_title_subject",
                              title=normalize_title(title, self.lex))
                    if re.match(r"(?i)(?:co-?)?founder\b", title):
                        # "Luminous co-founder and CEO X": a founding as well as a job
                        self._add(ctx, "FOUNDED", person, org, None, 0.7, rule="en.founded.founder_title")
        if has_subject:
            self.chain, self.chain_age = subject, 0
        else:
            self.chain_age += 1

    def _role_after(self, text: str, end: int, *, departed: bool = False) -> str | None:
        # "brought on X, a former Y engineer, as head of Z": past an apposition too.
        m = re.match(rf"\s*(?:,\s+(?:a|an|the|formerly|previously|most\s+recently)\s[^,.;]{{0,60}}?,\s+"
                     rf"|([^,.;]{{0,30}}?)\s)?as\s+"
                     rf"(?:a|an|its|the|his|her)?\s*({self.rules.title_re})\b", text[end:end + 120])
        if m and departed and m.group(1) and re.search(r"(?i)\b(?:to|join(?:s|ed|ing)?|for)\b", m.group(1)):
            return None  # "left X to join Y as its CTO": the role at Y, not the one left
        return normalize_title(extend_title(text[end:end + 120], m.start(2), m.end(2), self.lex),
                               self.lex) if m else None

    def _asserted(self, text: str, hit: RuleMatch) -> bool:
        """False for rumours, plans, denials, conditionals and negations."""
        rel = hit.relation
        # A yes-no question asserts nothing ("Did X invest in you?"); "Why did X leave?" does.
        if re.search(r"\?[\"”']?\s*$", text) and re.match(
                r"\s*(?:Q:\s*)?[\"“]?(?:Did|Does|Do|Is|Are|Was|Were|Will|Would|Could|Can|Should|Has|Have|Had)\b",
                text):
            return False
        window = text[:hit.end]
        if (hit.spec or {}).get("former") or re.search(r",\s+(?:who|which)\s", text[hit.start:hit.end]):
            # "former employee X, who has joined Y, is accused of ...": descriptors and
            # non-restrictive relative clauses hold whatever the main clause says.
            window = text[hit.start:hit.end]
        cut = max(window.rfind("; "), window.rfind(": "), window.rfind(" - "))
        if 0 <= cut < hit.start:
            window = window[cut:]
        if rel in ("ACQUIRED", "INVESTED_IN", "PARTNERED_WITH", "HIRED"):
            # "X said on Thursday it would acquire Y": an announced deal, not a conditional.
            window = _SAID_WOULD.sub(" ", window)
        exempt = self.lex.raw["modality_exempt"].get(rel, [])
        if "*" not in exempt:
            for marker in self.lex.raw["modality"]:
                if marker in exempt or marker not in window:  # the plain test first: most are absent
                    continue
                if re.search(r"(?<![\w])" + re.escape(marker), window):
                    return False
        if rel in ("ACQUIRED", "INVESTED_IN") and self.rules.deal_undone.search(text, hit.end):
            return False  # "... would acquire Y, but the companies abandoned that plan"
        span = text[hit.start:hit.end]
        neg_exempt = self.lex.raw["negation_exempt"].get(rel, [])
        # "didn't just hire A, but ...": a negation softened by "just"/"only" denies nothing
        softened = rf"(?!\s*(?:{self.lex.alternation('negation_softeners')})\b)"
        for marker in self.lex.raw["negation"]:
            # "n't" is written onto its verb ("didn't"): no word boundary before it
            before = "" if marker.startswith("n'") else r"(?<![\w])"
            if marker in span and marker not in neg_exempt and \
                    re.search(before + re.escape(marker) + softened, span):
                return False
        return True

    def _add(self, ctx: _Context, rel: str, subj: Entity, obj: Entity, hit: RuleMatch | None,
             conf: float, rule: str | None = None, **qual: Any) -> None:
        """A fact read by ``rule`` (by default the rule of the pattern hit), unless it is switched off."""
        if rule is None:
            rule = (hit.spec or {}).get("rule", "") if hit is not None else ""
        if rule and not rule_enabled(rule):
            return
        if subj.key == obj.key and rel != "LAID_OFF":
            return
        spec = RELATIONS[rel]
        if subj.type not in spec.subject_types or obj.type not in spec.object_types:
            return
        if subj.media or obj.media:
            return
        if rel in ("HIRED_FROM", "VENDOR_TO", "COMPETES_WITH", "ENDED_PARTNERSHIP") and \
                self._related(subj, obj):
            return
        q = {k: v for k, v in qual.items() if v is not None}
        if hit is not None:
            q.update(self._qualifiers(ctx, rel, hit, q))
        ctx.facts.append(_Fact(rel, subj, obj, q, ctx.sentence, conf, rule))

    # -- qualifiers ---------------------------------------------------------
    def _qualifiers(self, ctx: _Context, rel: str, hit: RuleMatch, have: dict) -> dict[str, Any]:
        text, out = ctx.text, {}
        allowed = RELATIONS[rel].qualifiers
        if "amount" in allowed and rel in ("INVESTED_IN", "ACQUIRED"):
            out.update(self._money(text, hit, rel))
        if "stake_pct" in allowed:
            for span in normalize.find_percents(text):
                near = (text[span.end:span.end + 25] + " "
                        + text[max(0, span.start - 12):span.start]).lower()
                if any(c in near for c in self.lex.raw["stake_cues"]):
                    out["stake_pct"] = float(span.value)
                    break
        if "round" in allowed:
            names = _round_names(tuple(self.lex.raw["rounds"]))
            m = re.search(rf"(?i)\b({names})\b"
                          r"(?=[\s-]+(?:funding|round|financing|stage|investment|raise)"
                          r"|\s+(?:was|of|totaled|totalled|came\s+to)\s+[$€£]|,?\s+led\s+by\b)", text)
            # "a $90 million Series C": the round named right after its amount.
            m = m or re.search(rf"(?i)\d(?:\s*(?:million|billion|m|bn))?\s+({names})\b", text)
            if m:
                out["round"] = self.lex.raw["rounds"][re.sub(r"\s+", " ", m.group(1).lower())]
        if rel == "LAID_OFF":
            at = hit.start
            if hit.count_text and hit.count_text.strip():
                at = max(hit.start, text.find(hit.count_text.strip(), hit.start))
            region = text[at:hit.end + 20]
            counts = [c for c in normalize.find_counts(region) if not _inside_money(region, c)]
            after = re.match(r",\s+(?:or\s+)?(?:about|roughly|around|some|nearly|approximately|almost)?\s*"
                             r"(\d[\d,]*)\s+(?:people|employees|workers|staff|staffers|jobs|roles|positions)\b",
                             text[hit.end:hit.end + 60])
            if counts:
                out["count"] = int(counts[0].value)
            elif after:
                out["count"] = int(after.group(1).replace(",", ""))
            for span in normalize.find_percents(text):
                if span.start >= hit.start:
                    out["pct"] = float(span.value)
                    break
        if rel == "HIRED_FROM":
            region = text[hit.start:hit.end]
            counts = [c for c in normalize.find_counts(region) if not _inside_money(region, c)]
            if counts and int(counts[0].value) < 100000:
                out["count"] = int(counts[0].value)
        if "date" in allowed:
            self._defaulted = False
            date = self._date(ctx, hit, rel)
            if date:
                out["date"] = date
                if self._defaulted:
                    out[_DEFAULT_DATE] = True  # a date the text gives elsewhere replaces it
        return {k: v for k, v in out.items() if k not in have}

    def _money(self, text: str, hit: RuleMatch, rel: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for window in money_windows(text):
            span, before, after = window.span, window.before, window.after
            if rel == "ACQUIRED" and "amount" not in out and re.search(
                    r"\b(?:deal|transaction|acquisition|purchase|takeover)\s+(?:valued at|worth)\s+"
                    r"(?:about\s+|around\s+|roughly\s+|nearly\s+)?$", before):
                out.update(money_qualifiers(span.value))  # "in a cash deal valued at $2 billion"
                continue
            if window.valuation(self.lex.raw["valuation_cues"]):
                if rel == "INVESTED_IN" and "valuation" not in out:
                    # a valuation alone still needs its currency, or it is dropped as unreadable
                    out["valuation"] = float(span.value.amount)
                    out.setdefault("currency", span.value.currency)
                continue
            if any(c in before + " " + after for c in self.lex.raw["non_deal_money_cues"]) or \
                    _doc.running_total(before, after):
                continue
            if rel == "INVESTED_IN" and _doc.round_named(after):
                out.update(money_qualifiers(span.value))  # "a $90 million Series C": the round's own
                continue
            inside = hit.start <= span.start and span.end <= hit.end + 1
            following = hit.end <= span.start <= hit.end + 30 and re.match(
                r"^[^⟨⟩.;]{0,12}\b(?:for|in|at|worth|valued)\b", text[hit.end:span.start] + " ")
            # "to acquire Y, a Berlin maker of tools, for EUR 300m": past an apposition.
            following = following or (hit.end <= span.start <= hit.end + 110 and re.match(
                r"^,\s+(?:a|an|the)\s[^;.()]{0,90}?,\s+(?:for|in a deal worth)\s+"
                r"(?:about\s+|around\s+|roughly\s+)?$", text[hit.end:span.start]))
            if (inside or following) and "amount" not in out:
                out.update(money_qualifiers(span.value))
        return out

    def _date(self, ctx: _Context, hit: RuleMatch, rel: str) -> str | None:
        spans = [s for s in ctx.dates if _iso_ok(s.value)]
        # "X, who co-founded Y in 2018, is stepping down": a relative clause has its own time.
        clauses = [(hit.start + m.start(), hit.start + m.end()) for m in
                   re.finditer(r",\s+(?:(?:an?|the)\s[^,;]{0,40}?\b(?:that|which|who)|who|which|whose)\s[^,;]*,",
                               ctx.text[hit.start:hit.end])]
        spans = [s for s in spans if not any(a <= s.start and s.end <= b for a, b in clauses)]
        if rel != "FOUNDED":
            # "Rebellions - an AI chip startup founded in 2020 - received ...": a participle
            # before the date tells when an entity began, not when the fact happened.
            spans = [s for s in spans if not _ORIGIN_BEFORE_DATE.search(ctx.text, max(0, s.start - 40),
                                                                          s.start)]
        if spans:
            # Dates in the matched clause, or a sentence-initial "On Thursday,".
            if (hit.spec or {}).get("no_date"):
                return None
            window = len(ctx.text) if rel == "LAID_OFF" or (hit.spec or {}).get("date_any") else hit.end + 40
            inside = ([s for s in spans if hit.start <= s.start and s.end <= hit.end]
                      or [s for s in spans if hit.start <= s.start <= window])
            leading = [s for s in spans if (s.start < 25 or (hit.spec or {}).get("date_any"))
                       and s.end <= hit.start]
            # Each pool below is looked at only when the ones before it are empty.
            pool = inside or leading
            if not pool:
                # "X agreed to buy Y ..., the companies announced on Monday": the day it was told.
                pool = [s for s in spans if s.start >= hit.end
                        and _TOLD_BEFORE_DATE.search(ctx.text[max(0, s.start - 30):s.start])]
            if not pool:
                # "... its investment in S to power its clients in August, the startup ...": a date
                # that closes the matched clause, with no comma or clause word before it, dates its verb.
                pool = [s for s in spans if s.start >= hit.end
                        and _CLOSES_CLAUSE.match(ctx.text, s.end)
                        and ("," not in ctx.text[hit.end:s.start]
                             or _APPOSITION_THEN.fullmatch(ctx.text, hit.end, s.start))
                        and not _CLAUSE_BREAK.search(ctx.text, hit.end, s.start)]
            if not pool and rel in ("HIRED", "HIRED_FROM"):
                # "hired Z, previously at Y, as its CTO last month": the date closing the role phrase.
                pool = [s for s in spans if _doc.role_then_date(ctx.text[hit.end:s.start])]
            if pool:
                best = min(pool, key=lambda s: abs(s.start - hit.end))
                return str(best.value)
        spec = hit.spec or {}
        if spec.get("no_date") or spec.get("former") or spec.get("no_default_date"):
            return None  # the leaving happened some time before the text's event
        if rel in EVENT_DEFAULT_DATE and ctx.published and enabled("dating"):
            self._defaulted = True
            return ctx.published
        return None

    def _derive(self, ctx: _Context) -> None:
        """A hire of someone tied to another organization in the same sentence."""
        hires = [f for f in ctx.facts if f.relation == "HIRED"]
        ties = [f for f in ctx.facts if f.relation in ("WORKS_AT", "DEPARTED", "_FROM")]
        # (buyer, company) of the document's stakes and purchases: a founder the hirer also
        # buys into stays tied to the company ("put $2 billion into Y and hired its founder")
        bought = {(f.subject.key, f.object.key) for f in (*self.facts, *ctx.facts)
                  if f.relation in ("INVESTED_IN", "ACQUIRED")} if hires else set()
        for h in hires:
            if re.search(r"\bjoin(?:s|ed|ing)?\s+(?:\S+\s+){0,3}?board\b", ctx.text):
                continue  # a board seat is no move from the person's firm
            for t in ties:
                if t.subject.key != h.object.key or t.object.key == h.subject.key:
                    continue
                if self._related(h.subject, t.object):
                    continue
                q = {k: v for k, v in h.qualifiers.items() if k == "date"}
                role = t.qualifiers.get("title") or t.qualifiers.get("role")
                if rule_enabled("en.hired_from.hire_of_tied_person"):
                    ctx.facts.append(_Fact("HIRED_FROM", h.subject, t.object, dict(q), ctx.sentence, 0.7,
                                           "en.hired_from.hire_of_tied_person"))
                if t.relation == "DEPARTED":
                    continue  # read already, with its own date ("former" ones have none)
                kept = _STAYING_TITLES if (h.subject.key, t.object.key) in bought else _KEPT_ON_A_HIRE
                if any(u.subject.key == t.subject.key and u.object.key == t.object.key and
                       u.qualifiers.get("title") in kept for u in ties):
                    continue  # a board member who takes a job elsewhere need not leave
                dq = dict(q)
                if role:
                    dq["role"] = role
                if rule_enabled("en.departed.hire_of_tied_person"):
                    ctx.facts.append(_Fact("DEPARTED", h.object, t.object, dq, ctx.sentence, 0.7,
                                           "en.departed.hire_of_tied_person"))
        ctx.facts[:] = [f for f in ctx.facts if f.relation != "_FROM"]

    def _move_roles(self, ctx: _Context) -> None:
        """A move told with its role names the post: "X joined Y as CTO" and "X stepped down
        as CEO of Y" each say X held (or holds) that title at Y. The guide makes that
        WORKS_AT required wherever a hire or a departure names the role; a founding role
        is a FOUNDED of its own, not a job title."""
        moves = [f for f in ctx.facts if f.relation in ("HIRED", "DEPARTED") and f.qualifiers.get("role")]
        if not moves:
            return  # most sentences tell no move with a role
        have = {(f.subject.key, f.object.key) for f in ctx.facts if f.relation == "WORKS_AT"}
        # "hired X to lead its new division, Y": the role names a unit (text.unit_led), whose
        # post is not a title at the hirer
        units = {f"{verb} of {m.entity.name}" for m in ctx.mentions for verb in ("lead", "head", "run")}
        for f in moves:
            role = f.qualifiers["role"]
            if role in units or re.search(r"(?i)founder", role):
                continue
            person, org = (f.object, f.subject) if f.relation == "HIRED" else (f.subject, f.object)
            if (person.key, org.key) in have or not rule_enabled("en.works_at.move_role"):
                continue
            have.add((person.key, org.key))
            ctx.facts.append(_Fact("WORKS_AT", person, org, {"title": role}, ctx.sentence,
                                   min(f.confidence, 0.7), "en.works_at.move_role"))

    def _related(self, a: Entity, b: Entity) -> bool:
        """True when one is a unit of the other (registry parent, name prefix, PART_OF read)."""
        for x, y in ((a, b), (b, a)):
            reg = self.registry.get(x.id) if x.id else None
            if reg is not None and reg.parent and reg.parent == y.key:
                return True
            if x.name.startswith(y.name + " "):
                return True
        return any(f.relation == "PART_OF" and {f.subject.key, f.object.key} == {a.key, b.key}
                   for f in self.facts)

    # -- output ---------------------------------------------------------------
    def _claims(self) -> list[Claim]:
        dated = enabled("dating")
        self.facts = document_qualifiers(self.facts, self.leavings if dated else {},
                                         self.founded if dated else {})
        merging = enabled("merging")
        merged: dict[tuple, _Fact] = {}
        for n, f in enumerate(self.facts):
            key = (f.relation, f.subject.key, f.object.key)
            if not merging:
                key = (n,)  # every telling its own claim
            elif RELATIONS[f.relation].symmetric:
                key = (f.relation, *sorted((f.subject.key, f.object.key)))
            if key in merged:
                old = merged[key]
                if old.qualifiers.get(_DEFAULT_DATE) and "date" in f.qualifiers \
                        and not f.qualifiers.get(_DEFAULT_DATE):
                    old.qualifiers["date"] = f.qualifiers["date"]
                    del old.qualifiers[_DEFAULT_DATE]
                for k, v in f.qualifiers.items():
                    known = old.qualifiers.get("date")
                    if k == "date" and known and len(str(v)) > len(str(known)):
                        continue
                    old.qualifiers.setdefault(k, v)
                old.confidence = max(old.confidence, f.confidence)
            else:
                merged[key] = _Fact(f.relation, f.subject, f.object, dict(f.qualifiers),
                                    f.evidence, f.confidence, f.rule)
        out = []
        for f in merged.values():
            f.qualifiers.pop(_DEFAULT_DATE, None)
            out.append(Claim(relation=f.relation, subject=_ref(f.subject), object=_ref(f.object),
                             qualifiers=f.qualifiers, evidence=f.evidence,
                             confidence=round(f.confidence, 3),
                             extractor=tag(EXTRACTOR, f.rule) if f.rule else EXTRACTOR))
        return out


def _ref(entity: Entity) -> EntityRef:
    return EntityRef(entity.name, entity.type, entity.id)


@lru_cache(maxsize=4)
def _round_names(names: tuple[str, ...]) -> str:
    """The lexicon's round names as one alternation, longest first ("pre-seed" before
    "seed"), a space in a name matching any run of spaces ("Series  B")."""
    ordered = sorted(names, key=lambda n: (-len(n), n))
    return "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in ordered)


_RULES: dict[int, Rules] = {}


def _rules(lex: Lexicon) -> Rules:
    if id(lex) not in _RULES:
        _RULES[id(lex)] = Rules(lex)
    return _RULES[id(lex)]


def extract(document: Document, registry: Registry, names: Sequence[tuple[str, str]] = ()) -> list[Claim]:
    """Claims read from an English document (see the module docstring).

    ``names`` are (surface, type) pairs a recognizer found in the document: the
    mention finder takes them as names the document introduced.
    """
    extractor = EnglishExtractor(registry)
    for surface, type_ in names:
        if registry.lookup(surface) is None:
            if type_ == PERSON:
                type_ = _retyped_person(extractor.finder, document, surface, extractor.lex)
            extractor.finder.memory.remember(surface, Entity(surface, type_))
    return extractor.run(document)


_TITLE_WORDS = frozenset({"Chief", "Vice", "Senior", "Executive", "General", "Managing", "Head", "Chairman",
                          "Co-Founder", "Founder", "President"})


def _no_full_name(surface: str, document: Document, lex: Lexicon) -> bool:
    """Whether a one-word name is never a word of a longer capitalized name in the document:
    a person told by one word is told by a full name first ("Victor Vovo ... Vovo said").
    A title or a function word next to it makes no longer name ("Verli Chief Technology
    Officer", "At Verli")."""
    if " " in surface:
        return False
    # a word of a person's name: capitalized, then lower case ("San Francisco-based", "DevDay": none)
    name = re.escape(surface)
    around = re.compile(rf"\b([A-Z][a-z']+)\s+{name}\b|\b{name}\s+([A-Z][a-z']+)\b(?!-)")
    plain = {*lex.not_name_words, *lex.person_cue_words, *_TITLE_WORDS}
    return not any(word not in plain for sentence in document.sentences
                   for m in around.finditer(sentence) for word in m.groups() if word)


def _cue_types(finder: MentionFinder, document: Document, surface: str) -> list[str | None]:
    """The type the cue words around each place a name is told give it (None: no cue)."""
    at = re.compile(rf"(?<![\w.]){re.escape(surface)}(?![\w-])")
    return [finder._classify(sentence, m.start(), m.end(), surface.split())
            for sentence in document.sentences for m in at.finditer(sentence)]


def _retyped_person(finder: MentionFinder, document: Document, surface: str, lex: Lexicon) -> str:
    """The type of a name the recognizer read as a person. A one-word name never told as a
    word of a full name takes the type its cue words first give it ("Verli's chief technology
    officer"); any name its cue words call an organization in two places and a person in none
    is one ("AI startup Zentortek Wynlexdor", "Zentortek Wynlexdor's co-founder and CEO"):
    the recognizer, trained on registry-rich text, reads unseen companies' names as persons."""
    told = _cue_types(finder, document, surface)
    if _no_full_name(surface, document, lex):
        return next((t for t in told if t is not None), PERSON)
    return ORGANIZATION if told.count(ORGANIZATION) >= 2 and PERSON not in told else PERSON


def _list_grew(full: RuleMatch, plain: RuleMatch) -> bool:
    """Whether the reading without descriptions (``plain``) tells the full reading's relation
    between the same arguments and more: a list the description cut short ("clients including
    tech giant A, Wall Street bank B, and AI firms such as C"), its told members kept, so
    no argument shifted onto a name a description stood beside."""
    if full.relation != plain.relation:
        return False
    keys = [({m.entity.key for m in h.subjects}, {m.entity.key for m in h.objects}) for h in (full, plain)]
    (subj, obj), (subj2, obj2) = keys
    return (subj == subj2 and obj < obj2) or (obj == obj2 and subj < subj2)
