"""Installs from a project and its lock file (uv, poetry, pdm, pipenv; pyproject.toml), and COPY sources with
wildcards: what a Hub image (or any image) installs, read from the build context through the COPY that brought it."""

import os

import pytest

from conftest import lint_in as lint

from hublint.image.projectinstalls import locked_packages, project_dependencies, project_dir

USER = "FROM python:3.12.8-slim\nRUN pip install 'jupyterhub=={v}' 'jupyterlab==4.3.4'\nUSER 1000\n"


def test_the_hub_image_project_and_lock_files(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n    command: jupyterhub\n",
        "hub/Dockerfile": "FROM python:3.12.8-slim\nWORKDIR /srv\nCOPY pyproject.toml *.lock ./\n"
                          "RUN pip install uv && uv sync --frozen\nCMD [\"jupyterhub\"]\n",
        "hub/pyproject.toml": "[project]\nname = 'h'\nversion = '0'\ndependencies = ['jupyterhub>=4']\n",
        "hub/uv.lock": "version = 1\n[[package]]\nname = 'h'\nversion = '0'\nsource = { virtual = '.' }\n"
                       "dependencies = [{ name = 'jupyterhub' }]\n[[package]]\nname = 'jupyterhub'\n"
                       "version = '4.1.6'\n",
        "user/Dockerfile": USER.format(v="5.2.1") + "CMD [\"jupyterhub-singleuser\"]\n",
    }
    found = lint(tmp_path, files)
    hit = next(f for f in found if f.code == "HUB204")
    assert hit.path == "user/Dockerfile" and "the Hub runs 4.1.6" in hit.message
    os.remove(tmp_path / "hub/uv.lock")  # the project's own specifier: no exact version, no Hub version
    assert not any(f.code == "HUB204" for f in lint(tmp_path, {}))


def test_lock_files_and_projects():
    uv = ("version = 1\n[[package]]\nname = 'app'\nversion = '0'\nsource = { editable = '.' }\n"
          "dependencies = [{ name = 'jupyterhub' }]\n[package.optional-dependencies]\ndev = [{ name = 'pytest' }]\n"
          "[[package]]\nname = 'jupyterhub'\nversion = '5.2.1'\ndependencies = [{ name = 'tornado' }]\n"
          "[[package]]\nname = 'tornado'\nversion = '6.4'\n[[package]]\nname = 'tornado'\nversion = '6.3'\n"
          "[[package]]\nname = 'pytest'\nversion = '8'\n")
    assert locked_packages("uv.lock", uv) == {"jupyterhub": "5.2.1", "tornado": None}
    poetry = "[[package]]\nname = 'JupyterHub'\nversion = '4.1.6'\ngroups = ['main']\n" \
             "[[package]]\nname = 'pytest'\nversion = '8'\ngroups = ['dev']\n"
    assert locked_packages("poetry.lock", poetry) == {"jupyterhub": "4.1.6"}
    pdm = "[[package]]\nname = 'jupyterhub'\nversion = '4.1.6'\ngroups = ['default']\n"
    assert locked_packages("pdm.lock", pdm) == {"jupyterhub": "4.1.6"}
    pipenv = '{"default": {"jupyterhub": {"version": "==5.2.1"}, "x": {}}, "develop": {}}'
    assert locked_packages("Pipfile.lock", pipenv) == {"jupyterhub": "5.2.1", "x": None}
    for bad in ("[[package", "package = 3", "\x00", "[" * 5000):
        assert locked_packages("uv.lock", bad) is None
        assert locked_packages("Pipfile.lock", bad) is None
    assert project_dependencies("[project]\ndependencies = ['a==1', 2]\n") == ["a==1"]
    assert project_dependencies("[tool.poetry]\nname = 'x'\n") is None


def test_project_folder_options():
    from hublint.dockerfile.shell import Word

    def words(*values):
        return [Word(v, v, 0, len(v), False) for v in values]

    assert project_dir("uv", words("--frozen", "--project", "app"), "/srv") == "/srv/app"
    assert project_dir("poetry", words("-C=/opt/p"), "/srv") == "/opt/p"
    assert project_dir("uv", words("--directory", "\uffff"), "/srv") is None


def test_pip_install_of_a_project_folder_reads_its_dependencies(tmp_path):
    files = {
        "Dockerfile": "FROM python:3.12.8-slim\nCOPY . /app\nRUN pip install /app\nUSER 1000\n"
                      "CMD [\"jupyterhub-singleuser\"]\n",
        "pyproject.toml": "[project]\nname = 'lab'\nversion = '1'\ndependencies = ['jupyterhub==4.1.6', 'jupyterlab']\n",
    }
    found = lint(tmp_path, files, hub_version="5.2.1")
    assert any(f.code == "HUB204" and f.line == 3 for f in found)


def test_copy_globs_bring_every_match(tmp_path):
    files = {
        "docker-compose.yml": "services:\n  hub:\n    build: hub\n    command: jupyterhub\n",
        "hub/Dockerfile": "FROM python:3.12.8-slim\nCOPY req/requirements-*.txt /tmp/\n"
                          "RUN pip install -r /tmp/requirements-hub.txt\nCMD [\"jupyterhub\"]\n",
        "hub/req/requirements-hub.txt": "jupyterhub==4.1.6\n",
        "hub/req/requirements-dev.txt": "pytest\n",
        "user/Dockerfile": USER.format(v="5.2.1") + "CMD [\"jupyterhub-singleuser\"]\n",
    }
    found = lint(tmp_path, files)
    assert any(f.code == "HUB204" and f.path == "user/Dockerfile" for f in found)


@pytest.mark.parametrize("command", ["rye sync", "hatch env create", "pixi install", "pip-sync requirements.txt"])
def test_a_project_managers_install_in_a_script_a_run_runs_leaves_the_installs_unknown(command):
    """`RUN bash ./build.sh` whose script runs `rye sync`: what it installs is unknown, never "nothing" (HUB201 and
    HUB202 would say jupyterhub and the server are missing)."""
    from conftest import lint_repo

    files = {
        "build.sh": f"#!/bin/bash\nset -e\n{command}\n",
        "pyproject.toml": '[project]\nname = "x"\nversion = "0"\ndependencies = ["jupyterhub==4.1.4"]\n',
        "Dockerfile": "FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN bash ./build.sh\nUSER 1000\n"
                      'CMD ["jupyterhub-singleuser"]\n',
    }
    assert not {f.code for f in lint_repo(files)} & {"HUB201", "HUB202"}


def test_hatch_env_create_installs_and_hatch_env_show_does_not():
    from conftest import lint_repo

    def found(command):
        files = {"Dockerfile": f"FROM python:3.11\nCOPY . /app\nWORKDIR /app\nRUN {command}\nUSER 1000\n"
                               'CMD ["jupyterhub-singleuser"]\n'}
        return {f.code for f in lint_repo(files)}

    assert not found("hatch env create") & {"HUB201", "HUB202"}
    assert {"HUB201", "HUB202"} <= found("hatch env show")
