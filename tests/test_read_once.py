"""Read once: a run opens each file of the repository at most once, whatever stage needs it (discovery, the
deployment readers, the Dockerfiles' analyses and build contexts, the lint, the code frames)."""

import builtins
import collections
import io
import os
import shutil

import pytest
from conftest import FIXTURES

CASES = sorted(p for p in (FIXTURES / "repos").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["full", "json"])
def test_each_file_is_opened_once(case, fmt, tmp_path, monkeypatch):
    from hublint.formatters import render
    from hublint.workspace.run import Request, run

    repo = tmp_path / case.name
    shutil.copytree(case, repo, ignore=shutil.ignore_patterns("expected.txt", "roles.txt"))
    (repo / ".git").mkdir()
    (repo / ".gitignore").write_text("*.log\n")
    monkeypatch.chdir(repo)
    opened = collections.Counter()
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        path = os.path.realpath(file) if isinstance(file, (str, os.PathLike)) else None
        if path is not None and path.startswith(str(repo.resolve()) + os.sep):
            opened[os.path.relpath(path, repo.resolve())] += 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    report = run(Request(["."], use_config=False))
    render(fmt, report, io.StringIO())
    assert report.findings or report.entries  # the case was linted
    assert opened, "the counter saw the files being read"
    twice = {path: n for path, n in opened.items() if n > 1}
    assert not twice, twice
