"""Korean rules about people: titles next to names, hires, departures, founders.

General grammar over the lexicon; nothing here names an entity.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from kg.extract.document import enabled
from kg.extract.ko.base import SET_UP, Sentence, field_start, find_all
from kg.extract.ko.mentions import Mention, _title_tables
from kg.extract.ko.roster import RosterRules
from kg.extract.ko.text import (
    CORPORATION_MARK,
    PRONOUN_SUBJECT_TOO,
    TITLE_GLOSS,
    is_verb,
    place_before_org,
    staff_noun,
)
from kg.graph.model import ORGANIZATION, PERSON

# the rest of a headline list after its last known name: "박지훈 전무, 정하늘 등 "
_LIST_TAIL = re.compile(
    r"(?:\s+[^\s,]+)?(?:\s*,\s*[^\s,]+(?:\s[^\s,]+)?){0,4}\s*(?:등\s*)?(?:잇단\s*|연이은\s*|줄\s*)?"
)
_STAFF = re.compile(r"(?:연구원|엔지니어|개발자|인력|인재|직원)(?:들)?$")
_NAMED_AS = re.compile(r"['’\"”]?\s*(?:이)?라는\s+\S+?(?:을|를)\s")
# compiled once, not looked up in re's cache at each trigger and mention
_OWNER_GAP = re.compile(r"\s*(?:의|은|는|이|가|의\s+경우(?:에도)?)?\s*")  # "X(의) 자회사", "X의 경우 관계사"
# between the members of a list of subsidiaries after the cue: "관계사 A·B·C 등"
_SUBSIDIARY_LIST_GAP = re.compile(r"\s*[·ㆍ,]\s*")
_POST_BEFORE = re.compile(r"([^\s(]+?(?:\([^()]{1,80}\))?)(?:로|으로)\s*$")  # "CTO로 영입"
_RELATIVE_AFTER = re.compile(r"(?:하|되|해)?(?:ㄴ|한|된|온|간)\s")  # "영입한 NAME"
_OCCUPATIONS = ("scientist", "researcher", "engineer", "principal researcher")


@cache
def _unnamed_movers() -> re.Pattern[str]:
    """Staff the text does not name, as the subject of a move: "연구원 10여 명이", "핵심 임원이"."""
    return re.compile(rf"(?<![가-힣])(?:{staff_noun()})(?:들)?"
                      r"(?:\s*(?:\d+|수십|수백|여러)\s*(?:여\s*)?명)?\s*(?:이|가|은|는|도)\s")


# between an organization and its staff: at most three words ("X의 핵심 안전 연구 인력")
_STAFF_GAP = re.compile(r"(?:의)?\s+(?:[^\s,]+\s+){0,3}?")
# a past relative clause closing right before the staff: "X에서 AI 사업을 총괄하던 핵심 임원이"
_LED_BY_STAFF = re.compile(r"던\s+(?:[^\s,]+\s+){0,2}$")
_UNNAMED_SUBJECT = re.compile(
    r"(?:명|임원|인력|직원|연구원|엔지니어|인재|사람|멤버)(?:들)?(?:\s*중\s*\S+)?(?:이|가)\s"
)


# a relative clause of leading closing right before a name, perhaps with an occupation
# ending in 인 between ("... 연구팀을 이끌었던 NAME", "... 인프라를 총괄하는 임원인 NAME",
# "X 회장을 맡고 있는 NAME"); the past forms (던) tell a former post
_LED_BEFORE_NAME = re.compile(
    r"(?P<verb>이끌|이끄|총괄하|총괄해|총괄했|지휘하|지휘했|맡|맡았)"
    r"(?P<tense>었던|던|는|고\s?있는|고\s?있던|어\s?온|아\s?온|온|왔던|은)"
    r"\s+(?:[가-힣]+인\s+)?$")
# what is led in such a clause: "X에서 ... 를", "X의 UNIT을", "X UNIT을", "X를" (a deal or a
# project told with its company, the lexicon's deal_nouns, is no post there)
_LED_OBJECT = re.compile(r"\s*(?:(?P<at>에서)\s+|의\s+|\s)?(?:[^\s,]+\s+){0,4}?[^\s,]*?(?:을|를)\s+$")


# a cue between an owner and its unit ("X 자회사 Y", "X 계열 Y"), or between a unit and its
# owner ("틱톡 모기업 바이트댄스"): the name right after it is the other side
_SUBSIDIARY_CUE = re.compile(
    r"(?:자회사|계열사|관계사|계열(?![가-힣])|산하|(?P<parent>모기업|모회사|지주회사|지주사))(?:인)?\s*")
# what joins the organizations of one post: "A·B 부회장", "A와 B의 CEO"
_ONE_POST_JOIN = re.compile(r"\s*[·ㆍ]\s*|[와과]\s+")
_CAPTION = r"(?:\((?:왼쪽|오른쪽|가운데|사진)[^)]*\))?"


class _TitleRuns(NamedTuple):
    """The patterns of a run of titles ("대표 겸 CTO") next to a person, compiled once."""

    run: str
    after_name: re.Pattern[str]  # "NAME (사진) 전 TITLE"
    after_org: re.Pattern[str]  # "NAME ORG TITLE"
    gap: re.Pattern[str]  # what may stand between the name and that organization
    held_as: re.Pattern[str]  # "NAME이 CEO로 있는 ORG"
    leads: re.Pattern[str]  # "NAME (TITLE)이 이끄는 ORG"


@cache
def _title_runs(title_re: str) -> _TitleRuns:
    # built and compiled at each person of each sentence, these patterns (the title
    # alternation twice over) cost their string building and re's cache lookup, which
    # hashes the whole pattern
    # a title may carry an English gloss: "부사장(Vice President of Corporate Development)"
    gloss = rf"(?:\({TITLE_GLOSS}\))?"
    run = rf"(?:{title_re}){gloss}(?:\s*(?:겸|이자|및|,)\s*(?:{title_re}){gloss})*"
    return _TitleRuns(
        run,
        re.compile(rf"{_CAPTION}\s*(전\s+|前\s*)?({run})"),
        re.compile(rf"{CORPORATION_MARK}?\s*({run})"),  # "SK㈜ 부회장"
        # "NAME(ORG TITLE)": the post in a parenthesis after the name; "NAME 미국 ORG
        # TITLE": the country or city of the organization before it
        re.compile(rf"{_CAPTION}\s*(?:\(\s*)?(?:전\s+|前\s*)?{place_before_org()}?{CORPORATION_MARK}?"),
        re.compile(rf"({run})로 있는 "),
        re.compile(rf"\s*(?:({run})\s*)?(?:이|가|은|는)?\s*이끄는\s"),
    )


@cache
def _before_name_re(run: str) -> re.Pattern[str]:
    """ "[전] TITLE(인|...)" ending right before a person's name, compiled once per title run:
    built at each person, the pattern (the whole title alternation) cost re's cache lookup,
    which hashes it."""
    return re.compile(rf"(전\s+|前\s*)?({run})(?:\s*중 한 명)?(?:인|이었던|였던)?\s*$")


@cache
def _occupation_lead_re(run: str) -> re.Pattern[str]:
    """ "TITLE(인|이자|이며) [Latin word] " ending right before an occupation ("공동 창업자인
    AI 과학자"), compiled once per title run: with the occupation written into it, a pattern
    holding the whole title alternation was compiled for each occupation met (1.4 ms each)."""
    return re.compile(rf"({run})(?:인|이자|이며)\s+(?:[A-Za-z]+\s+)?$")


@cache
def _run_last_chars() -> frozenset[str]:
    """The characters text before a person ends in (spaces aside) when a title run ends
    there (:func:`_before_name_re`): a title's last, a gloss's ")", or that of "중 한 명",
    "인", "이었던", "였던". The rules' title runs are made of these titles (``_title_alt``)."""
    return frozenset({t[0][-1] for t in _title_tables()[0]} | {")", "명", "인", "던"})


class PeopleRules(RosterRules):
    """WORKS_AT, FOUNDED, PART_OF (units), HIRED, HIRED_FROM and DEPARTED."""


    def _titles_and_units(self, sent: Sentence) -> None:
        """WORKS_AT and FOUNDED from titles next to people; PART_OF from unit names."""
        text = sent.text
        runs = _title_runs(self._title_alt)
        run = runs.run
        for p in sent.mentions:
            if p.type != PERSON:
                continue
            org, title, inferred, former, right_side = None, None, False, False, False
            # right side: "NAME [ORG] TITLE"
            after = text[p.end :]
            orgs_after = [m for m in sent.mentions if m.type == ORGANIZATION and m.start >= p.end]
            nxt = orgs_after[0] if orgs_after else None
            m = runs.after_name.match(after)
            rule = "ko.works_at.title_after_name"  # "NAME [ORG] TITLE"
            if m:
                title, former, right_side = m.group(2), bool(m.group(1)), True
            elif nxt is not None and runs.gap.fullmatch(text[p.end : nxt.start]):
                m2 = runs.after_org.match(text[nxt.end :])
                also = self._coordinated_org(sent, nxt) if m2 is None else None
                if also is not None and (m2 := runs.after_org.match(text[also.end :])) is not None:
                    # "NAME A·B 부회장": the one title held at both organizations
                    self._emit_title(sent, p, m2.group(1), also, False, "전" in text[p.end : nxt.start],
                                     True, rule="ko.works_at.title_after_name")
                unit_title = None if m2 else self._org_unit_title(sent, nxt, run)
                if m2 or unit_title:
                    org, title = nxt, m2.group(1) if m2 else unit_title
                    if unit_title:
                        rule = "ko.works_at.org_unit_title"
                    former = "전" in text[p.end : nxt.start] or "前" in text[p.end : nxt.start]
            if title is None and not m:
                # "NAME 시스템LSI사업부 센서사업팀 부사장": unit words between the name and the title
                title = self._unit_title(sent, p, run)
                right_side = title is not None
            # "NAME이 CEO로 있는 ORG"
            if title is None and p.particle in ("이", "가"):
                m3 = runs.held_as.match(text[p.pend :].lstrip())
                if m3 and nxt is not None:
                    org, title, rule = nxt, m3.group(1), "ko.works_at.title_as"
            # "NAME (TITLE)이 이끄는 ORG"
            lead = runs.leads.match(text[p.end :])
            if org is None and lead and p.particle in ("이", "가", "") or (
                org is None and lead and title is not None
            ):
                led = [x for x in orgs_after if x.start <= p.end + lead.end() + 1]
                if led:
                    org, title = led[0], lead.group(1) or title or "총괄"
                    rule = "ko.works_at.leads"
            # left side: "[ORG(의)] [전] TITLE(인|...) NAME"
            left = self._left_title(sent, p, run)
            if title is None and left is not None:
                title, org, inferred, former = left
                rule = "ko.works_at.title_before_name"
                before = None if org is None or inferred else self._coordinated_org(sent, org, after=False)
                if before is not None:
                    # "테슬라와 스페이스X의 CEO인 NAME": the one title held at both organizations
                    self._emit_title(sent, p, title, before, False, former, rule=rule)
            elif (
                right_side
                and org is None
                and left is not None
                and not left[2]
                and not set((self._title_en(title) or "").split(" and ")) & set(self.lex["founder_titles"])
            ):
                # "ORG의 공동창업자인 NAME CTO": the organization of the left title holds both
                org = left[1]
                self._emit_title(sent, p, left[0], left[1], left[2], left[3],
                                 rule="ko.works_at.title_before_name")
            if title is not None:
                self._emit_title(sent, p, title, org, inferred, former, right_side, rule=rule)
            if left is not None and left[1] is not None and not left[2]:
                self._chained_titles(sent, p, left[1], run)
        self._led_before_name(sent)
        self._list_members(sent)
        # PART_OF: units whose registry parent is named in the unit's name or sentence
        for u in sent.mentions:
            if u.type != ORGANIZATION or u.id is None:
                continue
            ent = self.registry.get(u.id)
            if ent is None or not ent.parent or self.registry.kinds.get(u.id) != "unit":
                continue
            parent = self.registry.get(ent.parent)
            if parent is None:
                continue
            pm = next((m for m in sent.mentions if m.id == parent.id), None)
            named = any(u.surface.startswith(a) for a in (parent.name, *parent.aliases))
            if named or pm is not None:
                pmention = pm or Mention(0, 0, parent.name, ORGANIZATION, parent.id)
                self._claim("PART_OF", u, pmention, sent, rule="ko.part_of.registry_unit")
        self._alumni(sent)
        # "X(의) 자회사(인) Y", "X 계열 Y"; and the other way, "X(의) 모기업(인) Y"
        for m in _SUBSIDIARY_CUE.finditer(sent.text):
            owners = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= m.start()
                and _OWNER_GAP.fullmatch(sent.text[x.end : m.start()])
            ]
            subs = [x for x in sent.mentions if x.type == ORGANIZATION and x.start == m.end()]
            if owners and subs:
                # only the name right after the cue: "자회사 A와 B의 합병" says nothing of B
                unit, owner = (owners[-1], subs[0]) if m.group("parent") else (subs[0], owners[-1])
                self._claim("PART_OF", unit, owner, sent, rule="ko.part_of.subsidiary_cue")
                if not m.group("parent"):
                    self._subsidiary_list(sent, subs[0], owner)

    def _subsidiary_list(self, sent: Sentence, first: Mention, owner: Mention) -> None:
        """ "관계사 A·B·C 등 4개사", "계열사 A, B, C": the names listed after the first
        subsidiary, each joined by a middle dot or a comma, are the owner's too."""
        orgs = [x for x in sent.mentions if x.type == ORGANIZATION and x.start >= first.end]
        last = first
        for x in orgs:
            if not _SUBSIDIARY_LIST_GAP.fullmatch(sent.text, last.end, x.start):
                break
            self._claim("PART_OF", x, owner, sent, rule="ko.part_of.subsidiary_list")
            last = x

    def _led_before_name(self, sent: Sentence) -> None:
        """ "X의 로보틱스 연구팀을 이끌었던 NAME", "X를 이끌던 NAME 대표", "X 회장을 맡고 있는
        NAME": the person heads (or headed) X or a part of it, so works (or worked) at X.
        The organization is the clause's last before the verb, written before what is led
        (or with 에서); a title before 을 is the post ("X 회장을 맡고 있는": chairman)."""
        text = sent.text
        for p in sent.mentions:
            if p.type != PERSON or p.anaphoric:
                continue
            m = _LED_BEFORE_NAME.search(text, 0, p.start)
            if m is None:
                continue
            lo, verb = sent.clause(m.start())[0], m.start()
            orgs = [x for x in sent.mentions if x.type == ORGANIZATION and lo <= x.start and x.end <= verb]
            if not orgs or any(x.type == PERSON and orgs[-1].end <= x.start < verb for x in sent.mentions):
                continue
            org = orgs[-1]
            # a subject's particle (이, 는) makes the organization the clause's agent, not its
            # place; a title the name has at it already says more than "head"
            if org.particle not in ("", "의", "에서", "을", "를") or (
                    p.title_org is not None and p.title_org.key == org.key):
                continue
            obj = _LED_OBJECT.fullmatch(text, org.end, verb)
            if obj is None or any(w in text[org.end : verb] for w in self.lex["deal_nouns"]):
                continue
            former = "던" in m.group("tense")
            # the word led, without its object particle: a title ("회장을") is the post
            led = text[org.end : verb].split()[-1][:-1]
            title = self._title_en(led) if led and not obj.group("at") else None
            named = _title_runs(self._title_alt).after_name.match(text[p.end :])
            name_title = self._title_en(named.group(2)) if title is None and named is not None else None
            if name_title is not None:
                # "X를 이끌었던 NAME 대표": the title the text gives the name, as it gives it
                title, former = name_title, bool(named.group(1))
            elif title is None:
                if m.group("verb").startswith("맡"):
                    continue  # "X의 업무를 맡은": a task, not a post
                title = "head"
            self._claim("WORKS_AT", p, org, sent, {"title": f"former {title}" if former else title},
                        inferred=True, rule="ko.works_at.led_before_name")

    @staticmethod
    def _coordinated_org(sent: Sentence, org: Mention, after: bool = True) -> Mention | None:
        """The organization joined to ``org`` by a middle dot or 와/과 and written right after
        it (``after``) or right before it ("SK하이닉스·SK스퀘어", "테슬라와 스페이스X"), or
        None; a comma joins the items of a list ("엔비디아, 아마존 창업자 NAME"), not one
        post's organizations."""
        if after:
            near = [x for x in sent.mentions if x.start >= org.end][:1]
            gap = sent.text[org.end : near[0].start] if near else ""
        else:
            near = [x for x in sent.mentions if x.end <= org.start][-1:]
            gap = sent.text[near[0].end : org.start] if near else ""
        if not near or near[0].type != ORGANIZATION or not _ONE_POST_JOIN.fullmatch(gap):
            return None
        return near[0]

    def _left_title(self, sent: Sentence, p: Mention, run: str) -> tuple | None:
        """ "[ORG(의)] [전] TITLE(인|...) NAME": (title, org, inferred, former) or None."""
        text = sent.text
        if text[: p.start].rstrip()[-1:] not in _run_last_chars():
            return None  # (most people: the search below tries the titles at every position)
        m4 = _before_name_re(run).search(text[: p.start])
        if not m4:
            return None
        # "애플의 AI 전략 책임자인 NAME": the words naming the title's field go with it, when
        # no name is among them
        lead = re.search(r"(?:(?<=\s)|^)((?:[^\s,()]+\s){1,3})$", text[: m4.start(2)])
        if lead and not m4.group(1):
            words = lead.group(1).split()
            k = field_start(words)
            start = m4.start(2) - len(" ".join(words[k:])) - 1
            if k < len(words) and not any(x.start < m4.start(2) and start < x.end for x in sent.mentions):
                m4 = re.search(rf"(전\s+|前\s*)?({re.escape(text[start : m4.end(2)])})(?:\s*중 한 명)?"
                               rf"(?:인|이었던|였던)?\s*$", text[: p.start]) or m4
        title, former, org, inferred = m4.group(2), bool(m4.group(1)), None, False
        # "공동 창업자인 AI 과학자 NAME": the occupation describes the founder
        # ("AI 과학자", a field before it, is an occupation too)
        m5 = (self._title_en(title) or "").split(" ")[-1] in _OCCUPATIONS and _occupation_lead_re(
            run).search(text[: m4.start(2)])
        if m5:
            en = (self._title_en(m5.group(1)) or "").split(" and ")
            if set(en) & set(self.lex["founder_titles"]):
                title = m5.group(1)
                m4 = re.search(rf"{re.escape(title)}", text[: m5.end(1)] + " ") or m4
        orgs_before = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= m4.start()]
        if orgs_before:
            gap = text[orgs_before[-1].end : m4.start()]
            if re.fullmatch(r"\s*(?:의)?\s*(?:전\s+|前\s*)?(?:[^\s,]+\s+){0,2}", gap) and "," not in gap:
                org = orgs_before[-1]
                former = former or bool(re.search(r"(?:^|\s)(?:전|前)\s", gap))
            else:
                org, inferred = orgs_before[-1], True
        return title, org, inferred, former

    def _emit_title(
        self,
        sent: Sentence,
        p: Mention,
        title: str,
        org: Mention | None,
        inferred: bool,
        former: bool,
        right_side: bool = False,
        *,
        rule: str,
    ) -> None:
        """WORKS_AT by ``rule`` (and FOUNDED for founder titles) for a title next to a person."""
        en = self._title_en(title)
        if en is None:
            return
        founded = self._founding_org(sent, p) if (org is None or inferred) else None
        if founded is not None:
            org, inferred = founded, False  # "X를 창업한 NAME 대표"
        if org is None and right_side and p.anaphoric:
            # "윤 대표는": the person named in full before keeps the organization given then
            org = self._known_org(p)
        if org is None and right_side:
            # "퓨리오사AI 백준호 대표": the organization written right before the name, with
            # no particle or word between, is the one the title after the name is held at
            org = self._org_before_name(sent, p)
        if org is None and right_side:
            # "X의 ... NAME 부사장": the organization the sentence is about; none, the document's
            org = self._line_up_org(sent, p)
            if org is None:
                self._bare_title(p, en, former)
                return
            inferred = True
        if org is None:
            prev = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= p.start]
            if not prev:
                self._bare_title(p, en, former)
                return
            org, inferred = prev[-1], True
        # a founding is history: the registry's present employer says nothing against it
        if inferred and not set(en.split(" and ")) & set(self.lex["founder_titles"]) \
                and self._not_their_employer(sent, p, org):
            self._bare_title(p, en, former)
            return
        if not p.title or p.title_org is None or p.title_org.key != org.key or right_side:
            p.title, p.title_org = en, org
        titles = en.split(" and ")
        founder = [t for t in titles if t in self.lex["founder_titles"]]
        if founder:
            self._claim("FOUNDED", p, org, sent, inferred=inferred, rule="ko.founded.founder_title")
        a_post = len(founder) < len(titles) or len(titles) > 1
        if former:
            # "NAME 전 ORG TITLE": where the person worked, a past post; the organization must
            # be written with the title (one the sentence or a founding lends may be another's)
            if a_post and not (inferred or founded is not None or p.anaphoric):
                self._claim("WORKS_AT", p, org, sent, {"title": f"former {en}"}, inferred=True,
                            rule="ko.works_at.former_title")
            return  # a founding is history ("X 전 공동창업자" founded X all the same); no post held now
        if a_post:
            self._claim("WORKS_AT", p, org, sent, {"title": en}, inferred=inferred, rule=rule)

    @staticmethod
    def _org_before_name(sent: Sentence, p: Mention) -> Mention | None:
        before = [x for x in sent.mentions if x.end <= p.start]
        if not before:
            return None
        x = before[-1]
        if x.type != ORGANIZATION or x.particle or x.head or sent.text[x.end : p.start] != " ":
            return None
        return x

    def _bare_title(self, p: Mention, en: str, former: bool) -> None:
        """A title no organization of the sentence holds ("데이터 책임자 NAME이").

        It stays the person's, the role of the move the sentence tells ("X를 떠난 NAME
        전 CTO"); a current one is also noted for the topic stage, which places it at
        the organization the document is about."""
        p.title = p.title or en
        if not former:
            self.bare_titles.append((p, en))

    def _known_org(self, p: Mention) -> Mention | None:
        for c in reversed(self.claims):
            if c.relation in ("WORKS_AT", "FOUNDED") and c.subject.name == p.name:
                found = [m for m in self.state.last_orgs if m.name == c.object.name]
                return found[-1] if found else None
        return None

    def _hire_from(self, sent: Sentence, hirer: Mention, person: Mention, q: dict, inferred: bool) -> None:
        org = person.title_org
        if org is None:
            prev = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION
                and x.end <= person.start
                and re.fullmatch(
                    r"\s*(?:의)?\s*(?:출신\s*)?(?:[^\s]+\s+){0,1}|\s*(?:의)?\s*(?:[^\s]+\s+){0,2}출신(?:인)?\s*",
                    sent.text[x.end : person.start],
                )
            ]
            org = prev[-1] if prev else None
        if org is not None and org.key != hirer.key:
            self._claim("HIRED_FROM", hirer, org, sent, {"date": q.get("date")}, inferred, derived=True,
                        rule="ko.hired_from.person_origin")
            if person.title_org is None and re.fullmatch(r"의\s*", sent.text[org.end : person.start]):
                self._claim("WORKS_AT", person, org, sent, {}, inferred,  # "X의 NAME"
                            rule="ko.works_at.hired_genitive")

    def _parent(self, m: Mention) -> Mention:
        """Hiring by a unit is hiring by its top organization when the registry knows it."""
        cur, seen = m, 0
        while cur.id and seen < 3:
            ent = self.registry.get(cur.id)
            if ent is None or not ent.parent or self.registry.kinds.get(cur.id) != "unit":
                break
            p = self.registry.get(ent.parent)
            if p is None:
                break
            cur = Mention(m.start, m.end, p.name, p.type, p.id, self.registry.kinds.get(p.id, ""))
            seen += 1
        return cur

    def _hired(self, sent: Sentence, used: list) -> None:
        lex = self.rel["HIRED"]
        text = sent.text
        for t in find_all(text, lex["active"] + lex["passive"], "hire"):
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            if t.word in lex["passive"]:
                continue  # found so that "영입됐다" is not read as the active "영입"; no rule reads it
            clause = sent.clause(t.start)
            q = {"date": self._date(sent, t)}
            m = _POST_BEFORE.search(text[clause[0] : t.start])
            role = self._field_title(text[clause[0] : clause[0] + m.start()], m.group(1)) if m else None
            relative = bool(
                _RELATIVE_AFTER.match(text[t.end - 1 : t.end + 3])
            ) or text[t.end : t.end + 2].startswith(("한 ", "된 "))
            rule = "ko.hired.agent_patient"
            hirers, inferred = self._agents(sent, clause, t.start)
            sources = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["source_particles"])
            if relative and not self._in(
                sent, clause[0], t.start, (ORGANIZATION,), self.lex["agent_particles"]
            ):
                # "X에서 영입한 연구원들이 Y를 떠났다": Y is who had hired them
                after = _left_after(sent, text, t.end)
                if after:
                    hirers, inferred = after[:1], False
                    rule = "ko.hired.relative_then_left"
            hirers = [self._parent(h) for h in hirers]
            if hirers:
                self.state.last_hirer, self.state.last_hire_date = hirers[0], q.get("date")
            people = [
                x
                for x in sent.mentions
                if x.type == PERSON
                and clause[0] <= x.start < t.start
                and x.particle not in ("이", "가", "은", "는", "의")
            ]
            if relative and not people:
                people = [x for x in sent.mentions if x.type == PERSON and t.end <= x.start <= t.end + 4]
            people = self._listed_before(sent, clause[0]) + people
            count = self._count(sent, clause[0], t.start)
            for carried in hirers:
                for p in people:
                    owner = [
                        x
                        for x in sent.mentions
                        if role and m
                        and x.type == ORGANIZATION
                        and x.end <= clause[0] + m.start()
                        and x.particle == "의"
                        and x.start > p.end
                    ]
                    # "P를 Y의 부사장으로 영입했다" with the hirer left unsaid: Y hires into
                    # its own post, not the organization the sentences before were about
                    h = owner[-1] if owner and inferred else carried
                    if self._apposed(sent, h, p):
                        continue  # "NAME 미시간대 교수도 영입", "NAME 메타 CEO는": the person's own post
                    # without "...로 영입", a title written next to the person is the role only
                    # when it names the hirer ("메타 AI 책임자 NAME"); a bare or another
                    # organization's title ("최고경영자 NAME", "X CEO NAME") is the old one
                    at_hirer = p.title_org is not None and p.title_org.key == h.key
                    own_title = (p.title or None) if at_hirer else None
                    self._claim("HIRED", h, p, sent, {**q, "role": role or own_title}, inferred, rule=rule)
                    self._hire_from(sent, h, p, q, inferred)
                    if role and m:
                        post = (owner[-1] if owner else self._post_org_before(sent, clause[0] + m.start())
                                or self._set_up_before(sent, p) or h)
                        self._claim("WORKS_AT", p, post, sent, {"title": role},
                                    rule="ko.works_at.hired_as")
                h = carried
                group = self._nearest_group(sources, sent)
                for s in group:
                    # "A·B·C에서 11명": the count is of all the sources together
                    self._claim("HIRED_FROM", h, s, sent, {**q, "count": count if len(group) == 1 else None},
                                inferred, rule="ko.hired_from.source")
                for s in self._in(sent, clause[0], t.start):
                    # "X 연구원들에게 ... N명을 영입": the staff of X were hired
                    if (s.key != h.key and s not in group and s.particle in ("에게", "을", "를", "")
                            and _STAFF.match(s.head)):
                        self._claim("HIRED_FROM", h, s, sent, {**q, "count": count}, inferred,
                                    rule="ko.hired_from.staff_of")
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != h.key:
                        self._claim("HIRED_FROM", h, s, sent, q, inferred, rule="ko.hired_from.alumni")

    def _apposed(self, sent: Sentence, org: Mention, person: Mention) -> bool:
        """Whether ``org`` is named with a title right after ``person`` ("NAME 미국 미시간대
        교수"): the person's own post, so no agent of an act done to the person."""
        post = org.head.split()[-1] if org.head else ""
        if org.start < person.end or not (self._title_en(post) or post in self.lex["academic_posts"]):
            return False
        return bool(re.fullmatch(r"(?:\([^)]*\))?\s*(?:\S+\s+)?", sent.text[person.end : org.start]))

    @staticmethod
    def _set_up_before(sent: Sentence, person: Mention) -> Mention | None:
        """The organization the sentence sets up before naming ``person``: "X를 설립하고 P를
        대표로 선임했다" puts P at the head of X, not of the one that set X up."""
        made = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= person.start
                and SET_UP.match(sent.text, x.end)]
        return made[-1] if made else None

    def _join(self, sent: Sentence, used: list) -> None:
        lex = self.rel["HIRED"]
        text = sent.text
        for t in find_all(text, lex["join"], "join"):
            used.append((t.start, t.end))
            if self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            q = {"date": self._date(sent, t)}
            move = t.word in lex["move"]
            people = [
                x
                for x in self._in(sent, clause[0], t.start, (PERSON,))
                if x.particle in self.lex["agent_particles"]
                or re.match(r"\s*비롯", text[x.pend : x.pend + 4])
            ]
            inferred = False
            if not people:
                topic = self._in(sent, 0, t.start, (PERSON,), self.lex["agent_particles"])
                people = topic[:1]
            goal_p = (
                self.lex["goal_particles"] + self.lex["dative_particles"]
                if move
                else self.lex["dative_particles"]
            )
            targets = [x for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), goal_p)]
            titled = self._titled_goals(sent, clause[0], t.start)
            role = None
            if titled and (not targets or titled[-1] is targets[-1]):
                # "ORG 부사장으로 출근하고 있다": the title is the role of the hire
                targets, role = titled[-1:], self._title_en(titled[-1].head.split()[-1])
            if not targets and re.match(r"(?:하|했|한)?\S*\s", text[t.end : t.end + 3]):
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 16]
                if nxt and re.match(r"한\s", text[t.end : t.end + 2]):
                    targets = nxt[:1]
            if not people and re.match(r"\s" if t.word.endswith("한") else r"한\s", text[t.end : t.end + 2]):
                # "X에서 합류한 고위 임원이 Y를 떠났다": Y had hired from X
                left = _left_after(sent, text, t.end)
                srcs = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["source_particles"])
                for y in left[:1]:
                    for s in srcs[-1:]:
                        if s.key != y.key:
                            self._claim("HIRED_FROM", self._parent(y), s, sent, q,
                                        rule="ko.hired_from.joined_then_left")
            if not targets:
                topic = self._in(sent, 0, t.start, (ORGANIZATION,), self.lex["topic_particles"])
                targets, inferred = topic[:1], True
            targets = [self._parent(x) for x in targets[-1:]]
            sources = [
                x
                for x in self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["source_particles"])
                if x.key not in {g.key for g in targets}
            ]
            for g in targets:
                for p in people:
                    self._claim("HIRED", g, p, sent, {**q, "role": role}, inferred, rule="ko.hired.join_goal")
                    if role:
                        self._claim("WORKS_AT", p, g, sent, {"title": role}, inferred,
                                    rule="ko.works_at.joined_as")
                    src = sources[-1:] if sources else []
                    if not src and move:
                        before = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION and x.end <= p.start and x.particle == "의"
                        ]
                        src = before[-1:]
                    if not src:
                        # "NAME 전 ORG 디렉터가 ... 합류": the former employer is where they came from
                        src = [
                            x
                            for x in sent.mentions
                            if x.type == ORGANIZATION
                            and x.start > p.end
                            and x.key != g.key
                            and re.fullmatch(r"\s*(?:전\s+|前\s*)", text[p.end : x.start])
                        ][:1]
                    for s in src:
                        self._claim("DEPARTED", p, s, sent, q, inferred or not sources, derived=True,
                                    rule="ko.departed.join_source")
                        self._claim("HIRED_FROM", g, s, sent, q, inferred or not sources, derived=True,
                                    rule="ko.hired_from.join_source")
                for s in self._in(sent, clause[0], t.start):
                    if s.head.startswith("출신") and s.key != g.key:
                        self._claim("HIRED_FROM", g, s, sent, {}, inferred, rule="ko.hired_from.alumni")
            if not people and not inferred:
                self._unnamed_movers(sent, clause, t.start, targets, sources, q)

    def _unnamed_movers(self, sent: Sentence, clause: tuple[int, int], pos: int, targets: list[Mention],
                        sources: list[Mention], q: dict) -> None:
        """Staff the text does not name moving to a goal: "X 연구원 10여 명이 Y로 자리를
        옮겼다", "X에서 AI 사업을 총괄하던 핵심 임원이 Y로 이적했다": Y hired from X."""
        text = sent.text
        movers = _unnamed_movers().search(text, clause[0], pos)
        if movers is None:
            return
        for g in targets:
            if movers.end() > g.start:
                continue
            # X named right before the staff ("X 연구원", "X의 핵심 인력"), else where they
            # worked ("X에서 ...하던 임원")
            srcs = [x for x in sent.mentions if x.type == ORGANIZATION and clause[0] <= x.start
                    and x.end <= movers.start() and _STAFF_GAP.fullmatch(text, x.end, movers.start())] or [
                x for x in sent.mentions if x.type == ORGANIZATION and x.pend <= movers.start()
                and x.particle in self.lex["source_particles"]
                and _LED_BY_STAFF.search(text, x.pend, movers.start())]
            for s in srcs[-1:]:
                if s.key != g.key:
                    count = self._count(sent, movers.start(), movers.end())
                    self._claim("HIRED_FROM", g, s, sent, {**q, "count": count},
                                rule="ko.hired_from.unnamed_movers")

    def _departed(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in find_all(text, self.rel["DEPARTED"]["active"], "dep"):
            if any(a <= t.start < b for a, b in used) or self._modal(sent, t):
                continue
            clause = sent.clause(t.start)
            rule = "ko.departed.agent_source"
            people, inferred = self._agents(sent, clause, t.start, (PERSON,))
            orgs = self._in(
                sent,
                clause[0],
                t.start,
                (ORGANIZATION,),
                self.lex["object_particles"] + self.lex["source_particles"],
            )
            # "X를 창업하기 위해 사임했다": an object another verb takes first is not the one left
            orgs = [x for x in orgs if x.particle not in self.lex["object_particles"] or not any(
                is_verb(tk) and x.pend <= tk.start and tk.end <= t.start
                for tk in sent.tokens)]
            adjacent = [
                x
                for x in sent.mentions
                if x.type == ORGANIZATION and x.end <= t.start and re.fullmatch(r"\s*", text[x.end : t.start])
            ]
            objs = self._nearest_group(orgs, sent) or adjacent
            if not people and not objs:
                # headline "A, B, C 등 이탈": the people listed right before the noun left the
                # organization the document is about
                listed = [
                    x
                    for x in sent.mentions
                    if x.type == PERSON
                    and x.end <= t.start
                    and _LIST_TAIL.fullmatch(text[x.end : t.start])
                ]
                if listed and not any(x.type == ORGANIZATION for x in sent.mentions):
                    # every listed name, its group or not ("A, B 전무, C 등": the title parts them)
                    people = list({id(x): x for m in listed for x in self._group(sent, m)}.values())
                    org = (self.state.topic or (self.state.last_orgs[-1] if self.state.last_orgs else None)
                           if enabled("carry_over") else None)
                    objs, inferred = ([org] if org is not None else []), True
                    rule = "ko.departed.headline_list"
            company = re.search(r"(?:^|\s)회사(?:를|에서)\s*$", text[clause[0] : t.start])
            he = self.pronoun_person() if company and not people else None
            if he is not None and PRONOUN_SUBJECT_TOO.search(text[clause[0] : t.start]):
                people, inferred = [he], True  # "그는 지난달 회사를 떠났다"
            if not objs and company:
                objs = [p.title_org for p in people if p.title_org is not None][:1]
                if not objs and len(people) == 1 and enabled("coreference") and (
                        people[0] is he or people[0].particle in ("은", "는")):
                    objs = self._the_company(sent, people[0], t.start)
                inferred, rule = True, "ko.departed.left_the_company"
            # "왕 CEO가 데려온 임원 중 한 명이 ... 떠났다": an unnamed subject nearer the verb
            people = [
                p for p in people if not _UNNAMED_SUBJECT.search(text[p.pend : t.start])
            ]
            for p in people:
                for o in objs:
                    # "ORG CEO를 사임": the title named with the organization is the role left
                    own = self._title_en(o.head) if o.head else None
                    role = own or p.title or None
                    self._claim("DEPARTED", p, o, sent, {"role": role, "date": self._date(sent, t)}, inferred,
                                rule=rule)
                    if own:
                        self._claim("WORKS_AT", p, o, sent, {"title": own}, inferred,
                                    rule="ko.works_at.title_left")

    def _the_company(self, sent: Sentence, person: Mention, pos: int) -> list[Mention]:
        """The one organization "회사" can mean for a person who leaves it: the only one the
        sentence names before, else the only one the document placed the person at."""
        here = {x.key: x for x in sent.mentions if x.type == ORGANIZATION and x.end <= pos}
        if here:
            return list(here.values()) if len(here) == 1 else []
        placed = {c.object.name for c in self.claims
                  if c.relation in ("WORKS_AT", "FOUNDED") and c.subject.name == person.name}
        placed |= {c.subject.name for c in self.claims
                   if c.relation == "HIRED" and c.object.name == person.name}
        if len(placed) != 1:
            return []
        found = [m for m in self.state.last_orgs if m.name in placed]
        # the organization as named before, without that sentence's particle and head nouns
        return [Mention(pos, pos, m.name, m.type, m.id, m.kind, m.discovered) for m in found[-1:]]

    def _founded(self, sent: Sentence, used: list) -> None:
        text = sent.text
        for t in find_all(text, self.rel["FOUNDED"]["active"], "found"):
            if self._modal(sent, t) or text[t.end : t.end + 1] in ("자", "된", "되", "돼", "됐"):
                continue
            if text[t.start - 2 : t.start] == "공동" and text[t.end : t.end + 1] == "자":
                continue
            clause = sent.clause(t.start)
            founders = [x for x in self._in(sent, clause[0], t.start, (PERSON,), self.lex["agent_particles"])]
            if not founders:
                founders = self._in(sent, 0, t.start, (PERSON,), self.lex["topic_particles"])[:1]
            # "구글을 떠나 스타트업을 설립했다": an object another verb takes before the trigger
            # is that verb's, not what was founded
            objects = self._in(sent, clause[0], t.start, (ORGANIZATION,), self.lex["object_particles"])
            orgs = [x for x in objects
                    if not any(is_verb(tk) and x.pend <= tk.start and tk.end <= t.start
                               for tk in sent.tokens)]
            orgs += [
                x
                for x in self._in(sent, clause[0], t.start)
                if x not in orgs and _NAMED_AS.match(text, x.end)
            ]  # "'io'라는 스타트업을 창립했다": the particle sits on the noun the name describes
            if founders:
                # "애플을 떠난 아이브는 X를 설립했다": what is founded follows its founder
                orgs = [o for o in orgs if o.start > founders[0].start]
            inferred, rule = False, "ko.founded.agent_patient"
            relative = re.match(r"\s", text[t.end : t.end + 1]) if t.word.endswith("한") else re.match(
                r"한\s", text[t.end : t.end + 2]
            )
            if not orgs and relative:
                # the head of the relative clause: the name right after it, or after a few words
                # describing it ("설립한 AI 스타트업 X"), not one past a comma or a word with
                # a particle ("설립한 회사로, X 출신 ...": the company is the clause's head)
                nxt = [x for x in sent.mentions if x.type == ORGANIZATION and t.end < x.start <= t.end + 12
                       and _RELATIVE_HEAD_GAP.fullmatch(text, t.end, x.start)]
                orgs, rule = nxt[:1], "ko.founded.relative_object"
                if not orgs:
                    topic = self._in(sent, 0, t.start, (ORGANIZATION,), self.lex["topic_particles"])
                    orgs, inferred, rule = topic[:1], True, "ko.founded.relative_topic"
            q = {"date": self._date(sent, t)}
            # a relative clause modifies one name: "X가 설립한 A, B, C 등이 참여했다" founds A only
            grouped = orgs and orgs[-1] in sent.mentions and rule != "ko.founded.relative_object"
            objs = self._nearest_group(orgs, sent) if grouped else orgs
            for f in founders:
                for o in objs:
                    self._claim("FOUNDED", f, o, sent, q, inferred, rule=rule)


# words between a relative clause's verb and its head name: none ending in a particle, no comma
_RELATIVE_HEAD_GAP = re.compile(r"\s*['‘\"“]?(?:[^\s,]*[^\s,로는은이가을를에와과의도]\s+)*['‘\"“]?")


def _left_after(sent: Sentence, text: str, end: int) -> list[Mention]:
    """Organizations after ``end`` that are the object of a leaving verb ("Y를 (이미) 떠났다")."""
    return [
        x
        for x in sent.mentions
        if x.start > end
        and x.type == ORGANIZATION
        and x.particle in ("을", "를")
        and re.match(r"\s*(?:이미\s*)?떠", text[x.pend : x.pend + 6])
    ]
