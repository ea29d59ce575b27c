import pytest
from conftest import codes

TAIL = "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize("server", ["jupyterlab", "notebook", "jupyter-server", "jupyter_server", "nbclassic"])
def test_any_server_package(server):
    assert codes(f"FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0' {server}\n{TAIL}") == []


def test_conda_singleuser_brings_jupyterlab():
    text = f"FROM quay.io/jupyter/docker-stacks-foundation:2025-01-06\nRUN mamba install -y jupyterhub-singleuser=5.3.0\n{TAIL}"
    assert codes(text) == []


def test_fires():
    assert codes(f"FROM python:3.12\nRUN pip install 'jupyterhub==5.3.0'\n{TAIL}") == [("HUB202", 1)]


def test_old_jupyterhub_needs_classic_notebook():
    assert ("HUB202", 1) in codes(f"FROM python:3.6\nRUN pip install 'jupyterhub==1.1.0' jupyterlab\n{TAIL}")
    assert ("HUB202", 1) in codes(f"FROM python:3.6\nRUN pip install 'jupyterhub==1.1.0' notebook\n{TAIL}")
    assert codes(f"FROM python:3.6\nRUN pip install 'jupyterhub==1.1.0' 'notebook<7'\n{TAIL}") == []


def test_an_error_only_for_an_image_the_deployment_spawns():
    """As HUB201: a missing server breaks a spawn only when a Hub starts the image."""
    from conftest import alone_and_spawned

    lab = "FROM python:3.12-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.3.0'\nUSER 1000\n"
    assert alone_and_spawned(lab, "HUB202") == ([("info", "weak")], [("lab/Dockerfile", "error")])


def test_the_jupyter_metapackage_brings_a_server():
    """`pip install jupyter` installs notebook (and jupyterlab): the image has a server."""
    from conftest import codes

    text = "FROM python:3.12.8-slim\nRUN pip install --no-cache-dir 'jupyterhub==5.2.1' {pkg}\nUSER 1000\n"
    assert ("HUB202", 1) in codes(text.format(pkg="requests"))
    assert "HUB202" not in [c for c, _ in codes(text.format(pkg="jupyter"))]
