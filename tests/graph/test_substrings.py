"""Which of many fixed strings occur in a text: the index answers as testing each would."""

from __future__ import annotations

import random

from kg.graph.registry import default_registry
from kg.graph.substrings import SubstringIndex


def test_found_in_is_every_string_that_occurs_in_order() -> None:
    rng = random.Random(7)
    alphabet = "ab가나 .-"
    needles = ["", "a", "가", *("".join(rng.choice(alphabet) for _ in range(rng.randint(2, 5)))
                                for _ in range(300))]
    index = SubstringIndex(needles)
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert index.found_in(text) == [i for i, n in enumerate(needles) if n in text]


def test_registry_aliases_in_a_text_are_those_written_there_longest_first() -> None:
    registry = default_registry()
    for text in ("메타는 스케일AI에 투자했다. Scale AI and OpenAI", "nothing here", "", "Meta"):
        assert registry.aliases_in(text) == [a for a in registry.aliases() if a.text in text]


def test_an_index_sent_to_another_process_answers_the_same() -> None:
    import pickle

    needles = ["", "Meta", "메타", "AI", "AI", "X"]
    index = pickle.loads(pickle.dumps(SubstringIndex(needles)))
    assert index.found_in("메타는 Scale AI에") == [0, 2, 3, 4]
    assert SubstringIndex([]).found_in("anything") == []
