import pytest
from conftest import codes, lint

BASE = "FROM quay.io/jupyter/base-notebook:2025-01-06\n"


@pytest.mark.parametrize("user", ["root", "0", "root:users", "0:0", "$U"])
def test_fires(user):
    assert ("HUB301", 3) in codes(f"{BASE}ARG U=root\nUSER {user}\n")


@pytest.mark.parametrize("user", ["${NB_UID}", "$NB_USER", "1000", "jovyan:users", "$UNKNOWN_ARG"])
def test_silent(user):
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER {user}\n")]


def test_last_user_of_the_chain_only():
    assert "HUB301" not in [c for c, _ in codes(f"{BASE}USER root\nRUN true\nUSER 1000\n")]
    text = "FROM python:3.12 AS build\nUSER root\nFROM quay.io/jupyter/base-notebook:2025-01-06\n"
    assert "HUB301" not in [c for c, _ in codes(text)]
    text = "FROM quay.io/jupyter/base-notebook:2025-01-06 AS base\nUSER root\nFROM base\nRUN true\n"
    assert ("HUB301", 2) in codes(text)


def _hub301(text: str):
    (finding,) = [f for f in lint(text) if f.code == "HUB301"]
    return finding


def test_docker_stacks_start_sh_leaves_root_so_the_finding_is_a_weak_warning():
    """start.sh (the base's ENTRYPOINT) runs the server as NB_USER when the container starts as root."""
    f = _hub301(f"{BASE}USER root\nRUN apt-get update\n")
    assert (f.severity, f.confidence) == ("warning", "weak")
    assert "start.sh hands the server to NB_USER" in f.message and "every user's server" not in f.message


def test_a_start_sh_the_dockerfile_copies_is_not_docker_stacks_own():
    f = _hub301(f"{BASE}USER root\nCOPY start.sh /usr/local/bin/\n")
    assert (f.severity, f.confidence) == ("error", "certain")


def test_an_entrypoint_that_skips_start_sh_keeps_the_error():
    f = _hub301(f'{BASE}USER root\nENTRYPOINT ["tini", "--"]\nCMD ["jupyterhub-singleuser"]\n')
    assert f.severity == "error"


@pytest.mark.parametrize(("argv", "weak"), [
    ('"gosu", "jovyan"', True), ('"su-exec", "1000:100"', True), ('"s6-setuidgid", "lab"', True),
    ('"runuser", "-u", "jovyan", "--"', True), ('"setpriv", "--reuid=1000", "--regid=100", "--init-groups"', True),
    ('"sudo", "-E", "-u", "jovyan"', True), ('"chpst", "-u", "jovyan"', True),
    ('"gosu", "root"', False), ('"gosu", "0"', False), ('"gosu", "$NB_USER"', False), ('"tini", "--"', False),
])
def test_an_entrypoint_that_switches_user(argv, weak):
    text = (f"FROM python:3.12-slim\nRUN pip install jupyterhub==5.2.1 jupyterlab==4.3.4\nUSER root\n"
            f'ENTRYPOINT [{argv}]\nCMD ["jupyterhub-singleuser"]\n')
    f = _hub301(text)
    assert (f.severity, f.confidence) == (("warning", "weak") if weak else ("error", "certain"))
