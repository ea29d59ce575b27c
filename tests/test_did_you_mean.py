"""An unknown rule code or name (command line, configuration, pragma) and an unknown option say the closest
known one ("did you mean"); nothing near: where to look instead."""

import pytest
from conftest import lint

DOCKERFILE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--select", "HUB31"), "--select 'HUB31': not a rule code, name or code prefix (did you mean `HUB301`?)"),
        (("--ignore", "root-usr"), "(did you mean `root-user`?)"),
        (("--explain", "HUB1011"), "--explain 'HUB1011': not a rule code or name (did you mean `HUB101`?)"),
        (("--severity", "latest-tg=info"), "(did you mean `latest-tag`?)"),
        (("--selct", "HUB1"), "no such option: --selct (did you mean `--select`?)"),
        (("--fial-on", "error"), "no such option: --fial-on (did you mean `--fail-on`?)"),
        (("--zzzzzz",), "no such option: --zzzzzz (see hublint --help)"),
        (
            ("--ignore", "HUB9999"),
            "--ignore 'HUB9999': not a rule code, name or code prefix (see hublint --list-rules)",
        ),
    ],
)
def test_the_command_line(repo, run_cli, args, says):
    status, out, err = run_cli("--no-cache", *args, ".")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and says in err, err


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ('select = ["HUB31"]\n', "`select` names an unknown rule 'HUB31' (did you mean `HUB301`?)"),
        (
            '[severity]\nroot-usr = "info"\n',
            "`severity.root-usr` is not a rule code or name (did you mean `root-user`?)",
        ),
    ],
)
def test_the_configuration(repo, run_cli, config, says):
    (repo / ".hublint.toml").write_text(config)
    status, _, err = run_cli("--no-cache", ".")
    assert status == 2 and says in err, err


@pytest.mark.parametrize(
    ("config", "says"),
    [
        ('fial-on = "error"\n', "unknown key `fial-on` (did you mean `fail-on`?)"),
        ('hub_versoin = "5"\n', "unknown key `hub_versoin` (did you mean `hub-version`?)"),
        ('colour = "red"\n', "unknown key `colour`\n"),
    ],
)
def test_a_configuration_key(repo, run_cli, config, says):
    (repo / ".hublint.toml").write_text(config)
    status, _, err = run_cli("--no-cache", ".")
    assert status == 2 and says in err, err


def test_a_pragma():
    (f,) = [f for f in lint(f"# hublint ignore=HUB31\n{DOCKERFILE}") if f.code == "HUB002"]
    assert (
        f.message == "`HUB31` in this hublint pragma is not a rule code, name or code prefix (did you mean `HUB301`?)"
    )
    (f,) = [f for f in lint(f"# hublint ignore=nothing-like-it\n{DOCKERFILE}") if f.code == "HUB002"]
    assert f.message.endswith("is not a rule code, name or code prefix; `hublint --list-rules` lists them")
