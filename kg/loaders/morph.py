"""The Korean morphological analyzer (kiwipiepy), one per process.

Sentence splitting (``segment``) and the Korean extractor share it: loading
Kiwi's model takes about a second and a few hundred megabytes.
"""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def kiwi() -> Any:
    """One Kiwi analyzer for the process."""
    from kiwipiepy import Kiwi

    return Kiwi()
