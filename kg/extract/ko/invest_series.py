"""Korean investments told as a series: "A, B에 이어 C에도 투자했다".

The organizations before "에 이어" were invested in by the same investor as the one
after it: "Y는 A에 이어 C에도 투자했다", "X는 Y가 A, B에 이어 세 번째로 많은 금액을
투자한 곳이다" both give Y INVESTED_IN A (and B).

General grammar; nothing here names an entity. ``InvestSeriesRules`` is a mixin of the rules.
"""

from __future__ import annotations

import re

from kg.extract.ko.base import Sentence, Trigger
from kg.graph.model import ORGANIZATION

_AFTER = re.compile(r"에\s이어\s(?:[^\s,.]+\s){0,5}?[^\s,.]*투자(?:했|한|해)")


class InvestSeriesRules:
    """INVESTED_IN for the organizations listed before '에 이어 ... 투자'; a mixin."""

    def _invest_series(self, sent: Sentence) -> None:
        text = sent.text
        orgs = [m for m in sent.mentions if m.type == ORGANIZATION]
        for last in orgs:
            v = _AFTER.match(text, last.end)
            if v is None:
                continue
            t = Trigger(v.end() - 3, v.end(), v.group(0)[-3:], "inv")
            if self._modal(sent, t):
                continue
            listed = [x for x in orgs if x.group == last.group] if last.group >= 0 else [last]
            investors = [x for x in orgs if x.end <= listed[0].start and x.particle in ("이", "가")]
            investors = investors or [x for x in orgs if x.end <= listed[0].start
                                      and x.particle in ("은", "는")]
            if not investors:
                continue
            for z in listed:
                self._claim("INVESTED_IN", investors[-1], z, sent, {}, rule="ko.invested_in.series")
