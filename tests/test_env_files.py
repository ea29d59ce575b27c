"""A compose service's ``env_file`` as Compose reads it, and what hublint does when it cannot: a path holding a
variable hublint cannot resolve, or a file the repository does not hold (the operator creates it, and it may set
anything), leaves the Hub's environment open — a ``os.environ.get(NAME, DEFAULT)`` it does not set explicitly is
unknown, never the default; a template the repository keeps for the file is read instead."""

import pathlib

import pytest
from conftest import lint_repo

from hublint.deployment.compose import read_compose

CONFIG = (
    "import os\nc = get_config()\n"
    "c.JupyterHub.spawner_class = 'dockerspawner.DockerSpawner'\n"
    "c.DockerSpawner.image = os.environ.get('SINGLEUSER_IMAGE', 'jupyterhub/singleuser:latest')\n"
)


def compose(env_file: str) -> str:
    return (
        "services:\n  hub:\n    image: quay.io/jupyterhub/jupyterhub:5.2.1\n"
        "    command: jupyterhub -f /srv/jupyterhub/jupyterhub_config.py\n"
        f"    env_file: {env_file}\n"
        "    volumes: ['./jupyterhub_config.py:/srv/jupyterhub/jupyterhub_config.py']\n"
    )


def hub102(files):
    return [(f.path, f.line) for f in lint_repo(files, "HUB102")]


def test_the_default_is_judged_when_the_env_file_is_read_and_does_not_set_the_name():
    files = {"jupyterhub_config.py": CONFIG, "docker-compose.yml": compose("hub.env"), "hub.env": "OTHER=1\n"}
    assert hub102(files) == [("jupyterhub_config.py", 4)]


def test_the_env_files_value_wins_over_the_default():
    files = {
        "jupyterhub_config.py": CONFIG,
        "docker-compose.yml": compose("hub.env"),
        "hub.env": "SINGLEUSER_IMAGE=quay.io/jupyter/base-notebook:2025-01-06\n",
    }
    assert hub102(files) == []


@pytest.mark.parametrize(
    "env_file",
    [
        "./files/compose${LOCAL_SUFFIX}.env",  # a variable neither .env nor the file sets: the shell's, unknown
        "secrets.env",  # not in the repository: the operator creates it
        "[{path: secrets.env, required: true}]",
    ],
)
def test_an_env_file_hublint_cannot_read_leaves_the_default_unknown(env_file):
    files = {"jupyterhub_config.py": CONFIG, "docker-compose.yml": compose(env_file), "files/compose.env": "X=1\n"}
    assert hub102(files) == []


def test_an_optional_env_file_that_is_missing_says_nothing():
    files = {"jupyterhub_config.py": CONFIG, "docker-compose.yml": compose("[{path: secrets.env, required: false}]")}
    assert hub102(files) == [("jupyterhub_config.py", 4)]


@pytest.mark.parametrize(
    ("env_file", "template", "sets"),
    [
        ("hub.env", "hub.env.example", "SINGLEUSER_IMAGE=team/lab:latest\n"),
        ("${HUB_ENV_FILE:-.env}", ".env.example", "SINGLEUSER_IMAGE=team/lab:latest\n"),
        ("${HUB_ENV_FILE:-.env}", ".env.example", "# SINGLEUSER_IMAGE=team/lab:latest\n"),
    ],
)
def test_a_missing_env_file_is_read_from_the_template_the_repository_keeps(env_file, template, sets):
    files = {"jupyterhub_config.py": CONFIG, "docker-compose.yml": compose(env_file), template: sets}
    found = lint_repo(files, "HUB102")
    if sets.startswith("#"):  # the template leaves the name unset: the default is what runs
        assert [(f.path, f.line) for f in found] == [("jupyterhub_config.py", 4)]
    else:
        assert [f.path for f in found] == [template]


def test_the_service_records_the_env_file_it_cannot_read(tmp_path):
    text = "services:\n  hub:\n    env_file: [present.env, 'x${UNSET}.env', missing.env]\n"
    (tmp_path / "present.env").write_text("A=1\n")
    path = str(tmp_path / "compose.yaml")
    def read(p):
        return pathlib.Path(p).read_text() if pathlib.Path(p).is_file() else None

    hub = read_compose(path, text, read).services["hub"]
    assert hub.environment["A"].value == "1"
    assert hub.env_unread is not None and hub.env_unread.span[0] == 3


def test_environment_files_are_discovered_so_findings_on_their_values_are_reported():
    from hublint.workspace.discover import kind_of

    for name in (".env", ".env.example", "env.txt", "hub.env", "config/compose.env", "hub.env.example", "env-example",
                 ".env_example"):
        assert kind_of(name) == "env", name
    for name in ("environment.yml", "envs.txt", "hub.env.bak", "venv", "dotenv.py", "env-examples"):
        assert kind_of(name) != "env", name
    files = {
        "jupyterhub_config.py": CONFIG,
        "docker-compose.yml": compose("hub.env"),
        "hub.env": "SINGLEUSER_IMAGE=x/y:latest\n",
    }
    (found,) = lint_repo(files, "HUB102")
    assert (found.path, found.line) == ("hub.env", 1)
    files = {"jupyterhub_config.py": CONFIG, "docker-compose.yml": compose(".env"), "env-example": files["hub.env"]}
    (found,) = lint_repo(files, "HUB102")  # `cp env-example .env`: the template is read in its place
    assert (found.path, found.line) == ("env-example", 1)


def test_an_env_file_that_is_there_but_cannot_be_read_is_not_replaced_by_its_template():
    """An encrypted (git-crypt) env_file: its values are unknown — not its template's, and not the default."""
    files = {
        "jupyterhub_config.py": CONFIG,
        "docker-compose.yml": compose("hub.env"),
        "hub.env": "\0GITCRYPT\0" + "x" * 40,
        "hub.env.example": "SINGLEUSER_IMAGE=quay.io/jupyter/base-notebook:latest\n",
    }
    assert hub102(files) == []
