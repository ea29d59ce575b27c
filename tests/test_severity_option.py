"""``--severity CODE=LEVEL`` (as hadolint's ``--warning``): repeatable, a code, name or prefix, a level among
error/warning/info; it wins over the configuration's ``severity`` table; a bad value is exit 2 with one line."""

import json

import pytest

DOCKERFILE = "FROM quay.io/jupyterhub/k8s-singleuser-sample\nUSER root\n"  # HUB101 (error), HUB301 (error)


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _severities(run_cli, *args):
    status, out, err = run_cli("--no-cache", "--format", "json", *args, ".")
    assert err == "", err
    return status, {f["code"]: f["severity"] for f in json.loads(out)["findings"]}


def test_the_command_line_sets_a_rules_severity(repo, run_cli):
    assert _severities(run_cli)[1] == {"HUB101": "error", "HUB301": "error"}
    status, found = _severities(run_cli, "--severity", "HUB301=info", "--severity", "untagged-base-image=info")
    assert found == {"HUB101": "info", "HUB301": "info"} and status == 0  # below --fail-on warning
    _, found = _severities(run_cli, "--severity=HUB1=warning,HUB301=warning")  # a prefix; comma-separated
    assert found == {"HUB101": "warning", "HUB301": "warning"}


def test_the_command_line_wins_over_the_configuration(repo, run_cli):
    (repo / ".hublint.toml").write_text('[severity]\nHUB301 = "info"\nHUB101 = "info"\n')
    assert _severities(run_cli)[1] == {"HUB101": "info", "HUB301": "info"}
    _, found = _severities(run_cli, "--severity", "HUB301=warning")
    assert found == {"HUB101": "info", "HUB301": "warning"}  # the configuration's other entries stay


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("HUB999=info", "'HUB999' is not a rule code"),
        ("HUB301=fatal", "expected a level among error, warning, info, not 'fatal'"),
        ("HUB301", "expected CODE=LEVEL"),
        ("=info", "expected CODE=LEVEL"),
    ],
)
def test_a_bad_value_is_a_usage_error(repo, run_cli, value, says):
    status, out, err = run_cli("--no-cache", "--severity", value, ".")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("hublint: error: --severity ") and says in err


def test_it_is_listed_in_help(run_cli):
    status, out, _ = run_cli("--help")
    assert status == 0 and "--severity" in out and "CODE=LEVEL" in out
