"""Write a copy of one language's gold articles with every gold name swapped for an invented one.

On the tuning articles most companies and people are in the registry; on unseen
articles most are not, and finding them is what limits recall there. Scoring the same
articles with invented names (none in the registry, none seen in training) measures
name discovery on text that may be tuned on::

    python scripts/swap_names.py /tmp/swapped              # train fit + dev, English
    kg eval /tmp/swapped --lang en
    python scripts/swap_names.py /tmp/swapped-ko --lang ko
    kg eval /tmp/swapped-ko --lang ko

Each gold entity's surface forms get new distinctive words, the same word for the same
word throughout a document ("Scale AI" and "Scale" -> "Korjun AI" and "Korjun"); generic
words (AI, Labs, Capital, Inc.) stay, people keep a common first name. The gold facts
and evidence are rewritten with them.

Korean surfaces are cut into runs of Hangul and of Latin letters: a Latin run is
swapped as in English, a Hangul run for invented Hangul syllables ("퓨리오사AI" ->
"카이렌도AI"), a company word glued to it stays ("SV인베스트먼트", "삼성전자": the
words before 인베스트먼트 and 전자 are swapped). A Korean person's name (surname and
given name in one word, "최태원") gets a new surname and given name, and the surname
alone ("최 회장") follows it; a foreign name in Hangul ("젠슨 황") keeps a common
first name. A name is swapped in the text only where a particle, a space or
punctuation follows it, so "메타" is not swapped inside "메타버스".

The output holds real article text: write it
outside the project. The validation split is never written.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

from kg.eval import load_gold
from kg.extract.corpus import split_records
from kg.graph.registry import default_registry

GENERIC = frozenset(
    "AI Labs Lab Inc Inc. Corp Corp. Capital Ventures Partners Group Holdings Technologies Technology "
    "Systems Computing Global Management Robotics Research Bank Securities Fund Investment Investments "
    "Co Co. Ltd Ltd. LLC Networks Software Cloud Web Services Semiconductor Electronics Motors Health "
    "Energy Intelligence Department Defense Ministry Commission Office Studio Studios Media Data "
    "Financial Foundation Institute Analytics of the and &".split())
FIRST_NAMES = ("Maya Daniel Sofia Lucas Elena Marcus Priya Jonas Clara Omar Nina Victor Hannah Rafael "
               "Leila Tomas Grace Arjun Iris Felix Zara Adrian Mira Henrik Julia Kenji Amara Oscar Lena "
               "Samuel Aisha Ethan Noor Simon Talia Mateo").split()
SYLLABLES = ("lu mo ra zen trix vo qua ren dal kor vi sa nex tor li ba quo ly mar cel dor fin gal hex is "
             "jun kai lex nov pra sol tek ul ver wyn xa").split()
PERSON_RELATIONS = ("HIRED", "DEPARTED", "WORKS_AT")
# Korean: the company words a name may end in, glued or spaced ("삼성전자", "KB증권", "LG AI연구원")
KO_GENERIC = tuple(sorted(set(
    ("그룹 증권 전자 은행 산업은행 투자 벤처투자 벤처스 "
     "인베스트먼트 파트너스 캐피털 캐피탈 자산운용 운용 연구원 연구소 "
     "클라우드 텔레콤 코리아 로보틱스 테크놀로지 테크놀로지스 테크 랩스 "
     "랩 에쿼티 에쿼티파트너스 네트웍스 홀딩스 지주 건설 모빌리티 "
     "솔루션 솔루션즈 시스템 시스템즈 소프트 소프트웨어 반도체 디스플레이 "
     "화학 바이오 헬스케어 인텔리전스 스튜디오 미디어 엔터테인먼트 커뮤니케이션 "
     "커뮤니케이션즈 재단 대학 대학교 공사 펀드 카탈리스트펀드 재팬 "
     "아메리카 글로벌 에너지 모터스 정보통신 파운드리 사업부 엔지니어링 "
     "다이내믹스 인공지능 AI").split()), key=len, reverse=True))
# each invented Hangul syllable with its Latin spelling: a name the text writes in both
# ("스케일 AI(Scale AI)") gets one invented word in both ("코준 AI(Kojun AI)")
KO_SYLLABLES = dict(pair.split("/") for pair in (
    "코/ko 르/ru 준/jun 벡/bek 솔/sol 텍/tek 라/ra 모/mo 젠/zen 보/bo 렌/ren 달/dal 비/bi 넥/nek "
    "토/to 리/ri 바/ba 셀/sel 도/do 핀/pin 갈/gal 헥/hek 카/ka 이/i 렉/rek 노/no 프/pu 울/ul "
    "윈/win 자/ja 큐/kyu 루/lu 시/si 쿤/kun 델/del").split())
KO_SURNAMES = ("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍 "
               "전 고 문 양 손 배 백 허 남 심 노 하 곽 성 차 주 우 구 민 유 "
               "나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 "
               "마 길 연 위 표 명 기 반 왕 금 옥 육 인 맹 제 모 탁 국 어 은 "
               "편 용").split()
KO_GIVEN = "민 서 준 지 현 우 수 영 희 재 성 호 진 은 하 윤 태 경 혁 석 훈 빈 아 연 원 규 찬 환 웅 철".split()
KO_FIRST_NAMES = ("마야 다니엘 소피아 루카스 엘레나 마커스 프리야 요나스 클라라 오마르 니나 빅터 한나 라파엘 "
                  "레일라 토마스 그레이스").split()
# what may follow a Korean name where it is swapped: a particle or a word of its own (space, punctuation)
KO_AFTER = r"(?=$|\W|[이가은는을를의와과에도로으만측처보까부께랑])"
HANGUL_OR_LATIN = re.compile(r"[가-힣]+|[A-Za-z][A-Za-z0-9.&'-]*|[^가-힣A-Za-z]+")


class Namer:
    """Invented words, none a registry name, none given twice."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.registry = default_registry()
        self.used: set[str] = set()

    def word(self) -> str:
        while True:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.choice((2, 2, 3)))).capitalize()
            if len(word) >= 4 and word not in self.used and self.registry.lookup(word) is None:
                self.used.add(word)
                return word

    def first_name(self) -> str:
        return self.rng.choice(FIRST_NAMES)

    def hangul_word(self, like: str) -> str:
        """An invented word whose last syllable ends as ``like``'s does, so the particles
        written after the name still fit it ("딥엑스는" -> "리도보는", not "리도준는")."""
        return self.hangul_and_latin(like)[0]

    def hangul_and_latin(self, like: str) -> tuple[str, str]:
        """An invented word (see :meth:`hangul_word`) and its Latin spelling."""
        syllables = sorted(KO_SYLLABLES)
        while True:
            picked = [self.rng.choice(syllables) for _ in range(self.rng.choice((2, 3, 3)))]
            word = "".join(picked)
            latin = "".join(KO_SYLLABLES[s] for s in picked).capitalize()
            if (_coda(word) == _coda(like) and word not in self.used and latin not in self.used
                    and self.registry.lookup(word) is None and self.registry.lookup(latin) is None):
                self.used.update((word, latin))
                return word, latin

    def korean_person(self, like: str) -> tuple[str, str]:
        """(surname, given name) of an invented Korean name ending as ``like`` does."""
        while True:
            surname = self.rng.choice(KO_SURNAMES)
            given = "".join(self.rng.choice(KO_GIVEN) for _ in range(2))
            name = surname + given
            if _coda(given) == _coda(like) and name not in self.used and self.registry.lookup(name) is None:
                self.used.add(surname + given)
                return surname, given

    def hangul_first_name(self, like: str) -> str:
        return self.hangul_and_latin_first_name(like)[0]

    def hangul_and_latin_first_name(self, like: str) -> tuple[str, str]:
        """A common first name in Hangul ending as ``like`` does, and in Latin letters."""
        fitting = [i for i, n in enumerate(KO_FIRST_NAMES) if _coda(n) == _coda(like)]
        i = self.rng.choice(fitting or range(len(KO_FIRST_NAMES)))
        return KO_FIRST_NAMES[i], FIRST_NAMES[i]


def _coda(word: str) -> str:
    """How a Hangul word's last syllable ends, as its particles see it: "" (a vowel),
    "ㄹ" (which takes 로 as a vowel does) or "C" (another consonant)."""
    last = ord(word[-1]) - 0xAC00 if word else -1
    if not 0 <= last < 11172 or last % 28 == 0:
        return ""
    return "ㄹ" if last % 28 == 8 else "C"


def _is_person(name: str, gold: dict, namer: Namer) -> bool:
    known = namer.registry.lookup(name)
    if known is not None:
        return known.type == "Person"
    return any((f["relation"] in PERSON_RELATIONS and f["subject"] == name)
               or (f["relation"] == "HIRED" and f["object"] == name) for f in gold["facts"])


def _swap(text: str, surfaces: dict[str, str], lang: str = "en") -> str:
    after = KO_AFTER if lang == "ko" else r"(?!\w)"
    for old in sorted(surfaces, key=len, reverse=True):
        if surfaces[old] != old:
            text = re.sub(rf"(?<!\w){re.escape(old)}{after}", lambda _m, new=surfaces[old]: new, text)
    return text


def _latin_word(core: str, words: dict[str, str], namer: Namer, given: bool) -> str:
    """The invented word for a Latin word of a name (the same one each time it is met)."""
    if core in GENERIC or "." in core or not core[:1].isupper():
        return core
    if core not in words:
        words[core] = namer.first_name() if given else namer.word()
    return words[core]


def _korean_surface(surface: str, person: bool, words: dict[str, str], namer: Namer) -> str:
    """A Korean surface form with its distinctive Hangul and Latin runs swapped."""
    tokens = surface.split(" ")
    if person and len(tokens) == 1 and 2 <= len(surface) <= 4 and surface[0] in KO_SURNAMES \
            and re.fullmatch(r"[가-힣]+", surface):
        if surface not in words:  # a Korean name: its surname alone ("최 회장") follows it
            surname, given = namer.korean_person(surface)
            words[surface] = words.setdefault(f"surname:{surface[0]}", surname) + given
        return words[surface]
    if person and len(tokens[0]) == 1 and f"surname:{tokens[0]}" in words:
        # the surname and a title ("최 회장", "진 전 장관"): the title stays
        return " ".join((words[f"surname:{tokens[0]}"], *tokens[1:]))
    out = []
    for i, token in enumerate(tokens):
        pieces = []
        for run in HANGUL_OR_LATIN.findall(token):
            if re.fullmatch(r"[A-Za-z].*", run):
                core = run.rstrip(".,")
                pieces.append(_latin_word(core, words, namer, False) + run[len(core):])
            elif re.fullmatch(r"[가-힣]+", run):
                pieces.append(_hangul_run(run, person and i == 0 and len(tokens) > 1, words, namer))
            else:
                pieces.append(run)
        out.append("".join(pieces))
    return " ".join(out)


def _hangul_run(run: str, given: bool, words: dict[str, str], namer: Namer) -> str:
    """A run of Hangul with its distinctive part swapped and a company word it ends in kept."""
    if run in KO_GENERIC:
        return run
    suffix = next((g for g in KO_GENERIC if run.endswith(g) and len(run) > len(g)), "")
    core = run[: len(run) - len(suffix)]
    if core not in words:
        words[core] = namer.hangul_first_name(core) if given else namer.hangul_word(core)
    return words[core] + suffix


def _pair_korean_and_latin(name: str, aliases: list[str], person: bool, words: dict[str, str],
                           namer: Namer) -> None:
    """Give the n-th distinctive Latin word of an entity's forms and the n-th distinctive
    Hangul run the same invented word, in Latin and in Hangul ("Alexandr Wang" and "알렉산드르
    왕" -> "Maya Kojun" and "마야 코준"). A Korean name in one word ("최재원") is left to
    :func:`_korean_surface`, its romanization ("Choi Jae-won") to the Latin words."""
    latin: list[str] = []
    hangul: list[tuple[str, bool]] = []  # (core, whether a given name)
    for surface in (name, *aliases):
        tokens = surface.split(" ")
        if person and surface[:1] in KO_SURNAMES and re.fullmatch(r"[가-힣]{2,4}", surface):
            return  # a Korean name
        for i, token in enumerate(tokens):
            for run in HANGUL_OR_LATIN.findall(token):
                if re.fullmatch(r"[A-Za-z].*", run):
                    core = run.rstrip(".,")
                    if core not in GENERIC and "." not in core and core[:1].isupper() and core not in latin:
                        latin.append(core)
                elif re.fullmatch(r"[가-힣]+", run) and run not in KO_GENERIC:
                    suffix = next((g for g in KO_GENERIC if run.endswith(g) and len(run) > len(g)), "")
                    core = run[: len(run) - len(suffix)]
                    if core not in [h for h, _ in hangul]:
                        hangul.append((core, person and i == 0 and len(tokens) > 1))
    for latin_core, (hangul_core, given) in zip(latin, hangul, strict=False):
        if latin_core in words or hangul_core in words:
            continue
        if given:
            words[hangul_core], words[latin_core] = namer.hangul_and_latin_first_name(hangul_core)
        else:
            words[hangul_core], words[latin_core] = namer.hangul_and_latin(hangul_core)


def swap_document(gold: dict, text: str, namer: Namer, lang: str = "en") -> tuple[dict, str]:
    """The gold record and the text of one document with its names swapped."""
    words: dict[str, str] = {}
    surfaces: dict[str, str] = {}
    if lang == "ko":
        for name, aliases in gold["entities"].items():
            _pair_korean_and_latin(name, aliases, _is_person(name, gold, namer), words, namer)
    for name, aliases in gold["entities"].items():
        person = _is_person(name, gold, namer)
        for surface in (name, *aliases):
            if lang == "ko" and re.search(r"[가-힣]", surface):
                surfaces[surface] = _korean_surface(surface, person, words, namer)
                continue
            tokens = surface.split()
            out = []
            for i, token in enumerate(tokens):
                core = token.rstrip(".,")
                if core in GENERIC or "." in core or not core[:1].isupper():
                    out.append(token)
                    continue
                if core not in words:
                    given = person and i == 0 and len(tokens) > 1
                    words[core] = namer.first_name() if given else namer.word()
                out.append(token.replace(core, words[core]))
            surfaces[surface] = " ".join(out)

    def names(value: str | list[str]) -> str | list[str]:
        return surfaces.get(value, value) if isinstance(value, str) else [surfaces.get(v, v) for v in value]

    record = dict(gold)
    record["entities"] = {surfaces.get(n, n): [surfaces.get(a, a) for a in aliases]
                          for n, aliases in gold["entities"].items()}
    record["facts"] = [{**f, "subject": names(f["subject"]), "object": names(f["object"]),
                        "evidence": _swap(f.get("evidence", ""), surfaces, lang)} for f in gold["facts"]]
    return record, _swap(text, surfaces, lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="directory to write (outside the project)")
    parser.add_argument("--train", type=Path, default=Path("../shared/eval/train"))
    parser.add_argument("--dev", type=Path, default=Path("../shared/eval/dev"))
    parser.add_argument("--no-dev", action="store_true", help="only the fit split of train")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    namer = Namer(args.seed)
    sources = [(args.train, "fit", "")] + ([] if args.no_dev else [(args.dev, "all", "-d")])
    args.out.mkdir(parents=True, exist_ok=True)
    records = []
    for directory, split, suffix in sources:
        for gold in split_records(load_gold(directory), split):
            if gold.get("lang") != args.lang:
                continue
            record, text = swap_document(gold, (directory / gold["doc"]).read_text("utf-8"), namer, args.lang)
            record["doc"] = f"{Path(gold['doc']).stem}{suffix}.txt"
            (args.out / record["doc"]).write_text(text, "utf-8")
            records.append(record)
    with open(args.out / "gold.jsonl", "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"{len(records)} documents written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
