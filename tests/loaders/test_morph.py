"""The shared Korean analyzer (kg.loaders.morph)."""

from __future__ import annotations

import os
import subprocess
import sys

# The memory regions advised for transparent huge pages (madvise MADV_HUGEPAGE) carry
# "hg" in their VmFlags: what was asked for, whether or not the kernel had huge pages
# free at the time (so the test does not depend on the machine's memory).
_ADVISED_REGIONS_AFTER_ANALYSIS = """
from kg.loaders.morph import kiwi
kiwi().tokenize("메타가 스케일AI에 143억 달러를 투자했다.")
print(sum(1 for line in open("/proc/self/smaps")
          if line.startswith("VmFlags:") and " hg" in line))
"""


def _huge_page_regions(env: dict[str, str]) -> int:
    out = subprocess.run([sys.executable, "-c", _ADVISED_REGIONS_AFTER_ANALYSIS], env=env,
                         capture_output=True, text=True, check=True).stdout
    return int(out.strip())


def test_kiwis_allocator_asks_for_no_transparent_huge_pages() -> None:
    # a 2 MiB page is zeroed whole at its first touch: seconds of system time per ingest
    env = {k: v for k, v in os.environ.items() if k != "MIMALLOC_ALLOW_LARGE_OS_PAGES"}
    assert _huge_page_regions(env) == 0
    # the control: with the allocator's huge pages allowed, its arena is advised for them
    assert _huge_page_regions({**env, "MIMALLOC_ALLOW_LARGE_OS_PAGES": "1"}) > 0


def test_a_users_allocator_setting_is_kept() -> None:
    env = {**os.environ, "MIMALLOC_ALLOW_LARGE_OS_PAGES": "1"}
    out = subprocess.run([sys.executable, "-c", "import os; from kg.loaders.morph import kiwi; kiwi();"
                          " print(os.environ['MIMALLOC_ALLOW_LARGE_OS_PAGES'])"],
                         env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == "1"
