"""Headless Chromium for the browser tests (Debian's chromium and chromium-driver)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


@pytest.fixture
def chrome(tmp_path: Path) -> Iterator[Any]:
    """A headless Chromium whose console messages `chrome.get_log("browser")` returns."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1600,1000",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    # Typing the style sheet key by key is one long command; on a busy machine it
    # outlasts the default 120 s read timeout between selenium and chromedriver.
    driver.command_executor.client_config.timeout = 600
    try:
        yield driver
    finally:
        driver.quit()


# Draws each string in the element's own font on a canvas and returns the
# pixels as a data URL. A character the fonts lack is drawn as the same
# "missing glyph" box whatever the character, so two different Korean
# syllables drawn identically means no Korean font.
GLYPH_SCRIPT = """
const [el, texts] = arguments;
const font = getComputedStyle(el).font;
return texts.map(t => {
  const c = document.createElement('canvas');
  c.width = 120; c.height = 60;
  const ctx = c.getContext('2d');
  ctx.font = font.replace(/\\d+(\\.\\d+)?px/, '40px');
  ctx.fillText(t, 10, 45);
  const data = ctx.getImageData(0, 0, c.width, c.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) ink++;
  return [c.toDataURL(), ink];
});
"""


def renders_real_glyphs(driver: Any, element: Any, text: str) -> bool:
    """Whether ``text`` (two or more different characters) shows real glyphs in ``element``'s font.

    The check is calibrated on two unassigned code points, which must come
    out as identical boxes; then the first two distinct characters of
    ``text`` must come out different, and with ink.
    """
    first, second = list(dict.fromkeys(text.replace(" ", "")))[:2]
    (tofu_a, _), (tofu_b, _), (a, ink_a), (b, ink_b) = driver.execute_script(
        GLYPH_SCRIPT, element, ["\u0378", "\u0379", first, second])
    assert tofu_a == tofu_b, "the missing-glyph baseline is not stable"
    return a != b and ink_a > 0 and ink_b > 0 and a != tofu_a
