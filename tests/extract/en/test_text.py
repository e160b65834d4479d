from __future__ import annotations

import os
import subprocess
import sys

_PRINT_PATTERN = ("from kg.extract.en.lexicon import load_lexicon\n"
                  "from kg.extract.en.text import scoped_title_pattern\n"
                  "print(scoped_title_pattern(load_lexicon()))\n")


def _scoped_pattern_with_hash_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([sys.executable, "-c", _PRINT_PATTERN], env=env, check=True,
                          capture_output=True, text=True).stdout


def test_scoped_title_pattern_is_the_same_text_in_every_process() -> None:
    # the lexicon's stop words went through a set: their order followed the string hash seed
    patterns = {_scoped_pattern_with_hash_seed(seed) for seed in ("1", "2", "3")}
    assert len(patterns) == 1
    assert "(?:of|for)" in patterns.pop()
