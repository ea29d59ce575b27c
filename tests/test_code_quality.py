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


def test_modules_and_functions_stay_readable():
    """No module over 600 lines and no function over 80 (the architecture keeps each room small enough to read
    in one sitting), the package and its scripts alike."""
    import ast

    long = []
    for path in sorted([*(ROOT / "hublint").rglob("*.py"), *(ROOT / "scripts").rglob("*.py")]):
        text = path.read_text()
        if text.count("\n") > 600:
            long.append(f"{path.relative_to(ROOT)}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 80:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1}")
    assert not long, "\n".join(long)


def test_the_repositorys_own_pre_commit_config_runs_these_checks():
    yaml = pytest.importorskip("yaml")
    pytest.importorskip("pre_commit")
    proc = _run("pre_commit", "validate-config", ".pre-commit-config.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    hooks = {h["id"]: h for r in yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())["repos"]
             for h in r["hooks"]}
    assert {"ruff", "ruff-format", "mypy", "hublint"} <= set(hooks)
    assert hooks["ruff"]["entry"].startswith("ruff check") and hooks["mypy"]["entry"] == "mypy"
    assert hooks["hublint"]["files"] == "^Dockerfile$"
