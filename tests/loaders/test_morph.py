"""The shared Korean analyzer (kg.loaders.morph)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_HUGE_PAGES_AFTER_ANALYSIS = """
from kg.loaders.morph import kiwi
analyzer = kiwi()
for _ in range(20):
    analyzer.tokenize("메타가 스케일AI에 143억 달러를 투자했다. " * 50)
for line in open("/proc/self/smaps_rollup"):
    if line.startswith("AnonHugePages:"):
        print(int(line.split()[1]))
"""


def _huge_page_kib(env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", _HUGE_PAGES_AFTER_ANALYSIS], env=env,
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def _thp_enabled() -> bool:
    setting = Path("/sys/kernel/mm/transparent_hugepage/enabled")
    return setting.exists() and "[never]" not in setting.read_text()


def test_kiwis_allocator_takes_no_transparent_huge_pages() -> None:
    # a 2 MiB page is zeroed whole at its first touch: seconds of system time per ingest
    env = {k: v for k, v in os.environ.items() if k != "MIMALLOC_ALLOW_LARGE_OS_PAGES"}
    assert _huge_page_kib(env) == 0
    if _thp_enabled():
        # the control: with the allocator's huge pages allowed, the same analysis takes them
        assert _huge_page_kib({**env, "MIMALLOC_ALLOW_LARGE_OS_PAGES": "1"}) > 0


def test_a_users_allocator_setting_is_kept() -> None:
    env = {**os.environ, "MIMALLOC_ALLOW_LARGE_OS_PAGES": "1"}
    out = subprocess.run([sys.executable, "-c", "import os; from kg.loaders.morph import kiwi; kiwi();"
                          " print(os.environ['MIMALLOC_ALLOW_LARGE_OS_PAGES'])"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"
