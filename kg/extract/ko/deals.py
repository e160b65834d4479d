"""Deal qualifiers that Korean news spreads over several sentences.

A funding round is often told in pieces: "X는 21일 10억 달러 규모의 투자를
유치했다" (no investor named), then "X는 140억 달러의 기업가치를 인정받았다",
then the list of investors. A stake or a valuation may also follow the sentence
that tells of the deal ("지분 30%를 확보했다"). ``DealBook`` keeps what the
document says about each deal target and fills the qualifiers the deal claims
lack; nothing here names an entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.document import enabled
from kg.graph.model import ORGANIZATION, Claim
from kg.graph.registry import ref_key

_DEALS = ("INVESTED_IN",)  # ACQUIRED takes no stake or valuation


# a share may be hedged: "지분 약 11%", "11% 가량의 지분" (about as much is still the stake told)
_STAKE = re.compile(r"지분(?:율)?\s*(?:을|를)?\s*(?:약|총|대략)?\s*([0-9.]+)\s*%"
                    r"|([0-9.]+)\s*%\s*(?:가량|정도|안팎|내외|남짓)?\s*(?:의\s*)?지분")
_ROUND = re.compile(r"시리즈\s*([A-Z])|Series\s*([A-Z])")


def deal_terms(text: str, money: list, lex: dict) -> dict:
    """Stake, valuation and round stated anywhere in a sentence."""
    out: dict = {}
    # (the patterns below need "지분", "시리즈" or "Series": most sentences have neither)
    m = "지분" in text and _STAKE.search(text)
    if m:
        out["stake_pct"] = float(m.group(1) or m.group(2))
    for s in money:
        around = text[max(0, s.start - 12) : s.end + 12]
        if any(v in around for v in lex["valuation"]):
            out["valuation"] = float(s.value.amount)
            out["valuation_currency"] = s.value.currency
    m = ("시리즈" in text or "Series" in text) and _ROUND.search(text)
    if m:
        out["round"] = f"Series {m.group(1) or m.group(2)}"
    else:
        for ko, en in lex["rounds"].items():
            if ko in text:
                out["round"] = en
    return out


def _same_time(a: str | None, b: str | None) -> bool:
    """Whether two ISO dates (either may be unknown) can name the same time: equal at the
    precision both give ("2023-12" and "2023-12-08" can, "2022-06" and "2023-12-08" cannot)."""
    if not a or not b:
        return True
    n = min(len(a), len(b))
    return a[:n] == b[:n]


@dataclass
class DealBook:
    """What a document says about each deal target, whoever the investors are."""

    rounds: dict[str, dict] = field(default_factory=dict)  # target key -> qualifiers

    def note(self, target_key: str, qualifiers: dict) -> None:
        """Remember qualifiers of a round in ``target_key`` (first value wins); a round told
        with another date than the one kept ("지난해 6월 시리즈A 투자를 유치한 지 1년 반
        만에") is an earlier or later round, whose terms are not this one's."""
        have = self.rounds.setdefault(target_key, {})
        if not _same_time(have.get("date"), qualifiers.get("date")):
            return
        for k, v in qualifiers.items():
            if v is not None:
                have.setdefault(k, v)

    def follow_up(self, claims: list[Claim], sentence_orgs: list, terms: dict, made: bool) -> None:
        """Attach a stake or valuation told after the deal to the most recent deal of an
        organization this sentence names (when the sentence itself made no deal claim)."""
        if made or not terms:
            return
        keys = {m.key for m in sentence_orgs if m.type == ORGANIZATION}
        for c in reversed(claims):
            if c.relation not in _DEALS:
                continue
            if ref_key(c.subject) in keys or ref_key(c.object) in keys:
                for k in ("stake_pct", "valuation"):
                    if k in terms:
                        c.qualifiers.setdefault(k, terms[k])
                return

    def fill(self, claims: list[Claim]) -> None:
        """Give every investment into a target the round's date, valuation and round;
        the amount only when the round has a single investor, told without a stake of its own."""
        dating = enabled("dating")  # an investment told without a date takes its round's
        by_target: dict[str, list[Claim]] = {}
        for c in claims:
            if c.relation == "INVESTED_IN":
                by_target.setdefault(ref_key(c.object), []).append(c)
        for key, group in by_target.items():
            r = self.rounds.get(key)
            if not r:
                continue
            for c in group:
                q = c.qualifiers
                for k in ("date", "valuation", "round"):
                    if k in r and (k != "date" or dating):
                        q.setdefault(k, r[k])
                if "valuation" in r and "currency" not in q and "valuation_currency" in r:
                    q["currency"] = r["valuation_currency"]
                # (a holder told with its own stake is told with its own terms: the round's
                # total is not what it paid for that stake)
                if len(group) == 1 and "amount" in r and "amount" not in q and "stake_pct" not in q:
                    for k in ("amount", "currency", "amount_alt", "currency_alt"):
                        if k in r:
                            q[k] = r[k]
        for c in claims:
            c.qualifiers.pop("valuation_currency", None)
