"""hublint's own code passes its linters and type checker, as configured in pyproject.toml: ruff (lint and
format check) and mypy over hublint/ (and rules/, setup.py for ruff)."""

import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARGETS = ["hublint", "rules", "setup.py"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_finds_nothing():
    pytest.importorskip("ruff")
    proc = _run("ruff", "check", "--no-cache", *TARGETS)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_the_code_is_formatted():
    pytest.importorskip("ruff")
    proc = _run("ruff", "format", "--check", "--no-cache", *TARGETS)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_mypy_finds_nothing():
    pytest.importorskip("mypy")
    proc = _run("mypy", "--no-incremental", "--cache-dir", "/dev/null")
    assert proc.returncode == 0 and "Success" in proc.stdout, proc.stdout[-4000:] + proc.stderr[-2000:]
