"""scripts/swap_names.py: the copy of the gold articles with invented names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "swap_names.py"


def _module():
    spec = importlib.util.spec_from_file_location("swap_names", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_korean_names_are_swapped_with_their_particles_fitting_and_company_words_kept() -> None:
    swap = _module()
    gold = {"doc": "ko-x.txt", "lang": "ko",
            "entities": {"Meta": ["메타"], "Hanbit Securities": ["한빛증권"],
                         "Choi Jae-won": ["최재원", "최 대표"]},
            "facts": [{"subject": "Choi Jae-won", "relation": "WORKS_AT", "object": "Hanbit Securities",
                       "evidence": "최재원 한빛증권 대표가 말했다."}]}
    text = "메타는 메타버스를 줄였다. 최재원 한빛증권 대표가 말했다. 최 대표는 메타와 협력한다."
    record, swapped = swap.swap_document(gold, text, swap.Namer(3), "ko")
    new = {old: new for old, new in zip(gold["entities"], record["entities"], strict=True)}
    meta = record["entities"][new["Meta"]][0]
    bank = record["entities"][new["Hanbit Securities"]][0]
    person, short = record["entities"][new["Choi Jae-won"]]
    assert meta != "메타" and "메타버스" in swapped and f"{meta}와" in swapped
    assert bank.endswith("증권") and bank != "한빛증권"
    assert short == f"{person[0]} 대표" and f"{short}는" in swapped
    # the particle after a name ending in a vowel stays right: the new name ends in one too
    assert swap._coda(meta) == swap._coda("메타")
    assert record["facts"][0]["evidence"] == f"{person} {bank} 대표가 말했다."
    assert all("최재원" not in v and "한빛" not in v for v in (swapped, *record["entities"]))
