import pytest
from conftest import codes

TAIL = "USER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize(("base", "spec", "fires"), [
    ("python:3.7-slim", "'jupyterhub==5.3.0'", True),
    ("python:3.8", "'jupyterhub==5.3.0'", False),
    ("python:3.9", "'jupyterhub==6.1.1'", True),
    ("python:3.9", "'jupyterhub>=5'", False),
    ("python:3.7", "'jupyterhub>=5'", True),
    ("python:3.5", "jupyterhub", True),
    ("python:3.6", "jupyterhub", False),
    ("python:3.6", "'jupyterhub==1.5.0'", False),
])
def test_python_tag(base, spec, fires):
    text = f"FROM {base}\nRUN pip install --no-cache-dir {spec} 'notebook<7'\n{TAIL}"
    assert (("HUB105", 1) in codes(text)) is fires


def test_docker_stacks_old_commit_tag_and_hub_tag():
    assert ("HUB105", 1) in codes("FROM quay.io/jupyter/base-notebook:1aac87eb7fa5\n"
                                  "RUN pip install --no-cache-dir 'jupyterhub==5.3.0'\n")
    # python-3.7 builds ran on Docker Hub only (2022-10-09, docker-stacks 1aac87eb): quay.io never had the tag
    assert ("HUB105", 1) in codes("FROM jupyter/base-notebook:python-3.7\n"
                                  "RUN pip install --no-cache-dir 'jupyterhub==5.3.0'\n")


def test_conda_python_install_wins_and_is_the_anchor():
    text = ("FROM quay.io/jupyter/base-notebook:2025-01-06\n"
            "RUN mamba install --yes 'python=3.7' 'jupyterhub-singleuser=5.3.0'\n")
    assert ("HUB105", 2) in codes(text)


def test_unknown_python_is_silent():
    assert "HUB105" not in [c for c, _ in codes("FROM ubuntu:24.04\nRUN pip install 'jupyterhub==5.3.0'\n")]


def test_a_python_in_another_conda_environment_is_a_kernels_not_the_servers():
    """`conda create -n py2 python=2.7` makes a kernel's environment: the server's Python is that of the
    environment jupyterhub is installed into (here the base image's base environment)."""
    base = "FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN mamba install --yes 'jupyterhub-singleuser=5.3.0'\n"
    for create in ("conda create -y -n py2 python=2.7 ipykernel", "conda create -y -p $CONDA_DIR/envs/py2 python=2.7"):
        assert "HUB105" not in [c for c, _ in codes(f"{base}RUN {create}\n")]
    same_env = "FROM ubuntu:24.04\nRUN conda create -y -n hub python=3.7 'jupyterhub=5.3.0'\n"
    assert ("HUB105", 2) in codes(same_env)
    # the base environment's Python, whatever prefix the jupyterhub install names (--user, -p the conda root)
    for hub in ("pip install --user 'jupyterhub==5.3.0'", "conda install -y -p /opt/conda 'jupyterhub=5.3.0'",
                "pip install --prefix /usr/local 'jupyterhub==5.3.0'"):
        text = f"FROM quay.io/jupyter/base-notebook:2025-01-06\nRUN mamba install --yes 'python=3.5'\nRUN {hub}\n"
        assert ("HUB105", 2) in codes(text), hub
