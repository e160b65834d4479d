"""The README's first command, run as written in a fresh virtualenv on a copy of the repository.

It installs kg with `pip install -e .` (no test extra, so nothing the tests install can hide a
missing dependency), ingests the examples, a saved web page among them, and prints the facts.
pip's cache is shared with the developer's, so a rerun downloads nothing new.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def readme_first_command() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)\n```", readme, re.DOTALL)
    assert block, "the README has no sh block"
    (command,) = block[1].splitlines()
    return command


def copy_repository(target: Path) -> None:
    """The files a fresh clone would have (with uncommitted work), without .venv or caches."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, check=False)
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            source = ROOT / name
            if source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
    else:  # not a git checkout (an unpacked archive)
        shutil.copytree(ROOT, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".neo4j"))


def clean_environment(tmp_path: Path) -> dict[str, str]:
    """This environment minus the active virtualenv, with a store of the test's own."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")
           and not k.startswith("KG_")}
    venv_bin = os.environ.get("VIRTUAL_ENV")
    if venv_bin:
        bin_dir = str(Path(venv_bin) / "bin")
        env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if p != bin_dir)
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


@pytest.mark.slow
def test_readme_install_command_in_a_fresh_venv_ingests_the_html_example(tmp_path: Path) -> None:
    command = readme_first_command()
    assert "pip install -q -e . " in command and "[test]" not in command
    assert "examples/article-en.html" in command
    repo = tmp_path / "kg"
    repo.mkdir()
    copy_repository(repo)
    assert not (repo / ".venv").exists()

    done = subprocess.run(["bash", "-c", command], cwd=repo, env=clean_environment(tmp_path),
                          capture_output=True, text=True, timeout=1800)

    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, done.stderr
    kg = repo / ".venv" / "bin" / "kg"
    assert kg.is_file()
    assert re.search(r"examples/article-en\.html: [1-9]\d* facts", done.stderr), done.stderr
    assert "Harbor Analytics  ACQUIRED" in done.stdout and "Tessel Labs" in done.stdout
    assert "Orchid Capital" not in done.stdout  # hidden on the page
    # Straight from the venv's own `kg`: a page of another shape, no published date given.
    page = tmp_path / "page.htm"
    page.write_text("<html><body><nav><a href='/'>Home</a></nav><article><p>Acme Robotics said on "
                    "Tuesday it has agreed to acquire Widget Labs for $20 million in cash, the "
                    "company said.</p></article></body></html>", encoding="utf-8")
    again = subprocess.run([str(kg), "ingest", str(page)], cwd=repo, env=clean_environment(tmp_path),
                           capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr
    assert f"{page}: 1 facts" in again.stderr
