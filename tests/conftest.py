"""Shared fixtures: a clean environment, temporary stores, the dev set's path."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["tests.neo4j_fixture"]

DEV_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Keep the developer's shell (KG_*, NEO4J_*, XDG_*) out of every test."""
    import os

    for name in list(os.environ):
        if name.startswith(("KG_", "XDG_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def dev_dir() -> Path:
    if not (DEV_DIR / "gold.jsonl").is_file():
        pytest.fail(f"the development set is missing: {DEV_DIR}")
    return DEV_DIR
