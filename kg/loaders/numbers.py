"""English number words, shared by the date normalizer ("two years ago") and the
quantity normalizer ("thirty-five engineers")."""

from __future__ import annotations

import re

# Any figure: a sentence without one holds no written number, so the date and
# quantity scans that need one skip it.
DIGIT = re.compile(r"\d")

EN_UNITS = ("one two three four five six seven eight nine ten eleven twelve thirteen "
            "fourteen fifteen sixteen seventeen eighteen nineteen").split()
EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def en_unit(word: str) -> int:
    """The value of a number word below twenty, or of the article "a"/"an" (one)."""
    word = word.lower()
    return 1 if word in ("a", "an") else EN_UNITS.index(word) + 1
