"""The terminal output (``--format full``), as ruff prints it: code and help in the terminal's default colour (the
gutter alone in blue), ``[*]`` on what ``--fix`` fixes and the count in the summary, a line of context either side
of the finding's lines, and the rule's ``= why:`` once per rule in a run."""

import pytest

TEXT = (
    "FROM jupyter/base-notebook:2023-10-02\n"
    "\n"
    "RUN pip install jupyterhub\n"
    "RUN pip install notebook\n"
    "USER 1000\n"
    "CMD start-notebook.py\n"
    "# a comment\n"
)
BLUE = "\x1b[34m"


@pytest.fixture
def dockerfile(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(TEXT)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "200")
    return tmp_path / "Dockerfile"


def _full(run_cli, *args):
    status, out, err = run_cli("--no-cache", "--format", "full", "--role", "singleuser", *args, "Dockerfile")
    assert status == 1, err
    return out


def test_code_and_help_in_the_default_colour(dockerfile, run_cli, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = _full(run_cli, "--hub-version", "5.2.1")
    assert f"{BLUE}3 | \x1b[0mRUN pip install jupyterhub\n" in out  # the gutter's colour ends before the code
    assert f"{BLUE} = \x1b[0m\x1b[1mhelp: \x1b[0mpin the Hub's version" in out
    assert f"{BLUE}3 | RUN" not in out


def test_fixable_findings_are_marked_and_counted(dockerfile, run_cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _full(run_cli, "--hub-version", "5.2.1")
    heads = [line for line in out.splitlines() if line.startswith("Dockerfile:")]
    # HUB203's pin to the Hub's version and HUB403's exec form are safe fixes; HUB104's move to quay.io is unsafe
    # (the tag may not exist there): not done by --fix alone
    assert any(h.startswith("Dockerfile:3:17: HUB203 [*] [warning] ") for h in heads), heads
    assert any(h.startswith("Dockerfile:6:1: HUB403 [*] [warning] ") for h in heads), heads
    assert any(h.startswith("Dockerfile:1:6: HUB104 [warning] ") for h in heads), heads
    assert out.rstrip().endswith("[*] 2 fixable with `--fix` (1 more with `--unsafe-fixes`).")


def test_a_line_of_context_either_side(dockerfile, run_cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _full(run_cli, "--hub-version", "5.2.1", "--select", "HUB203")
    frame = out.split("\n\n")[0].splitlines()[1:]
    # line 2 is blank: no blank line of context; line 4 follows the finding's line
    assert frame[:4] == [
        "  |",
        "3 | RUN pip install jupyterhub",
        "  |                 ^^^^^^^^^^",
        "4 | RUN pip install notebook",
    ]


def test_why_once_per_rule(dockerfile, run_cli, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    dockerfile.write_text("FROM quay.io/jupyter/base-notebook\nFROM quay.io/jupyter/minimal-notebook\nUSER 1000\n")
    out = _full(run_cli, "--select", "HUB101")
    assert out.count("HUB101 [error]") == 2
    assert out.count("= why: hublint --explain HUB101") == 1
