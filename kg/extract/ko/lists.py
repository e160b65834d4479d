"""Korean rules for lists of holders: investors, shareholders and stakes.

Korean business news often names the backers of a company as a list rather
than with a verb: "X의 주요 FI로는 ▲A ▲B 등이 있다", "주주로는 A, B가
있다", a parenthesised stake list "(A 62.5%, B 25%)", or a distribution with
각각 ("A와 B의 지분율을 각각 27%, 26%로"). Each listed holder is an investor
in the company the list belongs to. General grammar only; nothing names an
entity.
"""

from __future__ import annotations

import re

from kg.extract.document import enabled
from kg.extract.ko.base import RuleBase, Sentence
from kg.extract.ko.mentions import Mention
from kg.extract.ko.text import ONE_WORD_NAME
from kg.graph.model import ORGANIZATION, PERSON

# "(주요) 재무적투자자(FI)로는", "주주로는", "투자사로는", "기존 투자자로는"
_HOLDERS = re.compile(
    r"(?:주요|기존|신규)?\s*(?:재무적\s*투자자|전략적\s*투자자|기관\s*투자자|투자자|투자사|주주|FI|SI)"
    r"(?:들)?(?:\s*\([A-Za-z]+\))?\s*(?:로는|으로는|에는)\s"
)
# where a list of names ends: "등이 있다", "이 있다", "등이다", the sentence end
_LIST_END = re.compile(r"\s등|(?:이|가)\s*(?:있|꼽|포함|참여)|이다|\.")
_STAKE_LIST_ITEM = re.compile(r"([^,()·]+?)\s*(\d+(?:\.\d+)?)\s*%")
_NOT_HOLDERS = (
    "기타", "나머지", "자사주", "우리사주", "소액주주", "개인", "외국인", "기관", "최대주주", "경영진",
)
_NAME_LIKE = re.compile(r"[A-Za-z0-9가-힣&]{2,15}(?: [A-Za-z0-9가-힣&]{1,15})?")
_PCT_RUN = re.compile(r"(\d+(?:\.\d+)?)\s*%(?:\s*(?:,|와|과|및)\s*(\d+(?:\.\d+)?)\s*%)+")
_COORD = re.compile(r"\s*(?:,|및)\s*|(?<=[가-힣A-Za-z)])(?:와|과|·)\s*")
# "주요 인재로는", "영입된 인물로는": a list of people hired
_PEOPLE_LIST = re.compile(r"(?:인재|인물|인사|멤버|연구진|영입\s*인력)(?:들)?(?:로는|으로는)\s")
_PEOPLE_END = re.compile(r"\s?등(?:이|도|을)?\s|(?:이|가)\s*포함|\.")
_THIS_COMPANY = re.compile(r"(?:이|동|해당)\s*(?:회사|기업|업체|스타트업)(?:의)?\s*$")


class ListRules(RuleBase):
    """INVESTED_IN from holder lists, stake lists and 각각-distributions."""

    def _lists(self, sent: Sentence) -> None:
        self._holder_lists(sent)
        self._hire_lists(sent)
        self._stake_lists(sent)
        self._respective_stakes(sent)

    def _owner_before(self, sent: Sentence, pos: int, holders: list[Mention]) -> Mention | None:
        """The company a list at ``pos`` belongs to: "X의 ...", "이 회사의 ...", the topic."""
        text = sent.text
        keys = {h.key for h in holders}
        own = [
            x
            for x in sent.mentions
            if x.type == ORGANIZATION
            and x.end <= pos
            and x.particle in ("의", "은", "는")
            and x.key not in keys
            and (x.particle != "의" or re.fullmatch(r"의\s*(?:경우\s*)?(?:\S+\s+){0,2}", text[x.end : pos]))
        ]
        if own:
            return own[-1]
        if _THIS_COMPANY.search(text[max(0, pos - 12) : pos].rstrip()):
            topic = self.state.topic if enabled("coreference") else None
            if topic is not None and topic.key not in keys:
                return topic
        return None

    def _holder_lists(self, sent: Sentence) -> None:
        text = sent.text
        for m in _HOLDERS.finditer(text):
            end_m = _LIST_END.search(text, m.end())
            end = end_m.start() if end_m else len(text)
            holders = [
                x for x in sent.mentions if m.end() <= x.start < end and x.type in (ORGANIZATION, PERSON)
            ]
            if not holders:
                continue
            owner = self._owner_before(sent, m.start(), holders)
            if owner is None:
                continue
            for h in holders:
                self._claim("INVESTED_IN", h, owner, sent, {"date": None}, rule="ko.invested_in.holder_list")

    def _hire_lists(self, sent: Sentence) -> None:
        """ "주요 인재로는 ...한 A, ...한 B 등이 포함됐다" after a hire: each item's last
        word is a person the last hirer took; "X에서 ...한 C" also says where C came from."""
        text = sent.text
        hirer = self.state.last_hirer if enabled("carry_over") else None
        m = _PEOPLE_LIST.search(text)
        if m is None or hirer is None:
            return
        end_m = _PEOPLE_END.search(text, m.end())
        end = end_m.start() if end_m else len(text)
        for item in re.finditer(r"[^,]+", text[m.end() : end]):
            lo, hi = m.end() + item.start(), m.end() + item.end()
            words = text[lo:hi].split()
            if not words:
                continue
            last = words[-1]
            s = hi - len(last)
            known = [x for x in sent.mentions if x.type == PERSON and s <= x.start < hi]
            if known:
                person = known[0]
            elif ONE_WORD_NAME.fullmatch(last) and last not in self.lex["non_name_words"] and len(words) > 1:
                person = Mention(s, hi, last, PERSON, discovered=True, surface=last)
            else:
                continue
            q = {"date": self.state.last_hire_date}
            self._claim("HIRED", hirer, person, sent, q, True, rule="ko.hired.people_list")
            for src in self._in(sent, lo, s, (ORGANIZATION,), ("에서",)):
                if src.key != hirer.key:
                    self._claim("HIRED_FROM", hirer, src, sent, q, True, rule="ko.hired_from.people_list")

    def _stake_lists(self, sent: Sentence) -> None:
        """ "X의 지분을 ... 보유(A 62.5%, B 25%)": each A holds its share of X."""
        text = sent.text
        if "지분" not in text:
            return
        for par in re.finditer(r"\(([^()]*%[^()]*)\)", text):
            items: list[tuple[Mention, float]] = []
            for it in _STAKE_LIST_ITEM.finditer(text, par.start(1), par.end(1)):
                known = [
                    x for x in sent.mentions if x.type == ORGANIZATION and it.start(1) <= x.start < it.end(1)
                ]
                name = it.group(1).strip()
                if known:
                    items.append((known[0], float(it.group(2))))
                elif _NAME_LIKE.fullmatch(name) and not name.startswith(_NOT_HOLDERS):
                    # a name listed with its share is a holder even when no registry knows it
                    start = it.start(1) + it.group(1).index(name)
                    m = Mention(start, start + len(name), name, ORGANIZATION, discovered=True, surface=name)
                    items.append((m, float(it.group(2))))
            if len(items) < 2:
                continue
            stake = text.rfind("지분", 0, par.start())
            if stake < 0:
                continue
            owner = self._owner_before(sent, stake, [i[0] for i in items])
            if owner is None:
                continue
            for h, pct in items:
                self._claim("INVESTED_IN", h, owner, sent, {"stake_pct": pct},
                            rule="ko.invested_in.stake_list")

    def _respective_stakes(self, sent: Sentence) -> None:
        """ "X는 A와 B의 지분율을 각각 27%, 26%로 조정했다": A and B hold stakes in X."""
        text = sent.text
        for m in re.finditer(r"의\s*지분(?:율)?(?:을|를|은|는)?\s*각각\s*", text) if "각각" in text else ():
            pcts = _PCT_RUN.match(text, m.end())
            if not pcts:
                continue
            values = [float(v) for v in re.findall(r"(\d+(?:\.\d+)?)\s*%", pcts.group(0))]
            before = [x for x in sent.mentions if x.type in (ORGANIZATION, PERSON) and x.end <= m.start()]
            if not before:
                continue
            group = [x for x in self._group(sent, before[-1]) if x.end <= m.start()]
            first = min(group, key=lambda x: x.start)
            # "A와 B의": the coordinated words before 의, one share each, not all of them names
            span = text[first.start : m.start()]
            if re.search(r"[은는이가을를에]\s", span):
                continue
            parts = [p for p in _COORD.split(span) if p.strip()]
            if len(parts) != len(values):
                continue
            bounds = [first.start + span.index(p) for p in parts]
            holders = [x for x in group if x.start >= bounds[0]]
            shares = [values[max(i for i, b in enumerate(bounds) if b <= x.start)] for x in holders]
            owners, _ = self._agents(sent, sent.clause(first.start), first.start)
            owners = [o for o in owners if o.key not in {h.key for h in holders}]
            for o in owners[:1]:
                for h, pct in zip(holders, shares, strict=True):
                    self._claim("INVESTED_IN", h, o, sent, {"stake_pct": pct},
                                rule="ko.invested_in.respective_stakes")
