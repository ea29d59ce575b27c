"""Output is always valid in its format, whatever the repository holds: a file name with a newline cannot forge a
GitHub workflow command in any text format, control characters and terminal escapes are written as escapes, and a
file name that is not UTF-8 (a lone surrogate once decoded) never fails to encode in any format."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "checkstyle")
BAD = "FROM quay.io/jupyter/base-notebook:latest\nRUN echo '\x1b[31mred\x1b[0m'\nUSER root\n"


def hublint(cwd, *args):
    env = {**os.environ, "HUBLINT_NO_CACHE": "1", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "hublint", *args], cwd=cwd, capture_output=True, env=env,
                          timeout=120)


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    forged = tmp_path / "x\n::error file=README.md,line=1::forged\nDockerfile"
    forged.mkdir()
    (forged / "Dockerfile").write_text(BAD)
    odd = os.fsencode(str(tmp_path)) + b"/caf\xe9"
    os.makedirs(odd)
    with open(odd + b"/Dockerfile", "w") as fh:
        fh.write(BAD)
    return tmp_path


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_stays_valid(repo, fmt):
    r = hublint(repo, "--format", fmt, ".")
    assert r.returncode == 1 and b"Traceback" not in r.stderr and b"internal error" not in r.stderr, r.stderr
    text = r.stdout.decode("utf-8")  # valid UTF-8
    assert "\x1b" not in text  # no terminal escape from the file's text
    assert not any(line.startswith("::error file=README.md") for line in text.splitlines())
    if fmt in ("json", "sarif", "gitlab"):
        json.loads(text)
    elif fmt == "checkstyle":
        ET.fromstring(text)
    elif fmt in ("concise", "github"):
        lines = text.splitlines()
        assert all(line.startswith(("::", "x\\n::error", "caf")) or ":" in line for line in lines)
        assert len(lines) == len(json.loads(hublint(repo, "--format", "json", ".").stdout)["findings"])


def test_show_roles_and_errors_escape_names(repo):
    r = hublint(repo, "--show-roles", ".")
    assert not any(line.startswith("::") for line in r.stdout.decode().splitlines())
    r = hublint(repo, "x\n::error file=a::b")
    assert r.returncode == 2 and r.stderr.decode().count("\n") == 1
