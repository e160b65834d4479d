"""`kg ingest` on inputs that must not hang, crash or pass silently."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

EN_BODY = ("Acme Robotics said on Tuesday it has agreed to acquire Widget Labs for $20 million.\n\n"
           "Jane Doe, who founded Widget Labs in 2017, will join Acme as vice president.\n")
KO_BODY = "가상전자가 로봇 스타트업 나무로봇에 500억원을 투자했다고 4일 밝혔다.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: object, env: dict[str, str] | None = None) -> object:
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, env=env)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(EN_BODY, encoding="utf-8")
    return path


def kg_command() -> list[str]:
    """The `kg` of this environment, run as a separate process."""
    exe = shutil.which("kg", path=os.path.dirname(sys.executable))
    return [exe] if exe else [sys.executable, "-c", "from kg.cli import cli; cli()"]


@pytest.mark.parametrize(("value", "problem"), [
    ("2025-13-01", "'2025-13-01' is not a date: there is no month 13"),
    ("June 2025", "'June 2025' is not a date: use YYYY-MM-DD, YYYY-MM or YYYY"),
    ("2025-02-29", "'2025-02-29' is not a date: 2025-02 has no day 29"),
])
def test_impossible_published_is_one_line_exit_1_store_untouched(
        runner: CliRunner, article: Path, store_dir: Path, value: str, problem: str) -> None:
    result = run(runner, "ingest", article, "--store", store_dir, "--published", value)
    assert result.exit_code == 1
    assert result.stderr == f"Error: --published {problem}\n"
    assert not store_dir.exists()


@pytest.mark.parametrize("value", ["2025-06", "2025"])
def test_month_and_year_precision_published_accepted(runner: CliRunner, article: Path,
                                                     store_dir: Path, value: str) -> None:
    result = run(runner, "ingest", article, "--store", store_dir, "--published", value)
    assert result.exit_code == 0, result.output
    assert f"published {value} (from --published)" in result.stderr


def test_published_after_today_is_warned_and_ingested(runner: CliRunner, article: Path,
                                                      store_dir: Path) -> None:
    result = run(runner, "ingest", article, "--store", store_dir, "--published", "2099-01-01")
    assert result.exit_code == 0
    first, summary = result.stderr.splitlines()[:2]
    assert first == ("Warning: --published 2099-01-01 is after today; relative dates in the "
                     "articles will resolve against it.")
    assert "facts (" in summary and "published 2099-01-01" in summary


def test_size_cap_flag_and_variable(runner: CliRunner, article: Path, store_dir: Path) -> None:
    # all-or-nothing (--on-error stop): the one file is refused and no store is made
    result = run(runner, "ingest", article, "--store", store_dir, "--max-bytes", "100", "--on-error", "stop")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {article}: is 162 bytes, over the 100 bytes limit "
                             "(raise it with --max-bytes or KG_MAX_BYTES)\n")
    result = run(runner, "ingest", article, "--store", store_dir, "--on-error", "stop",
                 env={"KG_MAX_BYTES": "0.1kB"})
    assert result.exit_code == 1 and "over the 100 bytes limit" in result.stderr
    assert not store_dir.exists()
    assert run(runner, "ingest", article, "--store", store_dir, "--max-bytes", "1MB",
               env={"KG_MAX_BYTES": "100"}).exit_code == 0
    assert run(runner, "ingest", article, "--store", store_dir, "--max-bytes", "lots").exit_code == 2


def test_a_named_pipe_and_a_device_are_refused_at_once(tmp_path: Path, article: Path,
                                                       store_dir: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path, problem in ((fifo, "is a named pipe (FIFO), not a regular file"),
                          (Path("/dev/zero"), "is a character device, not a regular file")):
        try:
            done = subprocess.run([*kg_command(), "ingest", "--on-error", "stop", "--store", str(store_dir),
                                   str(article), str(path)], capture_output=True, text=True, timeout=60,
                                  preexec_fn=_cap_memory)
        except subprocess.TimeoutExpired:
            pytest.fail(f"kg ingest {path} still runs after 60 s")
        assert done.returncode == 1, done.stderr
        assert done.stderr == f"Error: {path}: {problem}\n"
    assert not store_dir.exists()  # the good article before the bad file was not written either


def _cap_memory() -> None:
    # A reader that does read /dev/zero then dies of MemoryError, not the machine of the OOM killer.
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))


def test_summary_names_a_legacy_charset(runner: CliRunner, tmp_path: Path, store_dir: Path) -> None:
    path = tmp_path / "ko.txt"
    path.write_bytes(KO_BODY.encode("cp949"))
    result = run(runner, "ingest", path, "--store", store_dir, "--published", "2025-03-05")
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].endswith("(from --published), read as cp949")


def test_summary_warns_when_cleaning_discarded_most_of_a_text(runner: CliRunner, tmp_path: Path,
                                                              store_dir: Path) -> None:
    path = tmp_path / "repeated.txt"
    path.write_text(EN_BODY * 5000, encoding="utf-8")
    result = run(runner, "ingest", path, "--store", store_dir, "--published", "2025-03-05")
    assert result.exit_code == 0
    summary, warning = result.stderr.splitlines()[:2]
    assert summary.startswith(f"{path}: ")
    assert warning == (f"Warning: {path}: cleaning kept 132 of 660,000 characters "
                       "(99.9% discarded: repeated lines)")
    # The store got the article all the same.
    facts = run(runner, "facts", "--store", store_dir, "--format", "jsonl").stdout.splitlines()
    assert facts
    # --quiet drops the summary, not the warning.
    other = tmp_path / "other.txt"
    other.write_text(EN_BODY.replace("Acme", "Apex") * 5000, encoding="utf-8")
    result = run(runner, "ingest", "-q", other, "--store", store_dir, "--published", "2025-03-05")
    assert result.stderr.startswith(f"Warning: {other}: cleaning kept ")
