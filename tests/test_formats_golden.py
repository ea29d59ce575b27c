"""Every output format, byte for byte, on one small deployment (a Hub, a spawn image set in `.env`, a user
image with findings of each severity and a fix): golden files in tests/golden/, one per format, as ruff keeps
render snapshots.  Regenerate after a deliberate change with HUBLINT_UPDATE_GOLDEN=1."""

import io
import os
import shutil

import pytest
from conftest import FIXTURES, ROOT

from hublint import __version__

GOLDEN = ROOT / "tests" / "golden"
FORMATS = ("full", "concise", "json", "sarif", "github", "gitlab", "checkstyle")
USER = (
    "FROM quay.io/jupyter/base-notebook:2025-01-06\n"
    "USER root\n"
    "RUN pip install --no-cache-dir 'jupyterhub==4.1.6' nbgitpuller>=1.2\n"
    "CMD start-notebook.sh --debug\n"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from hublint.workspace.run import Request, run

    repo = tmp_path_factory.mktemp("golden") / "deployment"
    shutil.copytree(FIXTURES / "repos" / "compose-mismatch", repo,
                    ignore=shutil.ignore_patterns("expected.txt", "roles.txt"))
    (repo / "user-image" / "Dockerfile").write_text(USER)
    (repo / ".git").mkdir()
    cwd = os.getcwd()
    os.chdir(repo)
    try:
        yield run(Request(["."], use_config=False)), repo
    finally:
        os.chdir(cwd)


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden(fmt, report, monkeypatch):
    from hublint.formatters import render

    found, repo = report
    monkeypatch.chdir(repo)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "120")
    out = io.StringIO()
    render(fmt, found, out)
    # SARIF names the repository root once, as a file URI (originalUriBaseIds): the machine's folder is not kept
    text = out.getvalue().replace(__version__, "VERSION").replace(repo.as_uri() + "/", "file:///REPOSITORY/")
    golden = GOLDEN / f"{fmt}.txt"
    if os.environ.get("HUBLINT_UPDATE_GOLDEN"):
        golden.write_text(text)
    assert text == golden.read_text()
    assert str(repo) not in text  # no absolute path of the machine it ran on


def test_every_format_has_a_golden_file():
    from hublint.formatters import FORMATS as SHIPPED

    assert set(SHIPPED) == set(FORMATS) == {p.stem for p in GOLDEN.glob("*.txt")}
