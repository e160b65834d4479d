"""`kg view` pages opened in headless Chromium: no console errors, the expected graph, Korean glyphs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from selenium.webdriver.common.by import By

from kg.cli import cli
from tests.graph.conftest import renders_real_glyphs

pytestmark = pytest.mark.browser

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def kg(*args: Any) -> str:
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stderr


@pytest.fixture
def store(store_dir: Path, dev_dir: Path) -> Path:
    kg("ingest", "--store", store_dir, "--published", "2025-09-16",
       EXAMPLES / "article-ko.txt", EXAMPLES / "article-en.txt")
    kg("ingest", "--store", store_dir, "--published", "2025-08-31", dev_dir / "ko-seed.txt")
    return store_dir


def console_errors(chrome: Any) -> list[str]:
    return [e["message"] for e in chrome.get_log("browser") if e["level"] == "SEVERE"]


def test_entity_page_in_chromium(chrome: Any, store: Path, tmp_path: Path) -> None:
    page = tmp_path / "meta.html"
    assert "wrote" in kg("view", "Meta", "--out", page, "--store", store)
    chrome.get(page.as_uri())
    assert console_errors(chrome) == []

    nodes = {n.get_attribute("data-name") for n in chrome.find_elements(By.CSS_SELECTOR, "g.node")}
    assert {"Meta", "Scale AI", "OpenAI", "Alexandr Wang"} <= nodes
    investment = chrome.find_element(By.CSS_SELECTOR, "g.edge[data-relation=INVESTED_IN] text")
    assert investment.text == "INVESTED_IN · 14.3B USD · 2025-06"
    assert investment.is_displayed()

    timeline = [li.text for li in chrome.find_elements(By.CSS_SELECTOR, "ol.timeline li")]
    assert timeline and all(t[:4] == "2025" for t in timeline)
    assert any(t.startswith("2025-06") and "INVESTED_IN" in t and "Scale AI" in t
               for t in timeline), timeline
    assert [t[:7] for t in timeline] == sorted(t[:7] for t in timeline)

    korean = chrome.find_element(By.CSS_SELECTOR, "h1 + p .name-ko")
    assert korean.text == "메타"
    assert renders_real_glyphs(chrome, korean, "메타"), "Korean renders as missing-glyph boxes"
    caption = chrome.find_element(By.CSS_SELECTOR, "g.node[data-name='Scale AI'] text.name-ko")
    assert renders_real_glyphs(chrome, caption, caption.get_attribute("textContent"))

    facts = chrome.find_elements(By.CSS_SELECTOR, "table.facts tbody tr")
    assert len(facts) == 6
    assert "143억 달러" in chrome.find_element(By.CSS_SELECTOR, "table.facts").text  # evidence

    shot = tmp_path / "view-meta.png"
    chrome.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")


def test_whole_graph_page_filters_by_relation_and_date(chrome: Any, store: Path,
                                                       tmp_path: Path) -> None:
    page = tmp_path / "graph.html"
    kg("view", "--out", page, "--store", store)
    chrome.get(page.as_uri())
    assert console_errors(chrome) == []

    def visible(selector: str) -> list[Any]:
        return [e for e in chrome.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed()]

    names = {n.get_attribute("data-name") for n in visible("g.node")}
    assert {"Meta", "가온로보틱스", "Lumen Robotics"} <= names
    total = len(visible("g.edge"))
    assert total == int(chrome.find_element(By.ID, "shown").text) > 10

    chrome.find_element(By.CSS_SELECTOR, "input[name=relation][value=INVESTED_IN]").click()
    assert not visible("g.edge[data-relation=INVESTED_IN]")
    assert len(visible("g.edge")) == total - 3  # Meta, 가온로보틱스 and Lumen Robotics invest

    chrome.find_element(By.ID, "from").send_keys("2025-09")
    dates = {e.get_attribute("data-date") for e in visible("g.edge")}
    assert dates and all(d >= "2025-09" for d in dates), dates
    assert "Meta" not in {n.get_attribute("data-name") for n in visible("g.node")}
    rows = visible("table.facts tbody tr")
    assert len(rows) == len(visible("g.edge"))
    assert console_errors(chrome) == []
