"""A progress display on long runs: on standard error only when it is a terminal, the report is for people and
the run lasts longer than about a second; nothing imported (rich's progress, the display) otherwise."""

import io
import subprocess
import sys

import pytest

from hublint.cli.progress import Progress, for_run
from hublint.workspace.run import Request, run


class _Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def repo(tmp_path):
    (tmp_path / ".git").mkdir()
    for i in range(5):
        (tmp_path / f"image{i}").mkdir()
        (tmp_path / f"image{i}" / "Dockerfile").write_text("FROM quay.io/jupyter/base-notebook:2025-01-06\n")
    return tmp_path


def test_a_long_run_on_a_terminal_shows_progress(repo):
    stream = _Terminal()
    progress = Progress(stream, after=0.0)  # "long" from the start
    calls = []

    def told(done, total):
        calls.append((done, total))
        progress(done, total)

    report = run(Request([str(repo)], progress=told))
    progress.close()
    assert report.files == 5 and calls == [(i, 5) for i in range(5)]
    assert "hublint" in stream.getvalue() and "/5" in stream.getvalue()


def test_a_short_run_shows_nothing(repo):
    stream = _Terminal()
    progress = Progress(stream)  # about a second before it shows
    run(Request([str(repo)], progress=progress))
    progress.close()
    assert stream.getvalue() == "" and progress.bar is None


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "gitlab", "checkstyle"])
def test_never_for_machine_formats(fmt):
    assert for_run(fmt, _Terminal()) is None


def test_never_when_piped():
    assert for_run("full", io.StringIO()) is None
    assert isinstance(for_run("concise", _Terminal()), Progress)


def test_nothing_imported_when_not_a_terminal(repo):
    """The common path (a pipe, an editor, CI) pays nothing: neither the display nor rich's progress is imported."""
    code = (
        "import sys, hublint.cli\n"
        f"status = hublint.cli.main(['--no-cache', '--format', 'concise', {str(repo)!r}])\n"
        "print(sorted(m for m in ('hublint.cli.progress', 'rich.progress') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
