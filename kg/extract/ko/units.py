"""Korean unit sentences: which organization a named unit belongs to.

- "X는 ... 사업부 'Y'의 ...", "연구 자회사 Y는": a unit cue with no owner next to it
  names a unit of the sentence's topic (else the document's);
- "X가 조직 'Y'를 신설했다": what X sets up is part of X.

General grammar; nothing here names an entity.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract.ko.base import Sentence
from kg.extract.ko.mentions import Mention
from kg.extract.rulebook import rule_enabled
from kg.graph.model import ORGANIZATION, Claim
from kg.graph.registry import fold

# a cue is a word of its own: "투자회사 X" or "AI클라우드사업부 X" holds no cue
_CUE = re.compile(r"(?<![가-힣A-Za-z0-9])"
                  r"(?:자회사|계열사|사업부|연구조직|내부 조직|조직|사내 연구소)(?:인)?\s*['‘\"“]?")
# the owner's genitive before the cue, with up to two plain nouns between ("구글의 AI 연구조직");
# a word ending in a particle or a verb ending starts a clause of its own ("X의 투자를 받은")
_GENITIVE = re.compile(r"의(?:\s+[가-힣A-Za-z0-9]+(?<![은는이가을를에한된던])){0,2}\s*")


# a word in the genitive right before the cue: the owner is named there
_UNNAMED_OWNER = re.compile(r"(?<![가-힣A-Za-z0-9])([가-힣A-Za-z0-9]+)의\s*$")

# "SK그룹" is told as "SK" in its units' names ("SK리서치")
_GROUP_WORD = re.compile(r"\s*(?:그룹|group|Group)$")


# a list of one group's companies: "A, B, C 등 (16개|다양한|주요) 계열사", "관계사 A·B·C"
_AFFILIATE_WORD = r"(?:계열사|관계사|그룹사|자회사|손자회사)"
_AFFILIATE_CUE_AFTER = re.compile(
    rf"\s*(?:등\s*)?(?:(?:\d+|[가-힣]+)\s*개\s*|다양한\s+|주요\s+|여러\s+)?{_AFFILIATE_WORD}")
_AFFILIATE_CUE_BEFORE = re.compile(rf"(?<![가-힣A-Za-z0-9]){_AFFILIATE_WORD}(?:인|들)?\s*$")
# what separates the companies of one list
_LIST_JOIN = re.compile(r"\s*[,·ㆍ]\s*")


def _org_runs(text: str, orgs: list[Mention]) -> list[list[Mention]]:
    """The runs of organizations a sentence lists one after another, joined by commas or
    middle dots and nothing else."""
    runs: list[list[Mention]] = []
    for m in sorted(orgs, key=lambda x: x.start):
        if runs and _LIST_JOIN.fullmatch(text[runs[-1][-1].end : m.start]):
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _named_after(run: list[Mention], prefixes: dict[str, Mention]) -> tuple[Mention, list[Mention]] | None:
    """The told organization every company of ``run`` is named after (the longest such
    written name, shorter than each of theirs) and those companies, two at least; the
    group's own name among them is none of its affiliates ("SK AX" read as "SK"), or None."""
    fits: list[tuple[str, Mention, list[Mention]]] = []
    for form, parent in prefixes.items():
        units = [m for m in run if m.surface.replace(" ", "") != form]
        written = [m.surface.replace(" ", "") for m in units]
        if len(units) >= 2 and all(len(form) < len(w) and w.startswith(form) for w in written):
            # a company of the list that is the group itself: the name of the group is one
            # the registry gives that company too ("삼성" for 삼성전자), so which is meant is unknown
            if not any(m.key == parent.key for m in units):
                fits.append((form, parent, units))
    if not fits:
        return None
    _, parent, units = max(fits, key=lambda fit: len(fit[0]))
    return parent, units


class UnitRules:
    """PART_OF from unit cues and set-ups; a mixin."""

    def units_named_after_parents(self, sentences: list[Sentence]) -> list[Claim]:
        """PART_OF of each organization whose name, as the text writes it, is the name of
        another organization the document names on its own and a unit word after it (the
        lexicon's ``name_unit_words``): "카카오브레인" of "카카오", "SK텔레콤 미국 법인" of
        "SK텔레콤", "SK리서치" of "SK그룹". The parent must be told by itself somewhere in
        the document: a name alone ("삼성리서치" with no "삼성" told) says nothing of a
        group. A document-wide reading, made once after every sentence, so the parent may
        be named after its unit; the affiliate lists, which need the same told names, are
        read here too (``ko.part_of.affiliate_list``)."""
        self.out = []
        told, prefixes = self._told_names(sentences)
        self._affiliate_lists(sentences, prefixes)
        if not rule_enabled("ko.part_of.named_after_parent"):
            return self.out
        unit_words = tuple(self.lex["name_unit_words"])
        own_name_words = tuple(self.lex["own_name_unit_words"])
        done: set[str] = set()
        for sent, unit in told:
            if unit.key in done:
                continue
            written = unit.surface.replace(" ", "")
            parents = [(form, p) for form, p in prefixes.items()
                       if len(form) < len(written) and written.startswith(form) and p.key != unit.key
                       and written[len(form):].endswith(unit_words)
                       and (p.id is not None or not written[len(form):].endswith(own_name_words))]
            if not parents:
                continue
            done.add(unit.key)
            # the longest name inside: "SK텔레콤 미국 법인" belongs to SK텔레콤, not to SK
            _, parent = max(parents, key=lambda fp: len(fp[0]))
            # told in another sentence: placed at this one's start, outside any quote in it
            parent = replace(parent, start=0, end=0, pend=0)
            self._claim("PART_OF", unit, parent, sent, {}, True, rule="ko.part_of.named_after_parent")
        return self.out

    def _told_names(
        self, sentences: list[Sentence]
    ) -> tuple[list[tuple[Sentence, Mention]], dict[str, Mention]]:
        """The organizations the document tells by name (not by a description), and the
        written names a unit's name may start with: each told name, spaces removed, and
        without its group word ("SK그룹" -> "SK")."""
        told: list[tuple[Sentence, Mention]] = [
            (sent, m) for sent in sentences for m in sent.mentions
            if m.type == ORGANIZATION and not m.anaphoric and m.surface]
        prefixes: dict[str, Mention] = {}  # a parent's written name, spaces removed -> mention
        for _, m in told:
            written = m.surface.replace(" ", "")
            if m.id is not None:
                # a registry name told in one of its own forms, not a word the sentence's
                # reading tied to it
                known = self.registry.lookup(m.surface)
                if known is None or known.id != m.id:
                    continue
            elif fold(m.name) != fold(m.surface):
                continue  # a form the document tied to another name
            for form in {written, _GROUP_WORD.sub("", written)}:
                if len(form) >= 2:
                    prefixes.setdefault(form, m)
        return told, prefixes

    def _affiliate_lists(self, sentences: list[Sentence], prefixes: dict[str, Mention]) -> None:
        """PART_OF of each company of a list of a group's affiliates, the group the one their
        names are named after: "SK텔레콤, SK하이닉스, SK AX 등 다양한 계열사", "LG전자, LG화학
        등 16개 계열사가", "관계사 삼성전자·삼성SDS·삼성물산 등 4개사가". The cue says they are
        one group's; the group is the organization the document tells whose name each of
        theirs starts with (the longest such), so a list with no such name says nothing."""
        if not rule_enabled("ko.part_of.affiliate_list"):
            return
        for sent in sentences:
            orgs = [m for m in sent.mentions if m.type == ORGANIZATION and not m.anaphoric and m.surface]
            for run in _org_runs(sent.text, orgs):
                if len(run) < 2 or not (_AFFILIATE_CUE_AFTER.match(sent.text, run[-1].end)
                                        or _AFFILIATE_CUE_BEFORE.search(sent.text, 0, run[0].start)):
                    continue
                found = _named_after(run, prefixes)
                if found is None:
                    continue
                parent, units = found
                # told in another sentence: placed at this one's start, outside any quote in it
                parent = replace(parent, start=0, end=0, pend=0)
                for unit in units:
                    self._claim("PART_OF", unit, parent, sent, {}, True, rule="ko.part_of.affiliate_list")

    def _units_of(self, sent: Sentence) -> None:
        text = sent.text
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        for c in _CUE.finditer(text):
            units = [x for x in orgs if x.start == c.end()]
            if not units:
                continue
            u = units[0]
            if c.group(0).startswith(("자회사", "계열사")) and any(
                re.fullmatch(r"\s*(?:의|은|는|이|가)?\s*", text[x.end : c.start()])
                for x in orgs
                if x.end <= c.start()
            ):
                continue  # "X(의) 자회사 Y": the rule of adjacent owners
            owner, named = self._owner(sent, c.start(), u)
            if owner is not None:
                self._claim("PART_OF", u, owner, sent, {}, rule="ko.part_of.unit_cue")
            elif not named:
                self.bare_units.append(u)  # the topic stage may place it (FrameReader.place_bare_units)

    def _owner(self, sent: Sentence, pos: int, unit: Mention) -> tuple[Mention | None, bool]:
        """The organization a unit cue at ``pos`` belongs to, its genitive owner or the subject
        before it, and whether the text names an owner at all (a name no one read: "국부펀드
        달준의 자회사 Y"). Not the topic carried from the sentence before: on the corpus that
        was as often a sibling unit ("개발 자회사 A는 ..., 자회사인 B는") as the owner; the
        topic stage places an unowned unit at the organization the whole document is about."""
        gen = [x for x in sent.mentions if x.type == ORGANIZATION and x.key != unit.key
               and re.fullmatch(_GENITIVE, sent.text[x.end : pos])
               and not any(x.end <= m.start < pos for m in sent.mentions)]
        if gen:
            return gen[-1], True  # "X의 연구조직인 Y", "X의 AI 연구조직 Y"
        owner_word = _UNNAMED_OWNER.search(sent.text, 0, pos)
        if owner_word and not owner_word.group(1).endswith(tuple(self.lex["org_cues"])):
            # "국부펀드 달준의 자회사 Y": the text names the owner, though no name was read
            # there ("이 회사의 자회사 Y", "그룹의 계열사 Y" point back to the story's company)
            return None, True
        # a subject a cue calls a unit itself is a sibling, not the owner: "자회사 A는 ...,
        # 자회사인 B는 ..." are both another's
        cued = {c.end() for c in _CUE.finditer(sent.text, 0, pos)}
        subj = [x for x in sent.mentions if x.type == ORGANIZATION and x.end <= pos
                and x.particle in ("은", "는", "이", "가") and x.key != unit.key and x.start not in cued]
        if subj:
            return subj[0], True
        return None, False
