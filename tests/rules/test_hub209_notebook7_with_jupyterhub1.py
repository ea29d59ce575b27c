import pytest
from conftest import codes

PY = "FROM python:3.9\nUSER 1000\nCMD [\"jupyterhub-singleuser\"]\n"


@pytest.mark.parametrize(("specs", "fires"), [
    ("'jupyterhub==1.5.0' 'notebook>=7'", True),
    ("'jupyterhub==1.5.0' notebook", True),
    ("'jupyterhub<2' 'notebook==7.0.6'", True),
    ("'jupyterhub==1.5.0' 'notebook<7'", False),
    ("'jupyterhub==2.3.1' notebook", False),
    ("'jupyterhub>=1.5' notebook", False),
    ("'jupyterhub==1.5.0' jupyterlab", False),
])
def test_pip(specs, fires):
    text = PY.replace("USER", f"RUN pip install {specs}\nUSER", 1)
    assert (("HUB209", 2) in codes(text)) is fires


def test_docker_stacks_base_with_notebook7_and_old_hub():
    assert ("HUB209", 2) in codes("FROM quay.io/jupyter/base-notebook:2024-01-08\n"
                                  "RUN pip install 'jupyterhub==1.5.0'\n")
    assert "HUB209" not in [c for c, _ in codes("FROM jupyter/base-notebook:2023-05-01\n"
                                                "RUN pip install 'jupyterhub==1.5.0'\n")]


def test_unpinned_notebook_without_upgrade_keeps_the_base():
    assert "HUB209" not in [c for c, _ in codes("FROM jupyterhub/singleuser:1.2\nRUN pip install notebook numpy\n")]
    assert ("HUB209", 1) in codes("FROM jupyterhub/singleuser:1.2\nRUN pip install -U notebook numpy\n")


def test_server_app_variable_silences():
    text = PY.replace("USER", "RUN pip install 'jupyterhub==1.5.0' notebook\n"
                              "ENV JUPYTERHUB_SINGLEUSER_APP=jupyter_server.serverapp.ServerApp\nUSER", 1)
    assert "HUB209" not in [c for c, _ in codes(text)]


def test_an_unpinned_notebook_on_a_python_older_than_3_8_is_a_6():
    """notebook 7 requires Python 3.8: on a 3.7 image pip picks a 6.x, which jupyterhub 1 starts."""
    for python, fires in (("3.7", False), ("3.8", True)):
        text = (f"FROM python:{python}\nUSER 1000\nCMD [\"jupyterhub-singleuser\"]\n"
                "RUN pip install 'jupyterhub==1.5.0' notebook\n")
        assert ("HUB209" in [c for c, _ in codes(text)]) is fires, python
    text = "FROM python:3.7\nUSER 1000\nRUN pip install 'jupyterhub==1.5.0' 'notebook>=7'\n"
    assert "HUB209" in [c for c, _ in codes(text)]  # pinned: as written
